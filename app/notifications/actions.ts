"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { markNotificationsRead } from "@/lib/notifications/mark-read";

/** "Mark all as read": a plain form, so it works without JavaScript. */
export async function markAllReadAction(): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login?callbackUrl=%2Fnotifications");
  await markNotificationsRead(viewer, { all: true });
  revalidatePath("/", "layout");
  redirect("/notifications");
}
