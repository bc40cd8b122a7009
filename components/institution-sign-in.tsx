/** "Sign in with <OIDC_NAME>": a plain form, so that it works without JavaScript (SPEC §10). */
export function InstitutionSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <form method="post" action="/login/oidc">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className="w-full rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
        Sign in with {name}
      </button>
    </form>
  );
}
