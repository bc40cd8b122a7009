import { execFileSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_APP_DIR, E2E_DATABASE_URL } from "../playwright.config";

/** The demo accounts' passwords are their username followed by "-demo" (see the README). */
export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}-demo`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Off the sign-in page first: signed in already, the menu shows before the new session is set.
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(accountMenu(page, username)).toBeVisible();
}

/** Runs one of the package's npm scripts against the end-to-end database. */
export function npmRun(...args: string[]): string {
  return execFileSync("npm", ["run", "--silent", ...args], {
    cwd: E2E_APP_DIR,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
}

const tokens = new Map<string, string>();
/** An API token for a demo user, made once per run with `npm run token:create`. */
export function tokenFor(username: string): string {
  if (!tokens.has(username)) tokens.set(username, npmRun("token:create", "--", "--username", username, "--name", "e2e"));
  return tokens.get(username)!;
}

export interface ApiImage {
  id: string;
  name: string;
  private: boolean;
  tags: string[];
  end_date: string | null;
  description: string;
}

/** Images through the API, as a user (or anonymous) sees them. */
export async function apiImages(request: APIRequestContext, query = "", username?: string): Promise<{ count: number; results: ApiImage[] }> {
  const headers = username ? { Authorization: `Token ${tokenFor(username)}` } : undefined;
  const response = await request.get(`/api/v1/images?page_size=1000&${query}`, { headers });
  expect(response.status()).toBe(200);
  return response.json();
}

export async function imageNamed(request: APIRequestContext, name: string, username = "support"): Promise<ApiImage> {
  const { results } = await apiImages(request, "include_end_dated=true", username);
  const image = results.find((candidate) => candidate.name === name);
  if (!image) throw new Error(`no demo image named ${name}`);
  return image;
}

/** The names on the catalog's result cards (not the Featured shelf). */
export const cardNames = (page: Page) => page.getByRole("list", { name: "Images" }).getByRole("heading", { level: 3 }).allInnerTexts();

/** The header's account menu (a disclosure), named for the signed-in user. */
export const accountMenu = (page: Page, username: string) => page.locator("summary", { hasText: username });

/** A form of a page as a browser without JavaScript would send it, hidden fields and all. */
export async function formFields(request: APIRequestContext, path: string): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const form = /<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1];
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) fields[name] = (value ?? "").replace(/&quot;/g, '"');
  return fields;
}

/** An HTTP client with a demo user's session cookie, signed in through the login form. */
export async function sessionFor(baseURL: string, username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const fields = { ...(await formFields(context, "/login")), username, password: `${username}-demo` };
  const response = await context.post("/login", { multipart: fields, headers: { Origin: baseURL }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  return context;
}

/** A 1×1 PNG. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** Uploads an icon on the image's edit page (the signed-in user must be allowed to edit it). */
export async function uploadIcon(page: Page, imageId: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(`/images/${imageId}/edit`);
  await page.getByLabel(/PNG, JPEG or WebP/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload icon" }).click();
}

/** POST /auth/token from a loopback address of our choosing (`from`), with whatever headers a client may make up; the answer's status. */
export function signInFrom(url: string, from: string, username: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${url}/api/v1/auth/token`, { method: "POST", localAddress: from, headers: { "Content-Type": "application/json", ...headers } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    call.on("error", reject);
    call.end(JSON.stringify({ username, password, name: "e2e sign-in" }));
  });
}
