// The pages' side of the authorization matrix: every page × every kind of viewer × every kind of
// image, with the status each must answer (a redirect to sign in for those not signed in).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { imageNamed, sessionFor, tokenFor } from "./helpers";
import { EVERY_IMAGE, IMAGES, pageRows, wrongPageAnswers, type ImageKind, type PageViewer } from "./page-authorization";

const VIEWERS: Record<string, PageViewer> = {
  anonymous: { signedIn: false, sees: ["public"], edits: [], staff: false, requester: false },
  carol: { signedIn: true, sees: ["public", "scheduled"], edits: ["scheduled"], staff: false, requester: false },
  bob: { signedIn: true, sees: ["public", "shared"], edits: [], staff: false, requester: false },
  alice: { signedIn: true, sees: EVERY_IMAGE, edits: ["public", "private", "shared", "retired"], staff: false, requester: true },
  support: { signedIn: true, sees: EVERY_IMAGE, edits: EVERY_IMAGE, staff: true, requester: false },
};

test("every page answers each kind of viewer as the rules say", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const ids = Object.fromEntries(await Promise.all(Object.entries(IMAGES).map(async ([kind, name]) => [kind, (await imageNamed(request, name)).id]))) as Record<ImageKind, string>;
  const aliceRequest = (await (await request.get("/api/v1/image_requests?page_size=1", { headers: { Authorization: `Token ${tokenFor("alice")}` } })).json()).results[0].id;
  const wrong: string[] = [];
  let cases = 0;
  for (const [name, viewer] of Object.entries(VIEWERS)) {
    const client: APIRequestContext = viewer.signedIn ? await sessionFor(baseURL!, name) : await playwrightRequest.newContext({ baseURL });
    const rows = pageRows(viewer, ids, aliceRequest);
    cases += rows.length;
    wrong.push(...(await wrongPageAnswers(client, rows, name)));
  }
  expect(wrong).toEqual([]);
  expect(cases).toBe(100);
  console.log(`page authorization: ${cases} cases`);
});
