// Every call of SLATE's token pages to the token API goes through here: one place that turns an
// answer (JSON errors `{ error: { code, message, issues? } }`, the proxy's plain-text 401, network
// failures) into something a form can show.
import type { TIssue } from './types';

/** A refused or failed call: the HTTP status (0 when the network failed) and the server's words. */
export type TApiProblem = {
  status: number;
  /** `invalid_tokens`, `conflict`, `forbidden`, `network_error`… */
  code: string;
  message: string;
  issues: TIssue[];
};

export type TApiResult<T> = { ok: true; status: number; data: T } | { ok: false; problem: TApiProblem };

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Sign in again to continue.',
  403: 'Your role may not change design tokens. Ask a designer or an admin.',
  404: 'It no longer exists. Reload the page.',
  409: 'Someone else changed the draft since you loaded it. Reload to see their changes, then try again.',
  413: 'That is too large to send.',
  422: 'The tokens are not valid. Fix the issues listed and try again.',
  429: 'Too many changes in a short time. Wait a moment and try again.',
};

function toIssue(value: unknown): TIssue | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record['message'] !== 'string') return null;
  const theme = record['theme'];
  return {
    path: typeof record['path'] === 'string' ? record['path'] : '',
    message: record['message'],
    ...(theme === 'light' || theme === 'dark' ? { theme } : {}),
    rule: typeof record['rule'] === 'string' ? record['rule'] : 'invalid',
    severity: record['severity'] === 'warning' ? 'warning' : 'error',
  } as TIssue;
}

/** Issues of any array of issue-like values (unknown shapes are skipped). */
export function toIssues(value: unknown): TIssue[] {
  return Array.isArray(value) ? value.map(toIssue).filter((issue): issue is TIssue => issue !== null) : [];
}

/**
 * The problem an error answer describes, from its JSON body when it has one. Reads both shapes:
 * `{ error: { code, message, issues } }` and the runtime's flat `{ error: code, message, issues }`.
 */
export function problemFromResponse(status: number, body: unknown): TApiProblem {
  const outer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const error = outer['error'];
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : outer;
  const code = typeof error === 'string' ? error : record['code'];
  const message = typeof record['message'] === 'string' && record['message'] ? record['message'] : null;
  return {
    status,
    code: typeof code === 'string' ? code : `http_${status}`,
    message: message ?? FALLBACK_MESSAGES[status] ?? `The server answered ${status}. Try again.`,
    issues: toIssues(record['issues']),
  };
}

/** Sends `body` (JSON, or text sent as is) same-origin with the session cookie and reads the JSON answer. */
export async function sendJson<T>(
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; rawBody?: string },
): Promise<TApiResult<T>> {
  let response: Response;
  const hasBody = init.body !== undefined || init.rawBody !== undefined;
  try {
    response = await fetch(url, {
      method: init.method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
      body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  } catch {
    return {
      ok: false,
      problem: {
        status: 0,
        code: 'network_error',
        message: 'Could not reach SLATE. Check your connection and try again.',
        issues: [],
      },
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, problem: problemFromResponse(response.status, body) };
  return { ok: true, status: response.status, data: body as T };
}
