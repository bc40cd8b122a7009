-- CreateTable
CREATE TABLE "versions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "image_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "change_log" TEXT NOT NULL DEFAULT '',
    "parent_id" TEXT,
    "created_by_id" INTEGER NOT NULL,
    "start_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" DATETIME,
    "min_cpu" INTEGER,
    "min_memory_gb" INTEGER,
    "min_disk_gb" INTEGER,
    "allow_imaging" BOOLEAN NOT NULL DEFAULT true,
    "software" TEXT NOT NULL DEFAULT '',
    "sys" TEXT NOT NULL DEFAULT '',
    "exclude" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "versions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "versions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "versions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex (moved up by hand: the machines' foreign key needs it to exist)
CREATE UNIQUE INDEX "versions_image_id_name_key" ON "versions"("image_id", "name");

-- Hand-written: every version name the machines (image_versions) carry becomes a version of its
-- image, made by the image's creator, retired when all its machines are.
INSERT INTO "versions" ("id", "image_id", "name", "created_by_id", "start_date", "end_date")
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       m."image_id", m."version", i."created_by_id", MIN(m."start_date"),
       CASE WHEN COUNT(*) = COUNT(m."end_date") THEN MAX(m."end_date") END
FROM "image_versions" m JOIN "images" i ON i."id" = m."image_id"
GROUP BY m."image_id", m."version", i."created_by_id";

-- Lineage of the versions that existed before versions had one: each follows the image's
-- previous version.
UPDATE "versions" SET "parent_id" = (
  SELECT p."id" FROM "versions" p
  WHERE p."image_id" = "versions"."image_id"
    AND (p."start_date" < "versions"."start_date" OR (p."start_date" = "versions"."start_date" AND p."name" < "versions"."name"))
  ORDER BY p."start_date" DESC, p."name" DESC LIMIT 1
);

-- CreateTable
CREATE TABLE "bookmarks" (
    "user_id" INTEGER NOT NULL,
    "image_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" DATETIME,

    PRIMARY KEY ("user_id", "image_id"),
    CONSTRAINT "bookmarks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "bookmarks_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" DATETIME,
    CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "notification_settings" (
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,

    PRIMARY KEY ("user_id", "kind"),
    CONSTRAINT "notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "outbox_jobs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "order_key" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "run_after" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT,
    "claimed_until" DATETIME,
    "last_error" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_instances" (
    "alias" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "ip_address" TEXT,
    "provider_id" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "start_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" DATETIME,
    "source_version_id" TEXT,
    CONSTRAINT "instances_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "instances_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "instances_source_version_id_fkey" FOREIGN KEY ("source_version_id") REFERENCES "versions" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_instances" ("alias", "end_date", "identity_id", "ip_address", "name", "provider_id", "start_date", "status") SELECT "alias", "end_date", "identity_id", "ip_address", "name", "provider_id", "start_date", "status" FROM "instances";
DROP TABLE "instances";
ALTER TABLE "new_instances" RENAME TO "instances";
CREATE INDEX "instances_identity_id_idx" ON "instances"("identity_id");
CREATE INDEX "instances_provider_id_idx" ON "instances"("provider_id");
CREATE INDEX "instances_source_version_id_idx" ON "instances"("source_version_id");
CREATE TABLE "new_image_versions" (
    "alias" TEXT NOT NULL PRIMARY KEY,
    "image_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "start_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" DATETIME,
    CONSTRAINT "image_versions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_versions_image_id_version_fkey" FOREIGN KEY ("image_id", "version") REFERENCES "versions" ("image_id", "name") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_versions_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_image_versions" ("alias", "end_date", "image_id", "provider_id", "start_date", "version") SELECT "alias", "end_date", "image_id", "provider_id", "start_date", "version" FROM "image_versions";
DROP TABLE "image_versions";
ALTER TABLE "new_image_versions" RENAME TO "image_versions";
CREATE INDEX "image_versions_provider_id_image_id_idx" ON "image_versions"("provider_id", "image_id");
CREATE INDEX "image_versions_end_date_idx" ON "image_versions"("end_date");
CREATE UNIQUE INDEX "image_versions_image_id_version_provider_id_key" ON "image_versions"("image_id", "version", "provider_id");
-- Hand-written: the table was rebuilt, and its triggers with it (see the search_index migration).
CREATE TRIGGER "catalog_version_image_versions_insert" AFTER INSERT ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_versions_update" AFTER UPDATE ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "catalog_version_image_versions_delete" AFTER DELETE ON "image_versions" BEGIN UPDATE "catalog_version" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TABLE "new_image_edits" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "image_id" TEXT NOT NULL,
    "version_id" TEXT,
    "editor_id" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" TEXT NOT NULL,
    CONSTRAINT "image_edits_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_edits_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "image_edits_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_image_edits" ("at", "changes", "editor_id", "id", "image_id") SELECT "at", "changes", "editor_id", "id", "image_id" FROM "image_edits";
DROP TABLE "image_edits";
ALTER TABLE "new_image_edits" RENAME TO "image_edits";
CREATE INDEX "image_edits_image_id_at_idx" ON "image_edits"("image_id", "at");
CREATE TABLE "new_image_requests" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "instance_alias" TEXT NOT NULL,
    "ip_address" TEXT,
    "provider_id" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "software" TEXT NOT NULL DEFAULT '',
    "sys" TEXT NOT NULL DEFAULT '',
    "exclude" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "visibility" TEXT NOT NULL DEFAULT 'private',
    "vis_users" TEXT NOT NULL DEFAULT '[]',
    "created_by_id" INTEGER NOT NULL,
    "admin_message" TEXT NOT NULL DEFAULT '',
    "image_id" TEXT,
    "fork" BOOLEAN NOT NULL DEFAULT true,
    "version_name" TEXT,
    "change_log" TEXT NOT NULL DEFAULT '',
    "min_cpu" INTEGER,
    "min_memory_gb" INTEGER,
    "min_disk_gb" INTEGER,
    "source_version_id" TEXT,
    "version_id" TEXT,
    "open_instance" TEXT,
    "start_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" DATETIME,
    CONSTRAINT "image_requests_instance_alias_fkey" FOREIGN KEY ("instance_alias") REFERENCES "instances" ("alias") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_requests_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_requests_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_requests_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "image_requests_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "image_requests_source_version_id_fkey" FOREIGN KEY ("source_version_id") REFERENCES "versions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "image_requests_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_image_requests" ("admin_message", "created_by_id", "description", "end_date", "exclude", "id", "identity_id", "image_id", "instance_alias", "ip_address", "name", "open_instance", "provider_id", "software", "start_date", "status", "sys", "tags", "vis_users", "visibility") SELECT "admin_message", "created_by_id", "description", "end_date", "exclude", "id", "identity_id", "image_id", "instance_alias", "ip_address", "name", "open_instance", "provider_id", "software", "start_date", "status", "sys", "tags", "vis_users", "visibility" FROM "image_requests";
DROP TABLE "image_requests";
ALTER TABLE "new_image_requests" RENAME TO "image_requests";
CREATE UNIQUE INDEX "image_requests_version_id_key" ON "image_requests"("version_id");
CREATE UNIQUE INDEX "image_requests_open_instance_key" ON "image_requests"("open_instance");
CREATE INDEX "image_requests_created_by_id_start_date_idx" ON "image_requests"("created_by_id", "start_date");
CREATE INDEX "image_requests_status_start_date_idx" ON "image_requests"("status", "start_date");
CREATE INDEX "image_requests_instance_alias_idx" ON "image_requests"("instance_alias");
CREATE INDEX "image_requests_image_id_idx" ON "image_requests"("image_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "versions_parent_id_idx" ON "versions"("parent_id");


-- CreateIndex
CREATE INDEX "bookmarks_image_id_removed_at_idx" ON "bookmarks"("image_id", "removed_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");

-- CreateIndex
CREATE INDEX "outbox_jobs_status_run_after_idx" ON "outbox_jobs"("status", "run_after");

-- CreateIndex
CREATE INDEX "outbox_jobs_order_key_status_idx" ON "outbox_jobs"("order_key", "status");

