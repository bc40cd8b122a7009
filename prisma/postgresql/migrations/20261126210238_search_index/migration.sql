-- CreateTable
CREATE TABLE "image_search" (
    "row_id" SERIAL NOT NULL,
    "image_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "image_search_pkey" PRIMARY KEY ("row_id")
);

-- CreateTable
CREATE TABLE "catalog_version" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "catalog_version_pkey" PRIMARY KEY ("id")
);

-- Hand-written (up to the next CreateIndex): the search text moves from images to image_search.
INSERT INTO "image_search" ("image_id", "text") SELECT "id", "search_text" FROM "images" ORDER BY "start_date", "id";
ALTER TABLE "images" DROP COLUMN "search_text";
INSERT INTO "catalog_version" ("id", "version") VALUES (1, 0);

-- CreateIndex
CREATE UNIQUE INDEX "image_search_image_id_key" ON "image_search"("image_id");

-- CreateIndex
CREATE INDEX "images_private_start_date_id_end_date_idx" ON "images"("private", "start_date", "id", "end_date");

-- CreateIndex
CREATE INDEX "images_private_end_date_idx" ON "images"("private", "end_date");

-- CreateIndex
CREATE INDEX "image_versions_end_date_idx" ON "image_versions"("end_date");

-- AddForeignKey
ALTER TABLE "image_search" ADD CONSTRAINT "image_search_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written from here on: what Prisma's schema cannot express.
-- The trigram index of the search text: LIKE '%word%' on it finds substrings (the plain rule)
-- through the index, and PostgreSQL rechecks every candidate, so results are exact.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "image_search_text_trgm_idx" ON "image_search" USING GIN ("text" gin_trgm_ops);

-- Every write that can change what a collection query finds bumps the catalog version, in the
-- writing transaction, so that no process serves a count or facet cached before it. The triggers
-- are deferred to commit and bump once per transaction: the version row is locked last, after
-- every other row a writer takes, so writers waiting for it cannot deadlock with each other.
CREATE FUNCTION "bump_catalog_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('atmosphere.catalog_bumped', true) IS DISTINCT FROM 'yes' THEN
    UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('atmosphere.catalog_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER "catalog_version_images" AFTER INSERT OR UPDATE OR DELETE ON "images" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_image_search" AFTER INSERT OR UPDATE OR DELETE ON "image_search" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_image_tags" AFTER INSERT OR UPDATE OR DELETE ON "image_tags" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_image_shares" AFTER INSERT OR UPDATE OR DELETE ON "image_shares" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_image_versions" AFTER INSERT OR UPDATE OR DELETE ON "image_versions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_tags" AFTER UPDATE ON "tags" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
CREATE CONSTRAINT TRIGGER "catalog_version_users" AFTER UPDATE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_catalog_version"();
