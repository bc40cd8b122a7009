import { expect, test } from "@playwright/test";
import { accountMenu, npmRun } from "./helpers";

test("the API answers as the seed shows, on the demo catalog", async ({ request }) => {
  const response = await request.get("/api/v1/images?page_size=5");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/json");
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["count", "next", "previous", "results"]);
  expect(body.count).toBeGreaterThan(15);
  expect(body.next).toMatch(/\/api\/v1\/images\?page_size=5&page=2$/);
  expect(Object.keys(body.results[0])).toEqual(["id", "icon", "created_by", "name", "tags", "description", "start_date", "end_date", "private", "versions"]);
  expect(body.results.every((image: { private: boolean }) => !image.private)).toBe(true);
});

test("errors are problem+json over real HTTP, also for unknown paths and methods", async ({ request }) => {
  const missing = await request.get("/api/v1/nothing-here");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toBe("application/problem+json");
  const method = await request.delete("/api/v1/images");
  expect(method.status()).toBe(405);
  expect(method.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  const unquoted = await request.patch("/api/v1/images/bdc31c14-f807-11e3-8ef5-b2227cce2b54", {
    headers: { "Content-Type": "application/json" },
    data: "{ name: 1 }",
  });
  expect(unquoted.status()).toBe(401);
});

test("npm run user:create makes an account that can sign in to the API", async ({ request }) => {
  npmRun("user:create", "--", "--username", "dora", "--email", "dora@example.org", "--password", "dora-password");
  const token = npmRun("token:create", "--", "--username", "dora");
  const identities = await request.get("/api/v1/identities", { headers: { Authorization: `Token ${token}` } });
  expect(identities.status()).toBe(200);
  expect((await identities.json()).count).toBe(0);
});

test("a token made with npm run token:create works, Token and Bearer alike", async ({ request }) => {
  const token = npmRun("token:create", "--", "--username", "alice", "--name", "e2e");
  const anonymous = (await (await request.get("/api/v1/images?page_size=1000")).json()).count;
  for (const scheme of ["Token", "Bearer"]) {
    const mine = await request.get("/api/v1/images?page_size=1000", { headers: { Authorization: `${scheme} ${token}` } });
    expect(mine.status()).toBe(200);
    expect((await mine.json()).count).toBeGreaterThan(anonymous);
  }
  const bad = await request.get("/api/v1/images", { headers: { Authorization: "Token nope" } });
  expect(bad.status()).toBe(401);
});

test("signing in on /login gives the browser a session the API honours; signing out ends it", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("That username and password do not match an account.");

  await page.getByLabel("Password").fill("alice-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(accountMenu(page, "alice")).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const signedIn = await page.request.get("/api/v1/images?search=alice&page_size=100");
  expect((await signedIn.json()).results.some((image: { private: boolean }) => image.private)).toBe(true);
  const session = await page.request.get("/api/auth/session");
  expect((await session.json()).user.name).toBe("alice");

  await accountMenu(page, "alice").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const after = await page.request.get("/api/v1/images?search=alice&page_size=100");
  expect((await after.json()).results.some((image: { private: boolean }) => image.private)).toBe(false);
});

test("the sign-in form works with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill("bob");
  await page.getByLabel("Password").fill("bob-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(accountMenu(page, "bob")).toBeVisible();
  await context.close();
});
