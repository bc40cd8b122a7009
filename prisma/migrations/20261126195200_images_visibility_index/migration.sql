-- CreateIndex
CREATE INDEX "images_private_end_date_idx" ON "images"("private", "end_date");

