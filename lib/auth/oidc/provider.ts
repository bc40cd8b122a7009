import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { OIDC_PROVIDER_ID, type OidcSettings } from "./settings";
import type { OidcClaims } from "./external-accounts";

/** How long a call to the provider may take before the sign-in says it cannot be reached. */
const PROVIDER_TIMEOUT_MS = 10_000;

export type OidcProfile = OidcClaims & { sub: string; iss: string };

/**
 * next-auth's OAuth provider, as OpenID Connect (SPEC §10): the endpoints come from discovery,
 * the authorization code flow runs with PKCE, `state` and `nonce`, and openid-client (under
 * next-auth) checks the ID token's signature against the provider's keys, its issuer, audience,
 * expiry and nonce. Nothing of that is done by hand here.
 */
export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid profile email" } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    httpOptions: { timeout: PROVIDER_TIMEOUT_MS },
    userinfo: {
      // Many providers (Keycloak among them) put `groups`, and sometimes the e-mail, only in
      // the userinfo answer. It is read with the verified tokens (openid-client checks that its
      // `sub` is the ID token's), and the ID token's own claims win over it.
      async request({ tokens, client }) {
        // next-auth passes openid-client's TokenSet, typed as the plain parameters it is made from.
        const tokenSet = tokens as TokenSet;
        const claims = tokenSet.claims();
        if (!client.issuer.metadata.userinfo_endpoint) return claims;
        return { ...(await client.userinfo(tokenSet)), ...claims };
      },
    },
    profile: (profile) => ({ id: profile.sub }),
  };
}
