import "server-only";
import { db } from "../db/client";
import { AppError, conflict } from "../errors";
import { CloudError } from "../openstack/errors";
import { OpenStackImageCloud } from "../openstack/image-cloud";
import type { OpenStackConnection } from "../openstack/keystone";
import { sealSecret } from "../secrets/secret-box";
import { providerInputSchema, type ProviderInput } from "../validations/providers";
import { requireProviderAdmin, type ProviderActor } from "./actor";

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

/** Adds a provider (SPEC §9); the secret is sealed before it reaches the database. */
export async function addProvider(actor: ProviderActor | null, body: unknown, options: { check?: boolean } = {}): Promise<AddedProvider> {
  requireProviderAdmin(actor);
  const input = providerInputSchema.parse(body);
  if (await db.provider.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw conflict(`There is a provider called ${input.name} already.`, { name: ["Taken."] });
  }
  const openstack = input.kind === "openstack";
  const checked = openstack && options.check !== false ? await checkConnection(connectionFrom(input)) : null;
  const row = await db.provider
    .create({
      data: {
        name: input.name,
        location: input.location ?? input.region ?? "",
        kind: input.kind,
        ...(openstack
          ? {
              authUrl: input.auth_url,
              region: input.region,
              credentialId: input.credential_id ?? null,
              username: input.credential_id ? null : input.username,
              projectName: input.credential_id ? null : input.project_name,
              domainName: input.credential_id ? null : (input.domain_name ?? "Default"),
              secretSealed: sealSecret((input.credential_secret ?? input.password)!),
              syncDueAt: new Date(),
            }
          : {}),
      },
      select: { id: true, name: true, kind: true },
    })
    .catch((error) => {
      if ((error as { code?: string }).code === "P2002") throw conflict(`There is a provider called ${input.name} already.`, { name: ["Taken."] });
      throw error;
    });
  return { ...row, checked };
}
