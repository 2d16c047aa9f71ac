// The apps' client components talk to their own JSON API through this: one place that turns
// every answer (JSON errors of `apiRoute`, the proxy's plain-text 401, network failures) into
// something a form can show. Browser code: no server imports.

/**
 * One refused field or value. Every JSON error of `apiRoute` sends `{ path, message }`; a domain's 422
 * may add its own fields (SLATE's token issues carry `theme`, `rule`, `severity`), which are kept.
 */
export type TApiIssue = { path: string; message: string };

/** A refused or failed call: the HTTP status (0 when the network failed) and the server's words. */
export type TApiProblem = {
  status: number;
  /** `invalid_request`, `conflict`, `forbidden`, `mfa_required`, `not_found`, `rate_limited`, `network_error`… */
  error: string;
  message: string;
  issues: TApiIssue[];
};

export type TApiResult<T> = { ok: true; status: number; data: T } | { ok: false; problem: TApiProblem };

type TErrorBody = { error?: unknown; message?: unknown; issues?: unknown };

function isIssue(value: unknown): value is TApiIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TApiIssue).path === 'string' &&
    typeof (value as TApiIssue).message === 'string'
  );
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Sign in again to continue.',
  403: 'You are not allowed to do this.',
  404: 'It no longer exists.',
  409: 'Someone else changed it since you loaded it. Reload to see their changes, then try again.',
  413: 'That is too large to send.',
  422: 'It was refused as invalid. Fix the issues listed and try again.',
  429: 'Too many changes in a short time. Wait a moment and try again.',
  503: 'The database is not reachable right now. Nothing was saved; try again in a moment.',
};

/** The problem an error answer describes, from its JSON body when it has one. */
export function problemFromResponse(status: number, body: unknown): TApiProblem {
  const parsed: TErrorBody = typeof body === 'object' && body !== null ? (body as TErrorBody) : {};
  return {
    status,
    error: typeof parsed.error === 'string' ? parsed.error : `http_${status}`,
    message:
      typeof parsed.message === 'string' && parsed.message
        ? parsed.message
        : (FALLBACK_MESSAGES[status] ?? `The server answered ${status}. Try again.`),
    issues: Array.isArray(parsed.issues) ? parsed.issues.filter(isIssue) : [],
  };
}

/**
 * Sends `body` as JSON, or `rawBody` (JSON text, e.g. a file the user picked) as it is, same-origin
 * with the session cookie, and reads the JSON answer.
 */
export async function sendJson<T>(
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; rawBody?: string },
): Promise<TApiResult<T>> {
  let response: Response;
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  try {
    response = await fetch(url, {
      method: init.method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body,
    });
  } catch {
    return {
      ok: false,
      problem: {
        status: 0,
        error: 'network_error',
        message: 'Could not reach the server. Check your connection and try again.',
        issues: [],
      },
    };
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, problem: problemFromResponse(response.status, answer) };
  return { ok: true, status: response.status, data: answer as T };
}

/** The message for one field of a refused form (the first issue whose path starts with `field`). */
export function fieldIssue(problem: TApiProblem | null, field: string): string | null {
  return (
    problem?.issues.find((issue) => issue.path === field || issue.path.startsWith(`${field}.`))?.message ??
    null
  );
}
