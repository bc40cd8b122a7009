// The shapes of what the API answers, as zod schemas: the serializers are typed by them, the
// OpenAPI document is generated from them, and the contract tests hold every answer to them.
import { z } from "zod";
import { REQUEST_STATUSES } from "../image-requests/statuses";
import { NOTIFICATION_KINDS } from "../notifications/kinds";

const instant = z.iso.datetime().meta({ description: "ISO 8601, UTC, with milliseconds.", examples: ["2014-02-05T01:03:27.903Z"] });
const uuid = z.uuid();

export const imageVersionJsonSchema = z
  .object({
    alias: uuid,
    version: z.string(),
    start_date: instant,
    end_date: instant.nullable(),
    provider: z.number().int().meta({ description: "The provider's id." }),
  })
  .meta({ description: "One version of an image, available on one provider." });

const reported = (type: z.ZodType, description: string) => type.nullable().meta({ description });
/** SPEC §9: what Glance reports of a machine's image, as of the last sync. */
const cloudFields = {
  status: reported(z.string(), "Glance's status: active, deactivated, killed, deleted…"),
  size: reported(z.number().int(), "Bytes."),
  disk_format: reported(z.string(), "qcow2, raw…"),
  checksum: reported(z.string(), "Glance's os_hash_value (sha512 by default)."),
  min_disk: reported(z.number().int(), "GB."),
  min_ram: reported(z.number().int(), "MB."),
  os_distro: reported(z.string(), "When set in Glance."),
  os_version: reported(z.string(), "When set in Glance."),
  architecture: reported(z.string(), "When set in Glance."),
};

export const machineJsonSchema = z
  .object({
    alias: uuid.meta({ description: "The cloud's own id of the image." }),
    provider: z.number().int().meta({ description: "The provider's id." }),
    start_date: instant,
    end_date: instant.nullable(),
    ...cloudFields,
  })
  .meta({ description: "A version of an image on one provider, with what its cloud reports (null on manual providers)." });

const requirement = (what: string) => z.number().int().nullable().meta({ description: what });

export const versionJsonSchema = z
  .object({
    version: z.string().meta({ description: "The version's name, unique within the image: 1, 2, 2.1…" }),
    change_log: z.string(),
    parent: z
      .object({ image: uuid, image_name: z.string(), version: z.string() })
      .nullable()
      .meta({ description: "The version it was made from (of another image when it was forked); null for none, or when that image is not yours to see." }),
    created_by: z.string().meta({ description: "The username of who made it." }),
    start_date: instant,
    end_date: instant.nullable().meta({ description: "When it was (or will be) retired on every provider; null while it has no end." }),
    min_cpu: requirement("The fewest CPUs to launch it with, or null."),
    min_memory_gb: requirement("The least memory in GB, or null."),
    min_disk_gb: requirement("The least root disk in GB, or null."),
    allow_imaging: z.boolean().meta({ description: "false: instances launched from it may not be imaged (licensed software, for example)." }),
    software: z.string().meta({ description: "From the request that made it: the software installed." }),
    sys: z.string().meta({ description: "From the request that made it: system notes." }),
    exclude: z.string().meta({ description: "From the request that made it: files left out of the image." }),
    machines: z.array(machineJsonSchema).meta({ description: "Where it is available, oldest first, retired ones included." }),
  })
  .meta({ description: "One version of an image (SPEC §7): a build, with its change log, lineage and requirements." });

export const SEED_IMAGE_EXAMPLE = {
  id: "bdc31c14-f807-11e3-8ef5-b2227cce2b54",
  icon: null,
  created_by: "username",
  name: "Ubuntu 12.04 Updated NoGUI v1",
  tags: ["Ubuntu", "Featured"],
  description: "Descriptiong for Ubuntu 12.04 Updated NoGUI v1",
  start_date: "2014-02-05T01:03:27.903Z",
  end_date: null,
  private: false,
  versions: [{ alias: "813557f2-f808-11e3-8ef5-b2227cce2b54", version: "1", start_date: "2014-02-04T23:56:40.077Z", end_date: null, provider: 1 }],
};

/** The seed's example body for request_image, as strict JSON (the seed's own keys are unquoted). */
export const SEED_REQUEST_EXAMPLE = {
  instance: "74089c18-f80a-11e3-8ef5-b2227cce2b54",
  ip_address: "127.0.0.1",
  provider: 1,
  description: "I would like to request an image of this instance for [reasons].",
  software: "Description of software installed on the machine.",
  sys: "I'm not sure what this field means.",
  exclude: "I do not need any files excluded from the image.",
  tags: ["ESD", "BGF", "apache2", "SpliceGrapher"],
  vis: "public",
};

export const imageJsonSchema = z
  .object({
    id: uuid,
    icon: z.string().nullable().meta({ description: "A relative path that serves the icon, or null." }),
    created_by: z.string().meta({ description: "The creator's username." }),
    name: z.string(),
    tags: z.array(z.string()),
    description: z.string(),
    start_date: instant,
    end_date: instant.nullable().meta({ description: "When the image leaves (or left) the catalog; null while it has no end." }),
    private: z.boolean(),
    versions: z.array(imageVersionJsonSchema).meta({ description: "Oldest first, retired ones included." }),
    shared_with: z.array(z.string()).optional().meta({ description: "Usernames; only for those who may edit the image." }),
  })
  .meta({ description: "An image, with the seed's keys in the seed's order.", examples: [SEED_IMAGE_EXAMPLE] });

export const requestHistoryJsonSchema = z.object({
  from: z.enum(REQUEST_STATUSES).nullable(),
  status: z.enum(REQUEST_STATUSES),
  by: z.string(),
  at: instant,
  message: z.string(),
});

export const requestJsonSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    name: z.string(),
    description: z.string(),
    instance: uuid,
    ip_address: z.string().nullable(),
    provider: z.number().int(),
    identity: uuid,
    software: z.string(),
    sys: z.string(),
    exclude: z.string(),
    tags: z.array(z.string()),
    vis: z.union([z.enum(["public", "private"]), z.array(z.string())]),
    created_by: z.string(),
    admin_message: z.string(),
    image: uuid.nullable().meta({ description: "The image created when the request was completed, or the one it added a version to." }),
    start_date: instant,
    end_date: instant.nullable(),
    history: z.array(requestHistoryJsonSchema).meta({ description: "Every status change: who, when, and the message." }),
    fork: z.boolean().meta({ description: "true: completing it makes a new image; false: the next version of the instance's source image (SPEC §7)." }),
    version_name: z.string().nullable().meta({ description: "The version it makes; null until completion when the next whole number is meant." }),
    change_log: z.string(),
    min_cpu: z.number().int().nullable(),
    min_memory_gb: z.number().int().nullable(),
    min_disk_gb: z.number().int().nullable(),
    source: z
      .object({ image: uuid, image_name: z.string(), version: z.string() })
      .nullable()
      .meta({ description: "The version the instance was launched from, when known." }),
  })
  .meta({ description: "A request to image an instance, and where it stands." });

export const providerJsonSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  location: z.string(),
  active: z.boolean(),
  kind: z.enum(["manual", "openstack"]).meta({ description: "openstack: an OpenStack cloud whose Glance holds the machines (SPEC §9); manual: machines recorded by request completions." }),
});
export const identityJsonSchema = z.object({ id: uuid, provider: z.number().int(), provider_name: z.string(), username: z.string() });
export const instanceJsonSchema = z.object({
  alias: uuid,
  name: z.string(),
  ip_address: z.string().nullable(),
  provider: z.number().int(),
  identity: uuid,
  status: z.string(),
  start_date: instant,
  tags: z.array(z.string()),
  image: uuid.nullable().meta({ description: "The image it was launched from, when known." }),
  version: z.string().nullable().meta({ description: "The version of that image it was launched from." }),
});
export const tagJsonSchema = z.object({ name: z.string(), description: z.string(), image_count: z.number().int() });

export const bookmarkJsonSchema = z
  .object({
    bookmarked: z.boolean().meta({ description: "Whether you mark it as a favorite (false when not signed in)." }),
    count: z.number().int().min(0).meta({ description: "How many people mark it now." }),
  })
  .meta({ description: "An image as a favorite.", examples: [{ bookmarked: true, count: 3 }] });

/** The collection envelope of the seed (and of Django REST framework). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().meta({ description: "How many in all, on every page." }),
    next: z.url().nullable().meta({ description: "The next page, keeping every other query parameter; null on the last." }),
    previous: z.url().nullable(),
    results: z.array(item),
  });

export const newTokenJsonSchema = z
  .object({
    token: z.string().meta({ description: "Shown this once: only its hash is kept." }),
    name: z.string(),
    prefix: z.string(),
    created_at: instant,
    expires_at: instant.nullable(),
  })
  .meta({ description: "A new API token." });

export const notificationJsonSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string().meta({ description: "Staff's message, or more about the event; may be empty." }),
    link: z.url().meta({ description: "The request or image the notification is about." }),
    created_at: instant,
    read_at: instant.nullable().meta({ description: "When it was marked read; null while unread." }),
  })
  .meta({ description: "Something that happened to one of your requests or images, or (for staff) at the support desk." });

export const unreadCountJsonSchema = z
  .object({
    marked: z.number().int().meta({ description: "How many this call marked read." }),
    unread: z.number().int().meta({ description: "How many of yours are still unread." }),
  })
  .meta({ description: "What is left unread." });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, for people (Atmosphere's clients read this key)." }),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages by field, for validation errors." }),
    request_id: z.string().meta({ description: "The request's id, also sent as X-Request-Id and logged with it: quote it to support." }),
  })
  .meta({ description: "RFC 9457 problem details." });

export type ImageVersionJson = z.output<typeof imageVersionJsonSchema>;
export type VersionJson = z.output<typeof versionJsonSchema>;
export type ImageJson = z.output<typeof imageJsonSchema>;
export type RequestHistoryJson = z.output<typeof requestHistoryJsonSchema>;
export type RequestJson = z.output<typeof requestJsonSchema>;
export type ProviderJson = z.output<typeof providerJsonSchema>;
export type IdentityJson = z.output<typeof identityJsonSchema>;
export type InstanceJson = z.output<typeof instanceJsonSchema>;
export type TagJson = z.output<typeof tagJsonSchema>;
export type BookmarkJson = z.output<typeof bookmarkJsonSchema>;
export type NewTokenJson = z.output<typeof newTokenJsonSchema>;
export type NotificationJson = z.output<typeof notificationJsonSchema>;
export type UnreadCountJson = z.output<typeof unreadCountJsonSchema>;
