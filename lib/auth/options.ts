import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress, verifyCredentials } from "./credentials";
import { authSecret } from "./secret";
import { SESSION_MAX_AGE_SECONDS, secureCookies, sessionCookieName, sessionCookieOptions } from "./session";

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
    jwt({ token, user }) {
      if (user) token.isStaff = (user as { isStaff?: boolean }).isStaff ?? false;
      return token;
    },
  },
};
