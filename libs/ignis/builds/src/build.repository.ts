import { OutboxRepository, type TDb, type TDbClient } from '@lumenforge/db/server';
import {
  BUILD_COMPLETED,
  BUILD_FAILED,
  BUILD_STARTED,
  BUILD_TRIGGERS,
  createEvent,
  type TEventEnvelope,
} from '@lumenforge/events';
import {
  initialStages,
  type TBuildErrorDetail,
  type TBuildKind,
  type TBuildMetrics,
  type TBuildSource,
  type TBuildStatus,
  type TBuildView,
  type TPipelineStageName,
  type TStageState,
} from './build.schema';

/** LISTEN/NOTIFY channel for new log lines and stage changes (payload: the build id). */
export const BUILD_LOG_CHANNEL = 'ignis_build_log';
const ACTOR = { type: 'system', id: 'ignis-builder', name: 'IGNIS builder' } as const;

export type TCreateBuildInput = {
  workspaceId: string;
  kind: TBuildKind;
  source: TBuildSource;
  projectId?: string | null;
  componentId?: string | null;
  /** file_change, manual, ci, tokens_updated, deploy, component_published. */
  trigger: string;
  /** What caused it; `causeRef` names it: component id@version, commit sha, tree revision (save), user id. */
  causeKind?: 'component' | 'commit' | 'save' | 'manual' | null;
  causeRef?: string | null;
  requestedById?: string | null;
};

export type TClaimedRow = {
  id: string;
  workspaceId: string;
  attempts: number;
  source: TBuildSource;
  kind: TBuildKind;
};

export type TFinishInput =
  | {
      status: 'succeeded';
      metrics: TBuildMetrics;
      artifactDigest: string;
      /** Where it was pushed (cluster mode): `<registry>/<repository>@sha256:…`. */
      artifactRef?: string | null;
      stages: TStageState[];
      reusedFromBuildId?: string | null;
    }
  | {
      status: 'failed' | 'cancelled';
      error: TBuildErrorDetail;
      stages: TStageState[];
      metrics?: TBuildMetrics | null;
    };

export type TLogLine = { id: string; stage: string; stream: string; line: string; createdAt: string };

const VIEW_SELECT = {
  id: true,
  workspaceId: true,
  kind: true,
  status: true,
  trigger: true,
  projectId: true,
  componentId: true,
  causeKind: true,
  causeRef: true,
  inputDigest: true,
  artifactDigest: true,
  artifactRef: true,
  reusedFromBuildId: true,
  stages: true,
  metrics: true,
  error: true,
  errorDetail: true,
  attempts: true,
  durationMs: true,
  bundleBytes: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  cancelRequestedAt: true,
  project: { select: { id: true, name: true } },
  component: { select: { id: true, name: true } },
} as const;

type TViewRow = {
  [K in keyof typeof VIEW_SELECT]: unknown;
} & { project: { id: string; name: string } | null; component: { id: string; name: string } | null };

function toView(row: TViewRow): TBuildView {
  const r = row as Record<string, unknown> & TViewRow;
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  return {
    id: r.id as string,
    workspaceId: r.workspaceId as string,
    kind: r.kind as TBuildKind,
    status: r.status as TBuildStatus,
    trigger: r.trigger as string,
    projectId: (r.projectId as string | null) ?? null,
    componentId: (r.componentId as string | null) ?? null,
    target: r.project
      ? { kind: 'project', ...r.project }
      : r.component
        ? { kind: 'component', ...r.component }
        : null,
    causeKind: (r.causeKind as string | null) ?? null,
    causeRef: (r.causeRef as string | null) ?? null,
    inputDigest: (r.inputDigest as string | null) ?? null,
    artifactDigest: (r.artifactDigest as string | null) ?? null,
    artifactRef: (r.artifactRef as string | null) ?? null,
    reusedFromBuildId: (r.reusedFromBuildId as string | null) ?? null,
    stages: (r.stages as TStageState[]) ?? [],
    metrics: (r.metrics as TBuildMetrics | null) ?? null,
    error: (r.error as string | null) ?? null,
    errorDetail: (r.errorDetail as TBuildErrorDetail | null) ?? null,
    attempts: r.attempts as number,
    durationMs: (r.durationMs as number | null) ?? null,
    bundleBytes: (r.bundleBytes as number | null) ?? null,
    createdAt: iso(r.createdAt) as string,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    cancelRequestedAt: iso(r.cancelRequestedAt),
  };
}

/** The trigger as wissil.build.started knows it (a stored trigger it does not know reads as automation, `ci`). */
function eventTrigger(trigger: string): (typeof BUILD_TRIGGERS)[number] {
  return (BUILD_TRIGGERS as readonly string[]).includes(trigger)
    ? (trigger as (typeof BUILD_TRIGGERS)[number])
    : 'ci';
}

const EVENT_STAGE: Record<
  TPipelineStageName,
  'install' | 'typecheck' | 'bundle' | 'image_optimize' | undefined
> = {
  install: 'install',
  typecheck: 'typecheck',
  tests: undefined,
  bundle: 'bundle',
  images: 'image_optimize',
};

/** Inserts a queued build; takes a transaction too (an event handler queues builds in its own). */
export async function insertBuild(db: TDb, input: TCreateBuildInput): Promise<TBuildView> {
  const row = await db.build.create({
    data: {
      workspaceId: input.workspaceId,
      kind: input.kind,
      source: input.source,
      projectId: input.projectId ?? null,
      componentId: input.componentId ?? null,
      trigger: input.trigger,
      causeKind: input.causeKind ?? null,
      causeRef: input.causeRef ?? null,
      requestedById: input.requestedById ?? null,
      stages: initialStages(),
    },
    select: VIEW_SELECT,
  });
  await db.$executeRaw`SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${row.id})`;
  return toView(row as TViewRow);
}

/**
 * IGNIS builds in PostgreSQL: the row is the job (lease, attempts, cancel), the stages, the metrics
 * and the log. Every state change a worker makes is fenced by its lease: a worker that lost the lease
 * (it stalled and another worker took the build over) changes nothing.
 */
export class BuildRepository {
  constructor(private readonly db: TDbClient) {}

  async create(input: TCreateBuildInput): Promise<TBuildView> {
    return insertBuild(this.db, input);
  }

  async get(id: string, workspaceId?: string): Promise<TBuildView | null> {
    const row = await this.db.build.findFirst({
      where: { id, ...(workspaceId ? { workspaceId } : {}) },
      select: VIEW_SELECT,
    });
    return row ? toView(row as TViewRow) : null;
  }

  /** The project's newest finished (succeeded or failed) build: what "latest metrics" answers. */
  async latestFinished(workspaceId: string, projectId: string): Promise<TBuildView | null> {
    const row = await this.db.build.findFirst({
      where: { workspaceId, projectId, status: { in: ['succeeded', 'failed'] } },
      orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
      select: VIEW_SELECT,
    });
    return row ? toView(row as TViewRow) : null;
  }

  /** Queued builds created in the last `withinMs` (the JetStream dispatcher publishes their jobs). */
  async queuedIds(withinMs: number): Promise<string[]> {
    const rows = await this.db.build.findMany({
      where: {
        status: 'queued',
        cancelRequestedAt: null,
        createdAt: { gte: new Date(Date.now() - withinMs) },
      },
      orderBy: { createdAt: 'asc' },
      take: 500,
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Newest first. */
  async list(
    workspaceId: string,
    options: { limit?: number; projectId?: string } = {},
  ): Promise<TBuildView[]> {
    const rows = await this.db.build.findMany({
      where: { workspaceId, ...(options.projectId ? { projectId: options.projectId } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: Math.min(Math.max(options.limit ?? 50, 1), 200),
      select: VIEW_SELECT,
    });
    return rows.map((row) => toView(row as TViewRow));
  }

  /**
   * Single-node queue: takes the oldest queued build, or a running one whose lease expired (its worker
   * died), with `FOR UPDATE SKIP LOCKED` so concurrent workers never take the same row.
   */
  async claimNext(workerId: string, leaseMs: number): Promise<TClaimedRow | null> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM builds
        WHERE cancel_requested_at IS NULL
          AND (status = 'queued' OR (status = 'running' AND lease_expires_at < now()))
        ORDER BY created_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const id = rows[0]?.id;
      return id ? this.take(tx, id, workerId, leaseMs) : null;
    });
  }

  /**
   * Work-queue mode: the message named the build; take it if it is queued or its lease expired.
   * `done` = finished or cancelled (ack the message); `busy` = another live worker holds it.
   */
  async claimById(
    id: string,
    workerId: string,
    leaseMs: number,
  ): Promise<TClaimedRow | 'done' | 'busy' | 'missing'> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ status: string; live: boolean; cancel: boolean }>>`
        SELECT status::text AS status, (lease_expires_at IS NOT NULL AND lease_expires_at >= now()) AS live,
               (cancel_requested_at IS NOT NULL) AS cancel
        FROM builds WHERE id = ${id}::uuid FOR UPDATE`;
      const row = rows[0];
      // Not visible (yet): the job may have been published before the row's transaction committed.
      if (!row) return 'missing';
      if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled') return 'done';
      if (row.cancel) {
        await tx.$executeRaw`UPDATE builds SET status = 'cancelled', finished_at = now(), lease_owner = NULL WHERE id = ${id}::uuid`;
        return 'done';
      }
      if (row.status === 'running' && row.live) return 'busy';
      return this.take(tx, id, workerId, leaseMs);
    });
  }

  private async take(tx: TDb, id: string, workerId: string, leaseMs: number): Promise<TClaimedRow> {
    const rows = await tx.$queryRaw<
      Array<{
        workspace_id: string;
        attempts: number;
        source: TBuildSource;
        kind: TBuildKind;
        project_id: string | null;
        component_id: string | null;
        trigger: string;
        cause_kind: string | null;
        cause_ref: string | null;
      }>
    >`
      UPDATE builds SET status = 'running', lease_owner = ${workerId},
        lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8),
        attempts = attempts + 1, started_at = COALESCE(started_at, now())
      WHERE id = ${id}::uuid
      RETURNING workspace_id::text AS workspace_id, attempts, source, kind, project_id::text AS project_id,
                component_id::text AS component_id, trigger, cause_kind, cause_ref`;
    const row = rows[0];
    if (!row) throw new Error(`build ${id} vanished while being claimed`);
    if (row.attempts === 1) {
      await new OutboxRepository(tx).append(
        createEvent(BUILD_STARTED, {
          data: {
            buildId: id,
            ...(row.project_id ? { projectId: row.project_id } : {}),
            ...(row.component_id ? { componentId: row.component_id } : {}),
            trigger: eventTrigger(row.trigger),
            ...(row.cause_kind === 'commit' && row.cause_ref && /^[0-9a-f]{7,64}$/.test(row.cause_ref)
              ? { commitSha: row.cause_ref }
              : {}),
          },
          actor: ACTOR,
          correlationId: `build:${id}`,
          workspaceId: row.workspace_id,
        }) as TEventEnvelope,
      );
    }
    await tx.$executeRaw`SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${id})`;
    return { id, workspaceId: row.workspace_id, attempts: row.attempts, source: row.source, kind: row.kind };
  }

  /** Extends the lease; `held: false` means another worker took the build over (stop working on it). */
  async heartbeat(
    id: string,
    workerId: string,
    leaseMs: number,
  ): Promise<{ held: boolean; cancelRequested: boolean }> {
    const rows = await this.db.$queryRaw<Array<{ cancel: boolean }>>`
      UPDATE builds SET lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      WHERE id = ${id}::uuid AND lease_owner = ${workerId} AND status = 'running'
      RETURNING (cancel_requested_at IS NOT NULL) AS cancel`;
    return { held: rows.length === 1, cancelRequested: rows[0]?.cancel ?? false };
  }

  async updateStages(
    id: string,
    workerId: string,
    stages: TStageState[],
    inputDigest?: string,
  ): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE builds SET stages = ${JSON.stringify(stages)}::jsonb,
        input_digest = COALESCE(${inputDigest ?? null}::varchar, input_digest)
      WHERE id = ${id}::uuid AND lease_owner = ${workerId} AND status = 'running'`;
    if (count === 1) await this.db.$executeRaw`SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${id})`;
    return count === 1;
  }

  /** Appends log lines in one statement and notifies listeners (the SSE log stream). */
  async appendLog(
    id: string,
    lines: ReadonlyArray<{ stage: string; stream: 'stdout' | 'stderr' | 'system'; line: string }>,
  ): Promise<void> {
    if (lines.length === 0) return;
    await this.db.$executeRaw`
      WITH inserted AS (
        INSERT INTO build_log_lines (build_id, stage, stream, line)
        SELECT ${id}::uuid, l->>'stage', l->>'stream', l->>'line'
        FROM jsonb_array_elements(${JSON.stringify(lines)}::jsonb) WITH ORDINALITY AS batch(l, n) ORDER BY n
        RETURNING 1
      )
      SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${id}) WHERE EXISTS (SELECT 1 FROM inserted)`;
  }

  async logLines(id: string, afterId = 0n, limit = 1_000): Promise<TLogLine[]> {
    const rows = await this.db.buildLogLine.findMany({
      where: { buildId: id, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id.toString(),
      stage: row.stage,
      stream: row.stream,
      line: row.line,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /** A succeeded build of the same inputs in this workspace whose artifact can be reused. */
  async findReusable(workspaceId: string, inputDigest: string, exceptId: string): Promise<TBuildView | null> {
    const row = await this.db.build.findFirst({
      where: {
        workspaceId,
        inputDigest,
        status: 'succeeded',
        artifactDigest: { not: null },
        id: { not: exceptId },
      },
      orderBy: { finishedAt: 'desc' },
      select: VIEW_SELECT,
    });
    return row ? toView(row as TViewRow) : null;
  }

  /** Ends the build (fenced by the lease) and writes its completed/failed event in the same transaction. */
  async finish(id: string, workerId: string, outcome: TFinishInput): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const metrics = outcome.metrics ?? null;
      const rows = await tx.$queryRaw<
        Array<{
          workspace_id: string;
          project_id: string | null;
          component_id: string | null;
          duration_ms: number;
        }>
      >`
        UPDATE builds SET
          status = ${outcome.status}::build_status,
          finished_at = now(),
          duration_ms = GREATEST(0, (EXTRACT(EPOCH FROM (now() - COALESCE(started_at, created_at))) * 1000)::int),
          stages = ${JSON.stringify(outcome.stages)}::jsonb,
          metrics = ${metrics ? JSON.stringify(metrics) : null}::jsonb,
          bundle_bytes = ${metrics ? metrics.totalBytes : null}::int,
          artifact_digest = ${outcome.status === 'succeeded' ? outcome.artifactDigest : null},
          artifact_ref = ${outcome.status === 'succeeded' ? (outcome.artifactRef ?? null) : null},
          reused_from_build_id = ${outcome.status === 'succeeded' ? (outcome.reusedFromBuildId ?? null) : null}::uuid,
          error = ${outcome.status === 'succeeded' ? null : outcome.error.message},
          error_detail = ${outcome.status === 'succeeded' ? null : JSON.stringify(outcome.error)}::jsonb,
          lease_owner = NULL, lease_expires_at = NULL
        WHERE id = ${id}::uuid AND lease_owner = ${workerId} AND status = 'running'
        RETURNING workspace_id::text AS workspace_id, project_id::text AS project_id,
                  component_id::text AS component_id, duration_ms`;
      const row = rows[0];
      if (!row) return false;
      const target = {
        buildId: id,
        ...(row.project_id ? { projectId: row.project_id } : {}),
        ...(row.component_id ? { componentId: row.component_id } : {}),
      };
      const common = { actor: ACTOR, correlationId: `build:${id}`, workspaceId: row.workspace_id };
      const event =
        outcome.status === 'succeeded'
          ? createEvent(BUILD_COMPLETED, {
              ...common,
              data: {
                ...target,
                durationMs: row.duration_ms,
                bundleSizeBytes: outcome.metrics.totalBytes,
                warnings: outcome.metrics.warnings,
                savedBytes: outcome.metrics.savedBytes,
                artifactRef:
                  outcome.artifactRef ?? `oci:ignis/artifacts/${outcome.artifactDigest.replace(':', '-')}`,
              },
            })
          : outcome.status === 'failed'
            ? createEvent(BUILD_FAILED, {
                ...common,
                data: {
                  ...target,
                  durationMs: row.duration_ms,
                  ...(outcome.error.stage && EVENT_STAGE[outcome.error.stage]
                    ? { stage: EVENT_STAGE[outcome.error.stage] }
                    : {}),
                  error: {
                    message: outcome.error.message.slice(0, 4000) || 'build failed',
                    ...(outcome.error.code ? { code: outcome.error.code.slice(0, 100) } : {}),
                  },
                  // A limit or a crash may pass on a quieter machine; a type error will not.
                  isRetryable: outcome.error.limitHit === 'wall-clock',
                },
              })
            : null;
      if (event) await new OutboxRepository(tx).append(event as TEventEnvelope);
      await tx.$executeRaw`SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${id})`;
      return true;
    });
  }

  /**
   * Cancels a build of this workspace: a queued one at once, a running one by flagging it (its
   * worker sees the flag within a heartbeat and kills the stage). Returns null if there is no such build.
   */
  async requestCancel(id: string, workspaceId: string): Promise<TBuildView | null> {
    await this.db.$executeRaw`
      UPDATE builds SET cancel_requested_at = COALESCE(cancel_requested_at, now()),
        status = CASE WHEN status = 'queued' THEN 'cancelled'::build_status ELSE status END,
        finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
      WHERE id = ${id}::uuid AND workspace_id = ${workspaceId}::uuid AND status IN ('queued', 'running')`;
    await this.db.$executeRaw`SELECT pg_notify(${BUILD_LOG_CHANNEL}, ${id})`;
    return this.get(id, workspaceId);
  }
}
