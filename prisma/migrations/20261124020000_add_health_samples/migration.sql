-- LANDING's system status history: one row per target per minute, pruned after 48 h.
-- CreateTable
CREATE TABLE "health_samples" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "target" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "latency_ms" INTEGER,
    "error" TEXT,
    "metrics" JSONB,
    "levels" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "health_samples_pkey" PRIMARY KEY ("id"),
    -- Not expressible in schema.prisma: the known kinds and statuses, whole minutes.
    CONSTRAINT "health_samples_kind_known" CHECK ("kind" IN ('app', 'service')),
    CONSTRAINT "health_samples_status_known" CHECK ("status" IN ('ok', 'degraded', 'down')),
    CONSTRAINT "health_samples_minute_whole" CHECK ("minute" = date_trunc('minute', "minute")),
    CONSTRAINT "health_samples_latency_non_negative" CHECK ("latency_ms" IS NULL OR "latency_ms" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "health_samples_target_minute_key" ON "health_samples"("target", "minute");

-- CreateIndex
CREATE INDEX "health_samples_target_sampled_at_idx" ON "health_samples"("target", "sampled_at" DESC);

-- CreateIndex
CREATE INDEX "health_samples_minute_idx" ON "health_samples"("minute");
