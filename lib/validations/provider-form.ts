// The add-a-provider form of /admin/providers, read into providerInputSchema's body.

/** Never sent back to a form, rejected or not: a secret stays in the browser that typed it. */
export const SECRET_FIELDS = new Set(["credential_secret", "password"]);

const OPENSTACK_FIELDS = ["auth_url", "region"];
const BY_SIGN_IN: Record<string, string[]> = {
  application_credential: ["credential_id", "credential_secret"],
  password: ["username", "password", "project_name", "domain_name"],
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * The fields of the chosen kind and way of signing in only (the others may still hold what was
 * typed before switching). Blanks are sent as "", which the schema takes for absent where a field
 * is optional.
 */
export function readProviderForm(form: FormData): Record<string, string> {
  const kind = text(form, "kind") || "openstack";
  const fields = ["name", "location"];
  if (kind === "openstack") fields.push(...OPENSTACK_FIELDS, ...(BY_SIGN_IN[text(form, "sign_in")] ?? BY_SIGN_IN.application_credential));
  return { kind, ...Object.fromEntries(fields.map((name) => [name, text(form, name)])) };
}

/** The identity form, as mapIdentity's body. */
export const readIdentityForm = (form: FormData) => ({ username: text(form, "username"), provider: text(form, "provider"), project_id: text(form, "project_id") });
