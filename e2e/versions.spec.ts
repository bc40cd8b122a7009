// SPEC §7 in the browser: a new version requested from the instance page, completed by staff,
// shown on the image page's timeline; versions edited without JavaScript; a version that may not
// be imaged stops the request form.
import { expect, test, type Page } from "@playwright/test";
import { imageNamed, signIn } from "./helpers";

const deskCard = (page: Page, id: number) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(`^#${id} `) }) });

test("a new version of one's own image, requested from the instance page, completed by staff, tops the image's timeline", async ({ browser, request }) => {
  const alice = await browser.newPage();
  await signIn(alice, "alice");
  await alice.goto("/instances");
  await alice.getByRole("link", { name: "Request an image of alice-analysis-red" }).click();
  await expect(alice.getByText(/launched from BLAST\+ 2\.15 Workbench version 1/)).toBeVisible();
  await expect(alice.getByRole("radio", { name: /A new version of BLAST\+ 2\.15 Workbench/ })).toBeChecked();
  await expect(alice.getByLabel(/^Image name/)).toHaveValue("BLAST+ 2.15 Workbench");
  await alice.getByLabel(/^Description/).fill("BLAST+ 2.16 with the new Swiss-Prot release.");
  await alice.getByLabel(/^Change log/).fill("BLAST+ 2.16 and a fresh database.");
  await alice.getByLabel(/^Minimum memory/).fill("8");
  await alice.getByRole("button", { name: "Send the request" }).click();
  await expect(alice.getByRole("status")).toHaveText("Your request was sent to support.");
  const id = Number(/\/requests\/(\d+)/.exec(alice.url())![1]);
  await expect(alice.getByText("A new version of BLAST+ 2.15 Workbench (its next version, made from version 1)")).toBeVisible();

  const staff = await browser.newPage();
  await signIn(staff, "support");
  for (const button of ["Approve", "Complete"]) {
    await staff.goto("/admin/requests?status=all");
    await expect(deskCard(staff, id).getByText(/A new version of BLAST\+ 2\.15 Workbench/)).toBeVisible();
    await deskCard(staff, id).getByRole("button", { name: button }).click();
    await expect(deskCard(staff, id).getByRole("button", { name: button })).toHaveCount(0);
  }

  const image = await imageNamed(request, "BLAST+ 2.15 Workbench");
  await alice.goto(`/images/${image.id}`);
  await expect(alice.getByRole("heading", { name: "BLAST+ 2.15 Workbench", level: 1 })).toBeVisible();
  const timeline = alice.getByRole("list", { name: "Versions, newest first" });
  const newest = timeline.getByRole("listitem").first();
  await expect(newest.getByRole("heading", { name: "Version 2" })).toBeVisible();
  await expect(newest).toContainText("BLAST+ 2.16 and a fresh database.");
  await expect(newest).toContainText("made from version 1");
  await expect(newest).toContainText("At least 8 GB of memory.");
  await expect(alice.getByText("BLAST+ 2.16 with the new Swiss-Prot release.")).toBeVisible();
  await alice.goto(`/requests/${id}`);
  await expect(alice.getByText("A new version of BLAST+ 2.15 Workbench (version 2, made from version 1)")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the creator edits a version's change log and requirements, retires it and restores it", async ({ page, request }) => {
    const image = await imageNamed(request, "Galaxy 23 Server");
    await page.goto("/login");
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("bob-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`/images/${image.id}`);
    await page.getByRole("link", { name: "Edit version 1" }).click();
    await page.getByLabel("Change log").fill("Galaxy 23.0, the first build.");
    await page.getByLabel("CPUs").fill("two");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("#min_cpu-error")).toHaveText("Must be a whole number.");
    await page.getByLabel("CPUs").fill("2");
    await page.getByLabel("Retired on every provider").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
    const oldest = page.getByRole("list", { name: "Versions, newest first" }).getByRole("listitem").last();
    await expect(oldest).toContainText("Galaxy 23.0, the first build.");
    await expect(oldest).toContainText("At least 2 CPUs");
    await expect(oldest).toContainText("Retired on");

    await page.getByRole("link", { name: "Edit version 1" }).click();
    await page.getByLabel("Available on every provider it was made for").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("list", { name: "Versions, newest first" }).getByRole("listitem").last()).not.toContainText("Retired on");
    // Someone else's version: the page is refused.
    const refused = await page.goto(`/images/${(await imageNamed(request, "Jupyter Data Science Stack")).id}/versions/1/edit`);
    expect(refused!.status()).toBe(403);
  });
});

test("an instance launched from a version that may not be imaged gets no request form", async ({ page }) => {
  await signIn(page, "carol");
  await page.goto("/instances");
  await page.getByRole("link", { name: "Request an image of carol-web-red" }).click();
  await expect(page.getByText("Version 2 of NVIDIA CUDA 12 on Ubuntu 22.04 may not be imaged")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send the request" })).toHaveCount(0);
});
