// Generated hostile input for every endpoint: query strings, paths and bodies. Whatever comes in,
// the answer is never a 5xx nor a stack trace, and a rejected request changes nothing.
// FUZZ_RUNS sets the cases per property (npm run fuzz: 2,000 × 5 properties = 10,000).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as icon from "@/app/api/v1/images/[id]/icon/route";
import * as versionsRoute from "@/app/api/v1/images/[id]/versions/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import * as requestsRoute from "@/app/api/v1/image_requests/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as tags from "@/app/api/v1/tags/route";
import { db } from "@/lib/db/client";
import { call, type Answer } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

const RUNS = Number(process.env.FUZZ_RUNS) || 60;
let cases = 0;
let world: Fixture;
let requestId: number;

beforeAll(async () => {
  world = await seedFixture();
  const created = await call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
    method: "POST",
    params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
    body: { name: "Fuzz", instance: world.aliceInstance.alias, description: "Target of the fuzzer." },
    session: world.users.alice,
  });
  requestId = created.body.id;
});
afterAll(() => console.log(`fuzz: ${cases} cases, every answer below 500`));

// Strings people and attackers send: unicode, NUL and control characters, SQL and HTML, huge ones.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("\u0000", "' OR 1=1 --", "\"; DROP TABLE images; --", "<script>alert(1)</script>", "%", "_", "\\", "../../etc/passwd", "__proto__", "constructor", "1e309", "-0", "NaN", "null", "true", "[]", "{}"),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const key = fc.oneof(
  nasty,
  fc.constantFrom("name", "description", "tags", "end_date", "private", "shared_with", "instance", "vis", "status", "admin_message", "__proto__", "constructor", "prototype"),
  // SPEC §7: versions and new-version requests.
  fc.constantFrom("fork", "version_name", "change_log", "min_cpu", "min_memory_gb", "min_disk_gb", "allow_imaging", "version", "machines", "parent"),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
  ),
})).value;
/** A body: a JSON value (often an object with the real field names), or text that is not JSON at all. */
const body = fc.oneof(
  fc.dictionary(key, json, { maxKeys: 8 }).map((value) => JSON.stringify(value)),
  json.map((value) => JSON.stringify(value)),
  nasty,
  fc.nat({ max: 3000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.array(nasty, { minLength: 1000, maxLength: 3000 }).map((values) => JSON.stringify({ tags: values })),
);
const queryString = fc
  .array(fc.tuple(fc.oneof(key, fc.constantFrom("page", "page_size", "search", "tag", "created_by", "provider", "ordering", "include_end_dated", "shared_with_me")), nasty), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());

function expectSafe(answer: Answer) {
  cases++;
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|prisma|Error:/i);
  }
}

/** Sends a write; if it is refused, the database must be exactly as it was. */
async function expectRejectedWriteChangesNothing(send: () => Promise<Answer>) {
  const before = await snapshot();
  const answer = await send();
  expectSafe(answer);
  if (answer.status >= 400) expect(await snapshot()).toBe(before);
}

async function snapshot() {
  return JSON.stringify([
    await db.image.findMany({ orderBy: { id: "asc" } }),
    await db.imageRequest.findMany({ orderBy: { id: "asc" } }),
    await db.imageTag.count(),
    await db.imageShare.count(),
    await db.imageEdit.count(),
    await db.tag.count(),
    await db.imageRequestEvent.count(),
    await db.version.findMany({ orderBy: { id: "asc" } }),
    await db.machine.findMany({ orderBy: { alias: "asc" } }),
  ]);
}

describe("fuzzing", () => {
  it("collection query strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryString,
        fc.constantFrom([collection.GET, "images"] as const, [requestsRoute.GET, "image_requests"] as const, [tags.GET, "tags"] as const),
        async (query, [handler, path]) => {
          expectSafe(await call(handler, `/api/v1/${path}?${query}`, { session: world.users.alice }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("image and request ids in paths", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (id) => {
        expectSafe(await call(single.GET, "/api/v1/images/x", { params: { id } }));
        expectSafe(await call(icon.GET, "/api/v1/images/x/icon", { params: { id } }));
        expectSafe(await call(requestRoute.GET, "/api/v1/image_requests/x", { params: { id }, session: world.users.staff }));
        cases -= 2;
      }),
      { numRuns: RUNS },
    );
  });

  it("image edit bodies, PATCH and PUT", async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("PATCH", "PUT"), async (sent, method) => {
        await expectRejectedWriteChangesNothing(() =>
          call(method === "PATCH" ? single.PATCH : single.PUT, `/api/v1/images/${world.images.private}`, {
            method,
            params: { id: world.images.private },
            body: sent,
            session: world.users.alice,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("request_image bodies and path parameters", async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.oneof(fc.constant(String(world?.providers.p1.id ?? 1)), nasty), fc.oneof(fc.constant("alice"), nasty), async (sent, providerId, identity) => {
        await expectRejectedWriteChangesNothing(() =>
          call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
            method: "POST",
            params: { providerId, identityId: identity === "alice" ? world.identities.aliceIdentity.id : identity },
            body: sent,
            session: world.users.alice,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("version names in paths, and version edit bodies", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, body, async (version, sent) => {
        const id = world.images.private;
        expectSafe(await call(versionsRoute.GET, `/api/v1/images/${version}/versions`, { params: { id: version } }));
        expectSafe(await call(versionRoute.GET, "/api/v1/images/x/versions/x", { params: { id, version }, session: world.users.alice }));
        cases -= 1;
        await expectRejectedWriteChangesNothing(() =>
          call(versionRoute.PATCH, `/api/v1/images/${id}/versions/1`, { method: "PATCH", params: { id, version: "1" }, body: sent, session: world.users.alice }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("request status bodies", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        await expectRejectedWriteChangesNothing(() =>
          call(requestRoute.PATCH, `/api/v1/image_requests/${requestId}`, {
            method: "PATCH",
            params: { id: String(requestId) },
            body: sent,
            session: world.users.staff,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
