-- DropIndex
DROP INDEX "identities_provider_id_idx";

-- AlterTable
ALTER TABLE "identities" ADD COLUMN "project_id" TEXT;

-- CreateTable
CREATE TABLE "provider_syncs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "provider_id" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "duration_ms" INTEGER,
    "seen" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "retired" INTEGER NOT NULL DEFAULT 0,
    "restored" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "provider_syncs_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (by hand: columns added in place, since redefining image_versions as Prisma would
-- drop the catalog_version triggers on it)
ALTER TABLE "providers" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE "providers" ADD COLUMN "auth_url" TEXT;
ALTER TABLE "providers" ADD COLUMN "region" TEXT;
ALTER TABLE "providers" ADD COLUMN "credential_id" TEXT;
ALTER TABLE "providers" ADD COLUMN "username" TEXT;
ALTER TABLE "providers" ADD COLUMN "project_name" TEXT;
ALTER TABLE "providers" ADD COLUMN "domain_name" TEXT;
ALTER TABLE "providers" ADD COLUMN "secret_sealed" TEXT;
ALTER TABLE "providers" ADD COLUMN "sync_due_at" DATETIME;
ALTER TABLE "providers" ADD COLUMN "sync_claim" TEXT;
ALTER TABLE "providers" ADD COLUMN "sync_claimed_until" DATETIME;
ALTER TABLE "image_versions" ADD COLUMN "cloud_status" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "size" BIGINT;
ALTER TABLE "image_versions" ADD COLUMN "disk_format" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "checksum" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "min_disk" INTEGER;
ALTER TABLE "image_versions" ADD COLUMN "min_ram" INTEGER;
ALTER TABLE "image_versions" ADD COLUMN "os_distro" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "os_version" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "architecture" TEXT;
ALTER TABLE "image_versions" ADD COLUMN "ended_by_sync" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "provider_syncs_provider_id_started_at_idx" ON "provider_syncs"("provider_id", "started_at");

-- CreateIndex
CREATE INDEX "identities_provider_id_project_id_idx" ON "identities"("provider_id", "project_id");

