// A real OpenID Provider on loopback for the tests of the sign-in through the institution
// (SPEC §10): the `oidc-provider` package (OpenID-certified), with its development login page,
// which takes any password for the login name typed. The accounts are the test's to change
// between sign-ins (a new e-mail, a group taken away).
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export interface TestAccount {
  sub: string;
  preferred_username?: string;
  email?: string;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  /** By `sub`, which is also the login name typed on the provider's login page. */
  accounts: Map<string, TestAccount>;
  /** The private signing key, for tests that forge what the provider signs. */
  signingKey: JsonWebKey & { kid: string };
  close(): Promise<void>;
}

export const TEST_CLIENT = { id: "atmosphere-images", secret: "test-client-secret" };

/** A fresh RSA signing key in JWK form. */
export function testSigningKey(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" } as JsonWebKey & { kid: string };
}

export async function startTestProvider(options: {
  port: number;
  /** The public issuer (a proxy in front of it, for forging tests); default http://127.0.0.1:<port>. */
  issuer?: string;
  /** The app's public URL: its callback and sign-out return are registered. */
  appUrls: string[];
  accounts: TestAccount[];
  signingKey?: JsonWebKey & { kid: string };
}): Promise<TestProvider> {
  const issuer = options.issuer ?? `http://127.0.0.1:${options.port}`;
  const signingKey = options.signingKey ?? testSigningKey();
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: options.appUrls.map((url) => `${url}/api/auth/callback/oidc`),
        post_logout_redirect_uris: options.appUrls.map((url) => `${url}/`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username", "groups"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    // Set, so that the provider does not warn about its defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // The login name typed on the development login page is the account's `sub`.
    async findAccount(_context, sub) {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: async () => ({ ...account, email_verified: true }) };
    },
  });
  // Its development pages warn that they are for development; they are, here.
  provider.on("server_error", (_context, error) => console.error("test OpenID provider:", error));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, "127.0.0.1", resolve));
  return {
    issuer,
    accounts,
    signingKey,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
