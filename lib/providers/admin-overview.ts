import "server-only";
import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { requireProviderAdmin, type ProviderActor } from "./actor";
import type { SyncCounts } from "./sync/apply-sync";
import { CLOUD_PUSH_JOB, cloudPushPayloadSchema } from "./write-back/queue-push";

// What /admin/providers shows (SPEC §9): the providers with their recent syncs, the identities on
// the clouds, and the deliveries to the clouds that have not gone through. Plain objects with ISO
// dates; a provider's secret is never read here (secretSealed is not selected).

/** How many of each provider's runs, and of the undelivered pushes, the page shows. */
export const SYNC_RUNS_SHOWN = 5;
export const DELIVERIES_SHOWN = 100;

export interface SyncRun extends SyncCounts {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: string;
  trigger: string;
}

export interface ProviderOverview {
  id: number;
  name: string;
  kind: string;
  location: string;
  active: boolean;
  region: string | null;
  authUrl: string | null;
  /** How it signs in, without the secret: "application credential <id>" or "password of <user> in <project>". */
  credential: string | null;
  /** Newest first. */
  syncs: SyncRun[];
  /** Another process (or this one) holds a live sync claim. */
  syncing: boolean;
  nextSyncDue: string | null;
}

export interface IdentityOverview {
  id: string;
  username: string;
  provider: number;
  providerName: string;
  projectId: string | null;
}

export interface DeliveryOverview {
  id: number;
  status: string;
  provider: number | null;
  providerName: string | null;
  machine: string | null;
  image: string | null;
  imageName: string | null;
  reason: string;
  attempts: number;
  runAfter: string;
  lastError: string;
  createdAt: string;
}

export interface ProvidersOverview {
  providers: ProviderOverview[];
  identities: IdentityOverview[];
  deliveries: DeliveryOverview[];
}

const providerSelect = {
  id: true,
  name: true,
  kind: true,
  location: true,
  active: true,
  region: true,
  authUrl: true,
  credentialId: true,
  username: true,
  projectName: true,
  domainName: true,
  syncClaimedUntil: true,
  syncDueAt: true,
  syncs: {
    orderBy: [{ startedAt: "desc" as const }, { id: "desc" as const }],
    take: SYNC_RUNS_SHOWN,
    select: { id: true, startedAt: true, finishedAt: true, durationMs: true, seen: true, added: true, updated: true, retired: true, restored: true, skipped: true, error: true, trigger: true },
  },
} satisfies Prisma.ProviderSelect;

type ProviderRow = { kind: string; credentialId: string | null; username: string | null; projectName: string | null; domainName: string | null };

export function credentialLabel(row: ProviderRow): string | null {
  if (row.kind !== "openstack") return null;
  if (row.credentialId) return `application credential ${row.credentialId}`;
  const domain = row.domainName && row.domainName !== "Default" ? ` (domain ${row.domainName})` : "";
  return `password of ${row.username ?? "?"} in ${row.projectName ?? "?"}${domain}`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

// Read leniently: a payload written by another version of the app still shows what it can.
const pushPayload = cloudPushPayloadSchema.partial();

/** Everything /admin/providers shows; staff (or the operator) only. */
export async function providersOverview(actor: ProviderActor | null, now = new Date()): Promise<ProvidersOverview> {
  requireProviderAdmin(actor);
  const [providers, identities, jobs] = await Promise.all([
    db.provider.findMany({ select: providerSelect, orderBy: { id: "asc" } }),
    db.identity.findMany({
      where: { provider: { kind: "openstack" } },
      select: { id: true, projectId: true, user: { select: { username: true } }, provider: { select: { id: true, name: true } } },
      orderBy: [{ providerId: "asc" }, { createdAt: "asc" }],
    }),
    db.outboxJob.findMany({
      where: { kind: CLOUD_PUSH_JOB, status: { in: ["pending", "failed"] } },
      select: { id: true, status: true, payload: true, attempts: true, runAfter: true, lastError: true, createdAt: true },
      orderBy: { id: "desc" },
      take: DELIVERIES_SHOWN,
    }),
  ]);

  const names = new Map(providers.map((provider) => [provider.id, provider.name]));
  const payloads = jobs.map((job) => {
    try {
      const parsed = pushPayload.safeParse(JSON.parse(job.payload));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  });
  const imageIds = [...new Set(payloads.map((payload) => payload.image).filter((id): id is string => Boolean(id)))];
  const images = imageIds.length ? await db.image.findMany({ where: { id: { in: imageIds } }, select: { id: true, name: true } }) : [];
  const imageNames = new Map(images.map((image) => [image.id, image.name]));

  return {
    providers: providers.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      location: row.location,
      active: row.active,
      region: row.region,
      authUrl: row.authUrl,
      credential: credentialLabel(row),
      syncs: row.syncs.map((run) => ({ ...run, startedAt: run.startedAt.toISOString(), finishedAt: iso(run.finishedAt) })),
      syncing: row.syncClaimedUntil !== null && row.syncClaimedUntil > now,
      nextSyncDue: row.kind === "openstack" ? iso(row.syncDueAt) : null,
    })),
    identities: identities.map((identity) => ({
      id: identity.id,
      username: identity.user.username,
      provider: identity.provider.id,
      providerName: identity.provider.name,
      projectId: identity.projectId,
    })),
    deliveries: jobs.map((job, index) => {
      const payload = payloads[index];
      return {
        id: job.id,
        status: job.status,
        provider: payload.provider ?? null,
        providerName: payload.provider !== undefined ? (names.get(payload.provider) ?? null) : null,
        machine: payload.machine ?? null,
        image: payload.image ?? null,
        imageName: payload.image ? (imageNames.get(payload.image) ?? null) : null,
        reason: payload.reason ?? "",
        attempts: job.attempts,
        runAfter: job.runAfter.toISOString(),
        lastError: job.lastError,
        createdAt: job.createdAt.toISOString(),
      };
    }),
  };
}

const retryIdsSchema = z.array(z.coerce.number().int().positive()).max(1000).optional();

/**
 * "Retry now": the deliveries to clouds that wait for a retry are due at once, and those the
 * outbox gave up on are pending again (all of them, or the ones named). Only cloud pushes: the
 * e-mail jobs are none of this page's business.
 *
 * A failed delivery starts over with attempts = 0: staff retry once they have fixed what was
 * wrong (the cloud was down, a credential expired), so it gets the outbox's whole schedule of
 * retries again, rather than being given up on after a single try because its count was spent.
 * Its last error stays until the next try, so the page still says why it had failed. A delivery
 * a worker is running right now is left to that worker.
 */
export async function retryDeliveries(actor: ProviderActor | null, ids?: unknown, now = new Date()): Promise<{ retried: number }> {
  requireProviderAdmin(actor);
  const only = retryIdsSchema.parse(ids);
  if (only?.length === 0) return { retried: 0 };
  const scope = { kind: CLOUD_PUSH_JOB, ...(only ? { id: { in: only } } : {}) };
  // In a transaction, as every write outside a request's own: on SQLite the process shares one
  // connection, and a bare statement would run inside whichever transaction is open.
  const [pending, failed] = await db.$transaction(async (tx) => [
    await tx.outboxJob.updateMany({
      where: { ...scope, status: "pending", runAfter: { gt: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { runAfter: now },
    }),
    await tx.outboxJob.updateMany({
      where: { ...scope, status: "failed" },
      data: { status: "pending", attempts: 0, runAfter: now, doneAt: null, claimedBy: null, claimedUntil: null },
    }),
  ]);
  return { retried: pending.count + failed.count };
}
