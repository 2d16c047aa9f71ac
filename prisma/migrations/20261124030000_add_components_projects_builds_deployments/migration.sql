-- The work each system records: SPARK's components and their versions, IGNITION's projects,
-- IGNIS's builds and WAYPOINT's deployments (LANDING's cards and search read them).
-- CreateEnum
CREATE TYPE "component_origin" AS ENUM ('spark', 'manual', 'import');

-- CreateEnum
CREATE TYPE "component_status" AS ENUM ('draft', 'published', 'deprecated');

-- CreateEnum
CREATE TYPE "build_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "deploy_environment" AS ENUM ('dev', 'staging', 'production');

-- CreateEnum
CREATE TYPE "deployment_status" AS ENUM ('pending', 'in_progress', 'succeeded', 'failed', 'rolled_back');

-- CreateTable
CREATE TABLE "components" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" VARCHAR(100),
    "origin" "component_origin" NOT NULL,
    "status" "component_status" NOT NULL DEFAULT 'draft',
    "latest_version" INTEGER NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "components_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "component_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "component_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "tests" TEXT,
    "stories" TEXT,
    "prompt" TEXT,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "component_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "repository_url" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "builds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "project_id" UUID,
    "component_id" UUID,
    "status" "build_status" NOT NULL DEFAULT 'queued',
    "trigger" VARCHAR(32) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "bundle_bytes" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "builds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "environment" "deploy_environment" NOT NULL,
    "version" VARCHAR(128) NOT NULL,
    "image_ref" VARCHAR(512) NOT NULL,
    "status" "deployment_status" NOT NULL DEFAULT 'pending',
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "components_workspace_id_updated_at_idx" ON "components"("workspace_id", "updated_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "component_versions_component_id_number_key" ON "component_versions"("component_id", "number");

-- CreateIndex
CREATE INDEX "projects_workspace_id_created_at_idx" ON "projects"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "projects_workspace_id_slug_key" ON "projects"("workspace_id", "slug");

-- CreateIndex
CREATE INDEX "builds_workspace_id_created_at_idx" ON "builds"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "deployments_workspace_id_environment_created_at_idx" ON "deployments"("workspace_id", "environment", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "components" ADD CONSTRAINT "components_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "components" ADD CONSTRAINT "components_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Not expressible in schema.prisma: names unique per workspace whatever their case, the known
-- shapes of names and slugs, exactly one build target, and non-negative measurements.
CREATE UNIQUE INDEX "components_workspace_id_lower_name_key" ON "components"("workspace_id", lower("name"));
ALTER TABLE "components" ADD CONSTRAINT "components_name_pascal_case" CHECK ("name" ~ '^[A-Z][A-Za-z0-9]*$');
ALTER TABLE "components" ADD CONSTRAINT "components_latest_version_positive" CHECK ("latest_version" >= 1);
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_number_positive" CHECK ("number" >= 1);
ALTER TABLE "projects" ADD CONSTRAINT "projects_slug_kebab_case" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "builds" ADD CONSTRAINT "builds_one_target" CHECK (("project_id" IS NULL) <> ("component_id" IS NULL));
ALTER TABLE "builds" ADD CONSTRAINT "builds_measurements_non_negative" CHECK (
    ("duration_ms" IS NULL OR "duration_ms" >= 0) AND ("bundle_bytes" IS NULL OR "bundle_bytes" >= 0));
