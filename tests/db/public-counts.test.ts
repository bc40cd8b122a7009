// The counts the database keeps (public_counts, by triggers in the writing transaction) against
// what the plain queries compute from the images themselves: the table as a whole, and every
// count and facet a collection answers with, for every kind of viewer, after every kind of
// write, a rollback, a passing scheduled end date, and writers racing each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createDb, db, dbKind } from "@/lib/db/client";
import { countImages, countTags, tagCountSql } from "@/lib/images/catalog-counts";
import { createImageRecord, type NewImage } from "@/lib/images/create-image";
import { imageListSql } from "@/lib/images/image-filter";
import { keptCountsAnswer } from "@/lib/images/public-counts";
import { importCloudImages } from "@/lib/providers/sync/import-image";
import { updateImage } from "@/lib/images/update-image";
import { updateVersion } from "@/lib/versions/update-version";
import { imageListQuerySchema } from "@/lib/validations/images";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
const otherProcess = createDb(process.env.DATABASE_URL);
beforeAll(async () => {
  world = await seedFixture();
});
afterAll(() => otherProcess.$disconnect());

// The kept counts' stand-in for "no end date" (lib/db/current.ts writes it the same way).
const NO_END = new Date("9999-12-31T23:59:59.999Z");

/** The rows of public_counts that differ from a count made now from the images and their tags. */
async function keptCountsOff(): Promise<unknown[]> {
  return db.$queryRaw`
    WITH public_images AS (SELECT id, coalesce(end_date, ${NO_END}) AS ends FROM images WHERE private = FALSE), fresh AS (
      SELECT 0 AS tag_id, 0 AS other_tag_id, ends, COUNT(*) AS images FROM public_images GROUP BY ends
      UNION ALL
      SELECT a.tag_id, b.tag_id, i.ends, COUNT(*) FROM public_images i JOIN image_tags a ON a.image_id = i.id JOIN image_tags b ON b.image_id = i.id
      GROUP BY a.tag_id, b.tag_id, i.ends
    ), kept AS (SELECT tag_id, other_tag_id, ends, images FROM public_counts WHERE images <> 0)
    SELECT 'missing' AS side, f.tag_id, f.other_tag_id, f.ends, f.images FROM fresh f
    WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.tag_id = f.tag_id AND k.other_tag_id = f.other_tag_id AND k.ends = f.ends AND k.images = f.images)
    UNION ALL
    SELECT 'extra', k.tag_id, k.other_tag_id, k.ends, k.images FROM kept k
    WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.tag_id = k.tag_id AND f.other_tag_id = k.other_tag_id AND f.ends = k.ends AND f.images = k.images)`;
}

const QUERIES = [{}, { tag: ["Genomics"] }, { tag: ["featured"] }, { tag: ["Genomics", "Workshop"] }, { tag: ["Ubuntu", "UBUNTU"] }, { tag: ["Nowhere"] }, { include_end_dated: "true" }, { tag: ["Genomics"], include_end_dated: "true" }];

const viewers = (): [string, Viewer | null][] => [
  ["anonymous", null],
  ...(["alice", "bob", "carol", "staff"] as const).map((name): [string, Viewer] => [name, world.users[name]]),
];

/** Every count and facet of the catalog as browsed, as served, against the plain queries'. */
async function servedCountsOff(): Promise<string[]> {
  const now = new Date();
  const off: string[] = [];
  for (const [viewerName, viewer] of viewers()) {
    for (const parameters of QUERIES) {
      const query = imageListQuerySchema.parse(parameters);
      expect(keptCountsAnswer(query)).not.toBeNull();
      const condition = imageListSql(viewer, query, now);
      const [plain] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM images i WHERE ${condition}`;
      const served = await countImages(viewer, query);
      if (served !== Number(plain.n)) off.push(`${viewerName} ${JSON.stringify(parameters)}: count ${served}, plainly ${plain.n}`);
      const plainTags = (await db.$queryRaw<{ key: string; n: number | bigint }[]>(tagCountSql(condition))).map(({ key, n }) => `${key} ${n}`).sort();
      const servedTags = (await countTags(viewer, query)).map(({ key, count }) => `${key} ${count}`).sort();
      if (JSON.stringify(servedTags) !== JSON.stringify(plainTags)) off.push(`${viewerName} ${JSON.stringify(parameters)}: tags ${servedTags}, plainly ${plainTags}`);
    }
  }
  return off;
}

async function expectCountsRight() {
  expect(await keptCountsOff()).toEqual([]);
  expect(await servedCountsOff()).toEqual([]);
}

const newImage = (name: string, extra: Partial<NewImage> = {}): NewImage => ({
  name,
  description: "Added for the kept counts",
  createdBy: world.users.alice,
  tags: ["Genomics", "Workshop", "Featured"],
  private: false,
  sharedWithIds: [],
  versions: [{ version: "1", providerId: world.providers.p1.id }],
  ...extra,
});

// As a sync finds them: many images and their tags in a handful of multi-row statements.
const cloudImage = (n: number, visibility: string, tags: string[]) => ({
  id: `glance-${n}`,
  name: `Found ${n}`,
  status: "active",
  visibility,
  owner: null,
  size: null,
  diskFormat: null,
  checksum: null,
  minDisk: null,
  minRam: null,
  osDistro: null,
  osVersion: null,
  architecture: null,
  tags,
  createdAt: null,
  atmosphere: {},
});
const syncBatch = () =>
  db.$transaction((tx) =>
    importCloudImages(tx, world.providers.p2.id, "Provider Two", [
      { image: cloudImage(1, "public", ["Genomics", "Workshop", "Cloud"]), creator: world.users.bob, sharedWithIds: [] },
      { image: cloudImage(2, "private", ["Genomics", "Cloud"]), creator: world.users.bob, sharedWithIds: [world.users.carol.id] },
      { image: cloudImage(3, "community", ["Cloud", "Featured"]), creator: world.users.alice, sharedWithIds: [] },
      { image: cloudImage(4, "public", []), creator: world.users.alice, sharedWithIds: [] },
    ]),
  );

const edit = (image: string, changes: Parameters<typeof updateImage>[2]) => updateImage(world.users.alice, image, changes, { replace: false, ifMatch: null });
const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();

describe("the counts the database keeps", () => {
  it("start equal to the plain counts, and answer the catalog as browsed", async () => {
    await expectCountsRight();
    // The fixture is no empty catalog: the comparison has something to compare.
    expect(await countImages(null, imageListQuerySchema.parse({ tag: ["Genomics", "Workshop"] }))).toBe(1);
  });

  // Each write runs after the ones before it, on the same images.
  const writes: [string, () => Promise<unknown>][] = [
    ["a public image made with three tags at once", () => createImageRecord(db, newImage("Three Tags Box"))],
    ["a private image made with tags", () => createImageRecord(db, newImage("Private Tagged Box", { private: true }))],
    ["a sync's batch of images, public and private, with their tags", syncBatch],
    ["several images made private in one statement", () => db.$executeRaw`UPDATE images SET private = TRUE WHERE name LIKE 'Found %' OR name = 'Three Tags Box'`],
    ["and public again in one statement", () => db.$executeRaw`UPDATE images SET private = FALSE WHERE name LIKE 'Found %' OR name = 'Three Tags Box'`],
    ["tags added and removed in one edit", () => edit(world.images.public, { tags: ["Ubuntu", "Genomics", "Workshop"] })],
    ["every tag removed", () => edit(world.images.public, { tags: [] })],
    ["tags put back", () => edit(world.images.public, { tags: ["Ubuntu", "Featured", "Genomics"] })],
    ["a public image made private", () => edit(world.images.public, { private: true })],
    ["its tags changed while private", () => edit(world.images.public, { tags: ["Ubuntu", "Python"] })],
    ["and made public again", () => edit(world.images.public, { private: false })],
    ["a share", () => edit(world.images.private, { shared_with: ["carol"] })],
    ["a retirement scheduled", () => edit(world.images.public, { end_date: hourFromNow() })],
    ["its tags changed while scheduled", () => edit(world.images.public, { tags: ["Ubuntu", "Genomics"] })],
    ["its retirement moved to another moment", () => edit(world.images.public, { end_date: new Date(Date.now() + 7_200_000).toISOString() })],
    ["the schedule cleared", () => edit(world.images.public, { end_date: null })],
    ["a retirement now", () => edit(world.images.public, { end_date: new Date(Date.now() - 1000).toISOString() })],
    ["a retired image's tags changed", () => edit(world.images.retired, { tags: ["CentOS", "Legacy"] })],
    ["a retired image made private", () => edit(world.images.retired, { private: true })],
    ["and public again, still retired", () => edit(world.images.retired, { private: false })],
    ["a retired image restored", () => edit(world.images.retired, { end_date: null })],
    ["a version retired", () => updateVersion(world.users.bob, world.images.bobsPublic, "2", { end_date: new Date(Date.now() - 1000).toISOString() }, null)],
    ["a description edited", () => edit(world.images.scheduled, { description: "Still scheduled" })],
    ["a scheduled end moved into the past", () => edit(world.images.scheduled, { end_date: new Date(Date.now() - 60_000).toISOString() })],
    ["a write by another process", () => otherProcess.$executeRaw`UPDATE images SET private = TRUE, revision = revision + 1 WHERE id = ${world.images.bobsPublic}`],
    ["tags removed by another process", () => otherProcess.$executeRaw`DELETE FROM image_tags WHERE image_id = ${world.images.retired}`],
  ];
  for (const [name, write] of writes) {
    it(`after ${name}`, async () => {
      await write();
      await expectCountsRight();
    });
  }

  it("after a transaction that rolls back", async () => {
    const before = await db.$queryRaw`SELECT tag_id, other_tag_id, ends, images FROM public_counts ORDER BY tag_id, other_tag_id, ends`;
    const rolledBack = db.$transaction(async (tx) => {
      await createImageRecord(tx, newImage("Never Committed"));
      await tx.image.update({ where: { id: world.images.scheduled }, data: { endDate: null } });
      throw new Error("rolled back");
    });
    await expect(rolledBack).rejects.toThrow("rolled back");
    expect(await db.$queryRaw`SELECT tag_id, other_tag_id, ends, images FROM public_counts ORDER BY tag_id, other_tag_id, ends`).toEqual(before);
    await expectCountsRight();
  });

  it("when a scheduled end date passes, with no write to tell", async () => {
    await createImageRecord(db, newImage("Ends In A Moment", { endDate: new Date(Date.now() + 1200), tags: ["Genomics", "Moment"] }));
    const genomics = imageListQuerySchema.parse({ tag: ["Genomics"] });
    const before = await countImages(null, genomics);
    expect((await countTags(null, genomics)).find((tag) => tag.key === "moment")?.count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await countImages(null, genomics)).toBe(before - 1);
    expect((await countTags(null, genomics)).find((tag) => tag.key === "moment")).toBeUndefined();
    await expectCountsRight();
  });

  it("a tagging is never changed in place (it would be miscounted): the database refuses", async () => {
    await expect(db.$executeRaw`UPDATE image_tags SET tag_id = tag_id WHERE image_id = ${world.images.scheduled}`).rejects.toThrow(/never updated/);
  });

  it("writers racing on the same images, from two processes, leave them right", async () => {
    const raced = await Promise.all([1, 2, 3].map((n) => createImageRecord(db, newImage(`Raced ${n}`, { tags: ["Race"] }))));
    for (let round = 0; round < 6; round++) {
      await Promise.all(raced.flatMap((image, index) => [
        // One process flips whether the image is public while the other changes its tags.
        db.image.update({ where: { id: image }, data: { private: (round + index) % 2 === 0 } }),
        otherProcess.$transaction(async (tx) => {
          await tx.imageTag.deleteMany({ where: { imageId: image } });
          const tags = await tx.tag.findMany({ where: { key: { in: round % 2 ? ["race", "genomics"] : ["race", "workshop", "featured"] } } });
          await tx.imageTag.createMany({ data: tags.map((tag) => ({ imageId: image, tagId: tag.id })) });
        }),
      ]));
    }
    await expectCountsRight();
  });

  it("answer only what they hold: any narrower query is counted by the plain queries", () => {
    const answered = (parameters: Record<string, unknown>) => keptCountsAnswer(imageListQuerySchema.parse(parameters));
    expect(answered({ tag: ["Genomics", "GENOMICS", "workshop"] })).toEqual(["genomics", "workshop"]);
    expect(answered({ search: " , " })).toEqual([]);
    expect(answered({ include_end_dated: "true", ordering: "name", page: "3" })).toEqual([]);
    for (const narrower of [{ tag: ["a", "b", "c"] }, { search: "gpu" }, { created_by: "alice" }, { provider: "1" }, { shared_with_me: "true" }, { bookmarked: "true" }]) {
      expect(answered(narrower), JSON.stringify(narrower)).toBeNull();
    }
  });

  it.runIf(dbKind === "postgresql")("on PostgreSQL, a writer's changes are folded in at its commit, leaving nothing behind", async () => {
    // After all the writes above (racing ones, a rolled-back one) and one more.
    await edit(world.images.scheduled, { end_date: null });
    expect(await db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM public_count_changes`).toEqual([{ n: 0n }]);
  });
});
