/**
 * Signing in through the institution (SPEC §10), configured only by the environment. Read at
 * every use, not once at import, so that a test can run the app both ways; `scripts/serve.ts`
 * reads it at start so that a mistake stops the start instead of failing sign-ins.
 */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcSettings {
  /** The issuer as configured; discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's label: "Sign in with <name>". */
  name: string;
  /** Values of the `groups` claim that make a user staff; empty: the staff flag is not managed by the provider. */
  staffGroups: string[];
}

type Environment = Record<string, string | undefined>;

export function oidcSettings(env: Environment = process.env): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return null;
  let url: URL | null = null;
  try {
    url = new URL(issuer);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash || url.username) {
    throw new Error(`OIDC_ISSUER must be the provider's issuer URL, such as https://keycloak.example.edu/realms/research (got "${issuer}")`);
  }
  const missing = ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"].filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new Error(`OIDC_ISSUER is set, so ${missing.join(" and ")} must be set too (the client registered at the provider).`);
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId: env.OIDC_CLIENT_ID!.trim(),
    clientSecret: env.OIDC_CLIENT_SECRET!.trim(),
    name: env.OIDC_NAME?.trim() || "your institution",
    staffGroups: (env.OIDC_STAFF_GROUPS ?? "")
      .split(",")
      .map((group) => group.trim())
      .filter(Boolean),
  };
}

/** Username and password sign-in: on unless LOCAL_SIGN_IN=false. */
export function localSignInEnabled(env: Environment = process.env): boolean {
  const value = env.LOCAL_SIGN_IN?.trim().toLowerCase();
  if (!value || value === "true") return true;
  if (value === "false") return false;
  throw new Error(`LOCAL_SIGN_IN must be true or false (got "${env.LOCAL_SIGN_IN}")`);
}

/** Checked when the server starts: settings that would leave nobody a way in, or sign-ins failing. */
export function checkSignInSettings(env: Environment = process.env): void {
  const oidc = oidcSettings(env);
  if (!localSignInEnabled(env) && !oidc) throw new Error("LOCAL_SIGN_IN=false turns off the only way to sign in: set OIDC_ISSUER too.");
  // next-auth builds the redirect URI from NEXTAUTH_URL; without it the provider would send people to localhost.
  if (oidc && !env.NEXTAUTH_URL?.trim()) {
    throw new Error("OIDC_ISSUER is set but NEXTAUTH_URL is not: set it to the public URL, whose /api/auth/callback/oidc is the redirect URI registered at the provider.");
  }
}
