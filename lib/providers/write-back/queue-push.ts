import "server-only";
import { z } from "zod";
import type { Prisma, Tx } from "../../db/client";
import { enqueue, type NewJob } from "../../outbox/enqueue";

export const CLOUD_PUSH_JOB = "cloud_push";

/** A push's payload. `reason`: what changed, for the people reading the outbox on /admin/providers. */
export const cloudPushPayloadSchema = z.object({ provider: z.number().int(), machine: z.string().min(1), image: z.string(), reason: z.string() });
export type CloudPushPayload = z.output<typeof cloudPushPayloadSchema>;

/** One machine's pushes run one at a time, in order. */
export const pushOrderKey = (alias: string) => `cloud:${alias}`;

/** Which machines to push: those of some images, or of one version, on openstack providers. */
export interface PushScope {
  imageIds?: string[];
  versionId?: string;
  machineAliases?: string[];
  providerId?: number;
  reason: string;
}

/**
 * Queues a push of each machine in scope to its cloud, in the transaction of the catalog change
 * that calls for it (SPEC §9): the job exists exactly when the change is committed. A push carries
 * no state: the worker reads what the catalog says when it delivers, so deliveries that wait out an
 * outage apply the latest decision, and one image's pushes run in order (their order key).
 * A retirement set for later gets a second push at that moment.
 */
export async function queueImagePushes(tx: Tx, scope: PushScope): Promise<void> {
  if (scope.imageIds?.length === 0 || scope.machineAliases?.length === 0) return;
  const where: Prisma.MachineWhereInput = {
    provider: { kind: "openstack", ...(scope.providerId ? { id: scope.providerId } : {}) },
    ...(scope.imageIds ? { imageId: { in: scope.imageIds } } : {}),
    ...(scope.versionId ? { versionOf: { id: scope.versionId } } : {}),
    ...(scope.machineAliases ? { alias: { in: scope.machineAliases } } : {}),
  };
  const machines = await tx.machine.findMany({
    where,
    select: { alias: true, imageId: true, providerId: true, endDate: true, image: { select: { endDate: true } }, versionOf: { select: { endDate: true } } },
  });
  const now = Date.now();
  const jobs: NewJob[] = [];
  for (const machine of machines) {
    const payload: CloudPushPayload = { provider: machine.providerId, machine: machine.alias, image: machine.imageId, reason: scope.reason.slice(0, 300) };
    jobs.push({ kind: CLOUD_PUSH_JOB, orderKey: pushOrderKey(machine.alias), payload });
    const later = [machine.endDate, machine.image.endDate, machine.versionOf.endDate].filter((date): date is Date => date !== null && date.getTime() > now);
    // No order key: a job waiting for its time would hold back the pushes queued after it.
    for (const at of new Set(later.map((date) => date.getTime()))) jobs.push({ kind: CLOUD_PUSH_JOB, payload: { ...payload, reason: "scheduled retirement" }, runAfter: new Date(at) });
  }
  await enqueue(tx, jobs);
}
