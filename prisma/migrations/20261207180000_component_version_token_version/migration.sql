-- SPARK (issue 16, items 4 and 8): each component version records the SLATE token version its checks
-- ran against, which generator produced it and the plan it came from. Older rows stay null.

-- AlterTable
ALTER TABLE "component_versions" ADD COLUMN "token_version" VARCHAR(50),
ADD COLUMN "generator" VARCHAR(30),
ADD COLUMN "plan" JSONB;

-- Only the two SPARK generators (or none, for code written by hand).
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_generator_check"
  CHECK ("generator" IS NULL OR "generator" IN ('built-in', 'openai-compatible'));

-- The version published to the registry (what IGNITION and IGNIS import); null until published.
ALTER TABLE "components" ADD COLUMN "published_version" INTEGER;
