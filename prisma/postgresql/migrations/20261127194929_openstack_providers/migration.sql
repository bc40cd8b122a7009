-- DropIndex
DROP INDEX "identities_provider_id_idx";

-- AlterTable
ALTER TABLE "providers" ADD COLUMN     "auth_url" TEXT,
ADD COLUMN     "credential_id" TEXT,
ADD COLUMN     "domain_name" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'manual',
ADD COLUMN     "project_name" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "secret_sealed" TEXT,
ADD COLUMN     "sync_claim" TEXT,
ADD COLUMN     "sync_claimed_until" TIMESTAMP(3),
ADD COLUMN     "sync_due_at" TIMESTAMP(3),
ADD COLUMN     "username" TEXT;

-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "project_id" TEXT;

-- AlterTable
ALTER TABLE "image_versions" ADD COLUMN     "architecture" TEXT,
ADD COLUMN     "checksum" TEXT,
ADD COLUMN     "cloud_status" TEXT,
ADD COLUMN     "disk_format" TEXT,
ADD COLUMN     "ended_by_sync" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "min_disk" INTEGER,
ADD COLUMN     "min_ram" INTEGER,
ADD COLUMN     "os_distro" TEXT,
ADD COLUMN     "os_version" TEXT,
ADD COLUMN     "size" BIGINT;

-- CreateTable
CREATE TABLE "provider_syncs" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "seen" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "retired" INTEGER NOT NULL DEFAULT 0,
    "restored" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "provider_syncs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provider_syncs_provider_id_started_at_idx" ON "provider_syncs"("provider_id", "started_at");

-- CreateIndex
CREATE INDEX "identities_provider_id_project_id_idx" ON "identities"("provider_id", "project_id");

-- AddForeignKey
ALTER TABLE "provider_syncs" ADD CONSTRAINT "provider_syncs_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

