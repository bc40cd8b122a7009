import type { Metadata } from "next";
import { InstitutionSignIn } from "@/components/institution-sign-in";
import { SignInForm } from "@/components/sign-in-form";
import { signInErrorMessage } from "@/lib/auth/oidc/sign-in-errors";
import { localSignInEnabled, oidcSettings } from "@/lib/auth/oidc/settings";
import { safeReturnPath } from "@/lib/http/safe-return";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  const institution = oidcSettings();
  const local = localSignInEnabled();
  const message = signInErrorMessage(typeof error === "string" ? error : undefined, institution?.name ?? "your institution", local);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {message && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      )}
      {institution && <InstitutionSignIn name={institution.name} callbackUrl={returnTo} />}
      {institution && local && (
        <p className="flex items-center gap-3 text-sm text-slate-500 before:h-px before:flex-1 before:bg-slate-300 after:h-px after:flex-1 after:bg-slate-300 dark:text-slate-400">
          or with a username and password
        </p>
      )}
      {local && <SignInForm callbackUrl={returnTo} />}
    </div>
  );
}
