// The pages' side of the authorization matrix (SPEC §2): which status every page must answer a
// kind of viewer, for each kind of demo image. Used for the demo's local users and for users made
// by a sign-in through the institution (SPEC §10), who must be held to the same rules.
import type { APIRequestContext } from "@playwright/test";

export const IMAGES = {
  public: "BLAST+ 2.15 Workbench",
  private: "Alice's RNA-seq Pipeline (private)",
  shared: "Alice's Lab Notebook Server",
  retired: "Old Galaxy Server 19.09",
  scheduled: "Carol's Expiring Shared Dataset Box",
} as const;
export type ImageKind = keyof typeof IMAGES;

/** What a viewer is to the demo data (the first four images are alice's; the scheduled one is carol's, shared with alice). */
export interface PageViewer {
  signedIn: boolean;
  sees: ImageKind[];
  edits: ImageKind[];
  staff: boolean;
  /** alice: the request checked is hers. */
  requester: boolean;
}

export const NEWCOMER: PageViewer = { signedIn: true, sees: ["public"], edits: [], staff: false, requester: false };
export const EVERY_IMAGE: ImageKind[] = Object.keys(IMAGES) as ImageKind[];

/** [path, status] for every page this viewer is checked on. */
export function pageRows(viewer: PageViewer, imageIds: Record<ImageKind, string>, requestId: number): [string, number][] {
  const rows: [string, number][] = [];
  const signInFirst = 307;
  for (const [kind, id] of Object.entries(imageIds) as [ImageKind, string][]) {
    rows.push([`/images/${id}`, viewer.sees.includes(kind) ? 200 : 404]);
    rows.push([`/images/${id}/edit`, !viewer.signedIn ? signInFirst : !viewer.sees.includes(kind) ? 404 : viewer.edits.includes(kind) ? 200 : 403]);
  }
  rows.push([`/requests/${requestId}`, !viewer.signedIn ? signInFirst : viewer.requester || viewer.staff ? 200 : 404]);
  for (const path of ["/admin/requests", "/admin/providers"]) rows.push([path, !viewer.signedIn ? signInFirst : viewer.staff ? 200 : 403]);
  for (const path of ["/instances", "/requests", "/settings/tokens", "/requests/new"]) rows.push([path, viewer.signedIn ? 200 : signInFirst]);
  for (const path of ["/images", "/docs/api", "/login"]) rows.push([path, 200]);
  return rows;
}

/** The rows a client answers otherwise than they say, as readable lines (none when all hold). */
export async function wrongPageAnswers(client: APIRequestContext, rows: [string, number][], who: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const [path, expected] of rows) {
    const status = (await client.get(path, { maxRedirects: 0 })).status();
    if (status !== expected) wrong.push(`${who} ${path}: ${status}, expected ${expected}`);
  }
  return wrong;
}
