// The log of the whole end-to-end run (SPEC §11): a line per request, and never a password, a
// token or a cookie, whatever the specs sent (demo passwords, API tokens, session cookies, the
// OpenID client's secret).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_SERVER_LOG } from "../playwright.config";
import { TEST_CLIENT } from "../scripts/lib/oidc-test-provider";

const SECRETS: [string, RegExp][] = [
  ["a demo password", /\b\w+-demo\b/],
  ["an API token", /atmo_[A-Za-z0-9_-]{8,}/],
  ["a session cookie or other JWT", /eyJ[A-Za-z0-9_-]{10,}/],
  ["a cookie's name", /next-auth\.(session-token|csrf-token|callback-url|state|pkce|nonce)/],
  ["an Authorization header", /\b(Token|Bearer) [A-Za-z0-9_-]{8,}/],
  ["the OpenID client's secret", new RegExp(TEST_CLIENT.secret)],
];

test("the server's log holds request lines and no secret", () => {
  const lines = readFileSync(E2E_SERVER_LOG, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"));
  const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.event === "request");
  expect(requests.length).toBeGreaterThan(0);
  for (const line of requests.slice(0, 50)) expect(Object.keys(line)).toEqual(expect.arrayContaining(["time", "request_id", "method", "route", "status", "duration_ms", "user_id"]));
  const found = SECRETS.flatMap(([what, pattern]) => lines.filter((line) => pattern.test(line)).map((line) => `${what}: ${line.slice(0, 200)}`));
  expect(found).toEqual([]);
});
