"use server";

import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { formFailure, formValues, hasErrors, type FormState } from "@/lib/form-state";
import { setImageIcon } from "@/lib/images/icons";
import { updateImage } from "@/lib/images/update-image";
import { readImageForm } from "@/lib/validations/image-form";

export async function saveImageAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const { body, errors } = readImageForm(form);
  const values = formValues(form);
  if (hasErrors(errors)) return { error: errors.rendered?.[0] ?? "Please correct the fields marked below.", errors, values };
  try {
    await updateImage(await currentViewer(), id, body, { replace: false, ifMatch: String(form.get("etag") ?? "") || null });
  } catch (error) {
    if (error instanceof AppError && error.status === 412) {
      return { error: "Someone else changed this image while you were editing it. Reload the page to see their changes, then edit again.", values };
    }
    return { ...formFailure(error), values };
  }
  redirect(`/images/${id}?saved=1`);
}

export async function uploadIconAction(id: string, _previous: FormState, form: FormData): Promise<FormState> {
  const file = form.get("icon");
  if (!(file instanceof File) || file.size === 0) return { errors: { icon: ["Choose a PNG, JPEG or WebP file."] } };
  try {
    await setImageIcon(await currentViewer(), id, new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    return formFailure(error);
  }
  redirect(`/images/${id}?saved=1`);
}
