-- The kept counts gain the images' end date ("ends"; 9999-12-31T23:59:59.999+00:00, the
-- readers' stand-in for no end, when they have none), so that they count every public image,
-- scheduled to end or not: a reader sums the rows whose "ends" is still to come. Before, the
-- images due to end (about 1% of a catalog) were counted live, image by image, on every
-- request that computed a count or facets: 874 images at 100,000, most of what those cost.
-- Rows of an end date that has passed stay, and are never read: they are what a write to those
-- images (made public again, given another end date) takes its images back from.
DROP TRIGGER "public_counts_images_insert";
DROP TRIGGER "public_counts_images_delete";
DROP TRIGGER "public_counts_images_update";
DROP TRIGGER "public_counts_image_tags_insert";
DROP TRIGGER "public_counts_image_tags_delete";
DROP TABLE "public_counts";
-- Without rowid, the rows are stored in their key's order: a pair's end dates still to come are
-- read in one range, with their counts, from the key alone.
CREATE TABLE "public_counts" (
    "tag_id" INTEGER NOT NULL,
    "other_tag_id" INTEGER NOT NULL,
    "ends" DATETIME NOT NULL,
    "images" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tag_id", "other_tag_id", "ends")
) WITHOUT ROWID;

-- Row (0, 0, e) counts the public images ending at e, (a, b, e) those of them tagged a and b.
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
  SELECT 0, 0, coalesce("end_date", '9999-12-31T23:59:59.999+00:00'), COUNT(*) FROM "images" WHERE "private" = FALSE
  GROUP BY coalesce("end_date", '9999-12-31T23:59:59.999+00:00');
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
  SELECT a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31T23:59:59.999+00:00'), COUNT(*) FROM "images" i
  JOIN "image_tags" a ON a."image_id" = i."id" JOIN "image_tags" b ON b."image_id" = i."id"
  WHERE i."private" = FALSE GROUP BY a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31T23:59:59.999+00:00');

-- SQLite runs one writer at a time, so the triggers change the counts in place, inside the
-- writing transaction: a rollback takes the change back with everything else.
CREATE TRIGGER "public_counts_images_insert" AFTER INSERT ON "images"
WHEN new."private" = FALSE BEGIN
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
    VALUES (0, 0, coalesce(new."end_date", '9999-12-31T23:59:59.999+00:00'), 1)
  ON CONFLICT ("tag_id", "other_tag_id", "ends") DO UPDATE SET "images" = "images" + 1;
END;
-- Tags are added after the image and removed before it (the foreign key), so an image's own
-- pairs move with its tags; those left at a delete move here, should the key ever allow it.
CREATE TRIGGER "public_counts_images_delete" AFTER DELETE ON "images"
WHEN old."private" = FALSE BEGIN
  UPDATE "public_counts" SET "images" = "images" - 1
  WHERE "ends" = coalesce(old."end_date", '9999-12-31T23:59:59.999+00:00')
    AND (("tag_id" = 0 AND "other_tag_id" = 0)
      OR ("tag_id", "other_tag_id") IN (SELECT a."tag_id", b."tag_id" FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = old."id"));
END;
-- Made private or public, given another end date: the image and all its pairs leave the rows
-- they were counted in, if they were, and join those of their new end date, if public.
CREATE TRIGGER "public_counts_images_update" AFTER UPDATE OF "private", "end_date" ON "images"
WHEN old."private" <> new."private" OR old."end_date" IS NOT new."end_date" BEGIN
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
    SELECT pair."tag_id", pair."other_tag_id", moved."ends", moved."images" FROM (
      SELECT 0 AS "tag_id", 0 AS "other_tag_id"
      UNION ALL SELECT a."tag_id", b."tag_id" FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = new."id"
    ) pair CROSS JOIN (
      SELECT coalesce(old."end_date", '9999-12-31T23:59:59.999+00:00') AS "ends", -1 AS "images" WHERE old."private" = FALSE
      UNION ALL SELECT coalesce(new."end_date", '9999-12-31T23:59:59.999+00:00'), 1 WHERE new."private" = FALSE
    ) moved WHERE TRUE
  ON CONFLICT ("tag_id", "other_tag_id", "ends") DO UPDATE SET "images" = "images" + excluded."images";
END;
-- A tag put on or taken off a public image: its own row, and its pairs with the image's other tags.
CREATE TRIGGER "public_counts_image_tags_insert" AFTER INSERT ON "image_tags"
WHEN EXISTS (SELECT 1 FROM "images" WHERE "id" = new."image_id" AND "private" = FALSE) BEGIN
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
    SELECT pair.*, coalesce(i."end_date", '9999-12-31T23:59:59.999+00:00'), 1 FROM (
      SELECT new."tag_id" AS "tag_id", it."tag_id" AS "other_tag_id" FROM "image_tags" it WHERE it."image_id" = new."image_id"
      UNION ALL SELECT it."tag_id", new."tag_id" FROM "image_tags" it WHERE it."image_id" = new."image_id" AND it."tag_id" <> new."tag_id"
    ) pair JOIN "images" i ON i."id" = new."image_id" WHERE TRUE
  ON CONFLICT ("tag_id", "other_tag_id", "ends") DO UPDATE SET "images" = "images" + excluded."images";
END;
CREATE TRIGGER "public_counts_image_tags_delete" AFTER DELETE ON "image_tags"
WHEN EXISTS (SELECT 1 FROM "images" WHERE "id" = old."image_id" AND "private" = FALSE) BEGIN
  UPDATE "public_counts" SET "images" = "images" - 1
  WHERE "ends" = (SELECT coalesce("end_date", '9999-12-31T23:59:59.999+00:00') FROM "images" WHERE "id" = old."image_id")
    AND (("tag_id" = old."tag_id" AND ("other_tag_id" = old."tag_id" OR "other_tag_id" IN (SELECT "tag_id" FROM "image_tags" WHERE "image_id" = old."image_id")))
      OR ("other_tag_id" = old."tag_id" AND "tag_id" IN (SELECT "tag_id" FROM "image_tags" WHERE "image_id" = old."image_id")));
END;

-- The index that served the images due to end, counted live until now: nothing reads it.
DROP INDEX "images_private_end_date_id_idx";
