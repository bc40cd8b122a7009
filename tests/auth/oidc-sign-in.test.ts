// Signing in through the institution (SPEC §10), against a real OpenID provider on loopback with
// an attacker's proxy in front of it: what is accepted, and every forgery that must be refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as identities from "@/app/api/v1/identities/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { handleAuthRequest } from "@/lib/auth/next-auth-route";
import { providerSignOutUrl } from "@/lib/auth/oidc/sign-out";
import { startOidcSignIn } from "@/lib/auth/oidc/start-sign-in";
import { encodeSession, endSession, openSession, sessionCookieName, viewerOfSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { startTestProvider, TEST_CLIENT, type TestProvider } from "../../scripts/lib/oidc-test-provider";
import { call } from "../http";
import { PASSWORD, seedFixture, type Fixture } from "../fixtures";
import { authorizeAtProvider, beginSignIn, CookieJar, finishSignIn, signInThroughProvider } from "../oidc-flow";
import { startForgingProxy, type ForgingProxy } from "../oidc-forging-proxy";

const PROVIDER_PORT = 14810;
const PROXY_PORT = 14811;
const APP_URL = "http://127.0.0.1:14812"; // never listened on: the tests play the browser
const ISSUER = `http://127.0.0.1:${PROXY_PORT}`;

let provider: TestProvider;
let proxy: ForgingProxy;
let world: Fixture;

beforeAll(async () => {
  world = await seedFixture();
  Object.assign(process.env, {
    NEXTAUTH_URL: APP_URL,
    OIDC_ISSUER: ISSUER,
    OIDC_CLIENT_ID: TEST_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    OIDC_NAME: "Test University",
    OIDC_STAFF_GROUPS: "research-computing,/admins",
  });
  provider = await startTestProvider({
    port: PROVIDER_PORT,
    issuer: ISSUER,
    appUrls: [APP_URL],
    accounts: [
      { sub: "u-1001", preferred_username: "Zoë Müller", email: "zoe@uni.example", name: "Zoë Müller", groups: ["students"] },
      { sub: "u-1002", preferred_username: "rcadmin", email: "rc@uni.example", name: "RC Admin", groups: ["/admins"] },
      // Same username and e-mail as the local user alice: a different person as far as we know.
      { sub: "u-1003", preferred_username: "alice", email: "alice@example.org", name: "Another Alice" },
      { sub: "u-1004", preferred_username: "mallory", email: "mallory@uni.example" },
    ],
  });
  proxy = await startForgingProxy({ port: PROXY_PORT, target: PROVIDER_PORT, signingKey: provider.signingKey });
});
afterEach(() => {
  proxy.forgery = null;
  process.env.LOCAL_SIGN_IN = "";
});
afterAll(async () => {
  await proxy?.close();
  await provider?.close();
  for (const name of ["NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "OIDC_STAFF_GROUPS", "LOCAL_SIGN_IN"]) delete process.env[name];
});

const userOf = async (sessionId: string | null) => (sessionId ? viewerOfSession(sessionId) : null);
const linkedUser = (subject: string) =>
  db.externalAccount.findUnique({ where: { issuer_subject: { issuer: ISSUER, subject } }, select: { user: { select: { username: true, email: true, displayName: true, isStaff: true, passwordHash: true } } } });

describe("a sign-in through the institution", () => {
  it("creates the account on the first sign-in, linked by issuer and sub, with a cleaned username", async () => {
    const result = await signInThroughProvider("u-1001", "/images?tag=Genomics");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/images?tag=Genomics");
    const viewer = await userOf(result.sessionId);
    expect(viewer).toMatchObject({ username: "zoe_muller", isStaff: false });
    expect(await linkedUser("u-1001")).toMatchObject({ user: { username: "zoe_muller", email: "zoe@uni.example", displayName: "Zoë Müller", passwordHash: "" } });
  });

  it("finds the same account again, and brings e-mail, name and the staff flag up to date", async () => {
    const first = await userOf((await signInThroughProvider("u-1002")).sessionId);
    expect(first).toMatchObject({ username: "rcadmin", isStaff: true });
    Object.assign(provider.accounts.get("u-1002")!, { email: "rc-new@uni.example", name: "RC Lead", groups: ["staff-alumni"] });
    const again = await userOf((await signInThroughProvider("u-1002")).sessionId);
    expect(again).toEqual({ ...first, isStaff: false });
    expect(await linkedUser("u-1002")).toMatchObject({ user: { email: "rc-new@uni.example", displayName: "RC Lead", isStaff: false } });
    // A staff flag taken away counts at the next request of a session opened before.
    expect((await userOf((await db.session.findFirst({ where: { userId: first!.id }, orderBy: { createdAt: "asc" } }))!.id))?.isStaff).toBe(false);
  });

  it("never takes over a local user with the same username or e-mail", async () => {
    const viewer = await userOf((await signInThroughProvider("u-1003")).sessionId);
    expect(viewer!.id).not.toBe(world.users.alice.id);
    expect(viewer!.username).toBe("alice-2");
    const alice = await db.user.findUniqueOrThrow({ where: { id: world.users.alice.id }, select: { email: true, displayName: true, externalAccounts: true } });
    expect(alice).toEqual({ email: "alice@example.org", displayName: "alice", externalAccounts: [] });
    // Nor can the new account sign in with a password, whatever is tried.
    for (const password of ["", PASSWORD, "any password"]) {
      expect((await call(tokenRoute.POST, "/api/v1/auth/token", { method: "POST", body: { username: "alice-2", password, name: "x" } })).status).not.toBe(201);
    }
  });

  it("gives the account API tokens that work like anyone's", async () => {
    const viewer = await userOf((await signInThroughProvider("u-1001")).sessionId);
    const { token } = await createApiToken(viewer!.id, "laptop");
    expect((await call(identities.GET, "/api/v1/identities", { token })).status).toBe(200);
  });

  it("ends the session the browser had before", async () => {
    const app = new CookieJar();
    const old = await encodeSession({ id: world.users.carol.id, username: "carol", isStaff: false });
    app.cookies.set(sessionCookieName(), old);
    const oldId = (await db.session.findFirstOrThrow({ where: { userId: world.users.carol.id }, orderBy: { createdAt: "desc" } })).id;
    const result = await finishSignIn(app, await authorizeAtProvider(await beginSignIn(app), "u-1004"));
    expect(await userOf(result.sessionId)).toMatchObject({ username: "mallory" });
    expect(await viewerOfSession(oldId)).toBeNull();
  });
});

describe("what is refused", () => {
  const refused = async (result: { status: number; location: string; sessionId: string | null }) => {
    expect(result.sessionId).toBeNull();
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/\/api\/auth\/error\?error=OAuthCallback$|^\/login\?error=/);
  };

  it("a forged state", async () => {
    const app = new CookieJar();
    const callback = new URL(await authorizeAtProvider(await beginSignIn(app), "u-1004"));
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    await refused(await finishSignIn(app, callback.toString()));
  });

  it("a callback replayed, by the same browser or another one", async () => {
    const app = new CookieJar();
    const callback = await authorizeAtProvider(await beginSignIn(app), "u-1004");
    const cookies = new Map(app.cookies);
    expect((await finishSignIn(app, callback)).sessionId).not.toBeNull();
    const replay = new CookieJar();
    for (const [name, value] of cookies) if (name !== sessionCookieName()) replay.cookies.set(name, value);
    await refused(await finishSignIn(replay, callback));
    // Another browser: no state cookie of its own to match.
    const other = new CookieJar();
    await beginSignIn(other);
    await refused(await finishSignIn(other, await authorizeAtProvider(await beginSignIn(new CookieJar()), "u-1004")));
  });

  const forged: [string, Record<string, unknown>, boolean | "none"][] = [
    ["an ID token with another nonce", { nonce: "not-the-nonce-we-sent" }, true],
    ["an ID token from another issuer", { iss: "http://127.0.0.1:14899" }, true],
    ["an ID token for another audience", { aud: "another-client" }, true],
    ["an ID token that has expired", { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, true],
    ["an ID token whose signature does not match (another sub)", { sub: "u-1002" }, false],
    ["an unsigned ID token (alg none)", { sub: "u-1002" }, "none"],
  ];
  for (const [what, claims, resign] of forged) {
    it(what, async () => {
      proxy.forgery = { claims, resign };
      const before = await db.user.count();
      await refused(await signInThroughProvider("u-1004"));
      expect(await db.user.count()).toBe(before);
    });
  }

  it("the token endpoint's answer passes when nothing is forged (the proxy itself changes nothing)", async () => {
    proxy.forgery = { claims: {}, resign: true };
    expect((await signInThroughProvider("u-1004")).sessionId).not.toBeNull();
  });
});

describe("when the provider cannot be reached, or the user cancels", () => {
  it("an unreachable provider sends the browser back to the login page, saying so", async () => {
    process.env.OIDC_ISSUER = "http://127.0.0.1:14899";
    try {
      const response = await startOidcSignIn("/images");
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/login?error=OAuthSignin&callbackUrl=%2Fimages");
    } finally {
      process.env.OIDC_ISSUER = ISSUER;
    }
  });

  it("cancelling at the provider comes back as 'Cancelled', with no session", async () => {
    const app = new CookieJar();
    await beginSignIn(app, "/requests");
    const response = await handleAuthRequest(new Request(`${APP_URL}/api/auth/callback/oidc?error=access_denied&state=x`, { headers: { Cookie: app.header() } }), ["callback", "oidc"]);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?error=Cancelled&callbackUrl=%2Frequests");
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith(sessionCookieName()))).toBe(false);
  });

  it("sign-out goes on to the provider's end_session_endpoint with the session's ID token, and the way back", async () => {
    const { sessionId } = await signInThroughProvider("u-1004");
    const idToken = await endSession(sessionId);
    expect(idToken?.split(".")).toHaveLength(3);
    expect(await endSession(sessionId)).toBeNull(); // ended once
    const url = new URL((await providerSignOutUrl(idToken!))!);
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}/session/end`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: TEST_CLIENT.id, id_token_hint: idToken, post_logout_redirect_uri: `${APP_URL}/` });
    const page = await fetch(url);
    expect(page.status).toBe(200); // the provider's "Do you want to sign out?" page: it accepted the hint and the return address
    // A local session has no ID token: only the session here ends.
    expect(await endSession(await openSession(world.users.carol.id))).toBeNull();
  });
});

describe("next-auth's error page", () => {
  it("is never shown: its code goes to the login page, encoded, whatever it is", async () => {
    for (const code of ["OAuthCallback", "\r\nSet-Cookie: x=1", "ünïcode ✓"]) {
      const response = await handleAuthRequest(new Request(`${APP_URL}/api/auth/error?error=${encodeURIComponent(code)}`), ["error"]);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/login?${new URLSearchParams({ error: code })}`);
    }
  });
});

describe("LOCAL_SIGN_IN=false", () => {
  it("refuses every password sign-in with a 403 that says how to sign in", async () => {
    process.env.LOCAL_SIGN_IN = "false";
    const token = await call(tokenRoute.POST, "/api/v1/auth/token", { method: "POST", body: { username: "carol", password: PASSWORD, name: "x" } });
    expect(token.status).toBe(403);
    expect(token.body.detail).toMatch(/turned off.*Test University/);
    for (const segments of [["callback", "credentials"], ["signin", "credentials"]]) {
      const response = await handleAuthRequest(
        new Request(`${APP_URL}/api/auth/${segments.join("/")}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username: "carol", password: PASSWORD }) }),
        segments,
      );
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
    // The provider's sign-in still works.
    expect((await signInThroughProvider("u-1004")).sessionId).not.toBeNull();
  });
});
