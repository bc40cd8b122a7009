import "server-only";
import client from "prom-client";
import { db, openPools } from "../db/client";
import { metric } from "./metrics";

/**
 * Gauges read from the database when /api/metrics is scraped (SPEC §11): the connection pools,
 * the outbox's depth, and how long ago each openstack provider was last synced. Registered by
 * the metrics route only, so that no other process (a script, the test runner) opens a
 * connection for them.
 */
export function registerDatabaseMetrics(): void {
  metric(
    "atmosphere_db_pool_connections",
    (registers) =>
      new client.Gauge({
        name: "atmosphere_db_pool_connections",
        help: "PostgreSQL connections of this process's pools: open, idle, and queries waiting for one.",
        labelNames: ["state"],
        registers,
        collect() {
          const pools = openPools();
          this.set({ state: "open" }, pools.reduce((sum, pool) => sum + pool.totalCount, 0));
          this.set({ state: "idle" }, pools.reduce((sum, pool) => sum + pool.idleCount, 0));
          this.set({ state: "waiting" }, pools.reduce((sum, pool) => sum + pool.waitingCount, 0));
        },
      }),
  );
  metric(
    "atmosphere_outbox_jobs",
    (registers) =>
      new client.Gauge({
        name: "atmosphere_outbox_jobs",
        help: "Background jobs not done, by kind and status (pending: waiting or being retried; failed: given up).",
        labelNames: ["kind", "status"],
        registers,
        async collect() {
          this.reset();
          const groups = await db.outboxJob.groupBy({ by: ["kind", "status"], where: { status: { in: ["pending", "failed"] } }, _count: { _all: true } });
          for (const group of groups) this.set({ kind: group.kind, status: group.status }, group._count._all);
        },
      }),
  );
  metric(
    "atmosphere_provider_sync_age_seconds",
    (registers) =>
      new client.Gauge({
        name: "atmosphere_provider_sync_age_seconds",
        help: "Seconds since each openstack provider's last sync that finished without error (absent: never).",
        labelNames: ["provider"],
        registers,
        async collect() {
          this.reset();
          const last = await db.providerSync.groupBy({ by: ["providerId"], where: { finishedAt: { not: null }, error: "" }, _max: { finishedAt: true } });
          const names = new Map((await db.provider.findMany({ where: { kind: "openstack" }, select: { id: true, name: true } })).map((provider) => [provider.id, provider.name]));
          for (const row of last) {
            const name = names.get(row.providerId);
            if (name && row._max.finishedAt) this.set({ provider: name }, (Date.now() - row._max.finishedAt.getTime()) / 1000);
          }
        },
      }),
  );
}
