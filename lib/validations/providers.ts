import { z } from "zod";
import { line, username } from "./common";

// Forms send every field, blank ones as ""; the API and the command line leave them out. Both
// mean "not given".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const secret = z.string({ error: "Must be a string." }).min(1, "May not be blank.").max(1024, "At most 1024 characters.");

const parsedUrl = (value: string) => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

const httpUrl = line(1, 500)
  .refine((value) => ["http:", "https:"].includes(parsedUrl(value)?.protocol ?? ""), "Must be an http:// or https:// address, e.g. https://keystone.example.org:5000/v3.")
  // It is shown on /admin/providers: a password in it would be shown too.
  .refine((value) => !parsedUrl(value)?.username && !parsedUrl(value)?.password, "May not carry a user name or password: give the credential in its own fields.");

export const PROVIDER_KINDS = ["manual", "openstack"] as const;

/** A new provider (SPEC §9): a manual one, or an OpenStack cloud with its connection. */
export const providerInputSchema = z
  .strictObject({
    name: line(1, 100),
    location: optional(line(1, 200)),
    kind: z.enum(PROVIDER_KINDS, { error: "Must be manual or openstack." }).default("openstack"),
    auth_url: optional(httpUrl).meta({ description: "Keystone v3, e.g. https://keystone.example.org:5000/v3." }),
    region: optional(line(1, 100)),
    credential_id: optional(line(1, 200)).meta({ description: "An application credential's id (with credential_secret)." }),
    credential_secret: optional(secret),
    username: optional(line(1, 255)).meta({ description: "Or a user name, password and project to sign in with." }),
    password: optional(secret),
    project_name: optional(line(1, 255)),
    domain_name: optional(line(1, 255)),
  })
  .superRefine((input, context) => {
    if (input.kind !== "openstack") return;
    const missing = (path: string, message = "Required for an openstack provider.") => context.addIssue({ code: "custom", path: [path], message });
    if (!input.auth_url) missing("auth_url");
    if (!input.region) missing("region");
    const byCredential = input.credential_id !== undefined || input.credential_secret !== undefined;
    if (byCredential) {
      if (!input.credential_id) missing("credential_id", "Required with credential_secret.");
      if (!input.credential_secret) missing("credential_secret", "Required with credential_id.");
    } else {
      if (!input.username) missing("username", "Give an application credential (credential_id and credential_secret), or a username, password and project_name.");
      if (!input.password) missing("password", "Required with username.");
      if (!input.project_name) missing("project_name", "Required with username.");
    }
  });
export type ProviderInput = z.output<typeof providerInputSchema>;

/** A user's account on a provider: on an openstack one, the Keystone project it lives in. */
export const identityInputSchema = z.strictObject({
  username,
  provider: z.coerce.number({ error: "Must be a provider's id." }).int("Must be a provider's id.").positive("Must be a provider's id."),
  project_id: optional(
    z
      .string({ error: "Must be a string." })
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a project id: Keystone's are 32 hexadecimal digits."),
  ),
});
