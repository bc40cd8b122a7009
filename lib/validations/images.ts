import { z } from "zod";
import { booleanParam, isoDateTime, line, tagList, tagName, text, username, wholeNumber } from "./common";
import { pagination } from "./pagination";

export const IMAGE_ORDERINGS = ["name", "-name", "start_date", "-start_date"] as const;

export const imageListQuerySchema = z.object({
  ...pagination,
  search: text(256).optional(),
  tag: z.array(tagName).max(20, "At most 20 tags.").default([]),
  created_by: username.optional(),
  provider: wholeNumber(1, 2_147_483_647).optional(),
  ordering: z.enum(IMAGE_ORDERINGS, { error: `Must be one of ${IMAGE_ORDERINGS.join(", ")}.` }).default("-start_date"),
  include_end_dated: booleanParam.default(false),
  /** Only private images shared with the (signed-in) viewer: the catalog's "Shared with me". */
  shared_with_me: booleanParam.default(false),
  /** Only the (signed-in) viewer's favorites: the catalog's "Favorites". */
  bookmarked: booleanParam.default(false),
});
export type ImageListQuery = z.output<typeof imageListQuerySchema>;

/** Fields a client may change. */
const editable = {
  name: line(1, 256),
  description: text(10_000),
  tags: tagList.meta({ description: "Up to 50 names of 1 to 64 characters; duplicates are folded regardless of case." }),
  end_date: isoDateTime.nullable().meta({ description: "A past date retires the image now, a future one schedules it, null restores it." }),
  private: z.boolean({ error: "Must be true or false." }),
  shared_with: z
    .array(username, { error: "Must be an array of usernames." })
    .max(1000, "At most 1000 users.")
    .meta({ description: "Who may see the image while it is private (usernames)." }),
};

/** Fields the API shows but no client sets: sent back unchanged they are ignored (see update-image.ts). */
export const IMAGE_READ_ONLY_FIELDS = ["id", "icon", "created_by", "start_date", "versions"] as const;
const readOnly = Object.fromEntries(IMAGE_READ_ONLY_FIELDS.map((field) => [field, z.unknown().optional()])) as Record<
  (typeof IMAGE_READ_ONLY_FIELDS)[number],
  z.ZodOptional<z.ZodUnknown>
>;

/** PUT: every editable field. */
export const imageReplaceSchema = z.strictObject({ ...editable, ...readOnly });
/** PATCH: any of them. */
export const imageUpdateSchema = z.strictObject({ ...z.object(editable).partial().shape, ...readOnly });
export type ImageUpdate = z.output<typeof imageUpdateSchema>;
