-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_staff" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identities" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instances" (
    "alias" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ip_address" TEXT,
    "provider_id" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),

    CONSTRAINT "instances_pkey" PRIMARY KEY ("alias")
);

-- CreateTable
CREATE TABLE "images" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon" TEXT,
    "created_by_id" INTEGER NOT NULL,
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),
    "private" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "search_text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_versions" (
    "alias" TEXT NOT NULL,
    "image_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),

    CONSTRAINT "image_versions_pkey" PRIMARY KEY ("alias")
);

-- CreateTable
CREATE TABLE "tags" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_tags" (
    "image_id" TEXT NOT NULL,
    "tag_id" INTEGER NOT NULL,

    CONSTRAINT "image_tags_pkey" PRIMARY KEY ("image_id","tag_id")
);

-- CreateTable
CREATE TABLE "image_shares" (
    "image_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "image_shares_pkey" PRIMARY KEY ("image_id","user_id")
);

-- CreateTable
CREATE TABLE "image_edits" (
    "id" SERIAL NOT NULL,
    "image_id" TEXT NOT NULL,
    "editor_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" TEXT NOT NULL,

    CONSTRAINT "image_edits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_requests" (
    "id" SERIAL NOT NULL,
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
    "open_instance" TEXT,
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),

    CONSTRAINT "image_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_request_events" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "actor_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "image_request_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "providers_name_key" ON "providers"("name");

-- CreateIndex
CREATE INDEX "identities_provider_id_idx" ON "identities"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "identities_user_id_provider_id_key" ON "identities"("user_id", "provider_id");

-- CreateIndex
CREATE INDEX "instances_identity_id_idx" ON "instances"("identity_id");

-- CreateIndex
CREATE INDEX "instances_provider_id_idx" ON "instances"("provider_id");

-- CreateIndex
CREATE INDEX "images_start_date_id_idx" ON "images"("start_date", "id");

-- CreateIndex
CREATE INDEX "images_name_id_idx" ON "images"("name", "id");

-- CreateIndex
CREATE INDEX "images_created_by_id_idx" ON "images"("created_by_id");

-- CreateIndex
CREATE INDEX "images_end_date_idx" ON "images"("end_date");

-- CreateIndex
CREATE INDEX "image_versions_provider_id_image_id_idx" ON "image_versions"("provider_id", "image_id");

-- CreateIndex
CREATE UNIQUE INDEX "image_versions_image_id_version_provider_id_key" ON "image_versions"("image_id", "version", "provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "tags_key_key" ON "tags"("key");

-- CreateIndex
CREATE INDEX "image_tags_tag_id_image_id_idx" ON "image_tags"("tag_id", "image_id");

-- CreateIndex
CREATE INDEX "image_shares_user_id_image_id_idx" ON "image_shares"("user_id", "image_id");

-- CreateIndex
CREATE INDEX "image_edits_image_id_at_idx" ON "image_edits"("image_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "image_requests_image_id_key" ON "image_requests"("image_id");

-- CreateIndex
CREATE UNIQUE INDEX "image_requests_open_instance_key" ON "image_requests"("open_instance");

-- CreateIndex
CREATE INDEX "image_requests_created_by_id_start_date_idx" ON "image_requests"("created_by_id", "start_date");

-- CreateIndex
CREATE INDEX "image_requests_status_start_date_idx" ON "image_requests"("status", "start_date");

-- CreateIndex
CREATE INDEX "image_requests_instance_alias_idx" ON "image_requests"("instance_alias");

-- CreateIndex
CREATE INDEX "image_request_events_request_id_at_idx" ON "image_request_events"("request_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instances" ADD CONSTRAINT "instances_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instances" ADD CONSTRAINT "instances_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_shares" ADD CONSTRAINT "image_shares_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_shares" ADD CONSTRAINT "image_shares_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_edits" ADD CONSTRAINT "image_edits_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_edits" ADD CONSTRAINT "image_edits_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_instance_alias_fkey" FOREIGN KEY ("instance_alias") REFERENCES "instances"("alias") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_requests" ADD CONSTRAINT "image_requests_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_request_events" ADD CONSTRAINT "image_request_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "image_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_request_events" ADD CONSTRAINT "image_request_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

