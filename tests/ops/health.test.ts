// Health and readiness for load balancers (SPEC §11).
import { describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";
import * as ready from "@/app/api/ready/route";
import { createDb, db } from "@/lib/db/client";
import { readiness } from "@/lib/ops/readiness";
import { call } from "../http";

describe("GET /api/health and /api/ready", () => {
  it("answer 200 while the process is up and the database is ready", async () => {
    expect(await call(health.GET, "/api/health")).toMatchObject({ status: 200, body: { status: "ok" } });
    const answer = await call(ready.GET, "/api/ready");
    expect(answer).toMatchObject({ status: 200, body: { status: "ready" } });
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("ready is a 503 naming a migration this build has and the database lacks", async () => {
    const [last] = await db.$queryRaw<{ id: string; migration_name: string }[]>`SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE id = ${last.id}`;
    try {
      const answer = await call(ready.GET, "/api/ready");
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      expect(answer.body.detail).toBe(`Migrations not applied yet: ${last.migration_name}. Run npm run db:prepare.`);
    } finally {
      await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${last.id}`;
    }
  });

  it("ready says why when the database cannot be reached", async () => {
    // Nothing listens on port 1 of loopback: the connection is refused at once.
    const unreachable = createDb("postgresql://atmosphere@127.0.0.1:1/atmosphere");
    try {
      const state = await readiness(unreachable, "postgresql");
      expect(state).toEqual({ ready: false, reason: "The database cannot be reached." });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
