"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { currentViewer } from "@/lib/auth/viewer";
import { unauthorized } from "@/lib/errors";
import { formFailure, type FormState } from "@/lib/form-state";

export type CreateTokenState = FormState & { token?: string };

const EXPIRY_DAYS = new Set(["", "30", "90", "365"]);
const DAY = 24 * 60 * 60 * 1000;

export async function createTokenAction(_previous: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const viewer = await currentViewer();
    if (!viewer) throw unauthorized("Sign in to create tokens.");
    const days = String(form.get("expires_in_days") ?? "");
    if (!EXPIRY_DAYS.has(days)) return { errors: { expires_in_days: ["Choose one of the offered expiries."] } };
    const { token } = await createApiToken(viewer.id, String(form.get("name") ?? ""), days ? new Date(Date.now() + Number(days) * DAY) : null);
    revalidatePath("/settings/tokens");
    return { token };
  } catch (error) {
    return formFailure(error);
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) throw unauthorized("Sign in to revoke tokens.");
  const id = Number(form.get("id"));
  if (Number.isSafeInteger(id)) await revokeApiToken(viewer.id, id).catch(() => undefined); // already revoked: nothing to do
  revalidatePath("/settings/tokens");
}
