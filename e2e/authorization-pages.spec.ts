// The pages' side of the authorization matrix: every page × every kind of viewer × every kind of
// image, with the status each must answer (a redirect to sign in for those not signed in).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { imageNamed, sessionFor, tokenFor } from "./helpers";

const VIEWERS = ["anonymous", "carol", "bob", "alice", "support"] as const;
type Viewer = (typeof VIEWERS)[number];
const IMAGES = {
  public: "BLAST+ 2.15 Workbench",
  private: "Alice's RNA-seq Pipeline (private)",
  shared: "Alice's Lab Notebook Server",
  retired: "Old Galaxy Server 19.09",
  scheduled: "Carol's Expiring Shared Dataset Box",
} as const;
// Demo data: the first four are alice's; the scheduled one is carol's, shared with alice.
const SEES: Record<Viewer, (keyof typeof IMAGES)[]> = {
  anonymous: ["public"],
  carol: ["public", "scheduled"],
  bob: ["public", "shared"],
  alice: ["public", "private", "shared", "retired", "scheduled"],
  support: ["public", "private", "shared", "retired", "scheduled"],
};
const EDITS: Record<Viewer, (keyof typeof IMAGES)[]> = {
  anonymous: [],
  carol: ["scheduled"],
  bob: [],
  alice: ["public", "private", "shared", "retired"],
  support: ["public", "private", "shared", "retired", "scheduled"],
};

test("every page answers each kind of viewer as the rules say", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const ids = Object.fromEntries(await Promise.all(Object.entries(IMAGES).map(async ([kind, name]) => [kind, (await imageNamed(request, name)).id])));
  const aliceRequest = (await (await request.get("/api/v1/image_requests?page_size=1", { headers: { Authorization: `Token ${tokenFor("alice")}` } })).json()).results[0].id;
  const clients: Record<Viewer, APIRequestContext> = {
    anonymous: await playwrightRequest.newContext({ baseURL }),
    carol: await sessionFor(baseURL!, "carol"),
    bob: await sessionFor(baseURL!, "bob"),
    alice: await sessionFor(baseURL!, "alice"),
    support: await sessionFor(baseURL!, "support"),
  };
  const rows: [Viewer, string, number][] = [];
  for (const viewer of VIEWERS) {
    const signedIn = viewer !== "anonymous";
    for (const [kind, id] of Object.entries(ids) as [keyof typeof IMAGES, string][]) {
      rows.push([viewer, `/images/${id}`, SEES[viewer].includes(kind) ? 200 : 404]);
      rows.push([viewer, `/images/${id}/edit`, !signedIn ? 307 : !SEES[viewer].includes(kind) ? 404 : EDITS[viewer].includes(kind) ? 200 : 403]);
    }
    rows.push([viewer, `/requests/${aliceRequest}`, !signedIn ? 307 : viewer === "alice" || viewer === "support" ? 200 : 404]);
    for (const path of ["/admin/requests", "/admin/providers"]) rows.push([viewer, path, !signedIn ? 307 : viewer === "support" ? 200 : 403]);
    for (const path of ["/instances", "/requests", "/settings/tokens", "/requests/new"]) rows.push([viewer, path, signedIn ? 200 : 307]);
    for (const path of ["/images", "/docs/api", "/login"]) rows.push([viewer, path, 200]);
  }
  const wrong: string[] = [];
  for (const [viewer, path, expected] of rows) {
    const status = (await clients[viewer].get(path, { maxRedirects: 0 })).status();
    if (status !== expected) wrong.push(`${viewer} ${path}: ${status}, expected ${expected}`);
  }
  expect(wrong).toEqual([]);
  expect(rows.length).toBe(100);
  console.log(`page authorization: ${rows.length} cases`);
});
