// The generator page's calls to SPARK's API (SPARK-CONTRACT.md): JSON through the apps' one client,
// and the generation's progress stream read with fetch (EventSource cannot POST).
import { problemFromResponse, sendJson, type TApiProblem, type TApiResult } from '@lumenforge/ui/api-client';
import type {
  TComponentPlan,
  TDiffLine,
  TGeneratedFiles,
  TGenerationProgress,
  TGeneratorId,
  TMergeConflict,
  TRouting,
  TVariation,
} from '@lumenforge/spark-generator';
import { readEventStream } from './event-stream';

export type TComponentCheckResult = { ok: boolean; problems: string[] };
export type TCheckedVariation = TVariation & { check: TComponentCheckResult };

export type TPlanAnswer = { plan: TComponentPlan; routing: TRouting; generator: TGeneratorId };

export type TGenerationAnswer = {
  generationId: string;
  generator: TGeneratorId;
  plan: TComponentPlan;
  routing: TRouting;
  notices: string[];
  tokenVersion: number | string | null;
  variations: TCheckedVariation[];
};

export type TEditAnswer = {
  generator: TGeneratorId;
  files: TGeneratedFiles;
  plan: TComponentPlan | null;
  changes: string[];
  notices: string[];
  diff: { source: TDiffLine[]; tests: TDiffLine[]; stories: TDiffLine[] };
  check: TComponentCheckResult;
  /** Where the edit met the person's changes since generating: their lines were kept. */
  conflicts?: TMergeConflict[];
};

export type TTestRun = {
  passed: number;
  failed: number;
  tests: { name: string; status: string; message?: string }[];
  durationMs: number;
};

export type TPreviewSession = { id: string; url: string };

/** `POST /api/generations/plan`: the prompt's analysis, to be edited before generating. */
export function requestPlan(prompt: string): Promise<TApiResult<TPlanAnswer>> {
  return sendJson<TPlanAnswer>('/api/generations/plan', { method: 'POST', body: { prompt } });
}

const NETWORK_PROBLEM: TApiProblem = {
  status: 0,
  error: 'network_error',
  message: 'Could not reach SPARK. Check your connection and try again.',
  issues: [],
};

/**
 * `POST /api/generations`: streams `progress` events to `onProgress` and resolves with the `result`
 * event, or the problem: a JSON refusal before the stream (400, 401, 429, 503), an `error` event,
 * a broken connection, or a stream that ended without a result.
 */
export async function streamGeneration(
  request: { prompt: string; plan: TComponentPlan },
  onProgress: (progress: TGenerationProgress) => void,
  signal?: AbortSignal,
): Promise<TApiResult<TGenerationAnswer>> {
  let response: Response;
  try {
    response = await fetch('/api/generations', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
  } catch {
    return { ok: false, problem: NETWORK_PROBLEM };
  }
  if (
    !response.ok ||
    !response.body ||
    !response.headers.get('content-type')?.includes('text/event-stream')
  ) {
    const body: unknown = await response.json().catch(() => null);
    return {
      ok: false,
      problem: problemFromResponse(response.ok ? 502 : response.status, body),
    };
  }
  let result: TGenerationAnswer | null = null;
  let problem: TApiProblem | null = null;
  try {
    await readEventStream(response.body, ({ event, data }) => {
      const payload: unknown = JSON.parse(data);
      if (event === 'progress') onProgress(payload as TGenerationProgress);
      else if (event === 'result') result = payload as TGenerationAnswer;
      else if (event === 'error') {
        const status = (payload as { status?: unknown }).status;
        problem = problemFromResponse(typeof status === 'number' ? status : 500, payload);
      }
    });
  } catch {
    if (signal?.aborted) return { ok: false, problem: { ...NETWORK_PROBLEM, message: 'Stopped.' } };
    return {
      ok: false,
      problem: {
        ...NETWORK_PROBLEM,
        message: 'The connection to SPARK broke during the generation. Try again.',
      },
    };
  }
  if (problem) return { ok: false, problem };
  if (!result)
    return {
      ok: false,
      problem: {
        status: 502,
        error: 'incomplete_stream',
        message: 'The generation ended without a result. Try again.',
        issues: [],
      },
    };
  return { ok: true, status: 200, data: result };
}

/** `POST /api/generations/edit`: a follow-up instruction applied to the chosen component. */
export function requestEdit(body: {
  instruction: string;
  files: TGeneratedFiles;
  plan: TComponentPlan | null;
}): Promise<TApiResult<TEditAnswer>> {
  return sendJson<TEditAnswer>('/api/generations/edit', { method: 'POST', body });
}

/** `POST /api/generations/test-run`: the component's generated tests, run on the server. */
export function requestTestRun(files: TGeneratedFiles): Promise<TApiResult<TTestRun>> {
  return sendJson<TTestRun>('/api/generations/test-run', { method: 'POST', body: { files } });
}

/** `POST /api/previews`: a live preview of files on IGNIS's preview service. */
export function openPreview(body: { files: Record<string, string>; entry: string }) {
  return sendJson<TPreviewSession>('/api/previews', { method: 'POST', body });
}

/** `PUT /api/previews/:id/files`: hot-updates an open preview (no reload). */
export function updatePreview(id: string, files: Record<string, string | null>) {
  return sendJson<unknown>(`/api/previews/${encodeURIComponent(id)}/files`, {
    method: 'PUT',
    body: { files },
  });
}

export type TSaveRequest = {
  name: string;
  description: string;
  category?: string;
  source: string;
  tests: string;
  stories: string;
  prompt: string;
  generator: TGeneratorId;
  plan: TComponentPlan | null;
};

/** `POST /api/components`: saves the chosen component as version 1. */
export function saveComponent(body: TSaveRequest) {
  return sendJson<{ component: { id: string; name: string } }>('/api/components', { method: 'POST', body });
}
