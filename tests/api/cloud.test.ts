import { beforeAll, describe, expect, it } from "vitest";
import * as providers from "@/app/api/v1/providers/route";
import * as identities from "@/app/api/v1/identities/route";
import * as instances from "@/app/api/v1/instances/route";
import * as tags from "@/app/api/v1/tags/route";
import { call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

describe("GET /api/v1/providers", () => {
  it("lists every provider to anyone", async () => {
    const { status, body } = await call(providers.GET, "/api/v1/providers");
    expect(status).toBe(200);
    expect(body).toMatchObject({ count: 2, next: null, previous: null });
    expect(body.results[0]).toEqual({ id: world.providers.p1.id, name: "Provider One", location: "Tucson", active: true, kind: "manual" });
  });

  it("still refuses a bad token", async () => {
    expect((await call(providers.GET, "/api/v1/providers", { token: world.tokens.revoked })).status).toBe(401);
  });
});

describe("GET /api/v1/identities and /api/v1/instances", () => {
  it("are the caller's own, and a 401 for anonymous", async () => {
    expect((await call(identities.GET, "/api/v1/identities")).status).toBe(401);
    expect((await call(instances.GET, "/api/v1/instances")).status).toBe(401);

    const mine = await call(identities.GET, "/api/v1/identities", { token: world.tokens.alice });
    expect(mine.body.results).toEqual([
      { id: world.identities.aliceIdentity.id, provider: world.providers.p1.id, provider_name: "Provider One", username: "alice" },
      { id: world.identities.aliceIdentity2.id, provider: world.providers.p2.id, provider_name: "Provider Two", username: "alice" },
    ]);
    const vms = await call(instances.GET, "/api/v1/instances", { token: world.tokens.alice });
    expect(vms.body.count).toBe(2); // the end-dated one is gone
    expect(vms.body.results.find((vm: { name: string }) => vm.name === "alice-vm")).toEqual({
      alias: world.aliceInstance.alias,
      name: "alice-vm",
      ip_address: "10.0.0.5",
      provider: world.providers.p1.id,
      identity: world.identities.aliceIdentity.id,
      status: "active",
      start_date: expect.stringMatching(/Z$/),
      tags: ["Genomics", "Lab"],
      image: null,
      version: null,
    });
    expect((await call(instances.GET, "/api/v1/instances", { session: world.users.carol })).body.count).toBe(0);
  });
});

describe("GET /api/v1/tags", () => {
  const counts = async (options = {}) =>
    Object.fromEntries((await call(tags.GET, "/api/v1/tags", options)).body.results.map((tag: { name: string; image_count: number }) => [tag.name, tag.image_count]));

  it("counts the current images each viewer can see, and leaves out tags of images they cannot", async () => {
    expect(await counts()).toEqual({ Featured: 2, Genomics: 1, Rocky: 1, Ubuntu: 1, Workshop: 1 });
    expect(await counts({ session: world.users.bob })).toEqual({ Featured: 2, Genomics: 1, Jupyter: 1, Python: 1, Rocky: 1, Ubuntu: 1, Workshop: 1 });
    expect(await counts({ session: world.users.alice })).toEqual({ Featured: 2, Genomics: 2, Jupyter: 1, Python: 1, Rocky: 1, Ubuntu: 1, Workshop: 1 });
  });
});
