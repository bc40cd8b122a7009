import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seedRequestBody } from "../tests/seed-example";
import { signIn, tokenFor } from "./helpers";

const auth = (username: string) => ({ Authorization: `Token ${tokenFor(username)}` });

/** alice asks for an image of the first of her instances that has no open request; the request's id. */
async function aliceSubmits(request: APIRequestContext, name: string): Promise<number> {
  const instances = await (await request.get("/api/v1/instances?page_size=100", { headers: auth("alice") })).json();
  for (const instance of instances.results as { alias: string; provider: number; identity: string }[]) {
    const response = await request.post(`/api/v1/provider/${instance.provider}/identity/${instance.identity}/request_image/`, {
      headers: auth("alice"),
      data: { ...seedRequestBody(instance.alias, instance.provider, name), vis: "private" },
    });
    if (response.status() === 201) return (await response.json()).id;
    expect(response.status()).toBe(409);
  }
  throw new Error("alice has no instance without an open request");
}

const markAllRead = async (request: APIRequestContext, username: string) =>
  expect((await request.post("/api/v1/notifications/read", { headers: auth(username), data: { all: true } })).status()).toBe(200);

/** alice withdraws it: the instance is free again for the other specs, which share the database. */
const withdraw = async (request: APIRequestContext, id: number) =>
  expect((await request.patch(`/api/v1/image_requests/${id}`, { headers: auth("alice"), data: { status: "closed" } })).status()).toBe(200);

const bell = (page: Page) => page.getByRole("link", { name: /^Notifications, \d+ unread$/ });

test("staff approve alice's request on the support desk; her bell shows it, and the notice leads to the request", async ({ browser, request }) => {
  await markAllRead(request, "alice");
  const id = await aliceSubmits(request, "Bell test image");

  const staff = await browser.newPage();
  await signIn(staff, "support");
  // Support heard of the submission.
  await expect(bell(staff)).not.toHaveAccessibleName("Notifications, 0 unread");
  await staff.goto("/admin/requests?status=all");
  const card = staff.getByRole("listitem").filter({ has: staff.getByRole("link", { name: new RegExp(`^#${id} `) }) });
  await card.getByLabel(/Message to the requester/).fill("Approved: imaging tonight.");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(staff.getByRole("listitem").filter({ has: staff.getByRole("link", { name: new RegExp(`^#${id} `) }) }).getByRole("button", { name: "Approve" })).toHaveCount(0);

  const alice = await browser.newPage();
  await signIn(alice, "alice");
  await expect(alice.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await alice.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await expect(alice.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const notices = alice.getByRole("list", { name: "Notifications" }).getByRole("listitem");
  await expect(notices.first()).toContainText(`Your image request #${id} ("Bell test image") was approved`);
  await expect(notices.first()).toContainText("Approved: imaging tonight.");
  await notices.first().getByRole("link").click();
  await expect(alice).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(alice.getByRole("link", { name: "Notifications, 0 unread" })).toBeVisible();
  await withdraw(request, id);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Mark all as read, and the e-mail settings form", async ({ page, request }) => {
    const id = await aliceSubmits(request, "No script image");
    const moved = await request.patch(`/api/v1/image_requests/${id}`, { headers: auth("support"), data: { status: "denied", admin_message: "Not this one." } });
    expect(moved.status()).toBe(200);
    await signIn(page, "alice");
    await page.goto("/notifications");
    await expect(bell(page)).not.toHaveAccessibleName("Notifications, 0 unread");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByText("Nothing unread.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Notifications, 0 unread" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);

    await page.goto("/settings/notifications");
    const denied = page.getByRole("checkbox", { name: "Support denies your request" });
    await expect(denied).toBeChecked();
    // Support's kinds are for staff only.
    await expect(page.getByRole("checkbox", { name: /submits an image request/ })).toHaveCount(0);
    await denied.uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Your settings were saved.");
    await page.goto("/settings/notifications");
    await expect(page.getByRole("checkbox", { name: "Support denies your request" })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Support approves your request" })).toBeChecked();
    await page.getByRole("checkbox", { name: "Support denies your request" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("checkbox", { name: "Support denies your request" })).toBeChecked();
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe-core finds nothing serious on /notifications and /settings/notifications in ${scheme} mode`, async ({ page, request }) => {
    const id = await aliceSubmits(request, `Axe ${scheme} image`);
    await request.patch(`/api/v1/image_requests/${id}`, { headers: auth("support"), data: { status: "approved", admin_message: "A <b>message</b> with markup." } });
    await withdraw(request, id);
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, "alice");
    for (const path of ["/notifications", "/settings/notifications", "/settings/notifications?saved=1"]) {
      await page.goto(path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      expect(serious.map((violation) => `${path} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });
}
