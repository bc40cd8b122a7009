export const SIGN_IN_PATH = "/login";

/** /login with a sign-in error code and where to go once signed in. */
export function loginWithError(code: string, callbackUrl: string): string {
  const query = new URLSearchParams({ error: code });
  if (callbackUrl !== "/") query.set("callbackUrl", callbackUrl);
  return `${SIGN_IN_PATH}?${query}`;
}

/** What the login page says for a failed sign-in's ?error= (next-auth's codes, and ours). */
export function signInErrorMessage(code: string | undefined, providerName: string, localSignIn: boolean): string | null {
  if (!code) return null;
  const orLocal = localSignIn ? ", or sign in with your username and password below" : "";
  switch (code) {
    case "OAuthSignin":
      return `${providerName} could not be reached to sign you in. Try again in a few minutes${orLocal}.`;
    case "Cancelled":
      return `Signing in with ${providerName} was cancelled. You are not signed in.`;
    case "CredentialsSignin":
      return "That username and password do not match an account.";
    default:
      return `Signing in with ${providerName} did not work. Try again${orLocal}; if it keeps failing, tell support.`;
  }
}
