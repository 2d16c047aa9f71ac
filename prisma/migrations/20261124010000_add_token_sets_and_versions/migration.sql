-- Token documents (draft, content) are JSON, not JSONB: JSONB reorders object keys, and the order of a
-- token file (palette steps, the type scale) is part of what designers wrote.
-- CreateTable
CREATE TABLE "token_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "draft" JSON NOT NULL,
    "draft_based_on" INTEGER,
    "draft_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draft_updated_by_id" UUID,
    "latest_version" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_sets_pkey" PRIMARY KEY ("id"),
    -- Not expressible in schema.prisma: the draft is always a JSON object ({ base, themes }).
    CONSTRAINT "token_sets_draft_is_object" CHECK (json_typeof("draft") = 'object')
);

-- CreateTable
CREATE TABLE "token_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_set_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "semver" VARCHAR(64) NOT NULL,
    "changelog" TEXT NOT NULL,
    "author_id" UUID,
    "content" JSON NOT NULL,
    "diff" JSONB NOT NULL,
    "bump" VARCHAR(8) NOT NULL,
    "is_breaking" BOOLEAN NOT NULL,
    "restored_from" INTEGER,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "token_versions_number_positive" CHECK ("number" > 0),
    CONSTRAINT "token_versions_bump_known" CHECK ("bump" IN ('major', 'minor', 'patch', 'none'))
);

-- CreateIndex
CREATE UNIQUE INDEX "token_sets_workspace_id_key" ON "token_sets"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "token_versions_token_set_id_number_key" ON "token_versions"("token_set_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "token_versions_token_set_id_semver_key" ON "token_versions"("token_set_id", "semver");

-- AddForeignKey
ALTER TABLE "token_sets" ADD CONSTRAINT "token_sets_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_sets" ADD CONSTRAINT "token_sets_draft_updated_by_id_fkey" FOREIGN KEY ("draft_updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_versions" ADD CONSTRAINT "token_versions_token_set_id_fkey" FOREIGN KEY ("token_set_id") REFERENCES "token_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_versions" ADD CONSTRAINT "token_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
