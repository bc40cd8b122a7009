// Client addresses as sign-in throttling counts them: behind a real nginx with TRUST_PROXY=1 the
// address nginx saw; without a proxy the connection's own. Never a header the client wrote.
import { expect, test } from "@playwright/test";
import { PEER_ADDRESS_HEADER } from "../lib/http/peer-address";
import { startNginx, type RunningNginx } from "../scripts/lib/nginx";
import { freshDatabase, startServer, type RunningServer } from "../scripts/lib/server";
import { E2E_PORT } from "../playwright.config";
import { signInFrom } from "./helpers";

let server: RunningServer;
let nginx: RunningNginx;
const NGINX_URL = `http://127.0.0.1:${E2E_PORT + 3}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer({ port: E2E_PORT + 2, databaseUrl: freshDatabase(), env: { TRUST_PROXY: "1", NEXTAUTH_URL: NGINX_URL } });
  nginx = await startNginx({ port: E2E_PORT + 3, upstreams: [`127.0.0.1:${E2E_PORT + 2}`] });
});
test.afterAll(async () => {
  await nginx?.stop();
  await server?.stop();
});

const madeUp = (address: string) => ({ "X-Forwarded-For": address, "X-Real-IP": address, [PEER_ADDRESS_HEADER]: address });

test("behind nginx, sign-in throttling counts the address nginx saw, never one the client wrote", async () => {
  // 21 failures from 127.0.0.2, each under another made-up address and username: one client.
  for (let i = 0; i < 21; i++) expect(await signInFrom(nginx.url, "127.0.0.2", `nobody${i}`, "wrong", madeUp(`203.0.113.${i}`))).toBe(401);
  expect(await signInFrom(nginx.url, "127.0.0.2", "carol", "carol-demo", madeUp("198.51.100.1"))).toBe(429);
  // Another client claiming 127.0.0.2, or the addresses the first one made up, is not held back.
  expect(await signInFrom(nginx.url, "127.0.0.3", "carol", "carol-demo", madeUp("127.0.0.2"))).toBe(201);
  expect(await signInFrom(nginx.url, "127.0.0.4", "carol", "carol-demo", madeUp("203.0.113.20"))).toBe(201);
});

test("without a proxy, the connection's own address counts, whatever headers the client sends", async ({ baseURL }) => {
  for (let i = 0; i < 21; i++) expect(await signInFrom(baseURL!, "127.0.0.6", `nobody${i}`, "wrong", madeUp(`203.0.113.${i}`))).toBe(401);
  expect(await signInFrom(baseURL!, "127.0.0.6", "carol", "carol-demo", madeUp("198.51.100.1"))).toBe(429);
  expect(await signInFrom(baseURL!, "127.0.0.7", "carol", "carol-demo", madeUp("127.0.0.6"))).toBe(201);
});

test("links carry the public URL (NEXTAUTH_URL), never the host a client names", async () => {
  const answer = await fetch(`${nginx.url}/api/v1/images?page_size=2`, { headers: { "X-Forwarded-Host": "evil.example" } });
  const { next } = (await answer.json()) as { next: string };
  expect(next).toBe(`${NGINX_URL}/api/v1/images?page_size=2&page=2`);
  expect(answer.headers.get("link")).not.toContain("evil.example");
});

test("behind nginx, pages, JSON and scripts come compressed to a client that asks, and plain to one that does not", async () => {
  const page = await fetch(`${nginx.url}/images`, { headers: { "Accept-Encoding": "gzip" } });
  const html = await page.text(); // fetch undoes the gzip
  const script = /<script src="([^"]+)"/.exec(html)![1];
  for (const path of ["/images", "/images", "/api/v1/images?page_size=20", script]) {
    const compressed = await fetch(`${nginx.url}${path}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    const plain = await fetch(`${nginx.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await compressed.text()).toHaveLength((await plain.text()).length);
  }
  // A remembered page, gzipped by nginx, still carries the nonce its own header names.
  const remembered = await fetch(`${nginx.url}/images`, { headers: { "Accept-Encoding": "gzip" } });
  const nonce = /'nonce-([^']+)'/.exec(remembered.headers.get("content-security-policy")!)![1];
  expect(await remembered.text()).toContain(`nonce="${nonce}"`);
});
