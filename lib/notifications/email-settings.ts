import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { emailSettingsSchema } from "../validations/notifications";
import { kindsFor, type NotificationKind } from "./kinds";

/** Which kinds the user gets e-mails for: every kind they can be told of, unless turned off (no row: on). */
export async function emailSettings(viewer: Viewer): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.notificationSetting.findMany({ where: { userId: viewer.id }, select: { kind: true, email: true } });
  const stored = new Map(rows.map((row) => [row.kind, row.email]));
  return Object.fromEntries(kindsFor(viewer).map((kind) => [kind, stored.get(kind) ?? true])) as Record<NotificationKind, boolean>;
}

/**
 * Saves the settings form: the kinds listed keep their e-mails, every other kind the user can
 * be told of is turned off. In-app notifications are not affected.
 */
export async function saveEmailSettings(viewer: Viewer | null, body: unknown): Promise<void> {
  if (!viewer) throw unauthorized("Sign in to change your notification settings.");
  const on = new Set(emailSettingsSchema.parse(body).email);
  const kinds = kindsFor(viewer);
  await db.$transaction(
    kinds.map((kind) =>
      db.notificationSetting.upsert({
        where: { userId_kind: { userId: viewer.id, kind } },
        create: { userId: viewer.id, kind, email: on.has(kind) },
        update: { email: on.has(kind) },
      }),
    ),
  );
}
