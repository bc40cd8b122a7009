import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/images/route";
import { BASE, call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const names = (body: { results: { name: string }[] }) => body.results.map((image) => image.name);
const list = (query = "", token?: string) => call(GET, `/api/v1/images${query}`, { token });

describe("GET /api/v1/images", () => {
  it("answers the seed's collection shape with the seed's image keys, in order", async () => {
    const { status, body, headers } = await list();
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json");
    expect(Object.keys(body)).toEqual(["count", "next", "previous", "results"]);
    const image = body.results.find((result: { name: string }) => result.name === "Ubuntu 22.04 Base");
    expect(Object.keys(image)).toEqual(["id", "icon", "created_by", "name", "tags", "description", "start_date", "end_date", "private", "versions"]);
    expect(image).toMatchObject({ icon: null, created_by: "alice", tags: ["Featured", "Ubuntu"], end_date: null, private: false });
    expect(Object.keys(image.versions[0])).toEqual(["alias", "version", "start_date", "end_date", "provider"]);
    expect(image.versions[0]).toMatchObject({ version: "1", end_date: null, provider: world.providers.p1.id });
  });

  it("writes dates as ISO 8601 UTC with milliseconds", async () => {
    const { body } = await list();
    for (const image of body.results) {
      expect(image.start_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (image.end_date) expect(image.end_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it("orders versions oldest first and keeps retired ones with their end_date", async () => {
    const { body } = await list("?created_by=bob");
    const [bobs] = body.results;
    expect(bobs.versions.map((v: { version: string }) => v.version)).toEqual(["1", "2"]);
    expect(bobs.versions[0].end_date).not.toBeNull();
  });

  it("pages with next and previous links that keep every other parameter", async () => {
    const first = await list("?page_size=2&ordering=name&search=e");
    expect(first.body.count).toBe(3);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`${BASE}/api/v1/images?page_size=2&ordering=name&search=e&page=2`);
    const second = await call(GET, first.body.next.slice(BASE.length));
    expect(second.body.previous).toBe(`${BASE}/api/v1/images?page_size=2&ordering=name&search=e`);
    expect(second.body.next).toBeNull();
    expect([...names(first.body), ...names(second.body)]).toEqual(["Bob Rocky Linux", "Ubuntu 22.04 Base", "Workshop Genomics Box"]);
  });

  it("sends an RFC 8288 Link header with first, prev, next and last", async () => {
    const { headers } = await list("?page_size=1&page=2&ordering=name");
    const base = `${BASE}/api/v1/images?page_size=1&ordering=name`;
    const third = `${BASE}/api/v1/images?page_size=1&page=3&ordering=name`;
    expect(headers.get("link")).toBe(`<${base}>; rel="first", <${base}>; rel="prev", <${third}>; rel="next", <${third}>; rel="last"`);
    const only = await list("?search=ubuntu");
    expect(only.headers.get("link")).toBe(`<${BASE}/api/v1/images?search=ubuntu>; rel="first", <${BASE}/api/v1/images?search=ubuntu>; rel="last"`);
  });

  it("answers 404 for a page past the last, and 200 with no results for an empty first page", async () => {
    expect((await list("?page=3&page_size=2")).status).toBe(404);
    const empty = await list("?search=nothing-matches-this");
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it("defaults to 100 a page and accepts 1 to 1000", async () => {
    expect((await list("?page_size=1000")).status).toBe(200);
    for (const bad of ["0", "1001", "-1", "abc", "1.5"]) {
      const { status, body } = await list(`?page_size=${bad}`);
      expect(status).toBe(400);
      expect(Object.keys(body.errors)).toEqual(["page_size"]);
    }
  });

  it("orders by name and by start_date, both ways, newest first by default", async () => {
    const byDefault = names((await list()).body);
    const newestFirst = names((await list("?ordering=-start_date")).body);
    expect(byDefault).toEqual(newestFirst);
    expect(names((await list("?ordering=start_date")).body)).toEqual([...newestFirst].reverse());
    const byName = names((await list("?ordering=name")).body);
    expect(byName).toEqual([...byName].sort());
    expect(names((await list("?ordering=-name")).body)).toEqual([...byName].reverse());
  });

  it("searches name, description, tag and creator, every word having to match", async () => {
    expect(names((await list("?search=ubuntu")).body)).toEqual(["Ubuntu 22.04 Base"]);
    expect(names((await list("?search=PLAIN%20system")).body)).toEqual(["Ubuntu 22.04 Base"]);
    expect(names((await list("?search=rocky%20featured")).body)).toEqual(["Bob Rocky Linux"]);
    expect(names((await list("?search=bob")).body)).toEqual(["Bob Rocky Linux"]);
    expect(names((await list("?search=genomics%20workshop")).body)).toEqual(["Workshop Genomics Box"]);
    expect((await list("?search=ubuntu%20rocky")).body.count).toBe(0);
  });

  it("filters by several tags (all must match, any case), creator and provider", async () => {
    expect(names((await list("?tag=featured")).body).sort()).toEqual(["Bob Rocky Linux", "Ubuntu 22.04 Base"]);
    expect(names((await list("?tag=FEATURED&tag=ubuntu")).body)).toEqual(["Ubuntu 22.04 Base"]);
    expect((await list("?tag=featured&tag=genomics")).body.count).toBe(0);
    expect(names((await list("?created_by=bob")).body)).toEqual(["Bob Rocky Linux"]);
    expect(names((await list(`?provider=${world.providers.p2.id}`)).body)).toEqual(["Bob Rocky Linux"]);
    expect((await list("?provider=999")).body.count).toBe(0);
  });

  it("names each bad parameter in a 400", async () => {
    const { status, body } = await list("?ordering=size&include_end_dated=maybe&provider=x");
    expect(status).toBe(400);
    expect(body.detail).toContain("ordering");
    expect(Object.keys(body.errors).sort()).toEqual(["include_end_dated", "ordering", "provider"]);
  });
});
