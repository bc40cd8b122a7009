import { z } from "zod";
import { isoDateTime, text } from "./common";

/** A version's name: "1", "2", "2.1"… It stands in URLs (/images/{id}/versions/{version}), so no slashes or spaces. */
export const VERSION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
export const versionName = z
  .string({ error: "Must be a string." })
  .trim()
  .regex(VERSION_NAME_PATTERN, "A version is 1 to 64 letters, digits and . _ + -, starting with a letter or digit, such as 2 or 2.1.");

/** A requirement: a whole number of CPUs or GB, at least 0, or null for none. */
export const requirement = (what: string) =>
  z
    .number({ error: "Must be a whole number." })
    .int("Must be a whole number.")
    .min(0, "Must be at least 0.")
    .max(1_000_000, "Must be at most 1000000.")
    .nullable()
    .meta({ description: what });

export const requirements = {
  min_cpu: requirement("The fewest CPUs to launch it with; null for no requirement."),
  min_memory_gb: requirement("The least memory, in GB; null for no requirement."),
  min_disk_gb: requirement("The least root disk, in GB; null for no requirement."),
};

/** Fields of a version a client may change (SPEC §7). */
const editable = {
  change_log: text(10_000),
  ...requirements,
  allow_imaging: z.boolean({ error: "Must be true or false." }).meta({ description: "false: instances launched from this version may not be imaged." }),
  end_date: isoDateTime.nullable().meta({ description: "Retires the version on every provider: a past date retires it now, a future one schedules it, null restores it." }),
};

/** Fields the API shows but no client sets: sent back unchanged they are ignored, changed they are a 400. */
export const VERSION_READ_ONLY_FIELDS = ["version", "parent", "created_by", "start_date", "software", "sys", "exclude", "machines"] as const;
const readOnly = Object.fromEntries(VERSION_READ_ONLY_FIELDS.map((field) => [field, z.unknown().optional()])) as Record<
  (typeof VERSION_READ_ONLY_FIELDS)[number],
  z.ZodOptional<z.ZodUnknown>
>;

export const versionUpdateSchema = z.strictObject({ ...z.object(editable).partial().shape, ...readOnly });
export type VersionUpdate = z.output<typeof versionUpdateSchema>;
