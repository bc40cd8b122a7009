-- The kept counts gain the images' end date ("ends"; 9999-12-31 23:59:59.999, the readers'
-- stand-in for no end, when they have none), so that they count every public image, scheduled
-- to end or not: a reader sums the rows whose "ends" is still to come. Before, the images due
-- to end (about 1% of a catalog) were counted live, image by image, on every request that
-- computed a count or facets. Rows of an end date that has passed stay, and are never read:
-- they are what a write to those images (made public again, given another end date) takes its
-- images back from.
TRUNCATE "public_counts", "public_count_changes";
ALTER TABLE "public_counts" DROP CONSTRAINT "public_counts_pkey",
ADD COLUMN     "ends" TIMESTAMP(3) NOT NULL,
ADD CONSTRAINT "public_counts_pkey" PRIMARY KEY ("tag_id", "other_tag_id", "ends");
ALTER TABLE "public_count_changes" ADD COLUMN "ends" TIMESTAMP(3) NOT NULL;

-- Row (0, 0, e) counts the public images ending at e, (a, b, e) those of them tagged a and b.
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
  SELECT 0, 0, coalesce("end_date", '9999-12-31 23:59:59.999'), COUNT(*) FROM "images" WHERE "private" = FALSE
  GROUP BY coalesce("end_date", '9999-12-31 23:59:59.999');
INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
  SELECT a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31 23:59:59.999'), COUNT(*) FROM "images" i
  JOIN "image_tags" a ON a."image_id" = i."id" JOIN "image_tags" b ON b."image_id" = i."id"
  WHERE i."private" = FALSE GROUP BY a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31 23:59:59.999');

-- An image made public or private, or given another end date: it and every pair of its tags
-- leave the rows they were counted in, if public, and join those of their new end date, if public.
CREATE OR REPLACE FUNCTION "public_counts_image"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_counted BOOLEAN := TG_OP <> 'INSERT' AND OLD."private" = FALSE;
  is_counted BOOLEAN := TG_OP <> 'DELETE' AND NEW."private" = FALSE;
  old_ends TIMESTAMP(3);
  new_ends TIMESTAMP(3);
  counted_image TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_ends := coalesce(OLD."end_date", '9999-12-31 23:59:59.999'); END IF;
  IF TG_OP <> 'DELETE' THEN new_ends := coalesce(NEW."end_date", '9999-12-31 23:59:59.999'); END IF;
  IF was_counted = is_counted AND old_ends IS NOT DISTINCT FROM new_ends THEN RETURN NULL; END IF;
  IF NOT was_counted AND NOT is_counted THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN counted_image := OLD."id"; ELSE counted_image := NEW."id"; END IF;
  INSERT INTO "public_count_changes" ("tag_id", "other_tag_id", "ends", "images")
    SELECT pair."tag_id", pair."other_tag_id", moved."ends", moved."images" FROM (
      SELECT 0 AS "tag_id", 0 AS "other_tag_id"
      UNION ALL SELECT a."tag_id", b."tag_id" FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = counted_image
    ) pair CROSS JOIN (
      SELECT old_ends AS "ends", -1 AS "images" WHERE was_counted
      UNION ALL SELECT new_ends, 1 WHERE is_counted
    ) moved;
  PERFORM set_config('atmosphere.counts_changed', 'yes', true);
  RETURN NULL;
END
$$;

-- Tags put on or taken off public images: their own rows, and their pairs with the images'
-- other tags, at the images' end dates (see the public_counts migration for the locking).
CREATE OR REPLACE FUNCTION "public_counts_tags"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "images" WHERE "id" IN (SELECT "image_id" FROM "changed") ORDER BY "id" FOR NO KEY UPDATE;
  INSERT INTO "public_count_changes" ("tag_id", "other_tag_id", "ends", "images")
    WITH "tagged" AS (
      SELECT "image_id", "tag_id" FROM "image_tags" WHERE "image_id" IN (SELECT "image_id" FROM "changed")
      UNION SELECT "image_id", "tag_id" FROM "changed"
    )
    SELECT a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31 23:59:59.999'), CASE WHEN TG_OP = 'INSERT' THEN COUNT(*) ELSE -COUNT(*) END
    FROM "tagged" a JOIN "tagged" b ON b."image_id" = a."image_id"
    JOIN "images" i ON i."id" = a."image_id" AND i."private" = FALSE
    WHERE (a."image_id", a."tag_id") IN (SELECT "image_id", "tag_id" FROM "changed") OR (b."image_id", b."tag_id") IN (SELECT "image_id", "tag_id" FROM "changed")
    GROUP BY a."tag_id", b."tag_id", coalesce(i."end_date", '9999-12-31 23:59:59.999');
  PERFORM set_config('atmosphere.counts_changed', 'yes', true);
  RETURN NULL;
END
$$;

-- At commit: the version row first, then the changes folded in, once for all of them.
CREATE OR REPLACE FUNCTION "fold_public_count_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('atmosphere.counts_changed', true) IS DISTINCT FROM 'yes' THEN RETURN NULL; END IF;
  IF current_setting('atmosphere.catalog_bumped', true) IS DISTINCT FROM 'yes' THEN
    UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('atmosphere.catalog_bumped', 'yes', true);
  END IF;
  WITH "folded" AS (DELETE FROM "public_count_changes" RETURNING "tag_id", "other_tag_id", "ends", "images")
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "ends", "images")
    SELECT "tag_id", "other_tag_id", "ends", SUM("images") FROM "folded" GROUP BY "tag_id", "other_tag_id", "ends"
  ON CONFLICT ("tag_id", "other_tag_id", "ends") DO UPDATE SET "images" = "public_counts"."images" + excluded."images";
  PERFORM set_config('atmosphere.counts_changed', 'no', true);
  RETURN NULL;
END
$$;

-- The index that served the images due to end, counted live until now: nothing reads it.
DROP INDEX "images_private_end_date_id_idx";
