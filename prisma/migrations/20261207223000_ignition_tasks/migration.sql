-- IGNITION (issue 17, item 5): project creation runs as a task with steps, a streamed log, cancel and retry.

-- CreateEnum
CREATE TYPE "ignition_task_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "ignition_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "project_id" UUID,
    "kind" VARCHAR(16) NOT NULL,
    "status" "ignition_task_status" NOT NULL DEFAULT 'queued',
    "answers" JSONB NOT NULL,
    "steps" JSONB NOT NULL,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "ignition_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ignition_task_log_lines" (
    "id" BIGSERIAL NOT NULL,
    "task_id" UUID NOT NULL,
    "step" VARCHAR(32) NOT NULL,
    "stream" VARCHAR(16) NOT NULL,
    "line" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ignition_task_log_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ignition_tasks_workspace_id_created_at_idx" ON "ignition_tasks"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "ignition_tasks_project_id_created_at_idx" ON "ignition_tasks"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "ignition_task_log_lines_task_id_id_idx" ON "ignition_task_log_lines"("task_id", "id");

-- AddForeignKey
ALTER TABLE "ignition_tasks" ADD CONSTRAINT "ignition_tasks_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ignition_tasks" ADD CONSTRAINT "ignition_tasks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ignition_tasks" ADD CONSTRAINT "ignition_tasks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ignition_task_log_lines" ADD CONSTRAINT "ignition_task_log_lines_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "ignition_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

