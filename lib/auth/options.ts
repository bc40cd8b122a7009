import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "../http/proxy-trust";
import { safeReturnPath } from "../http/safe-return";
import { verifyCredentials } from "./credentials";
import { userForOidcSignIn } from "./oidc/external-accounts";
import { oidcProvider, type OidcProfile } from "./oidc/provider";
import { localSignInEnabled, OIDC_PROVIDER_ID, oidcSettings } from "./oidc/settings";
import { authSecret } from "./secret";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS, secureCookies, sessionCookieName, sessionCookieOptions, viewerOfSession } from "./session";
import type { Viewer } from "./viewer";

const SESSION_ENDED = "This session has ended.";

const credentialsProvider = CredentialsProvider({
  name: "Atmosphere account",
  credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, request) {
    const address = clientAddress(new Headers(request.headers as Record<string, string>));
    const user = await verifyCredentials(credentials?.username ?? "", credentials?.password ?? "", address);
    return user ? { id: String(user.id), name: user.username, isStaff: user.isStaff } : null;
  },
});

/** The token of a new session of `user`; `idToken`: signed in through the institution (see openSession). */
const sessionToken = async (user: Viewer, idToken: string | null = null): Promise<JWT> => ({
  sub: String(user.id),
  name: user.username,
  isStaff: user.isStaff,
  sid: await openSession(user.id, idToken),
});

/**
 * next-auth serves /api/auth/* (session, csrf, sign-in for scripted clients and through the
 * institution, sign-out) with these. Built per request from the environment (SPEC §10).
 */
export function authOptions(): NextAuthOptions {
  const oidc = oidcSettings();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies(),
    cookies: { sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() } },
    // next-auth's own pages are never shown: a failed sign-in comes back to ours, with ?error=.
    pages: { signIn: "/login", error: "/login" },
    providers: [...(localSignInEnabled() ? [credentialsProvider] : []), ...(oidc ? [oidcProvider(oidc)] : [])],
    callbacks: {
      // Sign-in opens a session row; every later read of the session checks it is still live, and
      // throwing here makes next-auth answer "no session" and clear the cookie.
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && oidc) {
          // The issuer is the ID token's, which openid-client checked against discovery.
          const claims = profile as OidcProfile;
          return sessionToken(await userForOidcSignIn(claims.iss, claims, oidc.staffGroups), account.id_token ?? null);
        }
        if (user) return sessionToken({ id: Number(user.id), username: String(user.name), isStaff: (user as { isStaff?: boolean }).isStaff ?? false });
        if (!(await viewerOfSession(token.sid))) throw new Error(SESSION_ENDED);
        return token;
      },
      // Only back to pages of this site, whatever callbackUrl says.
      redirect: ({ url }) => safeReturnPath(url),
    },
    logger: {
      // An ended session read through /api/auth/session is the expected way out, not an error.
      error(code, metadata) {
        if (!(code === "JWT_SESSION_ERROR" && (metadata as { message?: string })?.message === SESSION_ENDED)) console.error(`next-auth ${code}`, metadata);
      },
    },
    events: {
      async signOut({ token }) {
        await endSession(token?.sid);
      },
    },
  };
}
