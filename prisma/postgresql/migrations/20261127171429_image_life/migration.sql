-- DropIndex
DROP INDEX "image_requests_image_id_key";

-- AlterTable
ALTER TABLE "instances" ADD COLUMN     "source_version_id" TEXT;

-- AlterTable
ALTER TABLE "image_edits" ADD COLUMN     "version_id" TEXT;

-- AlterTable
ALTER TABLE "image_requests" ADD COLUMN     "change_log" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "fork" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "min_cpu" INTEGER,
ADD COLUMN     "min_disk_gb" INTEGER,
ADD COLUMN     "min_memory_gb" INTEGER,
ADD COLUMN     "source_version_id" TEXT,
ADD COLUMN     "version_id" TEXT,
ADD COLUMN     "version_name" TEXT;

-- CreateTable
CREATE TABLE "versions" (
    "id" TEXT NOT NULL,
    "image_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "change_log" TEXT NOT NULL DEFAULT '',
    "parent_id" TEXT,
    "created_by_id" INTEGER NOT NULL,
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),
    "min_cpu" INTEGER,
    "min_memory_gb" INTEGER,
    "min_disk_gb" INTEGER,
    "allow_imaging" BOOLEAN NOT NULL DEFAULT true,
    "software" TEXT NOT NULL DEFAULT '',
    "sys" TEXT NOT NULL DEFAULT '',
    "exclude" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "versions_pkey" PRIMARY KEY ("id")
);

-- Hand-written: every version name the machines (image_versions) carry becomes a version of its
-- image, made by the image's creator, retired when all its machines are.
INSERT INTO "versions" ("id", "image_id", "name", "created_by_id", "start_date", "end_date")
SELECT gen_random_uuid()::text, m."image_id", m."version", i."created_by_id", MIN(m."start_date"),
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
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMP(3),

    CONSTRAINT "bookmarks_pkey" PRIMARY KEY ("user_id","image_id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_settings" (
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,

    CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("user_id","kind")
);

-- CreateTable
CREATE TABLE "outbox_jobs" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "order_key" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "run_after" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMP(3),
    "last_error" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMP(3),

    CONSTRAINT "outbox_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "versions_parent_id_idx" ON "versions"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "versions_image_id_name_key" ON "versions"("image_id", "name");

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

-- CreateIndex
CREATE INDEX "instances_source_version_id_idx" ON "instances"("source_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "image_requests_version_id_key" ON "image_requests"("version_id");

-- CreateIndex
CREATE INDEX "image_requests_image_id_idx" ON "image_requests"("image_id");

-- AddForeignKey
ALTER TABLE "instances" ADD CONSTRAINT "instances_source_version_id_fkey" FOREIGN KEY ("source_version_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_image_id_version_fkey" FOREIGN KEY ("image_id", "version") REFERENCES "versions"("image_id", "name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_edits" ADD CONSTRAINT "image_edits_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_source_version_id_fkey" FOREIGN KEY ("source_version_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

