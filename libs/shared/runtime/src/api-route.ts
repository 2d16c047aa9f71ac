import { DatabaseUnavailableError, DbConflictError, DbNotFoundError } from '@lumenforge/db';
import { toDatabaseError } from '@lumenforge/db/server';
import { applyRateLimitHeaders, rateLimitResponse } from '@lumenforge/rate-limit';
import type { z } from 'zod';
import type { TPlatformRuntime } from './runtime';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request the route cannot accept: answered 400 with the message (and field issues). */
export class InvalidRequestError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** The JSON body parsed with `schema`; throws `InvalidRequestError` naming each bad field. */
export async function readJsonBody<TSchema extends z.ZodType>(
  request: Request,
  schema: TSchema,
): Promise<z.infer<TSchema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new InvalidRequestError('The request body must be JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new InvalidRequestError(
      'The request body is invalid',
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    );
  return parsed.data;
}

/**
 * The client's address for rate limiting: Cloudflare's `CF-Connecting-IP` (production runs behind
 * the tunnel), else the first `X-Forwarded-For` hop the ingress wrote, else `X-Real-IP`.
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return (
    request.headers.get('cf-connecting-ip') ??
    (forwarded || null) ??
    request.headers.get('x-real-ip') ??
    'unknown'
  );
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** The answer for an error a handler threw: 400, 404, 409 and 503 with a message; anything else 500, logged. */
export function errorResponse(error: unknown, context: string): Response {
  if (error instanceof InvalidRequestError)
    return json(400, { error: 'invalid_request', message: error.message, issues: error.issues });
  if (error instanceof DbConflictError)
    return json(409, { error: 'conflict', message: error.message, fields: error.fields });
  if (error instanceof DbNotFoundError) return json(404, { error: 'not_found', message: error.message });
  const translated = toDatabaseError(error);
  if (translated instanceof DatabaseUnavailableError)
    // Nothing was written (the transaction never committed); the client can simply retry.
    return json(503, { error: 'database_unavailable', message: translated.message }, { 'Retry-After': '5' });
  console.error(`[${context}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return json(500, {
    error: 'internal_error',
    message: 'Something went wrong on our side; it has been logged.',
  });
}

/**
 * Wraps a route handler: mutating requests (POST, PUT, PATCH, DELETE) are rate limited per client
 * IP and `endpoint` (429 with `Retry-After`), and thrown errors become clear JSON answers
 * (`errorResponse`): a PostgreSQL outage is a 503 "try again shortly", never a 500.
 */
export function apiRoute<TContext>(
  getRuntime: () => TPlatformRuntime,
  options: { endpoint: string },
  handler: (request: Request, context: TContext) => Promise<Response>,
): (request: Request, context: TContext) => Promise<Response> {
  return async (request, context) => {
    try {
      if (!MUTATING_METHODS.has(request.method)) return await handler(request, context);
      const limit = await getRuntime().writeLimiter.consume({
        ip: clientIp(request),
        endpoint: options.endpoint,
      });
      if (!limit.isAllowed) return rateLimitResponse(limit);
      const response = await handler(request, context);
      try {
        applyRateLimitHeaders(response.headers, limit);
      } catch {
        // A response with immutable headers (e.g. a proxied fetch) goes out without them.
      }
      return response;
    } catch (error) {
      return errorResponse(error, `${getRuntime().service} ${request.method} ${options.endpoint}`);
    }
  };
}
