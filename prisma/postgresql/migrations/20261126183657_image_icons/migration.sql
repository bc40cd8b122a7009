-- CreateTable
CREATE TABLE "image_icons" (
    "image_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_icons_pkey" PRIMARY KEY ("image_id")
);

-- AddForeignKey
ALTER TABLE "image_icons" ADD CONSTRAINT "image_icons_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

