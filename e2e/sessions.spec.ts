// Sessions end on the server: a cookie copied before signing out is worth nothing after it, and
// "Sign out everywhere" ends the sessions of the user's other browsers too.
import { expect, request as playwrightRequest, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { accountMenu, signIn } from "./helpers";

const SESSION_COOKIE = "next-auth.session-token";

/** A bare HTTP client holding only a copy of the browser's session cookie, as a thief would. */
async function withCopiedCookie(holder: BrowserContext | APIRequestContext, baseURL: string) {
  const cookie = (await holder.storageState()).cookies.find((candidate) => candidate.name === SESSION_COOKIE)!;
  expect(cookie).toBeDefined();
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Cookie: `${SESSION_COOKIE}=${cookie.value}` } });
}

test("a session cookie copied before sign-out is refused after it, on the API and on pages", async ({ page, baseURL }) => {
  await signIn(page, "carol");
  // The cookie lives as long as the longest session may: two weeks (the server ends it sooner when idle).
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === SESSION_COOKIE)!;
  expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(14 * 24 * 3600 * 1000 - 120_000);
  expect(cookie.expires * 1000 - Date.now()).toBeLessThanOrEqual(14 * 24 * 3600 * 1000);
  const thief = await withCopiedCookie(page.context(), baseURL!);
  expect((await thief.get("/api/v1/identities")).status()).toBe(200);

  await accountMenu(page, "carol").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  expect((await thief.get("/api/v1/identities")).status()).toBe(401);
  const tokens = await thief.get("/settings/tokens", { maxRedirects: 0 });
  expect(tokens.status()).toBe(307);
  expect(tokens.headers().location).toMatch(/^\/login\?callbackUrl=/);
  expect(await (await thief.get("/api/auth/session")).json()).toEqual({});
  await thief.dispose();
});

test("sign out everywhere ends the sessions of every browser", async ({ browser, baseURL }) => {
  const [laptop, labComputer] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [first, second] = await Promise.all([laptop.newPage(), labComputer.newPage()]);
  await signIn(first, "bob");
  await signIn(second, "bob");
  await second.goto("/settings/tokens");
  // Two at least: other tests may have left bob signed in elsewhere.
  await expect(second.getByText(/You are signed in on ([2-9]|\d\d+) browsers/)).toBeVisible();

  await first.goto("/settings/tokens");
  await first.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(first).toHaveURL(/\/login$/);

  await second.reload();
  await expect(second).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Ftokens$/);
  const thief = await withCopiedCookie(labComputer, baseURL!);
  expect((await thief.get("/api/v1/identities")).status()).toBe(401);
  await Promise.all([laptop.close(), labComputer.close(), thief.dispose()]);
});

test("next-auth's endpoints for scripts: sign-in opens a session, sign-out ends it for every copy", async ({ baseURL }) => {
  const client = await playwrightRequest.newContext({ baseURL });
  const csrf = async () => ((await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const signedIn = await client.post("/api/auth/callback/credentials", { form: { csrfToken: await csrf(), username: "alice", password: "alice-demo", json: "true" } });
  expect(signedIn.ok()).toBe(true);
  expect((await (await client.get("/api/auth/session")).json()).user.name).toBe("alice");
  const copy = await withCopiedCookie(client, baseURL!);
  expect((await copy.get("/api/v1/identities")).status()).toBe(200);

  const signedOut = await client.post("/api/auth/signout", { form: { csrfToken: await csrf(), callbackUrl: "//evil.example/", json: "true" } });
  expect(((await signedOut.json()) as { url: string }).url).toBe("/");
  expect((await copy.get("/api/v1/identities")).status()).toBe(401);
  await Promise.all([client.dispose(), copy.dispose()]);
});
