// GET /api/metrics (SPEC §11): Prometheus' text format, for staff tokens and loopback only.
import { beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/v1/images/route";
import * as metrics from "@/app/api/metrics/route";
import { writePeerHeaders } from "@/lib/http/peer-address";
import { observeRequest } from "@/lib/ops/metrics";
import { call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const scrape = (options: Parameters<typeof call>[2] = {}) => call(metrics.GET, "/api/metrics", options);
/** The headers our server (scripts/serve.ts) gives a request from `address` that arrived with `sent`. */
const arrived = (address: string, sent: Record<string, string> = {}) => {
  const headers: Record<string, string | string[] | undefined> = { ...sent };
  writePeerHeaders(headers, address);
  return { headers: headers as Record<string, string> };
};
const from = (address: string) => arrived(address);

describe("GET /api/metrics", () => {
  it("answers a staff token, and clients on this machine", async () => {
    // Next.js adds X-Forwarded-For to every request that has none: that one is not a relay.
    const nextAdded = { headers: { ...from("127.0.0.1").headers, "x-forwarded-for": "127.0.0.1" } };
    for (const options of [{ token: world.tokens.staff }, from("127.0.0.1"), from("::1"), from("::ffff:127.0.0.1"), nextAdded]) {
      const answer = await scrape(options);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    }
  });

  it("is a 404 for everyone else: another address, a user's token, a bad token", async () => {
    const relayed = (header: string, value: string) => arrived("127.0.0.1", { [header.toLowerCase()]: value });
    for (const options of [
      from("192.0.2.7"),
      { token: world.tokens.alice },
      { token: "atmo_nonsense" },
      { ...from("127.0.0.1"), token: world.tokens.alice },
      {},
      // Relayed by a proxy on this machine: the connection is loopback, the client is not.
      relayed("X-Forwarded-For", "198.51.100.4"),
      relayed("X-Forwarded-For", "127.0.0.1"),
      relayed("Forwarded", "for=198.51.100.4"),
      relayed("X-Real-IP", "198.51.100.4"),
    ]) {
      const answer = await scrape(options);
      expect(answer.status).toBe(404);
      expect(answer.body.detail).toBe("Not found.");
    }
  });

  it("counts requests by route and status, catalog cache hits and misses, and reads the database's gauges", async () => {
    observeRequest("GET", "/api/v1/images/:id", 200, 0.012);
    await call(list.GET, "/api/v1/images?search=metrics-probe");
    await call(list.GET, "/api/v1/images?search=metrics-probe");
    const text: string = (await scrape(from("127.0.0.1"))).body;
    expect(text).toMatch(/^atmosphere_http_requests_total\{method="GET",route="\/api\/v1\/images\/:id",status="200"\} [1-9]/m);
    expect(text).toMatch(/^atmosphere_http_request_duration_seconds_bucket\{le="0\.025",method="GET",route="\/api\/v1\/images\/:id",status="200"\} [1-9]/m);
    expect(text).toMatch(/^atmosphere_catalog_cache_total\{result="hit"\} [1-9]/m);
    expect(text).toMatch(/^atmosphere_catalog_cache_total\{result="miss"\} [1-9]/m);
    expect(text).toMatch(/^# TYPE atmosphere_outbox_jobs gauge/m);
    expect(text).toMatch(/^# TYPE atmosphere_provider_sync_age_seconds gauge/m);
    expect(text).toMatch(/^atmosphere_db_pool_connections\{state="open"\} \d+/m);
  });
});
