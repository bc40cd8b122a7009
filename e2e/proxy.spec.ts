// Behind a real nginx with TRUST_PROXY=1: the address nginx saw is the one sign-in throttling
// counts; an X-Forwarded-For the client wrote itself is not, whatever it says.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { startNginx, type RunningNginx } from "../scripts/lib/nginx";
import { freshDatabase, startServer, type RunningServer } from "../scripts/lib/server";
import { E2E_PORT } from "../playwright.config";

let server: RunningServer;
let nginx: RunningNginx;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer({ port: E2E_PORT + 2, databaseUrl: freshDatabase(), env: { TRUST_PROXY: "1" } });
  nginx = await startNginx({ port: E2E_PORT + 3, upstreams: [`127.0.0.1:${E2E_PORT + 2}`] });
});
test.afterAll(async () => {
  await nginx?.stop();
  await server?.stop();
});

/** POST /auth/token through nginx from a loopback address of our choosing, with a made-up X-Forwarded-For. */
function signIn(from: string, username: string, password: string, forwardedFor: string): Promise<number> {
  const body = JSON.stringify({ username, password, name: "proxy test" });
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      `${nginx.url}/api/v1/auth/token`,
      { method: "POST", localAddress: from, headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor, "X-Real-IP": forwardedFor } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      },
    );
    call.on("error", reject);
    call.end(body);
  });
}

test("sign-in throttling counts the address nginx saw, never the X-Forwarded-For the client wrote", async () => {
  // 21 failures from 127.0.0.2, each under another made-up address and username: one client.
  for (let i = 0; i < 21; i++) expect(await signIn("127.0.0.2", `nobody${i}`, "wrong", `203.0.113.${i}`)).toBe(401);
  expect(await signIn("127.0.0.2", "carol", "carol-demo", "198.51.100.1")).toBe(429);
  // Another client claiming 127.0.0.2, or the addresses the first one made up, is not held back.
  expect(await signIn("127.0.0.3", "carol", "carol-demo", "127.0.0.2")).toBe(201);
  expect(await signIn("127.0.0.4", "carol", "carol-demo", "203.0.113.20")).toBe(201);
});

test("links carry the host nginx forwards, not the app's own address", async () => {
  const answer = await fetch(`${nginx.url}/api/v1/images?page_size=2`);
  const { next } = (await answer.json()) as { next: string };
  expect(next).toBe(`${nginx.url}/api/v1/images?page_size=2&page=2`);
});
