// /admin/providers against a real Keystone and Glance (scripts/openstack/dev-stack.sh): staff add
// the cloud, map alice to her project, sync her images into the catalog; a change made while
// Glance is down waits in the outbox, shows on the page with its error, and goes through on
// "Retry now" once Glance is back. The provider's secret is in no page the browser receives.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startOpenStack, type OpenStackStack } from "../scripts/lib/openstack-stack";
import { createActiveImage, getImage, signInAs, type GlanceImage } from "../tests/openstack-client";
import { signIn } from "./helpers";

const RUN = Date.now().toString(36);
const PREFIX = `E2E Cloud ${RUN}`;
const PROVIDER = `Dev Cloud ${RUN}`;
const WRONG_SECRET = `wrong-secret-${RUN}-Qx9`;

let stack: OpenStackStack;
let env: Record<string, string>;
let images: GlanceImage[];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000); // Keystone and Glance start in 20-40 s
  stack = await startOpenStack({ keystonePort: Number(process.env.E2E_KEYSTONE_PORT ?? 15100), glancePort: Number(process.env.E2E_GLANCE_PORT ?? 19392) });
  env = stack.env;
  const alice = await signInAs(env, "alice");
  images = [
    await createActiveImage(alice, { name: `${PREFIX} Genomics`, tags: ["E2E Cloud", "Genomics"] }),
    await createActiveImage(alice, { name: `${PREFIX} Imaging`, tags: ["E2E Cloud"] }),
  ];
});

test.afterAll(async () => {
  await stack?.stop();
});

/**
 * Every page, RSC payload and server action answer the context receives, to look for the secrets
 * in afterwards (the browser sends the secret once, in the form; nothing may send it back).
 */
function recordBodies(context: BrowserContext): () => Promise<string[]> {
  const bodies: Promise<string>[] = [];
  context.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/text\/html|text\/x-component|application\/json/.test(type)) bodies.push(response.text().catch(() => ""));
  });
  return () => Promise.all(bodies);
}

async function staffPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  const bodies = recordBodies(context);
  const page = await context.newPage();
  await signIn(page, "support");
  return { context, page, bodies };
}

const expectNoSecrets = async (bodies: () => Promise<string[]>) => {
  const all = (await bodies()).join("\n");
  expect(all.length).toBeGreaterThan(0);
  for (const secret of [env.OSDEV_ADMIN_APP_CRED_SECRET, WRONG_SECRET]) expect(all.includes(secret), "a secret was sent back to the browser").toBe(false);
};

const deliveries = (page: Page) => page.getByRole("table", { name: "Undelivered changes" });

test("only staff see the providers page", async ({ page }) => {
  await signIn(page, "bob");
  expect((await page.goto("/admin/providers"))?.status()).toBe(403);
  await expect(page.getByRole("link", { name: "Providers" })).toHaveCount(0);
  await signIn(page, "support");
  await page.getByRole("link", { name: "Providers", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/providers$/);
  await expect(page.getByRole("heading", { name: "Providers", level: 1 })).toBeVisible();
});

test("staff add the cloud, map alice to her project and sync: her images reach the catalog", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, bodies } = await staffPage(browser);
  await page.goto("/admin/providers");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the provider" }) });
  await form.getByRole("radio", { name: /^OpenStack/ }).check();
  await form.getByLabel("Name", { exact: true }).fill(PROVIDER);
  await form.getByLabel(/^Keystone address/).fill(env.OS_AUTH_URL);
  await form.getByLabel("Region", { exact: true }).fill(env.OS_REGION_NAME);
  await form.getByRole("radio", { name: /^An application credential/ }).check();
  await form.getByLabel("Application credential id", { exact: true }).fill(env.OSDEV_ADMIN_APP_CRED_ID);
  const secret = form.getByLabel("Application credential secret", { exact: true });
  await expect(secret).toHaveAttribute("type", "password");
  await expect(secret).toHaveAttribute("autocomplete", "off");

  // A wrong secret: told next to the field, the form keeps the rest, and asks for the secret again.
  await secret.fill(WRONG_SECRET);
  await form.getByRole("button", { name: "Add the provider" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect");
  await expect(page.locator("#provider-credential_secret-error")).toBeVisible();
  await expect(secret).toHaveAttribute("aria-invalid", "true");
  await expect(secret).toHaveValue("");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(PROVIDER);
  expect(await page.content()).not.toContain(WRONG_SECRET);

  await secret.fill(env.OSDEV_ADMIN_APP_CRED_SECRET);
  await form.getByRole("button", { name: "Add the provider" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${PROVIDER} (openstack)`);
  const providers = page.getByRole("table", { name: "Providers", exact: true });
  const row = providers.getByRole("row").filter({ hasText: PROVIDER });
  await expect(row).toContainText(`application credential ${env.OSDEV_ADMIN_APP_CRED_ID}`);
  await expect(row).toContainText("RegionOne");
  await expect(row).toContainText("never");

  // alice's Keystone project: the images it owns are hers in the catalog.
  const identity = page.locator("form").filter({ has: page.getByRole("button", { name: "Map the identity" }) });
  await identity.getByLabel("Username", { exact: true }).fill("alice");
  await identity.getByLabel("Provider", { exact: true }).selectOption({ label: `${PROVIDER} (openstack)` });
  await identity.getByLabel(/^Keystone project id/).fill(env.OSDEV_ALICE_PROJECT_ID);
  await identity.getByRole("button", { name: "Map the identity" }).click();
  await expect(identity.getByRole("status")).toContainText(`alice has an identity on ${PROVIDER} in project ${env.OSDEV_ALICE_PROJECT_ID}`);
  await expect(page.getByRole("table", { name: "Identities on openstack providers" }).getByRole("row").filter({ hasText: env.OSDEV_ALICE_PROJECT_ID })).toContainText("alice");

  await row.getByRole("button", { name: `Sync ${PROVIDER} now` }).click();
  await expect(row.getByRole("status")).toContainText(`Synced ${PROVIDER}: 2 seen, 2 added, 0 updated, 0 retired, 0 restored, 0 skipped`);
  await expect(row).toContainText("2 seen, 2 added, 0 updated, 0 retired, 0 restored");
  const run = page.getByRole("table", { name: "Sync runs" }).getByRole("row").filter({ hasText: PROVIDER });
  await expect(run).toHaveCount(1);
  await expect(run).toContainText("staff:support");

  await page.goto(`/images?search=${encodeURIComponent(RUN)}`);
  const cards = page.getByRole("list", { name: "Images" }).getByRole("heading", { level: 3 });
  await expect(cards).toHaveCount(2);
  expect((await cards.allInnerTexts()).sort()).toEqual(images.map((image) => image.name as string).sort());
  await expectNoSecrets(bodies);
  await context.close();
});

test("a change made while Glance is down waits, shows its error, and goes through on Retry now", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page, bodies } = await staffPage(browser);
  const found = await (await page.request.get(`/api/v1/images?search=${encodeURIComponent(`${PREFIX} Genomics`)}`)).json();
  const catalogImage = found.results.find((image: { name: string }) => image.name === `${PREFIX} Genomics`);
  expect(catalogImage.private).toBe(true);
  const glanceId = images[0].id;

  await stack.stopService("glance-api");
  try {
    // The edit does not wait for Glance: it is written to the catalog and queued.
    const started = Date.now();
    const edited = await page.request.patch(`/api/v1/images/${catalogImage.id}`, { data: { private: false } });
    expect(edited.status()).toBe(200);
    expect((await edited.json()).private).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);

    // The worker tries (every 2 s), fails, and tries again 10 s later: wait for the second
    // failure, after which it waits 30 s, longer than Retry now will take.
    const delivery = deliveries(page).getByRole("row").filter({ hasText: `${PREFIX} Genomics` });
    await expect
      .poll(
        async () => {
          await page.goto("/admin/providers");
          return (await delivery.count()) === 1 ? Number(await delivery.getByRole("cell").nth(4).innerText()) : 0;
        },
        { timeout: 40_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(2);
    await expect(delivery).toContainText("pending");
    await expect(delivery).toContainText(/Glance at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
    await expect(delivery).toContainText("private changed by support");
    await expect(delivery).toContainText(glanceId);
    // Every section filled in: still nothing serious for axe (e2e/accessibility.spec.ts sees the page nearly empty).
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);
  } finally {
    await stack.startService("glance-api");
  }

  // Glance answers again (its first authenticated call after a start may take a moment), and
  // the change is not in it yet.
  const admin = await signInAs(env, "admin");
  await expect.poll(async () => (await getImage(admin, glanceId).catch(() => null))?.visibility, { timeout: 30_000 }).toBe("private");
  await page.goto("/admin/providers");
  const delivery = deliveries(page).getByRole("row").filter({ hasText: `${PREFIX} Genomics` });
  await delivery.getByRole("button", { name: /^Retry now/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "tried again now" })).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.goto("/admin/providers");
        return deliveries(page).getByRole("row").filter({ hasText: `${PREFIX} Genomics` }).count();
      },
      { timeout: 10_000, intervals: [500] },
    )
    .toBe(0);
  await expect(page.getByText("Every change has been delivered.")).toBeVisible();
  const published = await getImage(admin, glanceId);
  expect(published?.visibility).toBe("public");
  expect(published?.atmosphere_image).toBe(catalogImage.id);

  // Back to private, so that the rest of the suite's public catalog is the demo's.
  expect((await page.request.patch(`/api/v1/images/${catalogImage.id}`, { data: { private: true } })).status()).toBe(200);
  await expect.poll(async () => (await getImage(admin, glanceId))?.visibility, { timeout: 15_000 }).toBe("private");
  await expectNoSecrets(bodies);
  await context.close();
});

test("without JavaScript: a rejected cloud keeps no secret, a manual provider is added, Sync now answers", async ({ browser }) => {
  test.setTimeout(60_000);
  const { context, page, bodies } = await staffPage(browser, { javaScriptEnabled: false });
  await page.goto("/admin/providers");
  const form = () => page.locator("form").filter({ has: page.getByRole("button", { name: "Add the provider" }) });
  await form().getByLabel("Name", { exact: true }).fill(`${PROVIDER} again`);
  await form().getByLabel(/^Keystone address/).fill(env.OS_AUTH_URL);
  await form().getByLabel("Region", { exact: true }).fill(env.OS_REGION_NAME);
  await form().getByLabel("Application credential id", { exact: true }).fill(env.OSDEV_ADMIN_APP_CRED_ID);
  await form().getByLabel("Application credential secret", { exact: true }).fill(WRONG_SECRET);
  await form().getByRole("button", { name: "Add the provider" }).click();
  await expect(form().getByRole("alert")).toContainText("Could not connect");
  await expect(page.locator("#provider-credential_secret-error")).toBeVisible();
  await expect(form().getByLabel("Name", { exact: true })).toHaveValue(`${PROVIDER} again`);
  await expect(form().getByLabel("Application credential secret", { exact: true })).toHaveValue("");
  expect(await page.content()).not.toContain(WRONG_SECRET);

  // A blank name is refused by the schema, next to the field.
  await form().getByRole("radio", { name: /^Manual/ }).check();
  await form().getByLabel("Name", { exact: true }).fill("");
  await form().getByRole("button", { name: "Add the provider" }).click();
  await expect(page.locator("#provider-name-error")).toHaveText("May not be blank.");
  await form().getByRole("radio", { name: /^Manual/ }).check();
  await form().getByLabel("Name", { exact: true }).fill(`Manual ${RUN}`);
  await form().getByLabel(/^Location/).fill("The lab");
  await form().getByRole("button", { name: "Add the provider" }).click();
  await expect(form().getByRole("status")).toHaveText(`Added Manual ${RUN} (manual).`);
  await expect(page.getByRole("table", { name: "Providers", exact: true }).getByRole("row").filter({ hasText: `Manual ${RUN}` })).toContainText("no cloud to sync");

  const row = page.getByRole("table", { name: "Providers", exact: true }).getByRole("row").filter({ hasText: PROVIDER }).filter({ hasNotText: "again" });
  await row.getByRole("button", { name: `Sync ${PROVIDER} now` }).click();
  await expect(page.getByRole("table", { name: "Providers", exact: true }).getByRole("row").filter({ hasText: PROVIDER }).getByRole("status")).toContainText("2 seen, 0 added");
  await expectNoSecrets(bodies);
  await context.close();
});
