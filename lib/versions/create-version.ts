import type { Prisma, Tx } from "../db/client";
import type { MachineCloudFields } from "../providers/machine-fields";

/** One version of an image on one provider: a machine, the seed's `versions[]` entry. */
export interface NewMachine {
  version: string;
  providerId: number;
  startDate?: Date;
  endDate?: Date | null;
  /** The cloud's own image id (SPEC §9); a new uuid on manual providers. */
  alias?: string;
  /** What the cloud reports of it (openstack providers). */
  cloud?: MachineCloudFields;
}

/** What a version has beyond its machines (SPEC §7); all optional. */
export type VersionDetails = Partial<
  Pick<Prisma.VersionUncheckedCreateInput, "changeLog" | "parentId" | "createdById" | "minCpu" | "minMemoryGb" | "minDiskGb" | "allowImaging" | "software" | "sys" | "exclude">
>;

/**
 * Writes a version of an image with its machines, the one place versions are created. It starts
 * with its first machine and is retired when all of them are.
 */
export async function createVersionRecord(
  tx: Tx,
  { imageId, name, createdById, machines, details = {} }: { imageId: string; name: string; createdById: number; machines: Omit<NewMachine, "version">[]; details?: VersionDetails },
): Promise<string> {
  const starts = machines.map((machine) => machine.startDate?.getTime() ?? Date.now());
  const ends = machines.map((machine) => machine.endDate?.getTime() ?? null);
  const retired = ends.length > 0 && ends.every((end) => end !== null);
  const { id } = await tx.version.create({
    data: {
      imageId,
      name,
      createdById,
      startDate: new Date(Math.min(...starts)),
      endDate: retired ? new Date(Math.max(...(ends as number[]))) : null,
      ...details,
      machines: { create: machines.map((machine) => ({
          alias: machine.alias,
          providerId: machine.providerId,
          startDate: machine.startDate,
          endDate: machine.endDate ?? null,
          ...machine.cloud,
        })) },
    },
    select: { id: true },
  });
  return id;
}
