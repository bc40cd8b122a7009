import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The suite runs against a production build (npm run test:e2e builds first) on its own SQLite
// file, started the way the README's quick start starts the app.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
// E2E_APP_DIR=<folder>: the app under test is the install in that folder, its commands included
// (CI points it at a production install, pruned of development dependencies); the tests run from here.
export const E2E_APP_DIR = path.resolve(process.env.E2E_APP_DIR ?? ".");
// E2E_DATABASE_URL=postgresql://… runs the same suite on PostgreSQL (.ci/run does, for the request flow).
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:${path.join(E2E_APP_DIR, "data/e2e/atmosphere.db")}`;
export const E2E_SERVER_LOG = path.join(E2E_APP_DIR, "data/e2e/server.log");

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Playwright cannot download its own browser here: Debian's Chromium is used instead.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, teardown: "server log" },
    // After every spec: the server's log of the whole run holds no password, token or cookie.
    { name: "server log", testMatch: /server-log\.teardown\.ts/ },
  ],
  webServer: {
    // Its log (one JSON line per request) is kept for the "server log" check.
    command: `rm -rf data/e2e && mkdir -p data/e2e && npm start > ${E2E_SERVER_LOG}`,
    cwd: E2E_APP_DIR,
    // No sync timer: the providers spec syncs with "Sync now" and counts what that run added (a
    // timer run could take the new provider first).
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      PORT: String(E2E_PORT),
      NEXTAUTH_SECRET: "e2e-secret-for-playwright-runs",
      // Providers' secrets are sealed with it; on PostgreSQL there is no key file to fall back on.
      SECRETS_KEY: "e2e0".repeat(16),
      PROVIDER_SYNC_SECONDS: "0",
    },
    url: `http://127.0.0.1:${E2E_PORT}/api/v1/providers`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
