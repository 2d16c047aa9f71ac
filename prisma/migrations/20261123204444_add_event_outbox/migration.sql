-- CreateTable
CREATE TABLE "outbox" (
    "id" UUID NOT NULL,
    "position" BIGINT,
    "subject" TEXT NOT NULL,
    "workspace_id" UUID,
    "correlation_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sequenced_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_position_key" ON "outbox"("position");

-- CreateIndex
CREATE INDEX "outbox_sequenced_at_created_at_idx" ON "outbox"("sequenced_at", "created_at");

-- CreateIndex
CREATE INDEX "outbox_published_at_position_idx" ON "outbox"("published_at", "position");

-- CreateIndex
CREATE INDEX "outbox_subject_position_idx" ON "outbox"("subject", "position");
