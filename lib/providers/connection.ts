import "server-only";
import { createHash } from "node:crypto";
import { OpenStackImageCloud } from "../openstack/image-cloud";
import type { OpenStackConnection } from "../openstack/keystone";
import { openSecret } from "../secrets/secret-box";
import type { ImageCloud } from "./image-cloud";

/** The columns a provider's connection is made of (the sealed secret included: never select it for display). */
export const connectionSelect = {
  id: true,
  name: true,
  kind: true,
  authUrl: true,
  region: true,
  credentialId: true,
  username: true,
  projectName: true,
  domainName: true,
  secretSealed: true,
} as const;

export interface ConnectionRow {
  id: number;
  name: string;
  kind: string;
  authUrl: string | null;
  region: string | null;
  credentialId: string | null;
  username: string | null;
  projectName: string | null;
  domainName: string | null;
  secretSealed: string | null;
}

export const isOpenStack = (provider: { kind: string }) => provider.kind === "openstack";

export function connectionOf(row: ConnectionRow): OpenStackConnection {
  if (!isOpenStack(row) || !row.authUrl || !row.region || !row.secretSealed) throw new Error(`Provider ${row.id} (${row.name}) is not an openstack provider with a connection.`);
  const secret = openSecret(row.secretSealed);
  return {
    authUrl: row.authUrl,
    region: row.region,
    credential: row.credentialId
      ? { kind: "application_credential", id: row.credentialId, secret }
      : { kind: "password", username: row.username ?? "", password: secret, projectName: row.projectName ?? "", domainName: row.domainName ?? "Default" },
  };
}

const clouds = globalThis as unknown as { atmosphereClouds?: Map<number, { fingerprint: string; cloud: ImageCloud }> };
const cache = (clouds.atmosphereClouds ??= new Map());

/**
 * The provider's cloud, kept per provider so that its token is reused across syncs, deliveries
 * and completions; a changed connection (another credential, say) makes a new one.
 */
export function cloudForProvider(row: ConnectionRow): ImageCloud {
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([row.authUrl, row.region, row.credentialId, row.username, row.projectName, row.domainName, row.secretSealed]))
    .digest("hex");
  const held = cache.get(row.id);
  if (held?.fingerprint === fingerprint) return held.cloud;
  const cloud = new OpenStackImageCloud(connectionOf(row));
  cache.set(row.id, { fingerprint, cloud });
  return cloud;
}
