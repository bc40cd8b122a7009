"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import type { ImageJson } from "@/lib/api/response-schemas";
import { FieldError, FormAlert, describedBy, primaryButton } from "./form-fields";
import { ImageIcon } from "./image-icon";

type Props = { image: ImageJson; action: (state: FormState, form: FormData) => Promise<FormState> };

export function IconUploadForm({ image, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <h2 className="text-lg font-semibold">Icon</h2>
      <div className="flex items-center gap-4">
        <ImageIcon image={image} size={64} />
        <div className="flex-1">
          <label htmlFor="icon" className="text-sm font-medium">
            A PNG, JPEG or WebP picture, up to 512 KiB
          </label>
          <input id="icon" name="icon" type="file" accept="image/png,image/jpeg,image/webp" className="mt-1 block w-full text-sm" {...describedBy("icon", state.errors?.icon)} />
          <FieldError name="icon" errors={state.errors?.icon} />
        </div>
      </div>
      {!state.errors?.icon && <FormAlert>{state.error}</FormAlert>}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Uploading…" : "Upload icon"}
      </button>
    </form>
  );
}
