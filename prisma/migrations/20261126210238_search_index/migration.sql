-- CreateTable
CREATE TABLE "image_search" (
    "row_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "image_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "image_search_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "catalog_version" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- Hand-written (to the end of AlterTable): the search text moves from images to image_search.
INSERT INTO "image_search" ("image_id", "text") SELECT "id", "search_text" FROM "images" ORDER BY "start_date", "id";
INSERT INTO "catalog_version" ("id", "version") VALUES (1, 0);

-- AlterTable (hand-written: Prisma redefines the table, which inside the migration's transaction,
-- where foreign keys cannot be switched off, would check every image against every child table).
ALTER TABLE "images" DROP COLUMN "search_text";

-- CreateIndex
CREATE UNIQUE INDEX "image_search_image_id_key" ON "image_search"("image_id");

-- CreateIndex
CREATE INDEX "images_private_start_date_id_end_date_idx" ON "images"("private", "start_date", "id", "end_date");

-- CreateIndex
CREATE INDEX "images_private_end_date_idx" ON "images"("private", "end_date");

-- CreateIndex
CREATE INDEX "image_versions_end_date_idx" ON "image_versions"("end_date");


-- Hand-written from here on: what Prisma's schema cannot express.
-- The full-text index of the search text. The trigram tokenizer indexes every three-character
-- substring, so a search word of three characters or more is found as a substring (the plain
-- rule, not just whole words or prefixes); case_sensitive 1 because the text and the words are
-- lower-cased already, so the index matches exactly what a substring comparison does.
CREATE VIRTUAL TABLE "image_search_fts" USING fts5("text", content='image_search', content_rowid='row_id', tokenize='trigram case_sensitive 1', detail='full');
INSERT INTO "image_search_fts" ("image_search_fts") VALUES ('rebuild');
CREATE TRIGGER "image_search_fts_insert" AFTER INSERT ON "image_search" BEGIN
  INSERT INTO "image_search_fts" (rowid, "text") VALUES (new."row_id", new."text");
END;
CREATE TRIGGER "image_search_fts_delete" AFTER DELETE ON "image_search" BEGIN
  INSERT INTO "image_search_fts" ("image_search_fts", rowid, "text") VALUES ('delete', old."row_id", old."text");
END;
CREATE TRIGGER "image_search_fts_update" AFTER UPDATE ON "image_search" BEGIN
  INSERT INTO "image_search_fts" ("image_search_fts", rowid, "text") VALUES ('delete', old."row_id", old."text");
  INSERT INTO "image_search_fts" (rowid, "text") VALUES (new."row_id", new."text");
END;

-- Every write that can change what a collection query finds bumps the catalog version, in the
-- writing transaction, so that no process serves a count or facet cached before it.
CREATE TRIGGER "catalog_version_images_insert" AFTER INSERT ON "images" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_images_update" AFTER UPDATE ON "images" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_images_delete" AFTER DELETE ON "images" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_search_insert" AFTER INSERT ON "image_search" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_search_update" AFTER UPDATE ON "image_search" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_search_delete" AFTER DELETE ON "image_search" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_tags_insert" AFTER INSERT ON "image_tags" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_tags_update" AFTER UPDATE ON "image_tags" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_tags_delete" AFTER DELETE ON "image_tags" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_shares_insert" AFTER INSERT ON "image_shares" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_shares_update" AFTER UPDATE ON "image_shares" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_shares_delete" AFTER DELETE ON "image_shares" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_versions_insert" AFTER INSERT ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_versions_update" AFTER UPDATE ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_versions_delete" AFTER DELETE ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_tags_update" AFTER UPDATE ON "tags" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_users_update" AFTER UPDATE ON "users" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
