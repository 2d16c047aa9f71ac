import 'server-only';
import { z } from 'zod';

/** What the page sends to open a preview of generated files (IGNIS's `files` preview). */
export const ZOpenPreviewSchema = z.object({
  files: z
    .record(z.string().min(1).max(300), z.string().max(500_000))
    .refine((files) => Object.keys(files).length > 0, 'At least one file')
    .refine((files) => Object.keys(files).length <= 50, 'At most 50 files'),
  entry: z.string().min(1, 'The entry file').max(300),
});

/** A hot update of an open preview: each path's new content, or null to delete it. */
export const ZUpdatePreviewSchema = z.object({
  files: z
    .record(z.string().min(1).max(300), z.string().max(500_000).nullable())
    .refine((files) => Object.keys(files).length <= 50, 'At most 50 files'),
});

/** The headers that carry the person's identity to IGNIS: it checks them itself. */
const FORWARDED_HEADERS = ['cookie', 'authorization', 'cf-access-jwt-assertion', 'x-correlation-id'];
const IGNIS_TIMEOUT_MS = 30_000;

/**
 * Calls IGNIS's preview API (`/api/previews…`) for the person making `request`: their session
 * cookie (or token) goes along, so IGNIS authorizes them, not SPARK; SPARK's origin is one IGNIS
 * accepts writes from. IGNIS's answer (status and JSON) comes back as it is; IGNIS unreachable or
 * too slow is a 503 with a message, never a 500.
 */
export async function forwardToIgnis(options: {
  ignisUrl: string;
  sparkOrigin: string;
  request: Request;
  correlationId: string;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
}): Promise<Response> {
  const headers = new Headers({
    'content-type': 'application/json',
    accept: 'application/json',
    origin: options.sparkOrigin,
  });
  for (const name of FORWARDED_HEADERS) {
    const value = options.request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set('x-correlation-id', options.correlationId);
  let answer: Response;
  try {
    answer = await fetch(`${options.ignisUrl}${options.path}`, {
      method: options.method,
      headers,
      body: JSON.stringify(options.body),
      signal: AbortSignal.timeout(IGNIS_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch {
    return Response.json(
      {
        error: 'preview_unavailable',
        message: 'The preview service (IGNIS) cannot be reached right now. Try again shortly.',
      },
      { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
    );
  }
  const text = await answer.text();
  const isJson = (answer.headers.get('content-type') ?? '').includes('application/json');
  if (!isJson)
    return Response.json(
      {
        error: 'preview_unavailable',
        message: `The preview service (IGNIS) answered ${answer.status} without JSON. Try again shortly.`,
      },
      {
        status: answer.status >= 500 || answer.status < 400 ? 503 : answer.status,
        headers: { 'Cache-Control': 'no-store' },
      },
    );
  return new Response(text, {
    status: answer.status,
    headers: {
      'content-type': 'application/json',
      'Cache-Control': 'no-store',
      ...(answer.headers.get('retry-after')
        ? { 'Retry-After': answer.headers.get('retry-after') ?? '' }
        : {}),
    },
  });
}
