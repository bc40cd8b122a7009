import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { imageNamed, signIn, tokenFor } from "./helpers";

// The edit page sends only what the user changed: a description-only save leaves every other
// field exactly as it was, read through the API as staff (who also see shared_with).
const asStaff = () => ({ Authorization: `Token ${tokenFor("support")}` });

async function fieldsOtherThanDescription(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/images/${id}`, { headers: asStaff() });
  expect(response.status()).toBe(200);
  const { name, tags, end_date, private: hidden, shared_with } = await response.json();
  return JSON.stringify({ name, tags, end_date, private: hidden, shared_with });
}

async function setUp(request: APIRequestContext, id: string, body: Record<string, unknown>) {
  expect((await request.patch(`/api/v1/images/${id}`, { headers: asStaff(), data: body })).status()).toBe(200);
}

async function save(page: Page, id: string) {
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(`/images/${id}?saved=1`);
}

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const [kind, name, setup] of [
      ["scheduled to retire at 16:11:23.456 UTC", "Fedora 39 Workstation", { end_date: `${NEXT_YEAR}-06-15T16:11:23.456Z` }],
      ["shared", "Bob's Teaching Cluster Head Node", {}],
      ["public, keeping a share list for when it is private", "OpenFOAM 11 CFD", { shared_with: ["carol"] }],
    ] as const) {
      test(`a description-only edit of an image ${kind} leaves its other fields byte-identical`, async ({ page, request }) => {
        const image = await imageNamed(request, name);
        await setUp(request, image.id, setup);
        const before = await fieldsOtherThanDescription(request, image.id);

        await signIn(page, "support");
        await page.goto(`/images/${image.id}/edit`);
        const description = `${image.description} Fixed a typo (JavaScript ${javaScriptEnabled ? "on" : "off"}).`;
        await page.getByLabel("Description").fill(description);
        await save(page, image.id);

        expect(await fieldsOtherThanDescription(request, image.id)).toBe(before);
        expect((await imageNamed(request, name)).description).toBe(description);
      });
    }

    test("scheduling retirement later today, at a time in UTC", async ({ page, request }) => {
      const image = await imageNamed(request, javaScriptEnabled ? "GROMACS 2024 Molecular Dynamics" : "PostGIS Geospatial Server");
      // An hour ahead (tomorrow only when that passes midnight UTC).
      const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      await signIn(page, "support");
      await page.goto(`/images/${image.id}/edit`);
      await expect(page.getByLabel("Retirement time (UTC)")).toHaveValue("00:00");
      await page.getByLabel("Retire it at a set day and time (UTC)").check();
      await page.getByLabel("Retirement day").fill(soon.slice(0, 10));
      await page.getByLabel("Retirement time (UTC)").fill(soon.slice(11, 16));
      await save(page, image.id);
      await expect(page.getByText(/Removal scheduled for/)).toBeVisible();
      expect((await imageNamed(request, image.name)).end_date).toBe(`${soon.slice(0, 16)}:00.000Z`);

      // The form shows the stored moment again, and a moment already past is refused inline.
      await page.goto(`/images/${image.id}/edit`);
      await expect(page.getByLabel("Retirement time (UTC)")).toHaveValue(soon.slice(11, 16));
      const past = new Date(Date.now() - 60 * 60 * 1000).toISOString();
      await page.getByLabel("Retirement day").fill(past.slice(0, 10));
      await page.getByLabel("Retirement time (UTC)").fill(past.slice(11, 16));
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.locator("#end_date-error")).toHaveText("Choose a moment in the future, or retire it now.");
      await expect(page.getByLabel("Retirement day")).toHaveAttribute("aria-invalid", "true");
      expect((await imageNamed(request, image.name)).end_date).toBe(`${soon.slice(0, 16)}:00.000Z`);
    });
  });
}
