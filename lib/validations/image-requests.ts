import { z } from "zod";
import { REQUEST_STATUSES } from "../image-requests/statuses";
import { foldDuplicates, line, TAGS_MAX, tagName, text, username } from "./common";
import { pagination } from "./pagination";
import { requirements, versionName } from "./versions";

// Atmosphere's rule for image names.
const FORBIDDEN_IN_NAME = /[!"'#$%&*,;<>?/\\`{|}~^]/;
/** A name with what Atmosphere's rule forbids taken out (to start a form from an image's name). */
export const withoutForbiddenCharacters = (name: string) => name.replace(new RegExp(FORBIDDEN_IN_NAME.source, "g"), "").trim();

/** A list given as an array, or as one comma-separated string (Atmosphere's clients send both). */
const listOf = (item: z.ZodType<string, string>, what: string) =>
  z
    .union([z.array(z.string(), { error: `Must be an array of ${what} or one comma-separated string.` }), z.string()])
    .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(item));

export const requestImageSchema = z.strictObject({
  name: line(1, 256)
    .refine((value) => !FORBIDDEN_IN_NAME.test(value), 'May not contain any of ! " \' # $ % & * , ; < > ? / \\ ` { | } ~ ^')
    .meta({ description: 'The image\'s name, without any of ! " \' # $ % & * , ; < > ? / \\ ` { | } ~ ^' }),
  instance: z.uuid({ error: "Must be the alias (a UUID) of one of your instances." }).meta({ description: "The alias of your instance to image, on this identity and provider." }),
  ip_address: z.union([z.ipv4(), z.ipv6()], { error: "Must be an IPv4 or IPv6 address." }).nullish(),
  provider: z.number({ error: "Must be the provider's id, a number." }).int().positive().optional().meta({ description: "When given, must equal providerId in the path." }),
  description: text(10_000).refine((value) => value.trim().length > 0, "Say what the image is for."),
  software: text(10_000).default(""),
  sys: text(10_000).default(""),
  exclude: text(10_000).default("").meta({ description: "Files to leave out of the image, such as SSH keys; one path per line." }),
  tags: listOf(tagName, "tag names")
    .transform(foldDuplicates)
    .refine((names) => names.length <= TAGS_MAX, `At most ${TAGS_MAX} tags.`)
    .default([])
    .meta({ description: "Tag names for the image: an array, or one comma-separated string." }),
  vis: z
    .union([z.literal("public"), z.literal("private"), listOf(username, "usernames")])
    .refine((value) => typeof value === "string" || value.length > 0, "Name at least one user, or choose public or private.")
    .optional()
    .meta({ description: "public, private, or the users who may see it: an array of usernames or one comma-separated string. Default: private for a new image; for a new version, who may see the image now." }),
  fork: z
    .boolean({ error: "Must be true or false." })
    .optional()
    .meta({
      description:
        "false: the snapshot becomes the next version of the image the instance was launched from (only when you may edit that image). Default: false when allowed, else true (a new image).",
    }),
  version_name: versionName.optional().meta({ description: 'The version to make. Default: "1" for a new image; for a new version, the next whole number after the image\'s highest ("3" after "2.1").' }),
  change_log: text(10_000).default("").meta({ description: "What changed in this version." }),
  min_cpu: requirements.min_cpu.optional(),
  min_memory_gb: requirements.min_memory_gb.optional(),
  min_disk_gb: requirements.min_disk_gb.optional(),
});
export type RequestImageInput = z.output<typeof requestImageSchema>;

export const requestListQuerySchema = z.object({
  ...pagination,
  status: z.array(z.enum(REQUEST_STATUSES, { error: `Must be one of ${REQUEST_STATUSES.join(", ")}.` })).default([]),
});

export const requestMoveSchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES, { error: `Must be one of ${REQUEST_STATUSES.join(", ")}.` }),
  admin_message: text(10_000).optional().meta({ description: "Staff's message to the requester; required to deny or fail." }),
  alias: z
    .uuid({ error: "Must be an image id (a UUID)." })
    .transform((value) => value.toLowerCase())
    .optional()
    .meta({
      description:
        "Completing only: the cloud's image of the snapshot (on an openstack provider, its Glance image id; without it, the image whose property atmosphere_request is the request's id).",
    }),
});
