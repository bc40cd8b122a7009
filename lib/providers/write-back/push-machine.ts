import "server-only";
import { committedReader, type Db } from "../../db/client";
import { PermanentJobError } from "../../outbox/worker";
import { cloudForProvider, connectionSelect, isOpenStack } from "../connection";
import type { DesiredImageState } from "../image-cloud";
import { cloudPushPayloadSchema } from "./queue-push";


const isPast = (date: Date | null, now: Date) => date !== null && date <= now;

/**
 * What the catalog says a machine's cloud image should be (SPEC §9): public when the image is;
 * shared with the Keystone project of each user it is shared with who has an identity on the
 * provider; private otherwise; deactivated once the machine, its version or its image is retired.
 */
export async function desiredState(client: Db, alias: string, now = new Date()) {
  const machine = await client.machine.findUnique({
    where: { alias },
    select: {
      alias: true,
      imageId: true,
      version: true,
      endDate: true,
      provider: { select: connectionSelect },
      versionOf: { select: { endDate: true } },
      image: { select: { private: true, endDate: true, sharedWith: { select: { userId: true } } } },
    },
  });
  if (!machine) return null;
  const members = machine.image.private
    ? await client.identity.findMany({
        where: { providerId: machine.provider.id, userId: { in: machine.image.sharedWith.map((share) => share.userId) }, projectId: { not: null } },
        select: { projectId: true },
      })
    : [];
  const projects = [...new Set(members.map((member) => member.projectId!))].sort();
  const state: DesiredImageState = {
    visibility: !machine.image.private ? "public" : projects.length > 0 ? "shared" : "private",
    members: projects,
    properties: { atmosphere_image: machine.imageId, atmosphere_version: machine.version },
    active: ![machine.endDate, machine.versionOf.endDate, machine.image.endDate].some((date) => isPast(date, now)),
  };
  return { provider: machine.provider, state };
}

/** The outbox handler of cloud pushes: makes the Glance image what the catalog says now. */
export async function pushMachine(payload: unknown): Promise<void> {
  const parsed = cloudPushPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("Not a cloud push's payload.");
  const found = await desiredState(committedReader, parsed.data.machine);
  if (!found) throw new PermanentJobError(`No machine ${parsed.data.machine} in the catalog.`);
  if (!isOpenStack(found.provider)) return;
  // null: the image is gone from Glance; the next sync retires the machine.
  await cloudForProvider(found.provider).applyImageState(parsed.data.machine, found.state);
}
