// Broken and hostile input to every endpoint: always a 4xx problem, never a 500, and the
// database exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as providers from "@/app/api/v1/providers/route";
import * as identities from "@/app/api/v1/identities/route";
import * as instances from "@/app/api/v1/instances/route";
import * as tags from "@/app/api/v1/tags/route";
import * as fallback from "@/app/api/v1/[...path]/route";
import { db } from "@/lib/db/client";
import { call, type Answer } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

/** Everything an API request could change, as one comparable value. */
async function snapshot() {
  return {
    images: await db.image.findMany({ orderBy: { id: "asc" } }),
    tags: await db.tag.findMany({ orderBy: { id: "asc" } }),
    imageTags: await db.imageTag.count(),
    shares: await db.imageShare.count(),
    edits: await db.imageEdit.count(),
    users: await db.user.count(),
  };
}

function expectProblem(answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|prisma/i);
}

const edit = (body: unknown, headers: Record<string, string> = {}, method: "PATCH" | "PUT" = "PATCH") =>
  call(method === "PATCH" ? single.PATCH : single.PUT, `/api/v1/images/${world.images.public}`, {
    method,
    params: { id: world.images.public },
    body,
    headers,
    session: world.users.alice,
  });

describe("bodies", () => {
  it.each([
    ["malformed JSON", "{\"name\": ", 400],
    ["the seed's example body, keys unquoted", '{\n  instance: "74089c18",\n  vis: "public"\n}', 400],
    ["a JSON array", "[]", 400],
    ["a JSON string", '"name"', 400],
    ["null", "null", 400],
    ["an empty body", "", 400],
    ["wrong types", { name: ["x"], private: "false", tags: [1, 2], end_date: 5 }, 400],
    ["deeply nested arrays", "[".repeat(100_000) + "]".repeat(100_000), 400],
    ["deeply nested objects", '{"name":'.repeat(50_000) + "1" + "}".repeat(50_000), 400],
    ["NUL bytes", { name: "evil\u0000name", description: "a\u0000b" }, 400],
    ["a NUL in a tag", { tags: ["x\u0000"] }, 400],
    ["prototype keys", JSON.parse('{"__proto__":{"isStaff":true},"constructor":{"prototype":{}}}'), 400],
    ["huge arrays", { tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`) }, 400],
    ["numbers as strings", { private: "1", name: 5 }, 400],
  ])("%s: a 4xx problem, nothing changed", async (_name, body, status) => {
    const before = await snapshot();
    expectProblem(await edit(body), status);
    expectProblem(await edit(body, {}, "PUT"), status);
    expect(await snapshot()).toEqual(before);
  });

  it("says where the seed's unquoted-keys body stops being JSON", async () => {
    const { body } = await edit('{\n  instance: "74089c18"\n}');
    expect(body.detail).toMatch(/not valid JSON.*line 2, column 3.*double quotes/);
  });

  it("a body over 1 MiB is a 413, whatever Content-Length says", async () => {
    const before = await snapshot();
    const big = JSON.stringify({ description: "x".repeat(2 * 1024 * 1024) });
    expectProblem(await edit(big), 413);
    expect(await snapshot()).toEqual(before);
  });

  it("a body that is not JSON is a 415", async () => {
    expectProblem(await edit("name=x", { "Content-Type": "application/x-www-form-urlencoded" }), 415);
    expectProblem(await edit("<xml/>", { "Content-Type": "text/xml" }), 415);
  });

  it("SQL and HTML metacharacters are stored as text, harmlessly", async () => {
    const name = `Robert'); DROP TABLE images;-- <script>alert(1)</script> % _ \\`;
    const { status, body } = await edit({ name });
    expect(status).toBe(200);
    expect(body.name).toBe(name);
    expect(await db.image.count()).toBe(7);
  });
});

describe("anonymous writes", () => {
  it("are a 401 before the body is looked at: not JSON, broken JSON or too large", async () => {
    const bodies: [string, Record<string, string>][] = [
      ["plain text", { "Content-Type": "text/plain" }],
      ["{oops", { "Content-Type": "application/json" }],
      [JSON.stringify({ description: "x".repeat(2 * 1024 * 1024) }), { "Content-Type": "application/json" }],
    ];
    for (const [body, headers] of bodies) {
      const id = world.images.public;
      expectProblem(await call(single.PATCH, `/api/v1/images/${id}`, { method: "PATCH", params: { id }, body, headers }), 401);
      expectProblem(await call(single.PUT, `/api/v1/images/${id}`, { method: "PUT", params: { id }, body, headers }), 401);
    }
  });
});

describe("paths and query strings", () => {
  it.each(["not-a-uuid", "' OR 1=1 --", "%00", "../../etc/passwd", "bdc31c14-f807-11e3-8ef5-b2227cce2b54", "x".repeat(5000)])(
    "image id %j is a 404",
    async (id) => {
      expectProblem(await call(single.GET, `/api/v1/images/x`, { params: { id } }), 404);
      expectProblem(await call(single.PATCH, `/api/v1/images/x`, { method: "PATCH", params: { id }, body: { name: "x" }, session: world.users.staff }), 404);
    },
  );

  it.each([
    "search=%00",
    "search=%25%27%22%3B--",
    "search=_",
    `search=${"word ".repeat(100)}`,
    "tag=%00",
    `tag=${"x".repeat(100)}`,
    "created_by=%27%20OR%201%3D1",
    "provider=1e3",
    "provider=99999999999",
    "page=99999999999",
    "page_size=%00",
    "ordering=name;DROP",
    "include_end_dated=%00",
    "__proto__=1&constructor=2",
  ])("?%s answers 200 or a 4xx, never more", async (query) => {
    for (const [handler, path] of [
      [collection.GET, "images"],
      [providers.GET, "providers"],
      [tags.GET, "tags"],
      [identities.GET, "identities"],
      [instances.GET, "instances"],
    ] as const) {
      const answer = await call(handler, `/api/v1/${path}?${query}`, { token: world.tokens.alice });
      expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500)).toBe(true);
      if (answer.status !== 200) expectProblem(answer, answer.status);
    }
  });

  it("LIKE wildcards in search are punctuation, not patterns", async () => {
    const count = async (query: string) => (await call(collection.GET, `/api/v1/images?${query}`)).body.count;
    const all = await count("");
    expect(await count("search=%25")).toBe(all);
    expect(await count("search=_")).toBe(all);
    expect(await count("search=ubuntu%25")).toBe(1);
    expect(await count("search=%25rocky%25%20ubuntu")).toBe(0);
  });
});

describe("methods and paths", () => {
  it.each([
    [collection, ["POST", "PUT", "PATCH", "DELETE"], "GET, HEAD, OPTIONS"],
    [single, ["POST", "DELETE"], "GET, HEAD, PUT, PATCH, OPTIONS"],
    [providers, ["POST", "DELETE"], "GET, HEAD, OPTIONS"],
    [identities, ["PUT"], "GET, HEAD, OPTIONS"],
    [instances, ["PATCH"], "GET, HEAD, OPTIONS"],
    [tags, ["POST"], "GET, HEAD, OPTIONS"],
  ])("unsupported methods are a 405 with Allow", async (route, methods, allow) => {
    for (const method of methods as string[]) {
      const handler = (route as Record<string, typeof collection.GET>)[method];
      const answer = await call(handler, "/api/v1/images", { method, params: { id: world.images.public } });
      expectProblem(answer, 405);
      expect(answer.headers.get("allow")).toBe(allow);
    }
  });

  it("OPTIONS lists the methods", async () => {
    const answer = await call(single.OPTIONS, "/api/v1/images/x", { method: "OPTIONS" });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("allow")).toBe("GET, HEAD, PUT, PATCH, OPTIONS");
  });

  it("an unknown API path is a problem+json 404", async () => {
    expectProblem(await call(fallback.GET, "/api/v1/nothing", { params: { path: ["nothing"] } }), 404);
    expectProblem(await call(fallback.POST, "/api/v1/nothing", { method: "POST", params: { path: ["nothing"] } }), 404);
  });
});
