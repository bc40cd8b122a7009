import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_SERVER_LOG } from "../playwright.config";
import { imageNamed, sessionFor, tokenFor } from "./helpers";

// The anonymous catalog page is answered from memory while the catalog holds still
// (lib/http/page-cache.ts): these pin what that must never change.

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];

async function pageCacheHits(request: APIRequestContext): Promise<number> {
  const metrics = await (await request.get("/api/metrics")).text();
  return Number(/atmosphere_page_cache_total\{result="hit"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

async function anonymousPage(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  const csp = response.headers()["content-security-policy"];
  return { headers: response.headers(), nonce: nonceOf(csp), html: await response.text() };
}

test("a remembered page is the rendered one with a nonce of its own, in the header and on every script", async ({ request }) => {
  // A query no other spec asks for: the first answer is rendered here.
  const path = "/images?tag=GPU&page_size=7";
  const hits = await pageCacheHits(request);
  const rendered = await anonymousPage(request, path);
  const remembered = await anonymousPage(request, path);
  expect(await pageCacheHits(request)).toBeGreaterThan(hits);

  expect(remembered.nonce).not.toBe(rendered.nonce);
  expect(remembered.html).not.toContain(rendered.nonce);
  expect(remembered.html.replaceAll(remembered.nonce, "NONCE")).toBe(rendered.html.replaceAll(rendered.nonce, "NONCE"));
  const scripts = remembered.html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${remembered.nonce}"`);
  // The same headers, security headers included, but the answer's own.
  const pageHeaders = (headers: Record<string, string>) =>
    Object.entries(headers)
      .filter(([name]) => !["x-request-id", "date", "content-length", "transfer-encoding", "content-encoding"].includes(name))
      .map(([name, value]) => [name, value.replaceAll(/'nonce-[^']+'/g, "'nonce'")]);
  expect(pageHeaders(remembered.headers)).toEqual(pageHeaders(rendered.headers));
  expect(remembered.headers["x-request-id"]).not.toBe(rendered.headers["x-request-id"]);
  // Answered without Next.js, it is still a request of the log (SPEC §11), under the id it was sent.
  await expect
    .poll(() => readFileSync(E2E_SERVER_LOG, "utf8").split("\n").filter((line) => line.includes(remembered.headers["x-request-id"])).map((line) => JSON.parse(line)))
    .toEqual([expect.objectContaining({ event: "request", method: "GET", route: "/images", status: 200, user_id: null })]);
});

test("the app leaves compression to nginx: pages, remembered or not, and JSON are plain whatever the client accepts", async ({ baseURL }) => {
  for (const path of ["/images?tag=Python", "/images?tag=Python", "/login", "/api/v1/images"]) {
    const response = await fetch(`${baseURL}${path}`, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
  }
});

test("a write shows on the next answer", async ({ request }) => {
  const marker = `remembered${Date.now()}`;
  const path = `/images?search=${marker}`;
  await anonymousPage(request, path);
  expect((await anonymousPage(request, path)).html).toContain("No image matches these filters.");

  const image = await imageNamed(request, "Debian 12 Bookworm Base");
  const edit = (description: string) =>
    request.patch(`/api/v1/images/${image.id}`, { headers: { Authorization: `Token ${tokenFor("support")}` }, data: { description } });
  expect((await edit(`${image.description} ${marker}`)).status()).toBe(200);
  try {
    const after = await anonymousPage(request, path);
    expect(after.html).toContain(image.name);
    expect(after.html).not.toContain("No image matches these filters.");
  } finally {
    expect((await edit(image.description)).status()).toBe(200);
  }
  expect((await anonymousPage(request, path)).html).toContain("No image matches these filters.");
});

test("someone signed in gets their own page, never the remembered one, and it is never remembered", async ({ request, baseURL }) => {
  await anonymousPage(request, "/images");
  const anonymous = await anonymousPage(request, "/images");
  expect(anonymous.html).toContain(">Sign in<");
  expect(anonymous.html).not.toContain("Sign out");

  const alice = await sessionFor(baseURL!, "alice");
  const hits = await pageCacheHits(request);
  for (let n = 0; n < 2; n++) {
    const signedIn = await (await alice.get("/images")).text();
    expect(signedIn).toContain("Sign out");
    expect(signedIn).toMatch(/<summary[^>]*>[\s\S]*?alice/);
  }
  expect(await pageCacheHits(request)).toBe(hits);
  expect((await anonymousPage(request, "/images")).html).not.toContain("Sign out");
  await alice.dispose();
});

test("a navigation inside the app gets its RSC payload, not a remembered page", async ({ request }) => {
  await anonymousPage(request, "/images?tag=Ubuntu");
  const flight = await request.get("/images?tag=Ubuntu", { headers: { RSC: "1" } });
  expect(flight.headers()["content-type"]).toContain("text/x-component");
  expect(await flight.text()).not.toContain("<!DOCTYPE html>");
});

test("in a browser, a remembered page runs under its policy and works", async ({ page, request }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto("/images");
  const hits = await pageCacheHits(request);
  await page.goto("/images");
  expect(await pageCacheHits(request)).toBe(hits + 1);
  await page.getByRole("searchbox", { name: "Search images" }).fill("galaxy");
  await expect(page).toHaveURL(/search=galaxy/);
  await page.getByRole("link", { name: "Clear the filters" }).or(page.getByRole("list", { name: "Images" })).first().waitFor();
  expect(refused).toEqual([]);
});
