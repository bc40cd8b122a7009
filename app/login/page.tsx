import type { Metadata } from "next";
import { SignInForm } from "@/components/sign-in-form";
import { safeReturnPath } from "@/lib/http/safe-return";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={safeReturnPath(callbackUrl)} />
    </div>
  );
}
