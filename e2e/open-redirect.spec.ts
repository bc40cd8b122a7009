// Every return path that comes from input, tried with the payloads attackers use: in Chromium
// the user ends up on this site, never on another.
import { expect, test } from "@playwright/test";
import { OPEN_REDIRECT_PAYLOADS } from "../tests/open-redirect-payloads";
import { formFields } from "./helpers";

test("signing in on /login?callbackUrl=… never leaves the site", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  for (const payload of OPEN_REDIRECT_PAYLOADS) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(payload)}`);
    await page.getByLabel("Username").fill("carol");
    await page.getByLabel("Password").fill("carol-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin, JSON.stringify(payload)).toBe(origin);
  }
});

test("the sign-in form posted with a hostile callbackUrl (no JavaScript) redirects on the site", async ({ request, baseURL }) => {
  const fields = await formFields(request, "/login");
  for (const payload of OPEN_REDIRECT_PAYLOADS) {
    const answer = await request.post("/login", { multipart: { ...fields, username: "carol", password: "carol-demo", callbackUrl: payload }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(answer.status()).toBe(303);
    expect(new URL(answer.headers().location, baseURL).origin, JSON.stringify(payload)).toBe(new URL(baseURL!).origin);
  }
});

test("next-auth's sign-in and sign-out keep callbackUrl on the site", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const payload of OPEN_REDIRECT_PAYLOADS.slice(0, 40)) {
    const signIn = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(payload)}`, { maxRedirects: 0 });
    const target = new URL(signIn.headers().location, baseURL);
    expect(target.origin).toBe(origin);
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const signOut = await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: payload }, maxRedirects: 0 });
    expect(new URL(signOut.headers().location, baseURL).origin, JSON.stringify(payload)).toBe(origin);
  }
});
