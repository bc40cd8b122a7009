import "server-only";
import type { Prisma, Tx } from "../../db/client";
import { enqueue, type NewJob } from "../../outbox/enqueue";

export const CLOUD_PUSH_JOB = "cloud_push";

export interface CloudPushPayload {
  provider: number;
  machine: string;
  image: string;
  /** What changed, for the people reading the outbox on /admin/providers. */
  reason: string;
}

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
    jobs.push({ kind: CLOUD_PUSH_JOB, orderKey: `cloud:${machine.alias}`, payload });
    const later = [machine.endDate, machine.image.endDate, machine.versionOf.endDate].filter((date): date is Date => date !== null && date.getTime() > now);
    // No order key: a job waiting for its time would hold back the pushes queued after it.
    for (const at of new Set(later.map((date) => date.getTime()))) jobs.push({ kind: CLOUD_PUSH_JOB, payload: { ...payload, reason: "scheduled retirement" }, runAfter: new Date(at) });
  }
  await enqueue(tx, jobs);
}
