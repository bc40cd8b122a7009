"use server";

import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { formFailure } from "@/lib/form-state";
import { saveEmailSettings } from "@/lib/notifications/email-settings";

/** The settings form: the checked kinds keep their e-mails. A plain form: it works without JavaScript. */
export async function saveEmailSettingsAction(form: FormData): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login?callbackUrl=%2Fsettings%2Fnotifications");
  try {
    await saveEmailSettings(viewer, { email: form.getAll("email").filter((value) => typeof value === "string") });
  } catch (error) {
    // A form the page did not make (an unknown kind): said on the page, not a server error.
    formFailure(error);
    redirect("/settings/notifications?saved=0");
  }
  redirect("/settings/notifications?saved=1");
}
