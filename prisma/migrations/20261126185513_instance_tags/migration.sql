-- CreateTable
CREATE TABLE "instance_tags" (
    "instance_alias" TEXT NOT NULL,
    "tag_id" INTEGER NOT NULL,

    PRIMARY KEY ("instance_alias", "tag_id"),
    CONSTRAINT "instance_tags_instance_alias_fkey" FOREIGN KEY ("instance_alias") REFERENCES "instances" ("alias") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "instance_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

