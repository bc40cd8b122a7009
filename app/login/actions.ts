"use server";

import { redirect } from "next/navigation";
import { signInWithPassword, signOut, signOutEverywhere } from "@/lib/auth/sign-in";
import { currentViewer } from "@/lib/auth/viewer";
import { safeReturnPath } from "@/lib/http/safe-return";
import { AppError } from "@/lib/errors";

export interface SignInState {
  error?: string;
  /** Given back so that the form keeps it after a failed try. */
  username?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "");
  let signedIn: boolean;
  try {
    signedIn = await signInWithPassword(username, String(form.get("password") ?? ""));
  } catch (error) {
    if (error instanceof AppError) return { error: error.detail, username };
    throw error;
  }
  // One message for both mistakes: which one it was would tell who has an account.
  if (!signedIn) return { error: "That username and password do not match an account.", username };
  redirect(safeReturnPath(form.get("callbackUrl")));
}

export async function signOutAction(): Promise<void> {
  redirect((await signOut()) ?? "/");
}

export async function signOutEverywhereAction(): Promise<void> {
  const viewer = await currentViewer();
  if (viewer) await signOutEverywhere(viewer);
  redirect("/login");
}
