-- DropIndex
DROP INDEX "images_private_end_date_idx";

-- CreateTable
CREATE TABLE "public_counts" (
    "tag_id" INTEGER NOT NULL,
    "other_tag_id" INTEGER NOT NULL,
    "images" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tag_id", "other_tag_id")
);

-- CreateIndex
CREATE INDEX "images_private_end_date_id_idx" ON "images"("private", "end_date", "id");

-- Hand-written from here on: the counts as they stand, then the triggers that keep them.
-- An image is counted while it is public and has no end_date; one whose end_date is still to
-- come is counted live by the reader (lib/images/public-counts.ts), since no write marks the
-- moment it passes. Row (0, 0) counts every such image, (a, b) those tagged both a and b.
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "images")
  SELECT 0, 0, COUNT(*) FROM "images" WHERE "private" = FALSE AND "end_date" IS NULL;
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "images")
  SELECT a."tag_id", b."tag_id", COUNT(*) FROM "images" i
  JOIN "image_tags" a ON a."image_id" = i."id" JOIN "image_tags" b ON b."image_id" = i."id"
  WHERE i."private" = FALSE AND i."end_date" IS NULL GROUP BY a."tag_id", b."tag_id";

-- SQLite runs one writer at a time, so the triggers change the counts in place, inside the
-- writing transaction: a rollback takes the change back with everything else.
CREATE TRIGGER "public_counts_images_insert" AFTER INSERT ON "images"
WHEN new."private" = FALSE AND new."end_date" IS NULL BEGIN
  UPDATE "public_counts" SET "images" = "images" + 1 WHERE "tag_id" = 0 AND "other_tag_id" = 0;
END;
-- Tags are added after the image and removed before it (the foreign key), so an image's own
-- pairs move with its tags; those left at a delete move here, should the key ever allow it.
CREATE TRIGGER "public_counts_images_delete" AFTER DELETE ON "images"
WHEN old."private" = FALSE AND old."end_date" IS NULL BEGIN
  UPDATE "public_counts" SET "images" = "images" - 1 WHERE "tag_id" = 0 AND "other_tag_id" = 0;
  UPDATE "public_counts" SET "images" = "images" - 1
  WHERE ("tag_id", "other_tag_id") IN (SELECT a."tag_id", b."tag_id" FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = old."id");
END;
-- Made private or public, given or cleared an end_date: the image and all its pairs move.
CREATE TRIGGER "public_counts_images_update" AFTER UPDATE OF "private", "end_date" ON "images"
WHEN (old."private" = FALSE AND old."end_date" IS NULL) <> (new."private" = FALSE AND new."end_date" IS NULL) BEGIN
  UPDATE "public_counts" SET "images" = "images" + (CASE WHEN new."private" = FALSE AND new."end_date" IS NULL THEN 1 ELSE -1 END)
  WHERE "tag_id" = 0 AND "other_tag_id" = 0;
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "images")
    SELECT a."tag_id", b."tag_id", CASE WHEN new."private" = FALSE AND new."end_date" IS NULL THEN 1 ELSE -1 END
    FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = new."id"
  ON CONFLICT ("tag_id", "other_tag_id") DO UPDATE SET "images" = "images" + excluded."images";
END;
-- A tag put on or taken off a counted image: its own row, and its pairs with the image's other tags.
CREATE TRIGGER "public_counts_image_tags_insert" AFTER INSERT ON "image_tags"
WHEN EXISTS (SELECT 1 FROM "images" WHERE "id" = new."image_id" AND "private" = FALSE AND "end_date" IS NULL) BEGIN
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "images")
    SELECT * FROM (
      SELECT new."tag_id" AS "tag_id", it."tag_id" AS "other_tag_id", 1 AS "images" FROM "image_tags" it WHERE it."image_id" = new."image_id"
      UNION ALL SELECT it."tag_id", new."tag_id", 1 FROM "image_tags" it WHERE it."image_id" = new."image_id" AND it."tag_id" <> new."tag_id"
    ) WHERE TRUE
  ON CONFLICT ("tag_id", "other_tag_id") DO UPDATE SET "images" = "images" + excluded."images";
END;
CREATE TRIGGER "public_counts_image_tags_delete" AFTER DELETE ON "image_tags"
WHEN EXISTS (SELECT 1 FROM "images" WHERE "id" = old."image_id" AND "private" = FALSE AND "end_date" IS NULL) BEGIN
  UPDATE "public_counts" SET "images" = "images" - 1
  WHERE ("tag_id" = old."tag_id" AND ("other_tag_id" = old."tag_id" OR "other_tag_id" IN (SELECT "tag_id" FROM "image_tags" WHERE "image_id" = old."image_id")))
     OR ("other_tag_id" = old."tag_id" AND "tag_id" IN (SELECT "tag_id" FROM "image_tags" WHERE "image_id" = old."image_id"));
END;
-- A tagging is put on or taken off, never changed in place: refused, rather than miscounted.
CREATE TRIGGER "public_counts_image_tags_update" BEFORE UPDATE ON "image_tags" BEGIN
  SELECT RAISE(ABORT, 'image_tags rows are inserted and deleted, never updated');
END;

-- The planner's figures for the new index: without them, on a catalog analysed before (the
-- other indexes have figures), SQLite takes it for a selective one and sorts the whole public
-- catalog for a page.
ANALYZE "images";
