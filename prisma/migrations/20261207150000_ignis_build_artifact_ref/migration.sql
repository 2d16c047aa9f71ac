-- IGNIS artifacts in the registry (issue 15, cluster mode): a build records where its artifact was pushed,
-- `<registry>/<repository>@sha256:<hex>`; null while it is only an OCI image layout on the builder's disk.

-- AlterTable
ALTER TABLE "builds" ADD COLUMN "artifact_ref" VARCHAR(512);
