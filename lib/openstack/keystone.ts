import { CloudError } from "./errors";
import { call } from "./http";

/** How the catalog signs in to a cloud (SPEC §9): an application credential, or a password scoped to a project. */
export type OpenStackCredential =
  | { kind: "application_credential"; id: string; secret: string }
  | { kind: "password"; username: string; password: string; projectName: string; domainName: string };

export interface OpenStackConnection {
  /** Keystone v3, e.g. https://keystone.example.org:5000/v3 */
  authUrl: string;
  region: string;
  credential: OpenStackCredential;
}

export interface KeystoneToken {
  token: string;
  expiresAt: Date;
  /** The project the token is scoped to. */
  projectId: string;
  roles: string[];
  /** Glance's address from the token's service catalog (no /v2). */
  imageUrl: string;
}

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id?: string; region?: string; url: string }[];
}

const authBody = (credential: OpenStackCredential) =>
  credential.kind === "application_credential"
    ? // An application credential is scoped to its own project: no scope is sent.
      { auth: { identity: { methods: ["application_credential"], application_credential: { id: credential.id, secret: credential.secret } } } }
    : {
        auth: {
          identity: { methods: ["password"], password: { user: { name: credential.username, domain: { name: credential.domainName }, password: credential.password } } },
          scope: { project: { name: credential.projectName, domain: { name: credential.domainName } } },
        },
      };

/** The public image endpoint of the region, as the token's catalog lists it. */
function imageEndpoint(catalog: CatalogEntry[], region: string): string {
  const service = catalog.find((entry) => entry.type === "image");
  if (!service) throw new CloudError("refused", "Keystone's service catalog lists no image service (Glance) for this credential.");
  const endpoint = service.endpoints.find((candidate) => candidate.interface === "public" && (candidate.region_id ?? candidate.region) === region);
  if (!endpoint) {
    const regions = [...new Set(service.endpoints.map((candidate) => candidate.region_id ?? candidate.region))].join(", ");
    throw new CloudError("refused", `Keystone's catalog has no public image endpoint in region "${region}" (regions: ${regions || "none"}).`);
  }
  return endpoint.url.replace(/\/+$/, "").replace(/\/v2$/, "");
}

/** Signs in (POST /v3/auth/tokens): the token comes in X-Subject-Token, the catalog in the body. */
export async function authenticate(connection: OpenStackConnection): Promise<KeystoneToken> {
  const url = `${connection.authUrl.replace(/\/+$/, "")}/auth/tokens`;
  const response = await call("Keystone", url, "sign in", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(authBody(connection.credential)),
  });
  const token = response.headers.get("x-subject-token");
  const body = (await response.json()) as { token?: { expires_at?: string; project?: { id?: string }; roles?: { name: string }[]; catalog?: CatalogEntry[] } };
  if (!token || !body.token?.expires_at || !body.token.project?.id) throw new CloudError("refused", "Keystone's answer to the sign-in has no project-scoped token.");
  return {
    token,
    expiresAt: new Date(body.token.expires_at),
    projectId: body.token.project.id,
    roles: (body.token.roles ?? []).map((role) => role.name),
    imageUrl: imageEndpoint(body.token.catalog ?? [], connection.region),
  };
}
