'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { formatDateTime } from '@lumenforge/ui/format';
import {
  Badge,
  BUTTON_DANGER,
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  INPUT,
  LINK,
  Notice,
  type TTone,
} from '@lumenforge/ui/page-parts';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormField } from '../../../_components/form-field';
import {
  FINISHED_TASK_STATUSES,
  GIT_TASK_STEPS,
  type TTask,
  type TTaskLogLine,
  type TTaskStatus,
  type TTaskStepStatus,
} from '../../../_lib/ignition-api';
import { useTaskUpdates } from './use-task-updates';

const STEP_TONES: Record<TTaskStepStatus, TTone> = {
  pending: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'neutral',
  cancelled: 'warning',
};
const STEP_LABELS: Record<TTaskStepStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};
const TASK_TONES: Record<TTaskStatus, TTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'warning',
};
const TASK_LABELS: Record<TTaskStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function ProgressBar({ value, status }: { value: number; status: TTaskStatus }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label="Progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="h-2 overflow-hidden rounded-full bg-surface-sunken"
      data-testid="task-progress"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ${
          status === 'failed' ? 'bg-danger-500' : status === 'cancelled' ? 'bg-warning-500' : 'bg-accent-500'
        }`}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

function TaskLog({ lines }: { lines: readonly TTaskLogLine[] }) {
  const boxRef = useRef<HTMLPreElement | null>(null);
  useEffect(() => {
    const box = boxRef.current;
    // Follows new lines unless the reader scrolled up.
    if (box && box.scrollHeight - box.scrollTop - box.clientHeight < 80) box.scrollTop = box.scrollHeight;
  }, [lines.length]);
  return (
    <pre
      ref={boxRef}
      tabIndex={0}
      role="region"
      aria-label="Task log"
      className="max-h-96 min-h-32 overflow-auto rounded-lg border border-border bg-surface-sunken p-3 font-mono text-xs leading-relaxed"
      data-testid="task-log"
    >
      {lines.length === 0 ? <span className="text-fg-muted">No output yet.</span> : null}
      {lines.map((line) => (
        <div key={line.id} className={line.stream === 'stderr' ? 'text-danger-text' : undefined}>
          <span className="text-fg-muted select-none">[{line.step}] </span>
          {line.line}
        </div>
      ))}
    </pre>
  );
}

/**
 * A creation task as it runs: its steps, a progress bar and the log, pushed over SSE (polled when
 * the stream fails). Cancel while it runs; Retry when it failed or was cancelled, asking for the
 * Git token again when a step that needs one is still to run.
 */
export function TaskView({
  taskId,
  canChange,
  signInUrl,
}: {
  taskId: string;
  canChange: boolean;
  signInUrl: string;
}) {
  const { task, lines, problem, connection, setTask } = useTaskUpdates(taskId);
  const [actionProblem, setActionProblem] = useState<TApiProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [token, setToken] = useState('');

  const act = useCallback(
    async (action: 'cancel' | 'retry', body?: unknown) => {
      setIsBusy(true);
      setActionProblem(null);
      const result = await sendJson<{ task: TTask }>(`/api/tasks/${encodeURIComponent(taskId)}/${action}`, {
        method: 'POST',
        body: body ?? {},
      });
      setIsBusy(false);
      if (result.ok) setTask(result.data.task);
      else setActionProblem(result.problem);
      return result.ok;
    },
    [taskId, setTask],
  );

  if (problem && !task)
    return (
      <Notice tone="danger" testId="task-problem">
        {problem.status === 404 ? 'There is no such task in this workspace.' : problem.message}{' '}
        {problem.status === 401 ? (
          <a className={LINK} href={signInUrl}>
            Sign in again
          </a>
        ) : null}
      </Notice>
    );
  if (!task)
    return (
      <p className="text-sm text-fg-muted" role="status">
        Loading the task…
      </p>
    );

  const isFinished = FINISHED_TASK_STATUSES.has(task.status);
  const canRetry = canChange && (task.status === 'failed' || task.status === 'cancelled');
  const needsToken = task.steps.some(
    (step) => GIT_TASK_STEPS.has(step.id) && step.status !== 'succeeded' && step.status !== 'skipped',
  );
  const failedStep = task.steps.find((step) => step.status === 'failed');
  // Git target "none": the Git steps start skipped, and the code is downloaded instead.
  const isDownloadOnly = task.steps.every(
    (step) => !GIT_TASK_STEPS.has(step.id) || step.status === 'skipped',
  );

  async function handleRetry(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await act('retry', { credentials: needsToken && token ? { gitToken: token } : {} })) setToken('');
  }

  return (
    <div className="space-y-6" data-testid="task" data-status={task.status}>
      <div className="space-y-3 rounded-lg border border-border bg-surface p-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={TASK_TONES[task.status]} testId="task-status">
              {TASK_LABELS[task.status]}
            </Badge>
            <span className="text-xs text-fg-muted">
              Started <time dateTime={task.createdAt}>{formatDateTime(task.createdAt)}</time>
              {task.finishedAt ? (
                <>
                  {' '}
                  · finished <time dateTime={task.finishedAt}>{formatDateTime(task.finishedAt)}</time>
                </>
              ) : null}
            </span>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {task.projectSlug ? (
              <a
                href={`/projects/${encodeURIComponent(task.projectSlug)}`}
                className={BUTTON_PRIMARY}
                data-testid="task-project-link"
              >
                Open the project
              </a>
            ) : null}
            {task.projectId && isDownloadOnly ? (
              <a
                href={`/api/projects/${task.projectId}/archive`}
                download={`${task.projectSlug ?? 'project'}.zip`}
                className={BUTTON_SECONDARY}
                data-testid="task-download-zip"
              >
                Download .zip
              </a>
            ) : null}
            {canChange && !isFinished ? (
              <button
                type="button"
                className={BUTTON_DANGER}
                disabled={isBusy}
                onClick={() => void act('cancel')}
              >
                {isBusy ? 'Cancelling…' : 'Cancel'}
              </button>
            ) : null}
          </div>
        </div>
        <ProgressBar value={task.progress} status={task.status} />
        {connection === 'polling' && !isFinished ? (
          <p className="text-xs text-fg-muted" data-testid="task-polling">
            The live connection dropped; checking every few seconds instead.
          </p>
        ) : null}
      </div>

      {task.status === 'failed' ? (
        <Notice tone="danger" testId="task-failure">
          {failedStep ? <strong>{failedStep.label} failed: </strong> : null}
          {failedStep?.error ?? task.error ?? 'The task failed.'}
          {task.projectSlug ? ' The project is registered; retry to finish the remaining steps.' : ''}
        </Notice>
      ) : null}
      {actionProblem ? <Notice tone="danger">{actionProblem.message}</Notice> : null}

      {canRetry ? (
        <form
          onSubmit={(event) => void handleRetry(event)}
          className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-4"
          aria-label="Retry"
          data-testid="task-retry"
        >
          {needsToken ? (
            <FormField
              id={`task-${taskId}-token`}
              label="Git token"
              hint="The token is not stored, so a retry that pushes needs it again."
              className="min-w-60 flex-1"
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="off"
                  value={token}
                  onChange={(event) => setToken(event.target.value)}
                  className={INPUT}
                />
              )}
            </FormField>
          ) : (
            <p className="flex-1 text-sm text-fg-muted">Run the failed step again with the same answers.</p>
          )}
          <button type="submit" className={BUTTON_SECONDARY} disabled={isBusy}>
            {isBusy ? 'Retrying…' : 'Retry'}
          </button>
        </form>
      ) : null}

      <section aria-labelledby="task-steps-title">
        <h2 id="task-steps-title" className="text-base font-semibold">
          Steps
        </h2>
        <ol className="mt-3 divide-y divide-border rounded-lg border border-border bg-surface">
          {task.steps.map((step, index) => (
            <li
              key={step.id}
              className="flex flex-wrap items-start justify-between gap-2 px-4 py-3"
              data-testid="task-step"
              data-step={step.id}
              data-status={step.status}
            >
              <div className="min-w-0">
                <p className="text-sm font-medium">
                  {index + 1}. {step.label}
                </p>
                {step.error ? (
                  <p className="mt-1 text-xs break-words text-danger-text">{step.error}</p>
                ) : null}
              </div>
              <Badge tone={STEP_TONES[step.status]}>{STEP_LABELS[step.status]}</Badge>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="task-log-title">
        <h2 id="task-log-title" className="text-base font-semibold">
          Log
        </h2>
        <div className="mt-3">
          <TaskLog lines={lines} />
        </div>
      </section>
    </div>
  );
}
