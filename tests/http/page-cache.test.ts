// The anonymous catalog page remembered by our HTTP server (lib/http/page-cache.ts), in front of
// a page renderer that counts its renders, on the test database's real catalog state. The real
// Next.js page behind it is covered by e2e/page-cache.spec.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { catalogState } from "@/lib/images/catalog-cache";
import { createImageRecord } from "@/lib/images/create-image";
import { rememberPagesBy, servePage } from "@/lib/http/page-cache";
import { newCspNonce } from "@/lib/http/csp-nonce";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
let server: Server;
let base: string;
const otherProcess = createDb(process.env.DATABASE_URL);

// What the renderer answers next, and what it was asked.
let renders: { url: string | undefined }[] = [];
let answerWith: { status?: number; setCookie?: boolean; nonce?: boolean; encoding?: string; bytes?: number } = {};

function render(request: IncomingMessage, response: ServerResponse) {
  renders.push({ url: request.url });
  const nonce = newCspNonce();
  response.statusCode = answerWith.status ?? 200;
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  if (answerWith.nonce !== false) response.setHeader("Content-Security-Policy", `script-src 'self' 'nonce-${nonce}'`);
  if (answerWith.setCookie) response.setHeader("Set-Cookie", "a=b");
  if (answerWith.encoding) response.setHeader("Content-Encoding", answerWith.encoding);
  response.write(`<!DOCTYPE html><html><body><script nonce="${nonce}">1</script>`);
  if (answerWith.bytes) response.write(`<p>${"x".repeat(answerWith.bytes)}</p>`);
  response.end(`<p>render ${renders.length}</p><script nonce="${nonce}">2</script></body></html>`);
}

beforeAll(async () => {
  world = await seedFixture();
  rememberPagesBy(() => catalogState());
  server = createServer((request, response) => void servePage(request, response, () => render(request, response)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await otherProcess.$disconnect();
});
beforeEach(() => {
  renders = [];
  answerWith = {};
});

const unique = () => `/images?search=t${Math.random().toString(36).slice(2)}`;
const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers });
  return { response, html: await response.text(), nonce: nonceOf(response) };
}

const writeElsewhere = (extra: { endDate?: Date } = {}) =>
  createImageRecord(otherProcess, {
    name: `Written elsewhere ${Math.random()}`,
    description: "Bumps the catalog's version",
    createdBy: world.users.alice,
    tags: [],
    private: false,
    sharedWithIds: [],
    ...extra,
  });

describe("an anonymous catalog page", () => {
  it("is rendered once, then answered again with a nonce of its own in the header and the body", async () => {
    const path = unique();
    const first = await get(path);
    const second = await get(path);
    expect(renders).toHaveLength(1);
    expect(second.nonce).toBeDefined();
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.html).not.toContain(first.nonce);
    expect(second.html).toBe(first.html.replaceAll(first.nonce!, second.nonce!));
    expect(second.html.match(new RegExp(`nonce="${second.nonce!.replaceAll("+", "\\+")}"`, "g"))).toHaveLength(2);
  });

  it("is rendered again after a write, by any process", async () => {
    const path = unique();
    await get(path);
    await get(path);
    await writeElsewhere();
    expect((await get(path)).html).toContain("render 2");
    expect(renders).toHaveLength(2);
  });

  it("is rendered again once an end date passes", async () => {
    const path = unique();
    const endDate = new Date(Date.now() + 3000);
    await writeElsewhere({ endDate });
    await get(path);
    await get(path);
    expect(renders).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, endDate.getTime() - Date.now() + 100));
    await get(path);
    expect(renders).toHaveLength(2);
  });

  it("is kept apart for a crawler that reads HTML only (Next.js places its metadata otherwise)", async () => {
    const path = unique();
    await get(path);
    await get(path, { "User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" });
    await get(path, { "User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" });
    await get(path);
    expect(renders).toHaveLength(2);
  });
});

describe("never remembered", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["someone signed in", "/images", { Cookie: "theme=dark; next-auth.session-token=abc" }],
    ["an API client's token", "/images", { Authorization: "Token abc" }],
    ["a navigation's RSC payload", "/images", { RSC: "1" }],
    ["a prefetch", "/images", { "Next-Router-Prefetch": "1" }],
    ["an RSC payload by its query", "/images?_rsc=abc", {}],
    ["another page", "/images/abc", {}],
    ["another path that starts the same", "/imagesx", {}],
  ];
  it.each(cases)("for %s", async (_name, path, headers) => {
    await get(path, headers);
    await get(path, headers);
    expect(renders).toHaveLength(2);
  });

  it("for a request target no URL parser takes, which is still answered", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.end("GET //[/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.on("data", (data) => (text += data));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(renders).toHaveLength(1);
  });

  it("for a method other than GET", async () => {
    const path = unique();
    await fetch(base + path, { method: "HEAD" });
    await fetch(base + path, { method: "HEAD" });
    expect(renders).toHaveLength(2);
  });

  it.each([
    ["an answer other than 200", { status: 404 }],
    ["an answer setting a cookie", { setCookie: true }],
    ["an answer without a nonce", { nonce: false }],
    ["an encoded answer", { encoding: "compress" }],
    ["a page over 1 MB (a thousand long descriptions)", { bytes: 1_100_000 }],
  ])("%s", async (_name, answer) => {
    answerWith = answer;
    const path = unique();
    await get(path);
    await get(path);
    expect(renders).toHaveLength(2);
  });
});
