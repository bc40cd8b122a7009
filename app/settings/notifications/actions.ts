"use server";

import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { saveEmailSettings } from "@/lib/notifications/email-settings";

/** The settings form: the checked kinds keep their e-mails. A plain form: it works without JavaScript. */
export async function saveEmailSettingsAction(form: FormData): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login?callbackUrl=%2Fsettings%2Fnotifications");
  await saveEmailSettings(viewer, { email: form.getAll("email").filter((value) => typeof value === "string") });
  redirect("/settings/notifications?saved=1");
}
