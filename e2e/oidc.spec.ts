// Signing in through the institution (SPEC §10) in Chromium, against a real OpenID provider on
// loopback (oidc-provider, whose development login page takes any password for the login typed,
// here the account's `sub`), and two app servers: one with local sign-in too, one without.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { startTestProvider, TEST_CLIENT, testSigningKey, type TestAccount, type TestProvider } from "../scripts/lib/oidc-test-provider";
import { demoToken, freshDatabase, startServer, type RunningServer } from "../scripts/lib/server";
import { accountMenu } from "./helpers";
import { EVERY_IMAGE, IMAGES, NEWCOMER, pageRows, wrongPageAnswers, type ImageKind } from "./page-authorization";

const APP = `http://127.0.0.1:${E2E_PORT + 20}`;
const APP_WITHOUT_PASSWORDS = `http://127.0.0.1:${E2E_PORT + 21}`;
const PROVIDER_PORT = E2E_PORT + 22;
const NAME = "Test University";
const signingKey = testSigningKey();
const ACCOUNTS: TestAccount[] = [
  { sub: "newcomer-1", preferred_username: "nora.new", email: "nora@uni.example", name: "Nora New", groups: ["students"] },
  { sub: "returning-1", preferred_username: "rita", email: "rita@uni.example", name: "Rita Return" },
  { sub: "staff-1", preferred_username: "sam.staff", email: "sam@uni.example", name: "Sam Staff", groups: ["rc-staff"] },
  { sub: "leaving-1", preferred_username: "lee", email: "lee@uni.example", name: "Lee Leaving", groups: ["rc-staff"] },
  { sub: "signout-1", preferred_username: "otto", email: "otto@uni.example" },
  { sub: "pages-1", preferred_username: "paula", email: "paula@uni.example" },
  { sub: "pages-staff-1", preferred_username: "pat", email: "pat@uni.example", groups: ["rc-staff"] },
];

let provider: TestProvider;
let app: RunningServer;
let appWithoutPasswords: RunningServer;
let databaseFile: string;

const startProvider = () => startTestProvider({ port: PROVIDER_PORT, appUrls: [APP, APP_WITHOUT_PASSWORDS], accounts: ACCOUNTS.map((account) => ({ ...account })), signingKey });
const oidcEnv = (url: string, extra: Record<string, string> = {}) => ({
  NEXTAUTH_URL: url,
  OIDC_ISSUER: `http://127.0.0.1:${PROVIDER_PORT}`,
  OIDC_CLIENT_ID: TEST_CLIENT.id,
  OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
  OIDC_NAME: NAME,
  OIDC_STAFF_GROUPS: "rc-staff",
  ...extra,
});

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  provider = await startProvider();
  const databaseUrl = freshDatabase();
  databaseFile = databaseUrl.slice("file:".length);
  [app, appWithoutPasswords] = await Promise.all([
    startServer({ port: E2E_PORT + 20, databaseUrl, env: oidcEnv(APP) }),
    startServer({ port: E2E_PORT + 21, databaseUrl: freshDatabase(), env: oidcEnv(APP_WITHOUT_PASSWORDS, { LOCAL_SIGN_IN: "false" }) }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([app?.stop(), appWithoutPasswords?.stop(), provider?.close()]);
});

/** From the login page through the provider's login and consent pages, back to the app signed in. */
async function signInAtProvider(page: Page, sub: string, base = APP) {
  await page.goto(`${base}/login`);
  await throughProvider(page, sub, base);
}

/** Presses the institution's button on the login page shown, and signs in at the provider. */
async function throughProvider(page: Page, sub: string, base = APP) {
  await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
  await page.getByPlaceholder("Enter any login").fill(sub);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith("/login"));
}

// Next.js's route announcer is an empty alert of its own.
const loginAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

const userRow = (username: string) =>
  new Database(databaseFile, { readonly: true }).prepare("SELECT username, email, display_name AS name, is_staff AS staff FROM users WHERE username = ?").get(username) as
    | { username: string; email: string; name: string; staff: number }
    | undefined;

test("a new user signs in through the institution and gets an account", async ({ page }) => {
  await page.goto(`${APP}/login`);
  // The institution's button comes first, the local form below it.
  const buttons = await page.getByRole("button").allInnerTexts();
  expect(buttons.indexOf(`Sign in with ${NAME}`)).toBeLessThan(buttons.indexOf("Sign in"));
  await signInAtProvider(page, "newcomer-1");
  await expect(accountMenu(page, "nora.new")).toBeVisible();
  expect(userRow("nora.new")).toEqual({ username: "nora.new", email: "nora@uni.example", name: "Nora New", staff: 0 });
  // Back where the sign-in started from: a page that asked to sign in first.
  await page.context().clearCookies();
  await page.goto(`${APP}/requests`);
  await page.waitForURL(/\/login\?callbackUrl=/);
  await throughProvider(page, "newcomer-1");
  expect(new URL(page.url()).pathname).toBe("/requests");
});

test("the institution's button is refused when posted from another site", async ({ request }) => {
  const post = (origin: string) => request.post(`${APP}/login/oidc`, { form: { callbackUrl: "/" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect((await post("https://evil.example")).status()).toBe(403);
  const ours = await post(APP);
  expect(ours.status()).toBe(303);
  expect(ours.headers().location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PROVIDER_PORT}/auth\\?`));
});

test("a returning user is the same account, with the e-mail brought up to date", async ({ browser }) => {
  const first = await browser.newPage();
  await signInAtProvider(first, "returning-1");
  await expect(accountMenu(first, "rita")).toBeVisible();
  provider.accounts.get("returning-1")!.email = "rita.r@uni.example";
  const second = await browser.newPage();
  await signInAtProvider(second, "returning-1");
  await expect(accountMenu(second, "rita")).toBeVisible();
  expect(userRow("rita")).toMatchObject({ email: "rita.r@uni.example" });
  expect(userRow("rita-2")).toBeUndefined();
});

test("staff come from the group claim, and leave it at their next sign-in", async ({ browser }) => {
  const staff = await browser.newPage();
  await signInAtProvider(staff, "staff-1");
  await expect(staff.locator("summary", { hasText: "sam.staff" })).toContainText("staff");
  await staff.goto(`${APP}/admin/requests`);
  await expect(staff.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await staff.request.get(`${APP}/admin/requests`, { maxRedirects: 0 })).status()).toBe(200);

  const before = await browser.newPage();
  await signInAtProvider(before, "leaving-1");
  expect((await before.request.get(`${APP}/admin/requests`, { maxRedirects: 0 })).status()).toBe(200);
  provider.accounts.get("leaving-1")!.groups = ["alumni"];
  const after = await browser.newPage();
  await signInAtProvider(after, "leaving-1");
  expect((await after.request.get(`${APP}/admin/requests`, { maxRedirects: 0 })).status()).toBe(403);
  // The browser signed in before the change loses staff at its next request too.
  expect((await before.request.get(`${APP}/admin/requests`, { maxRedirects: 0 })).status()).toBe(403);
  // An operator who cannot wait for the next sign-in ends every session at once (README).
  const said = execFileSync("npm", ["run", "--silent", "user:sign-out", "--", "--username", "lee", "--revoke-tokens"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${databaseFile}` } });
  expect(said).toMatch(/^Ended 2 session\(s\) of lee and revoked 0 token\(s\)\./);
  expect((await after.request.get(`${APP}/admin/requests`, { maxRedirects: 0 })).status()).toBe(307);
});

test("the pages hold users made by the institution to the same rules", async ({ browser }) => {
  test.setTimeout(120_000);
  const support = await demoToken(APP, "support");
  const ids = {} as Record<ImageKind, string>;
  const all = (await (await fetch(`${APP}/api/v1/images?page_size=1000&include_end_dated=true`, { headers: { Authorization: `Token ${support}` } })).json()).results as { id: string; name: string }[];
  for (const [kind, name] of Object.entries(IMAGES) as [ImageKind, string][]) ids[kind] = all.find((image) => image.name === name)!.id;
  const aliceToken = await demoToken(APP, "alice");
  const aliceRequest = (await (await fetch(`${APP}/api/v1/image_requests?page_size=1`, { headers: { Authorization: `Token ${aliceToken}` } })).json()).results[0].id;

  const newcomer = await browser.newPage();
  await signInAtProvider(newcomer, "pages-1");
  const staff = await browser.newPage();
  await signInAtProvider(staff, "pages-staff-1");
  const wrong = [
    ...(await wrongPageAnswers(newcomer.request, pageRows(NEWCOMER, ids, aliceRequest).map(([path, status]) => [`${APP}${path}`, status]), "paula")),
    ...(await wrongPageAnswers(staff.request, pageRows({ signedIn: true, sees: EVERY_IMAGE, edits: EVERY_IMAGE, staff: true, requester: false }, ids, aliceRequest).map(([path, status]) => [`${APP}${path}`, status]), "pat")),
  ];
  expect(wrong).toEqual([]);
});

test("the user cancels at the provider: back on the login page, told so, not signed in", async ({ page }) => {
  await page.goto(`${APP}/login`);
  await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await page.waitForURL(`${APP}/login?error=Cancelled`);
  await expect(loginAlert(page)).toHaveText(`Signing in with ${NAME} was cancelled. You are not signed in.`);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("sign-out ends the provider's session too", async ({ page }) => {
  await signInAtProvider(page, "signout-1");
  await accountMenu(page, "otto").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  // The provider asks, then sends the browser back to the app's home page (the catalog).
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await page.waitForURL(`${APP}/images`);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  // Signing in again asks for the login at the provider: its session is gone.
  await page.goto(`${APP}/login`);
  await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
});

test("with LOCAL_SIGN_IN=false the local form is gone and password sign-in is refused", async ({ page, request }) => {
  await page.goto(`${APP_WITHOUT_PASSWORDS}/login`);
  await expect(page.getByRole("button", { name: `Sign in with ${NAME}` })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  const token = await request.post(`${APP_WITHOUT_PASSWORDS}/api/v1/auth/token`, { data: { username: "alice", password: "alice-demo", name: "x" } });
  expect(token.status()).toBe(403);
  expect((await token.json()).detail).toContain(NAME);
  const credentials = await request.post(`${APP_WITHOUT_PASSWORDS}/api/auth/callback/credentials`, { form: { username: "alice", password: "alice-demo" }, maxRedirects: 0 });
  expect(credentials.status()).toBe(403);
  await signInAtProvider(page, "newcomer-1", APP_WITHOUT_PASSWORDS);
  await expect(accountMenu(page, "nora.new")).toBeVisible();
});

test("with the provider down the login page says so, and local sign-in still works", async ({ page }) => {
  await provider.close();
  try {
    await page.goto(`${APP}/login`);
    await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
    await page.waitForURL(`${APP}/login?error=OAuthSignin`);
    await expect(loginAlert(page)).toContainText(`${NAME} could not be reached`);
    await page.goto(`${APP}/login`);
    await page.getByLabel("Username").fill("carol");
    await page.getByLabel("Password").fill("carol-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(accountMenu(page, "carol")).toBeVisible();
  } finally {
    provider = await startProvider();
  }
});
