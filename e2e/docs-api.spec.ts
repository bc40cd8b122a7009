import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { expect, test } from "@playwright/test";
import { imageNamed, PNG, signIn, tokenFor, uploadIcon } from "./helpers";

test("the API reference renders from the OpenAPI document, and every curl example on it runs", async ({ page, request, baseURL }) => {
  // A developer's setup, as the page explains it: an image of theirs (with an icon), an identity, an instance, a request.
  const image = await imageNamed(request, "Workshop: Intro to Genomics");
  await signIn(page, "alice");
  await uploadIcon(page, image.id, { name: "icon.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");

  const token = tokenFor("alice");
  const headers = { Authorization: `Token ${token}` };
  const instance = (await (await request.get("/api/v1/instances?page_size=100", { headers })).json()).results.find(
    (candidate: { name: string }) => candidate.name === "alice-web-red",
  );
  const requests = (await (await request.get("/api/v1/image_requests?status=pending", { headers })).json()).results;

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Atmosphere Images API", level: 1 })).toBeVisible();
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const operationIds = Object.values(document.paths).flatMap((methods) => Object.values(methods as Record<string, { operationId: string }>).map((op) => op.operationId));
  const examples = page.locator("pre[data-curl]");
  await expect(examples).toHaveCount(operationIds.length);

  const env = {
    ...process.env,
    ATMO: baseURL!,
    TOKEN: token,
    IMAGE_ID: image.id,
    VERSION: "1",
    PROVIDER_ID: String(instance.provider),
    IDENTITY_ID: instance.identity,
    INSTANCE_ALIAS: instance.alias,
    REQUEST_ID: String(requests[0].id),
    ATMO_USERNAME: "alice",
    ATMO_PASSWORD: "alice-demo",
  };
  for (const operationId of operationIds) {
    const command = await page.locator(`pre[data-curl="${operationId}"]`).innerText();
    const run = () => execFileSync("bash", ["-c", command], { env, cwd: tmpdir(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(run, `${operationId}: ${command}`).not.toThrow();
  }
});

test("the navigation links the reference", async ({ page }) => {
  await page.goto("/images");
  await page.getByRole("link", { name: "API", exact: true }).click();
  await expect(page).toHaveURL("/docs/api");
  await page.getByRole("link", { name: "Request an image" }).click();
  await expect(page.locator("#requestImage")).toBeInViewport();
});
