-- IGNIS workspaces: a project's file tree lives in PostgreSQL (the source of truth); work
-- directories are materialised from it. sha256 is the optimistic-concurrency token of a write.
-- CreateTable
CREATE TABLE "project_files" (
    "project_id" UUID NOT NULL,
    "path" VARCHAR(512) NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "project_files_pkey" PRIMARY KEY ("project_id","path")
);

-- AddForeignKey
ALTER TABLE "project_files" ADD CONSTRAINT "project_files_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
