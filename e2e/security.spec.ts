import { expect, test } from "@playwright/test";
import { formFields, imageNamed, signIn } from "./helpers";

test("pages send a nonce CSP without unsafe-inline scripts, and the security headers; the API too", async ({ request, page }) => {
  const response = await request.get("/images");
  const csp = response.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp.split(";").find((directive) => directive.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin", "x-frame-options": "DENY" });
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const html = await response.text();
  for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);

  const api = await request.get("/api/v1/images");
  expect(api.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");

  // The pages work under the policy: nothing is refused while searching and signing in.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await signIn(page, "carol");
  await page.getByRole("searchbox", { name: "Search images" }).fill("galaxy");
  await expect(page).toHaveURL(/search=galaxy/);
  expect(refused).toEqual([]);
});

test("a form submitted from another site is refused, and signs no one in", async ({ request, baseURL }) => {
  const fields = { ...(await formFields(request, "/login")), username: "alice", password: "alice-demo" };
  const forged = await request.post("/login", { multipart: fields, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("session-token");
  const genuine = await request.post("/login", { multipart: fields, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(genuine.status()).toBe(303);
  expect(genuine.headers()["set-cookie"]).toMatch(/next-auth\.session-token=.*HttpOnly.*SameSite=lax/i);
});

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">`;

test("script and HTML typed into every editable field stay text on every page", async ({ page, browser, request }) => {
  const image = await imageNamed(request, "PyTorch 2 GPU Notebook"); // carol's
  await signIn(page, "carol");
  await page.goto(`/images/${image.id}/edit`);
  await page.getByLabel("Name", { exact: true }).fill(`PyTorch ${HOSTILE}`);
  await page.getByLabel("Description").fill(`Notes ${HOSTILE}`);
  await page.getByRole("textbox", { name: /^Tags/ }).fill("<img src=x onerror=alert(1)>");
  await page.getByRole("textbox", { name: /^Tags/ }).press("Enter");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");

  await page.goto("/instances");
  await page.getByRole("link", { name: "Request an image of carol-web-jetstream2" }).click();
  for (const label of [/^Description/, /^Installed software/, /^Notes for support/, /^Files to leave out/]) await page.getByLabel(label).fill(`${HOSTILE}`);
  await page.getByLabel(/^Image name/).fill("Plain name");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toHaveText("Your request was sent to support.");
  const requestPage = page.url();

  const staff = await browser.newPage();
  await signIn(staff, "support");
  const pages: [typeof page, string][] = [
    [page, "/images"],
    [page, `/images?search=pytorch`],
    [page, `/images/${image.id}`],
    [page, `/images/${image.id}/edit`],
    [page, requestPage],
    [page, "/requests"],
    [staff, "/admin/requests"],
    [staff, requestPage],
  ];
  for (const [viewer, path] of pages) {
    let dialogs = 0;
    viewer.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await viewer.goto(path);
    expect(await viewer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
    expect(await viewer.locator("main img[src='x']").count(), path).toBe(0);
    expect(dialogs, path).toBe(0);
  }
  await expect(page.getByText("Notes <script>window.__pwned = 1</script>", { exact: false })).toHaveCount(0);
  await page.goto(`/images/${image.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>window.__pwned = 1</script>");
});
