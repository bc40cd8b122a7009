-- DropIndex
DROP INDEX "images_private_end_date_idx";

-- CreateTable
CREATE TABLE "public_counts" (
    "tag_id" INTEGER NOT NULL,
    "other_tag_id" INTEGER NOT NULL,
    "images" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "public_counts_pkey" PRIMARY KEY ("tag_id","other_tag_id")
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

-- Writers run side by side here. Updating a popular count row in place would make every
-- writer wait on it until commit, and two writers taking rows in different orders deadlock.
-- So a write only appends its changes to public_count_changes (no row another writer holds);
-- at commit, a deferred trigger takes the catalog version row (every catalog writer takes it
-- last, one at a time: see the search_index migration) and only then folds the changes into
-- public_counts, so no two writers ever wait on each other's counts.
CREATE TABLE "public_count_changes" ("tag_id" INTEGER NOT NULL, "other_tag_id" INTEGER NOT NULL, "images" INTEGER NOT NULL);

-- The changes of one image made (or no longer) counted: the image and every pair of its tags.
CREATE FUNCTION "public_counts_image"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_counted BOOLEAN := TG_OP <> 'INSERT' AND OLD."private" = FALSE AND OLD."end_date" IS NULL;
  is_counted BOOLEAN := TG_OP <> 'DELETE' AND NEW."private" = FALSE AND NEW."end_date" IS NULL;
  counted_image TEXT;
  change INTEGER := CASE WHEN is_counted THEN 1 ELSE -1 END;
BEGIN
  IF was_counted = is_counted THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN counted_image := OLD."id"; ELSE counted_image := NEW."id"; END IF;
  INSERT INTO "public_count_changes" ("tag_id", "other_tag_id", "images")
    SELECT 0, 0, change
    UNION ALL SELECT a."tag_id", b."tag_id", change FROM "image_tags" a JOIN "image_tags" b ON b."image_id" = a."image_id" WHERE a."image_id" = counted_image;
  PERFORM set_config('atmosphere.counts_changed', 'yes', true);
  RETURN NULL;
END
$$;
CREATE TRIGGER "public_counts_images" AFTER INSERT OR UPDATE OF "private", "end_date" OR DELETE ON "images" FOR EACH ROW EXECUTE FUNCTION "public_counts_image"();

-- Tags put on or taken off counted images: their own rows, and their pairs with the images'
-- other tags. Per statement, with the rows it changed: a row trigger here fires at the end of
-- the statement and sees every tag it added, so two tags added together would count their pair
-- twice. The images are locked first, so that a concurrent change of whether one is counted
-- waits for this one (or this one for it) and each then sees the other's tags and state.
CREATE FUNCTION "public_counts_tags"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "images" WHERE "id" IN (SELECT "image_id" FROM "changed") ORDER BY "id" FOR NO KEY UPDATE;
  INSERT INTO "public_count_changes" ("tag_id", "other_tag_id", "images")
    -- The tags of these images with the changed ones: as they are after an insert, as they were
    -- before a delete.
    WITH "tagged" AS (
      SELECT "image_id", "tag_id" FROM "image_tags" WHERE "image_id" IN (SELECT "image_id" FROM "changed")
      UNION SELECT "image_id", "tag_id" FROM "changed"
    )
    SELECT a."tag_id", b."tag_id", CASE WHEN TG_OP = 'INSERT' THEN COUNT(*) ELSE -COUNT(*) END
    FROM "tagged" a JOIN "tagged" b ON b."image_id" = a."image_id"
    JOIN "images" i ON i."id" = a."image_id" AND i."private" = FALSE AND i."end_date" IS NULL
    WHERE (a."image_id", a."tag_id") IN (SELECT "image_id", "tag_id" FROM "changed") OR (b."image_id", b."tag_id") IN (SELECT "image_id", "tag_id" FROM "changed")
    GROUP BY a."tag_id", b."tag_id";
  PERFORM set_config('atmosphere.counts_changed', 'yes', true);
  RETURN NULL;
END
$$;
CREATE TRIGGER "public_counts_tags_added" AFTER INSERT ON "image_tags" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "public_counts_tags"();
CREATE TRIGGER "public_counts_tags_removed" AFTER DELETE ON "image_tags" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "public_counts_tags"();

-- A tagging is put on or taken off, never changed in place: refused, rather than miscounted.
CREATE FUNCTION "refuse_image_tag_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'image_tags rows are inserted and deleted, never updated';
END
$$;
CREATE TRIGGER "public_counts_tags_unchanged" BEFORE UPDATE ON "image_tags" FOR EACH ROW EXECUTE FUNCTION "refuse_image_tag_update"();

-- At commit: the version row first, then the changes folded in, once for all of them.
CREATE FUNCTION "fold_public_count_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('atmosphere.counts_changed', true) IS DISTINCT FROM 'yes' THEN RETURN NULL; END IF;
  IF current_setting('atmosphere.catalog_bumped', true) IS DISTINCT FROM 'yes' THEN
    UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('atmosphere.catalog_bumped', 'yes', true);
  END IF;
  WITH "folded" AS (DELETE FROM "public_count_changes" RETURNING "tag_id", "other_tag_id", "images")
  INSERT INTO "public_counts" ("tag_id", "other_tag_id", "images")
    SELECT "tag_id", "other_tag_id", SUM("images") FROM "folded" GROUP BY "tag_id", "other_tag_id"
  ON CONFLICT ("tag_id", "other_tag_id") DO UPDATE SET "images" = "public_counts"."images" + excluded."images";
  PERFORM set_config('atmosphere.counts_changed', 'no', true);
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER "public_count_changes_fold" AFTER INSERT ON "public_count_changes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "fold_public_count_changes"();
