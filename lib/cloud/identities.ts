import "server-only";
import type { IdentityJson } from "../api/response-schemas";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";

/** The caller's own identities: their accounts on each provider. */
export async function listIdentities(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<IdentityJson>> {
  if (!viewer) throw unauthorized();
  const where = { userId: viewer.id };
  const [count, rows] = await Promise.all([
    db.identity.count({ where }),
    db.identity.findMany({
      where,
      select: { id: true, providerId: true, provider: { select: { name: true } } },
      orderBy: [{ providerId: "asc" }, { id: "asc" }],
      ...pageWindow(request),
    }),
  ]);
  return toPage(
    url,
    request,
    count,
    rows.map((row) => ({ id: row.id, provider: row.providerId, provider_name: row.provider.name, username: viewer.username })),
  );
}
