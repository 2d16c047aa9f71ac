-- AlterTable: when the identity provider authenticated the user (step-up freshness). Sessions
-- created before this column existed started with a sign-in, so their created_at is the best value.
ALTER TABLE "sessions" ADD COLUMN     "auth_time" TIMESTAMPTZ(3);
UPDATE "sessions" SET "auth_time" = "created_at" WHERE "auth_time" IS NULL;
ALTER TABLE "sessions" ALTER COLUMN "auth_time" SET NOT NULL;

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" VARCHAR(8) NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"),
    -- Not expressible in schema.prisma (Prisma ignores CHECK constraints): the repository validates the same.
    CONSTRAINT "api_tokens_name_not_blank" CHECK (char_length(btrim("name")) > 0),
    CONSTRAINT "api_tokens_scopes_not_empty" CHECK ("scopes" IS NOT NULL AND cardinality("scopes") > 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_created_at_id_idx" ON "api_tokens"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "api_tokens_workspace_id_idx" ON "api_tokens"("workspace_id");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

