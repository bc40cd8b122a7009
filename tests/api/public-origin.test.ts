import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as imagesRoute from "@/app/api/v1/images/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import { db } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { BASE, call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});
afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  delete process.env.TRUST_PROXY;
});

const PUBLIC = "https://images.example.org";
// What a client or a proxy might claim; only a trusted proxy's claim may count, and only without NEXTAUTH_URL.
const claims = { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "192.0.2.10" };

/** Every absolute URL one list answer and one request submission carry, with the OpenAPI document's server. */
async function emittedUrls(headers: Record<string, string> = claims): Promise<string[]> {
  const list = await call(imagesRoute.GET, "/api/v1/images?page_size=1&page=2&search=a", { headers });
  expect(list.status).toBe(200);
  const links = [...list.headers.get("link")!.matchAll(/<([^>]+)>/g)].map((match) => match[1]);
  const { providers, identities } = world;
  // One open request per instance: close the last call's.
  await db.imageRequest.updateMany({ where: { openInstance: world.aliceSecondInstance.alias }, data: { openInstance: null, status: "closed" } });
  const submitted = await call(requestImageRoute.POST, `/api/v1/provider/${providers.p1.id}/identity/${identities.aliceIdentity.id}/request_image/`, {
    method: "POST",
    params: { providerId: String(providers.p1.id), identityId: identities.aliceIdentity.id },
    body: seedRequestBody(world.aliceSecondInstance.alias, providers.p1.id),
    session: world.users.alice,
    headers,
  });
  expect(submitted.status).toBe(201);
  const document = await call(openApiRoute.GET, "/api/v1/openapi.json", { headers });
  return [list.body.next, list.body.previous, ...links, submitted.headers.get("location")!, document.body.servers[0].url];
}

describe("absolute URLs", () => {
  it("start with NEXTAUTH_URL, whatever Host or X-Forwarded-* the request carries", async () => {
    process.env.NEXTAUTH_URL = `${PUBLIC}/`;
    process.env.TRUST_PROXY = "1";
    const urls = await emittedUrls();
    expect(urls).toHaveLength(8);
    for (const url of urls) expect(url).toMatch(/^https:\/\/images\.example\.org\/api\/v1(\/|$)/);
  });

  it("without NEXTAUTH_URL never reflect the client's Host or X-Forwarded-Host", async () => {
    for (const url of await emittedUrls()) {
      expect(url).not.toContain("evil.example");
      expect(url.startsWith(`${BASE}/api/v1/`) || url === "/api/v1").toBe(true);
    }
  });

  it("behind a trusted proxy, without NEXTAUTH_URL, still never take the host a request says it was sent to", async () => {
    process.env.TRUST_PROXY = "1";
    for (const url of await emittedUrls({ ...claims, [PEER_ADDRESS_HEADER]: "127.0.0.1" })) {
      expect(url).not.toContain("evil.example");
      expect(url.startsWith(`${BASE}/api/v1/`) || url === "/api/v1").toBe(true);
    }
  });
});
