import { expect, test, type Page } from "@playwright/test";
import { seedRequestBody } from "../tests/seed-example";
import { apiImages, signIn, tokenFor } from "./helpers";

/** Fills and sends the request form for one of the signed-in user's instances; the new request's id. */
async function sendRequest(page: Page, instance: string, name: string, description: string): Promise<number> {
  await page.goto("/instances");
  await page.getByRole("link", { name: `Request an image of ${instance}` }).click();
  await page.getByLabel(/^Image name/).fill(name);
  await page.getByLabel(/^Description/).fill(description);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toHaveText("Your request was sent to support.");
  return Number(/\/requests\/(\d+)/.exec(page.url())![1]);
}

/** The support desk's card for one request. */
const deskCard = (page: Page, id: number) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(`^#${id} `) }) });

async function staffMoves(page: Page, id: number, moves: { button: string; message?: string }[]) {
  await signIn(page, "support");
  for (const move of moves) {
    await page.goto("/admin/requests?status=all");
    const card = deskCard(page, id);
    if (move.message) await card.getByLabel(/Message to the requester/).fill(move.message);
    await card.getByRole("button", { name: move.button }).click();
    await expect(deskCard(page, id).getByRole("button", { name: move.button })).toHaveCount(0);
  }
}

test("a request shared with one user, approved and completed by staff, gives an image only they and the requester see", async ({ browser, request }) => {
  const alice = await browser.newPage();
  await signIn(alice, "alice");
  await alice.goto("/instances");
  await alice.getByRole("link", { name: "Request an image of alice-web-jetstream2" }).click();
  await expect(alice.getByRole("heading", { name: "Request an image" })).toBeVisible();
  await expect(alice.getByRole("list", { name: "Tags for the image" })).toContainText("Web");
  await alice.getByLabel(/^Image name/).fill("Alice Shared Web Stack");
  await alice.getByLabel(/^Description/).fill("The lab's web stack, for Bob.");
  await alice.getByLabel(/^Files to leave out/).fill("/home/alice/.ssh\n/etc/ssh/ssh_host_rsa_key");
  await alice.getByLabel(/^Me and some users/).check();
  await alice.getByRole("combobox", { name: "Usernames" }).fill("bob");
  await alice.getByRole("combobox", { name: "Usernames" }).press("Enter");
  await alice.getByRole("button", { name: "Send the request" }).click();
  await expect(alice.getByRole("status")).toHaveText("Your request was sent to support.");
  const id = Number(/\/requests\/(\d+)/.exec(alice.url())![1]);
  await expect(alice.getByText("The requester and bob")).toBeVisible();

  const staff = await browser.newPage();
  await staffMoves(staff, id, [{ button: "Approve" }, { button: "Complete", message: "Imaged and published." }]);

  await alice.goto(`/requests/${id}`);
  await expect(alice.getByText("Completed", { exact: true }).first()).toBeVisible();
  await expect(alice.getByRole("list", { name: "Status history" }).getByRole("listitem")).toHaveCount(3);
  await alice.getByRole("link", { name: "See the image in the catalog" }).click();
  await expect(alice.getByRole("heading", { name: "Alice Shared Web Stack", level: 1 })).toBeVisible();

  const bob = await browser.newPage();
  await signIn(bob, "bob");
  await bob.goto("/images?shared_with_me=true");
  await expect(bob.getByRole("link", { name: "Alice Shared Web Stack" })).toBeVisible();
  expect((await apiImages(request, "search=alice%20shared%20web", "carol")).count).toBe(0);
  expect((await apiImages(request, "search=alice%20shared%20web")).count).toBe(0);
  expect((await apiImages(request, "search=alice%20shared%20web", "bob")).count).toBe(1);
});

test("a denied request shows staff's message on the requester's timeline", async ({ browser }) => {
  const carol = await browser.newPage();
  await signIn(carol, "carol");
  const id = await sendRequest(carol, "carol-analysis-jetstream2", "Carol Notebook", "My notebooks.");

  const staff = await browser.newPage();
  await signIn(staff, "support");
  await staff.goto("/admin/requests");
  await deskCard(staff, id).getByRole("button", { name: "Deny" }).click();
  await expect(deskCard(staff, id).locator(`#admin_message-${id}-error`)).toHaveText("Required when the request is denied.");
  await staffMoves(staff, id, [{ button: "Deny", message: "Your home directory holds an API key; remove it and ask again." }]);

  await carol.goto(`/requests/${id}`);
  const timeline = carol.getByRole("list", { name: "Status history" });
  await expect(timeline).toContainText("Denied");
  await expect(timeline).toContainText("by support");
  await expect(timeline).toContainText("Your home directory holds an API key; remove it and ask again.");
});

test("the form shows inline errors: forbidden characters, and a second request on the same instance", async ({ page, request }) => {
  await signIn(page, "alice");
  await page.goto("/instances");
  await page.getByRole("link", { name: "Request an image of alice-analysis-jetstream2" }).click();
  await page.getByLabel(/^Image name/).fill("Bad/name?");
  await page.getByLabel(/^Description/).fill("x");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.locator("#name-error")).toContainText("May not contain any of");
  await expect(page.getByLabel(/^Image name/)).toBeFocused();

  await page.getByLabel(/^Image name/).fill("Good name");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toHaveText("Your request was sent to support.");

  const instances = await (await request.get("/api/v1/instances", { headers: { Authorization: `Token ${tokenFor("alice")}` } })).json();
  const alias = instances.results.find((instance: { name: string }) => instance.name === "alice-analysis-jetstream2").alias;
  await page.goto(`/requests/new?instance=${alias}`);
  await page.getByLabel(/^Image name/).fill("Again");
  await page.getByLabel(/^Description/).fill("Once more.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.locator("#instance-error")).toHaveText("This instance already has an open request.");
  await expect(page.getByRole("alert").filter({ hasText: "already has an open request" }).first()).toBeVisible();
  await expect(page.getByLabel(/^Image name/)).toHaveValue("Again");
});

test("the support desk refuses someone who is not staff", async ({ page }) => {
  await signIn(page, "bob");
  const response = await page.goto("/admin/requests");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("link", { name: /Support desk/ })).toHaveCount(0);
});

test("staff see how many requests wait for them", async ({ page }) => {
  await signIn(page, "support");
  await expect(page.getByRole("link", { name: /^Support desk, \d+ requests? waiting$/ })).toBeVisible();
});

test("a request sent over the API with the seed's fields is followed to a completed image by staff in the browser", async ({ page, request }) => {
  const headers = { Authorization: `Token ${tokenFor("bob")}` };
  const identities = (await (await request.get("/api/v1/identities", { headers })).json()).results;
  const instances = (await (await request.get("/api/v1/instances", { headers })).json()).results;
  const instance = instances.find((candidate: { name: string }) => candidate.name === "bob-web-red");
  const identity = identities.find((candidate: { provider: number }) => candidate.provider === instance.provider);

  const created = await request.post(`/api/v1/provider/${instance.provider}/identity/${identity.id}/request_image/`, {
    headers: { ...headers, "Content-Type": "application/json" },
    data: JSON.stringify(seedRequestBody(instance.alias, instance.provider, "Bob Seed Request")),
  });
  expect(created.status()).toBe(201);
  const location = created.headers()["location"];
  const { id } = await created.json();
  expect(location).toMatch(new RegExp(`/api/v1/image_requests/${id}$`));

  await staffMoves(page, id, [{ button: "Approve" }, { button: "Mark processing" }, { button: "Complete" }]);

  const finished = await (await request.get(location, { headers })).json();
  expect(finished.status).toBe("completed");
  expect(finished.history.map((event: { status: string }) => event.status)).toEqual(["pending", "approved", "processing", "completed"]);
  const image = await (await request.get(`/api/v1/images/${finished.image}`)).json();
  expect(image).toMatchObject({ name: "Bob Seed Request", created_by: "bob", private: false, tags: ["apache2", "BGF", "ESD", "SpliceGrapher"] });
  expect(image.versions).toEqual([expect.objectContaining({ version: "1", provider: instance.provider })]);
});
