-- AlterTable
ALTER TABLE "sessions" ADD COLUMN "id_token" TEXT;

