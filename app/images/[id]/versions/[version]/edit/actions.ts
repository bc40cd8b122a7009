"use server";

import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { formFailure, formValues, hasErrors, type FormState } from "@/lib/form-state";
import { readVersionForm } from "@/lib/validations/version-form";
import { updateVersion } from "@/lib/versions/update-version";

export async function saveVersionAction(imageId: string, name: string, _previous: FormState, form: FormData): Promise<FormState> {
  const { body, errors } = readVersionForm(form);
  const values = formValues(form);
  if (hasErrors(errors)) return { error: errors.rendered?.[0] ?? "Please correct the fields marked below.", errors, values };
  try {
    await updateVersion(await currentViewer(), imageId, name, body, String(form.get("etag") ?? "") || null);
  } catch (error) {
    if (error instanceof AppError && error.status === 412) {
      return { error: "Someone else changed this version while you were editing it. Reload the page to see their changes, then edit again.", values };
    }
    return { ...formFailure(error), values };
  }
  redirect(`/images/${imageId}?saved=1#versions-heading`);
}
