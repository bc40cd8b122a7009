import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "../http/proxy-trust";
import { safeReturnPath } from "../http/safe-return";
import { verifyCredentials } from "./credentials";
import { authSecret } from "./secret";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS, secureCookies, sessionCookieName, sessionCookieOptions, viewerOfSession } from "./session";

const SESSION_ENDED = "This session has ended.";

/** next-auth serves /api/auth/* (session, csrf, sign-in for scripted clients, sign-out) with these. */
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  useSecureCookies: secureCookies(),
  cookies: { sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() } },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Atmosphere account",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const address = clientAddress(new Headers(request.headers as Record<string, string>));
        const user = await verifyCredentials(credentials?.username ?? "", credentials?.password ?? "", address);
        return user ? { id: String(user.id), name: user.username, isStaff: user.isStaff } : null;
      },
    }),
  ],
  callbacks: {
    // Sign-in opens a session row; every later read of the session checks it is still live, and
    // throwing here makes next-auth answer "no session" and clear the cookie.
    async jwt({ token, user }) {
      if (user) return { ...token, isStaff: (user as { isStaff?: boolean }).isStaff ?? false, sid: await openSession(Number(user.id)) };
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
