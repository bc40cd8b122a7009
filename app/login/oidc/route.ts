import { startOidcSignIn } from "@/lib/auth/oidc/start-sign-in";

/** The "Sign in with …" button's form (proxy.ts refuses it from other sites). */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  return startOidcSignIn(form.get("callbackUrl"));
}
