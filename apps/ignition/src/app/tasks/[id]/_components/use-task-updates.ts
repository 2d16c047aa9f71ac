'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FINISHED_TASK_STATUSES, type TTask, type TTaskLogLine } from '../../../_lib/ignition-api';

/** How often the task is read when the event stream is not available. */
const POLL_INTERVAL_MS = 2_000;

export type TTaskConnection = 'connecting' | 'live' | 'polling' | 'idle';

/**
 * A task and its log, kept current: read once, then pushed by `GET /api/tasks/:id/events`
 * (`step`: the task, `log`: a line); when the stream fails, `GET /api/tasks/:id` and
 * `/log?after=` every two seconds. Quiet once the task has finished; a retry wakes it again.
 */
export function useTaskUpdates(taskId: string) {
  const [task, setTaskState] = useState<TTask | null>(null);
  const [lines, setLines] = useState<TTaskLogLine[]>([]);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [connection, setConnection] = useState<TTaskConnection>('connecting');
  const lastLineId = useRef<TTaskLogLine['id'] | null>(null);
  const base = `/api/tasks/${encodeURIComponent(taskId)}`;

  const setTask = useCallback((next: TTask) => setTaskState(next), []);

  const appendLines = useCallback((incoming: readonly TTaskLogLine[]) => {
    if (incoming.length === 0) return;
    setLines((current) => {
      const known = new Set(current.map((line) => String(line.id)));
      const fresh = incoming.filter((line) => !known.has(String(line.id)));
      if (fresh.length === 0) return current;
      const next = [...current, ...fresh];
      lastLineId.current = next[next.length - 1]?.id ?? lastLineId.current;
      return next;
    });
  }, []);

  const readTask = useCallback(async () => {
    const result = await sendJson<{ task: TTask }>(base, { method: 'GET' });
    if (result.ok) {
      setTaskState(result.data.task);
      setProblem(null);
      return result.data.task;
    }
    setProblem(result.problem);
    return null;
  }, [base]);

  const readLog = useCallback(async () => {
    const after =
      lastLineId.current === null ? '' : `?after=${encodeURIComponent(String(lastLineId.current))}`;
    const result = await sendJson<{ lines: TTaskLogLine[] }>(`${base}/log${after}`, { method: 'GET' });
    if (result.ok) appendLines(result.data.lines);
  }, [base, appendLines]);

  useEffect(() => {
    void readTask();
    void readLog();
  }, [readTask, readLog]);

  const isActive = task !== null && !FINISHED_TASK_STATUSES.has(task.status);

  useEffect(() => {
    if (!isActive) {
      setConnection('idle');
      // The last lines may have been written after the stream or the last poll.
      void readLog();
      return;
    }
    let timer: number | undefined;
    let isStopped = false;
    const poll = async () => {
      if (isStopped) return;
      await Promise.all([readTask(), readLog()]);
      if (!isStopped) timer = window.setTimeout(() => void poll(), POLL_INTERVAL_MS);
    };
    if (typeof EventSource === 'undefined') {
      setConnection('polling');
      void poll();
      return () => {
        isStopped = true;
        window.clearTimeout(timer);
      };
    }
    const source = new EventSource(`${base}/events`, { withCredentials: true });
    setConnection('connecting');
    source.addEventListener('open', () => setConnection('live'));
    source.addEventListener('step', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as TTask | { task: TTask };
      setTaskState('task' in data ? data.task : data);
    });
    source.addEventListener('log', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as TTaskLogLine | { line: TTaskLogLine };
      appendLines(['step' in data ? data : data.line]);
    });
    source.addEventListener('error', () => {
      // The stream ended or broke: read the state (the task may have finished) and poll from here.
      source.close();
      setConnection('polling');
      void poll();
    });
    return () => {
      isStopped = true;
      source.close();
      window.clearTimeout(timer);
    };
  }, [isActive, base, readTask, readLog, appendLines]);

  return { task, lines, problem, connection, setTask };
}
