"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import type { RequestStatus } from "@/lib/image-requests/statuses";
import { FieldError, FormAlert, describedBy, inputClass } from "./form-fields";

const BUTTONS: Record<Exclude<RequestStatus, "pending">, { label: string; style: string }> = {
  approved: { label: "Approve", style: "bg-sky-700 text-white hover:bg-sky-800" },
  processing: { label: "Mark processing", style: "bg-indigo-700 text-white hover:bg-indigo-800" },
  completed: { label: "Complete", style: "bg-emerald-700 text-white hover:bg-emerald-800" },
  failed: { label: "Mark failed", style: "bg-red-700 text-white hover:bg-red-800" },
  denied: { label: "Deny", style: "bg-red-700 text-white hover:bg-red-800" },
  closed: { label: "Withdraw request", style: "border border-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800" },
};

type Props = {
  requestId: number;
  /** No move leads back to pending. */
  moves: Exclude<RequestStatus, "pending">[];
  /** Staff write a message with their move (required to deny or fail). */
  staff: boolean;
  /** The request's provider is an OpenStack cloud: completing it names the snapshot's Glance image. */
  cloudImage?: boolean;
  action: (state: FormState, form: FormData) => Promise<FormState>;
};

/** One button per move the viewer may make, with a message box for staff. */
export function RequestActions({ requestId, moves, staff, cloudImage = false, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  if (moves.length === 0) return null;
  const field = `admin_message-${requestId}`;
  return (
    <form action={formAction} className="space-y-3">
      <FormAlert>{state.errors?.admin_message ? undefined : state.error}</FormAlert>
      {staff && (
        <div>
          <label htmlFor={field} className="text-sm font-medium">
            Message to the requester <span className="font-normal text-slate-600 dark:text-slate-400">(required to deny or fail)</span>
          </label>
          <textarea id={field} name="admin_message" rows={2} className={inputClass} {...describedBy(field, state.errors?.admin_message)} />
          <FieldError name={field} errors={state.errors?.admin_message} />
        </div>
      )}
      {staff && cloudImage && moves.includes("completed") && (
        <div>
          <label htmlFor={`alias-${requestId}`} className="text-sm font-medium">
            Glance image id of the snapshot{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">(to complete; blank: the image whose atmosphere_request property is {requestId})</span>
          </label>
          <input id={`alias-${requestId}`} name="alias" className={`${inputClass} font-mono`} {...describedBy(`alias-${requestId}`, state.errors?.alias)} />
          <FieldError name={`alias-${requestId}`} errors={state.errors?.alias} />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {moves.map((status) => (
          <button key={status} type="submit" name="status" value={status} disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${BUTTONS[status].style}`}>
            {BUTTONS[status].label}
          </button>
        ))}
      </div>
    </form>
  );
}
