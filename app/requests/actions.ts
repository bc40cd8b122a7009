"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { findOwnInstance } from "@/lib/cloud/instances";
import { formFailure, formValues, hasErrors, type FormState } from "@/lib/form-state";
import { moveRequest } from "@/lib/image-requests/move-request";
import { requestImage } from "@/lib/image-requests/request-image";
import { readRequestForm } from "@/lib/validations/request-form";

export async function submitRequestAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const { body, errors } = readRequestForm(form);
  if (hasErrors(errors)) return { error: "Please correct the fields marked below.", errors, values };
  let id: number;
  try {
    const viewer = await currentViewer();
    const instance = viewer && (await findOwnInstance(viewer, String(body.instance)));
    if (!viewer || !instance) return { error: "That is not one of your running instances.", values };
    id = (await requestImage(viewer, String(instance.provider), instance.identity, body)).id;
  } catch (error) {
    return { ...formFailure(error), values };
  }
  redirect(`/requests/${id}?created=1`);
}

/** A status move from the request page or the support desk: the buttons' value is the new status. */
export async function moveRequestAction(id: number, _previous: FormState, form: FormData): Promise<FormState> {
  try {
    const message = String(form.get("admin_message") ?? "").trim();
    const status = String(form.get("status") ?? "");
    const alias = String(form.get("alias") ?? "").trim();
    await moveRequest(await currentViewer(), id, { status, ...(message ? { admin_message: message } : {}), ...(alias && status === "completed" ? { alias } : {}) });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/", "layout");
  return {};
}
