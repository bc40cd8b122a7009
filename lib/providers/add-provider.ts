import "server-only";
import { db } from "../db/client";
import { AppError, conflict, notFound } from "../errors";
import { CloudError } from "../openstack/errors";
import { OpenStackImageCloud } from "../openstack/image-cloud";
import type { OpenStackConnection } from "../openstack/keystone";
import { SecretsKeyError, sealSecret } from "../secrets/secret-box";
import { providerInputSchema, type ProviderInput } from "../validations/providers";
import { requireProviderAdmin, type ProviderActor } from "./actor";
import { isUniqueViolation } from "../db/unique-violation";

export interface AddedProvider {
  id: number;
  name: string;
  kind: string;
  /** What the connection check found (openstack, when checked). */
  checked: { imageUrl: string; projectId: string; roles: string[] } | null;
}

const connectionFrom = (input: ProviderInput): OpenStackConnection => ({
  authUrl: input.auth_url!,
  region: input.region!,
  credential: input.credential_id
    ? { kind: "application_credential", id: input.credential_id, secret: input.credential_secret! }
    : { kind: "password", username: input.username!, password: input.password!, projectName: input.project_name!, domainName: input.domain_name ?? "Default" },
});

/** Which form field a failed check points at. */
const fieldAtFault = (connection: OpenStackConnection, error: CloudError) =>
  error.kind === "unauthorized" ? (connection.credential.kind === "application_credential" ? "credential_secret" : "password") : /region/i.test(error.message) ? "region" : "auth_url";

/**
 * Signs in with the new connection before anything is saved: a typo in the address or the secret
 * is told now, not at the first sync. The catalog needs the admin role (SPEC §9: publishing an
 * image and managing other projects' members need it).
 */
async function checkConnection(connection: OpenStackConnection) {
  try {
    const found = await new OpenStackImageCloud(connection).check();
    if (!found.roles.includes("admin")) {
      throw new AppError(400, `The credential signs in, but its roles are ${found.roles.join(", ") || "none"}: the catalog needs the admin role to publish images and share them with other projects.`, {
        credential_id: ["Needs the admin role."],
      });
    }
    return found;
  } catch (error) {
    if (error instanceof CloudError) throw new AppError(400, `Could not connect: ${error.message}`, { [fieldAtFault(connection, error)]: [error.message] });
    throw error;
  }
}

/** The secret sealed, or a 503 naming what the server lacks (a missing SECRETS_KEY is the operator's to fix). */
function sealed(secret: string): string {
  try {
    return sealSecret(secret);
  } catch (error) {
    if (error instanceof SecretsKeyError) throw new AppError(503, `The server cannot store the secret: ${error.message}`);
    throw error;
  }
}

/** The columns of an openstack provider's connection. */
const connectionColumns = (input: ProviderInput) => ({
  authUrl: input.auth_url,
  region: input.region,
  credentialId: input.credential_id ?? null,
  username: input.credential_id ? null : input.username,
  projectName: input.credential_id ? null : input.project_name,
  domainName: input.credential_id ? null : (input.domain_name ?? "Default"),
  secretSealed: sealed((input.credential_secret ?? input.password)!),
});

const taken = (name: string) => conflict(`There is a provider called ${name} already (to give it a new credential, update it).`, { name: ["Taken."] });

/**
 * Adds a provider (SPEC §9); the secret is sealed before it reaches the database. With `update`,
 * an openstack provider of that name gets the new connection instead (a rotated credential, a
 * moved Keystone): its machines and history stay.
 */
export async function addProvider(actor: ProviderActor | null, body: unknown, options: { check?: boolean; update?: boolean } = {}): Promise<AddedProvider> {
  requireProviderAdmin(actor);
  const input = providerInputSchema.parse(body);
  const existing = await db.provider.findUnique({ where: { name: input.name }, select: { id: true, kind: true } });
  if (existing && !(options.update && existing.kind === "openstack" && input.kind === "openstack")) throw taken(input.name);
  if (!existing && options.update) throw notFound(`No openstack provider is called ${input.name}.`);
  const openstack = input.kind === "openstack";
  const columns = openstack ? connectionColumns(input) : null;
  const checked = openstack && options.check !== false ? await checkConnection(connectionFrom(input)) : null;
  const select = { id: true, name: true, kind: true } as const;
  try {
    // In a transaction: on SQLite a bare write would run inside whatever transaction a request has open.
    const row = await db.$transaction((tx) =>
      existing
        ? tx.provider.update({ where: { id: existing.id }, data: { ...columns, syncDueAt: new Date() }, select })
        : tx.provider.create({ data: { name: input.name, location: input.location ?? input.region ?? "", kind: input.kind, ...(columns ? { ...columns, syncDueAt: new Date() } : {}) }, select }),
    );
    return { ...row, checked };
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}
