// `search` goes through each database's full-text index (SQLite FTS5 with trigrams, PostgreSQL
// pg_trgm); these tests hold it to the plain rule of SPEC §3: every word of the search is in the
// name, description, a tag or the creator's username, compared as lower-cased text. The same
// suite runs on both databases, so both give the plain rule's results.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import { db, dbKind } from "@/lib/db/client";
import { createImageRecord } from "@/lib/images/create-image";
import { imageListSql, type MatchPlan } from "@/lib/images/image-filter";
import { imageListQuerySchema } from "@/lib/validations/images";
import { searchWords } from "@/lib/images/search";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";

// Words that contain each other, short ones the trigram index cannot hold, digits, and letters
// outside ASCII (whose lower case is more than one byte, or differs from the upper case).
const VOCABULARY = ["genomics", "gen", "omics", "Genome", "python", "py", "R", "gpu", "CUDA", "cu", "12", "v2", "2024", "Straße", "ÉCOLE", "école", "日本語", "本", "Ωmega", "x"];
const RUNS = Number(process.env.FUZZ_RUNS) || 60;

let world: Fixture;
const VIEWERS = ["anonymous", "alice", "bob", "carol", "staff"] as const;
type ViewerKind = (typeof VIEWERS)[number];
const as = (viewer: ViewerKind): CallOptions => (viewer === "anonymous" ? {} : { session: world.users[viewer] });

function seededRandom(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

beforeAll(async () => {
  world = await seedFixture();
  const random = seededRandom(7);
  const pick = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]);
  const { alice, bob } = world.users;
  for (let k = 0; k < 40; k++) {
    await createImageRecord(db, {
      name: `${pick(2).join(" ")} ${k}`,
      description: `${pick(4).join(", ")}.`,
      createdBy: k % 3 === 0 ? bob : alice,
      tags: [...new Set(pick(Math.floor(random() * 3)).map((word) => word.toLowerCase()))],
      private: k % 5 === 0,
      sharedWithIds: k % 10 === 0 ? [bob.id] : [],
      endDate: k % 7 === 0 ? new Date(Date.now() - 60_000) : null,
      versions: [{ version: "1", providerId: world.providers.p1.id }],
    });
  }
});

interface ImageJson {
  id: string;
  name: string;
  description: string;
  tags: string[];
  created_by: string;
}

async function collectionFor(viewer: ViewerKind, query: string): Promise<ImageJson[]> {
  const { status, body } = await call(collection.GET, `/api/v1/images?page_size=1000${query}`, as(viewer));
  expect(status).toBe(200);
  return body.results;
}

/** The plain rule, applied to what the viewer may see without a search. */
const plainRule = (images: ImageJson[], search: string) =>
  images
    .filter((image) => {
      const text = [image.name, image.description, ...image.tags, image.created_by].join("\n").toLowerCase();
      return searchWords(search).every((word) => text.includes(word));
    })
    .map((image) => image.id);

async function expectPlainRule(viewer: ViewerKind, search: string, extra = "") {
  const everything = await collectionFor(viewer, extra);
  const found = await collectionFor(viewer, `&search=${encodeURIComponent(search)}${extra}`);
  expect(found.map((image) => image.id)).toEqual(plainRule(everything, search));
}

// Searches made of vocabulary words, pieces of them, and the separators people type.
const searches = fc
  .array(
    fc.oneof(
      fc.constantFrom(...VOCABULARY),
      fc.constantFrom(...VOCABULARY).chain((word) => fc.integer({ min: 0, max: word.length - 1 }).map((start) => word.slice(start, start + 3))),
      fc.string({ maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .chain((words) => fc.constantFrom(" ", "  ", "-", ", ", "%", "_").map((separator) => words.join(separator)));

const property = () =>
  fc.assert(
    fc.asyncProperty(fc.constantFrom(...VIEWERS), searches, fc.boolean(), async (viewer, search, includeEndDated) => {
      await expectPlainRule(viewer, search, includeEndDated ? "&include_end_dated=true" : "");
    }),
    { numRuns: RUNS },
  );

async function expectIndexIntact() {
  // FTS5 compares its index with the table it indexes; PostgreSQL's index needs no such check.
  if (dbKind === "sqlite") await db.$executeRawUnsafe(`INSERT INTO image_search_fts (image_search_fts, rank) VALUES ('integrity-check', 1)`);
}

describe("search through the full-text index", () => {
  it.each([
    ["genomics", "a whole word"],
    ["omics", "the inside of a word"],
    ["gen py", "two words, one of them shorter than a trigram"],
    ["r", "one letter"],
    ["STRASSE", "no folding beyond lower case"],
    ["straße école", "letters outside ASCII"],
    ["本", "a one-character CJK word"],
    ["alice", "the creator"],
    ["%", "punctuation only"],
  ])("finds what the plain rule finds: %s (%s)", async (search) => {
    for (const viewer of VIEWERS) await expectPlainRule(viewer, search);
  });

  it("finds what the plain rule finds, for any search", property, 120_000);

  // Small catalogs always start from the matches; a page of many matches walks the catalog in
  // order instead (list-images.ts). Both ways must find the same images.
  it("finds the same images whether a page starts from the matches or walks the catalog in order", async () => {
    const now = new Date();
    const found = async (viewer: ViewerKind, parameters: Record<string, unknown>, plan: MatchPlan) => {
      const who = viewer === "anonymous" ? null : world.users[viewer];
      const rows = await db.$queryRaw<{ id: string }[]>`SELECT i.id FROM images i WHERE ${imageListSql(who, imageListQuerySchema.parse(parameters), now, plan)} ORDER BY i.id`;
      return rows.map((row) => row.id);
    };
    const cases: { search?: string; tag?: string[] }[] = [
      { search: "gen" },
      { search: "omics py" },
      { search: "r" },
      { tag: ["genomics"] },
      { tag: ["genomics", "python"] },
      { search: "gen", tag: ["gpu"] },
    ];
    for (const viewer of VIEWERS) {
      for (const parameters of cases) {
        const fromMatches = await found(viewer, parameters, "fromMatches");
        expect(await found(viewer, parameters, "inOrder")).toEqual(fromMatches);
        const query = new URLSearchParams({ page_size: "1000", ...(parameters.search ? { search: parameters.search } : {}) });
        for (const tag of parameters.tag ?? []) query.append("tag", tag);
        const listed = await call(collection.GET, `/api/v1/images?${query}`, as(viewer));
        expect(listed.body.results.map((image: ImageJson) => image.id).sort()).toEqual(fromMatches);
      }
    }
  });

  it("keeps up with edits: renamed, re-described, re-tagged and retired images", async () => {
    const images = await db.image.findMany({ where: { createdBy: { username: "alice" } }, select: { id: true }, take: 12, orderBy: { id: "asc" } });
    for (const [k, { id }] of images.entries()) {
      const body =
        k % 4 === 0 ? { name: `Renamed gpu ${k}` }
        : k % 4 === 1 ? { description: "Now about Straße and 日本語." }
        : k % 4 === 2 ? { tags: ["omics", "Newtag"] }
        : { end_date: new Date(Date.now() - 1000).toISOString() };
      const { status } = await call(single.PATCH, `/api/v1/images/${id}`, { method: "PATCH", params: { id }, body, session: world.users.alice });
      expect(status).toBe(200);
    }
    await expectIndexIntact();
    for (const search of ["renamed", "newtag omics", "straße", "About"]) {
      for (const viewer of VIEWERS) await expectPlainRule(viewer, search, "&include_end_dated=true");
    }
    await property();
  }, 120_000);

  it("finds the image a completed request makes", async () => {
    const { providers, identities, aliceInstance, users } = world;
    const created = await call(requestImageRoute.POST, `/api/v1/provider/${providers.p1.id}/identity/${identities.aliceIdentity.id}/request_image/`, {
      method: "POST",
      params: { providerId: String(providers.p1.id), identityId: identities.aliceIdentity.id },
      body: { ...seedRequestBody(aliceInstance.alias, providers.p1.id, "Zebrafish Atlas"), vis: "public", tags: ["Imaging"] },
      session: users.alice,
    });
    expect(created.status).toBe(201);
    expect(plainRule(await collectionFor("carol", ""), "zebrafish")).toEqual([]);
    for (const status of ["approved", "processing", "completed"]) {
      const moved = await call(requestRoute.PATCH, `/api/v1/image_requests/${created.body.id}`, {
        method: "PATCH",
        params: { id: String(created.body.id) },
        body: { status },
        session: users.staff,
      });
      expect(moved.status).toBe(200);
    }
    await expectIndexIntact();
    const found = await collectionFor("carol", "&search=zebrafish%20imag");
    expect(found.map((image) => image.name)).toEqual(["Zebrafish Atlas"]);
    await expectPlainRule("carol", "zebrafish imag");
  });
});
