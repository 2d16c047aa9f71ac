import 'server-only';
import type { IgnitionTaskRepository, TIgnitionTask } from '@lumenforge/ignition-data-access';

const POLL_MS = 700;
const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

const frame = (event: string, data: unknown, id?: string) =>
  encoder.encode(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

const isFinished = (task: TIgnitionTask) => task.status !== 'queued' && task.status !== 'running';

/**
 * A task's Server-Sent Events: `event: step` with the task whenever it changes, `event: log` with
 * each log line (its id as the event id, so a reconnecting EventSource resumes after
 * `Last-Event-ID`). Read from PostgreSQL, where the runner writes, so any replica can serve it;
 * the stream ends after the task finished and its last lines were sent, or when the client leaves.
 */
export function taskEventStream(options: {
  tasks: IgnitionTaskRepository;
  workspaceId: string;
  taskId: string;
  request: Request;
}): Response {
  const { tasks, workspaceId, taskId, request } = options;
  const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after');
  let afterId = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : null;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener('abort', close);
      controller.enqueue(encoder.encode('retry: 3000\n\n'));
      let lastState = '';
      let lastBeat = Date.now();
      while (!closed) {
        try {
          const task = await tasks.get(workspaceId, taskId);
          if (!task) break;
          const lines = await tasks.logAfter(taskId, afterId);
          for (const line of lines) {
            controller.enqueue(frame('log', line, line.id));
            afterId = line.id;
          }
          const state = JSON.stringify(task);
          if (state !== lastState) {
            controller.enqueue(frame('step', task));
            lastState = state;
          }
          if (isFinished(task) && lines.length === 0) break;
          if (Date.now() - lastBeat > HEARTBEAT_MS) {
            controller.enqueue(encoder.encode(': keep-alive\n\n'));
            lastBeat = Date.now();
          }
        } catch {
          // PostgreSQL away for a moment (or the client left mid-write): try again at the next tick.
          if (closed) break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      close();
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
