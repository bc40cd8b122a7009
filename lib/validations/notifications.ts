import { z } from "zod";
import { NOTIFICATION_KINDS } from "../notifications/kinds";
import { booleanParam } from "./common";
import { pagination } from "./pagination";

export const NOTIFICATION_IDS_MAX = 1000;
// Ids are 32-bit integers in the database: a larger number names no notification, and is refused
// here rather than overflowing the column's type in PostgreSQL.
const ID_MAX = 2_147_483_647;

export const notificationListQuerySchema = z.object({
  ...pagination,
  unread: booleanParam.optional(),
});

/** POST /notifications/read: some of the caller's notifications, or all of them. */
export const markReadSchema = z
  .strictObject({
    ids: z
      .array(z.number({ error: "Must be a notification id, a whole number." }).int("Must be a whole number.").min(1, "Must be at least 1.").max(ID_MAX, `Must be at most ${ID_MAX}.`), {
        error: "Must be an array of notification ids.",
      })
      .min(1, "Name at least one notification.")
      .max(NOTIFICATION_IDS_MAX, `At most ${NOTIFICATION_IDS_MAX} ids at once; or send {"all": true}.`)
      .optional()
      .meta({ description: "The ids of your notifications to mark read; ids that are not yours are left alone." }),
    all: z.literal(true, { error: "Must be true." }).optional().meta({ description: "true: mark every notification of yours read." }),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), { error: 'Send either "ids" or "all": true.', path: ["ids"] })
  .meta({ description: 'Either {"ids": [...]} or {"all": true}.' });
export type MarkReadInput = z.output<typeof markReadSchema>;

/** The settings form: the kinds whose e-mails stay on (the checked boxes). */
export const emailSettingsSchema = z.object({
  email: z.array(z.enum(NOTIFICATION_KINDS, { error: "Not a kind of notification." })).max(NOTIFICATION_KINDS.length),
});
