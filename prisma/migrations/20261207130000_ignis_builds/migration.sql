-- IGNIS build pipeline (issue 15): builds become queue jobs (lease, attempts, cancel), are content-addressed
-- (input/artifact digests, reuse), carry their stages, metrics and first error, and stream log lines.

-- AlterEnum
ALTER TYPE "build_status" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "builds"
    ADD COLUMN "kind" VARCHAR(32) NOT NULL DEFAULT 'project',
    ADD COLUMN "source" JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN "input_digest" VARCHAR(80),
    ADD COLUMN "artifact_digest" VARCHAR(80),
    ADD COLUMN "stages" JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN "metrics" JSONB,
    ADD COLUMN "error_detail" JSONB,
    ADD COLUMN "reused_from_build_id" UUID,
    ADD COLUMN "lease_owner" VARCHAR(128),
    ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "cancel_requested_at" TIMESTAMPTZ(3),
    ADD COLUMN "cause_kind" VARCHAR(32),
    ADD COLUMN "cause_ref" VARCHAR(200),
    ADD COLUMN "requested_by_id" UUID;

-- CreateTable
CREATE TABLE "build_log_lines" (
    "id" BIGSERIAL NOT NULL,
    "build_id" UUID NOT NULL,
    "stage" VARCHAR(32) NOT NULL,
    "stream" VARCHAR(16) NOT NULL,
    "line" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "build_log_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "builds_status_created_at_idx" ON "builds"("status", "created_at");

-- CreateIndex
CREATE INDEX "builds_workspace_id_input_digest_idx" ON "builds"("workspace_id", "input_digest");

-- CreateIndex
CREATE INDEX "build_log_lines_build_id_id_idx" ON "build_log_lines"("build_id", "id");

-- AddForeignKey
ALTER TABLE "build_log_lines" ADD CONSTRAINT "build_log_lines_build_id_fkey" FOREIGN KEY ("build_id") REFERENCES "builds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the kinds, attempts and the digests' shape.
ALTER TABLE "builds" ADD CONSTRAINT "builds_kind_known" CHECK ("kind" IN ('project', 'component', 'component-library'));
ALTER TABLE "builds" ADD CONSTRAINT "builds_attempts_non_negative" CHECK ("attempts" >= 0);
ALTER TABLE "builds" ADD CONSTRAINT "builds_digests_sha256" CHECK (
    ("input_digest" IS NULL OR "input_digest" ~ '^sha256:[0-9a-f]{64}$') AND
    ("artifact_digest" IS NULL OR "artifact_digest" ~ '^sha256:[0-9a-f]{64}$'));
ALTER TABLE "build_log_lines" ADD CONSTRAINT "build_log_lines_stream_known" CHECK ("stream" IN ('stdout', 'stderr', 'system'));
