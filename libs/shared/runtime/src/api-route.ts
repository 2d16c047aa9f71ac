import {
  authorize,
  ForbiddenError,
  StepUpRequiredError,
  UnauthenticatedError,
  checkRequestOrigin,
  type TPermission,
  type TPrincipal,
} from '@lumenforge/auth';
import { ScopeNotAllowedError, SelfLockoutError } from '@lumenforge/auth/server';
import {
  DatabaseUnavailableError,
  DbConflictError,
  DbNotFoundError,
  type TAuditLog,
  type TAuditResult,
} from '@lumenforge/db';
import { createRepositories, toDatabaseError } from '@lumenforge/db/server';
import type { TLogger } from '@lumenforge/observability';
import {
  clientAddress,
  processLogger,
  recordHttpRequest,
  type TTrustedProxies,
} from '@lumenforge/observability/server';
import { applyRateLimitHeaders, rateLimitResponse, type TRateLimitResult } from '@lumenforge/rate-limit';
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

/**
 * Well-formed input the domain refuses (e.g. tokens with unresolved aliases): answered 422 with a
 * machine-readable `code`, the message and every issue. Nothing was stored.
 */
export class UnprocessableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'UnprocessableError';
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
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** A body that failed its schema (here or deeper, e.g. in a repository) as a 400 naming each field. */
export function invalidBody(error: z.ZodError, message = 'The request body is invalid'): InvalidRequestError {
  return new InvalidRequestError(
    message,
    error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })),
  );
}

/**
 * The client's address for rate limits and audit rows: the socket peer, or the client a trusted
 * proxy reported (`TRUSTED_PROXIES`; see `clientAddress` of `@lumenforge/observability/server`).
 * `unknown` when the HTTP server does not stamp the peer address (`installPeerAddressHeader`).
 */
export function clientIp(request: Request, trustedProxies: TTrustedProxies): string {
  return clientAddress(request.headers, trustedProxies) ?? 'unknown';
}

/**
 * CSRF defence for writes: cookie-authenticated requests must come from one of the six origins. A
 * request carrying its own `Authorization` header (agents, CLIs) is exempt: a browser cannot be
 * tricked into adding that header cross-site, and such clients send no Origin.
 */
export function checkWriteOrigin(
  request: Request,
  allowedOrigins: readonly string[],
): ReturnType<typeof checkRequestOrigin> {
  if (request.headers.has('authorization') && !request.headers.has('cookie')) return { ok: true };
  return checkRequestOrigin(request, allowedOrigins);
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Who and where a request came from, for audit entries and logs. */
export type TRequestContext = { ip: string; userAgent: string | null; correlationId: string };

/** The request's client IP, user agent and correlation id (the proxy's `x-correlation-id`, or a new one). */
export function requestContext(request: Request, trustedProxies: TTrustedProxies): TRequestContext {
  const given = request.headers.get('x-correlation-id');
  return {
    ip: clientIp(request, trustedProxies).slice(0, 100),
    userAgent: request.headers.get('user-agent')?.slice(0, 1000) ?? null,
    correlationId: given && CORRELATION_ID.test(given) ? given : crypto.randomUUID(),
  };
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * The answer for an error a handler threw: 400, 401, 403, 404, 409, 422 and 503 with a message;
 * anything else 500, logged at error with its stack on `logger` (default: the process logger).
 */
export function errorResponse(error: unknown, context: string, logger: TLogger = processLogger()): Response {
  if (error instanceof InvalidRequestError)
    return json(400, { error: 'invalid_request', message: error.message, issues: error.issues });
  if (error instanceof UnprocessableError)
    return json(422, { error: error.code, message: error.message, issues: error.issues });
  if (error instanceof SelfLockoutError || error instanceof ScopeNotAllowedError)
    return json(400, { error: 'invalid_request', message: error.message, issues: [] });
  if (error instanceof UnauthenticatedError)
    return json(401, { error: 'unauthenticated', message: error.message });
  if (error instanceof StepUpRequiredError)
    return json(403, { error: 'mfa_required', message: error.message, permission: error.permission });
  if (error instanceof ForbiddenError)
    return json(403, { error: 'forbidden', message: error.message, permission: error.permission });
  if (error instanceof DbConflictError)
    return json(409, { error: 'conflict', message: error.message, fields: error.fields });
  if (error instanceof DbNotFoundError) return json(404, { error: 'not_found', message: error.message });
  const translated = toDatabaseError(error);
  if (translated instanceof DatabaseUnavailableError)
    // Nothing was written (the transaction never committed); the client can simply retry.
    return json(503, { error: 'database_unavailable', message: translated.message }, { 'Retry-After': '5' });
  logger.error({ err: error, context }, `unhandled error in ${context}`);
  return json(500, {
    error: 'internal_error',
    message: 'Something went wrong on our side; it has been logged.',
  });
}

export type TApiRouteOptions = {
  /** Names the rate-limit bucket and the audit action, e.g. `tokens.create`. */
  endpoint: string;
  /** Checked before the handler runs; `null`: any signed-in principal. */
  permission: TPermission | null;
};

/** What an authenticated handler gets besides the request. */
export type TApiContext<TContext> = TRequestContext & {
  principal: TPrincipal;
  /** Next.js's route context (`{ params }`). */
  route: TContext;
  /**
   * Names what a mutating call is about, for the row `apiRoute` writes when the action itself wrote
   * none (a refusal or a failure).
   */
  auditTarget: (type: string, id: string, metadata?: Record<string, unknown>) => void;
  /**
   * Hears of each audit row the action writes in its own transaction (`auditLogs.record`); pass the
   * whole context to the domain function as its audit context.
   */
  onAudited: (entry: TAuditLog) => void;
};

type TAuditTarget = { type: string; id: string; metadata: Record<string, unknown> };

function auditResult(status: number): TAuditResult {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}

/**
 * The checks before a handler that both route kinds share: a write's Origin (403) and the rate
 * limit (429, counted before authentication so a flood of anonymous writes is cut off cheaply and
 * not audited). Returns the refusal, or the limit result to report in the answer's headers.
 */
async function admit(
  runtime: TPlatformRuntime,
  request: Request,
  context: TRequestContext,
  options: { endpoint: string; isMutating: boolean; rateLimitReads: boolean },
): Promise<{ refusal: Response } | { refusal: null; limit: TRateLimitResult | null }> {
  if (options.isMutating) {
    const origin = checkWriteOrigin(request, runtime.allowedOrigins);
    if (!origin.ok) return { refusal: json(403, { error: 'forbidden_origin', message: origin.message }) };
  }
  if (!options.isMutating && !options.rateLimitReads) return { refusal: null, limit: null };
  const limit = await runtime.writeLimiter.consume({ ip: context.ip, endpoint: options.endpoint });
  return limit.isAllowed ? { refusal: null, limit } : { refusal: rateLimitResponse(limit) };
}

/**
 * An authenticated API route. In order: mutating requests (POST, PUT, PATCH, DELETE) must come from
 * one of the six origins (403; a missing Origin is refused) and are rate limited per client IP and
 * endpoint (429); the principal is authenticated from the session cookie or a Bearer token (401)
 * and authorized for `permission` (403, or `mfa_required` for step-up permissions); thrown errors
 * become clear JSON answers (`errorResponse`). Every mutating call, allowed or refused, leaves ONE
 * audit row with actor, target, IP, user agent, result and correlation id: an action that changes
 * data writes its row in the transaction of the change (`auditLogs.record(context, …)`), so both
 * commit or roll back together; when no such row was committed (refused, failed and rolled back, or
 * a call that changed nothing in PostgreSQL) `apiRoute` writes the request's row itself, with the
 * reason of a refusal or failure. Every request is
 * measured (`http_request_duration_seconds`, `http_requests_total`, route = `endpoint`) and logged
 * in one line (method, route, status, duration, correlation id, user id).
 */
export function apiRoute<TContext>(
  getRuntime: () => TPlatformRuntime,
  options: TApiRouteOptions,
  handler: (request: Request, context: TApiContext<TContext>) => Promise<Response>,
): (request: Request, context: TContext) => Promise<Response> {
  return async (request, route) => {
    const startedAt = performance.now();
    const runtime = getRuntime();
    const isMutating = MUTATING_METHODS.has(request.method);
    const context = requestContext(request, runtime.trustedProxies);
    const log = runtime.logger.child({ correlationId: context.correlationId });
    let principal: TPrincipal | null = null;
    let target: TAuditTarget | null = null;
    let failure: string | null = null;
    const recorded: string[] = [];
    let response: Response;
    try {
      const admitted = await admit(runtime, request, context, {
        endpoint: options.endpoint,
        isMutating,
        rateLimitReads: false,
      });
      if (admitted.refusal) {
        response = admitted.refusal;
        failure = response.status === 429 ? 'rate limited' : 'origin not allowed';
      } else {
        principal = await runtime.auth.authenticator.authenticate(request.headers);
        const allowed = authorize(principal, options.permission, {
          stepUpMaxAgeSeconds: runtime.auth.stepUpMaxAgeSeconds,
        });
        response = await handler(request, {
          ...context,
          principal: allowed,
          route,
          auditTarget: (type, id, metadata = {}) => {
            target = { type, id, metadata };
          },
          onAudited: (entry) => {
            recorded.push(entry.id);
          },
        });
        const { limit } = admitted;
        if (limit) trySetHeaders(response, (headers) => applyRateLimitHeaders(headers, limit));
      }
    } catch (error) {
      response = errorResponse(
        error,
        `${request.method} ${options.endpoint}`,
        principal ? log.child({ userId: principal.userId }) : log,
      );
      // The answer's message (never a stack or a secret); a 500's cause is in the error log.
      failure =
        response.status >= 500
          ? `${error instanceof Error ? error.name : 'error'} (logged)`
          : errorMessage(error);
    }
    if (isMutating && response.status !== 429 && !(await isActionAudited(runtime, recorded, response.status)))
      await audit(runtime, options.endpoint, context, principal, target, response.status, failure);
    trySetHeaders(response, (headers) => headers.set('x-correlation-id', context.correlationId));
    observeRequest(log, request.method, options.endpoint, response.status, startedAt, principal?.userId);
    return response;
  };
}

/**
 * One request's metrics (`http_request_duration_seconds`, `http_requests_total`, labelled with the
 * endpoint name, never the URL) and its log line: method, route, status, duration, user.
 */
function observeRequest(
  log: TLogger,
  method: string,
  endpoint: string,
  status: number,
  startedAt: number,
  userId?: string,
): void {
  const durationMs = performance.now() - startedAt;
  recordHttpRequest({ method, route: endpoint, status, durationSeconds: durationMs / 1000 });
  log.info(
    {
      method,
      route: endpoint,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(userId ? { userId } : {}),
    },
    `${method} ${endpoint} ${status}`,
  );
}

/** Headers of a response that may be immutable (e.g. a proxied fetch): then it goes out without them. */
function trySetHeaders(response: Response, set: (headers: Headers) => void): void {
  try {
    set(response.headers);
  } catch {
    // immutable headers
  }
}

/** A refusal's reason for its audit row: the answer's message and the first field issues it named. */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const issues =
    error instanceof InvalidRequestError || error instanceof UnprocessableError
      ? error.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`)
      : [];
  return (issues.length > 0 ? `${message} (${issues.join('; ')})` : message).slice(0, 500);
}

/**
 * Whether the action's own audit row stands: it was written (in the change's transaction) and, when
 * the answer is an error, that transaction still committed (the failure came after the change). A
 * row rolled back with its change does not count, so the refusal or failure gets its row instead.
 */
async function isActionAudited(
  runtime: TPlatformRuntime,
  recorded: readonly string[],
  status: number,
): Promise<boolean> {
  if (recorded.length === 0) return false;
  if (status < 400) return true;
  try {
    return (await createRepositories(runtime.db).auditLogs.existingIds(recorded)).length > 0;
  } catch {
    return false;
  }
}

async function audit(
  runtime: TPlatformRuntime,
  endpoint: string,
  context: TRequestContext,
  principal: TPrincipal | null,
  target: TAuditTarget | null,
  status: number,
  failure: string | null,
): Promise<void> {
  try {
    await createRepositories(runtime.db).auditLogs.append({
      action: `api.${endpoint}`,
      actorUserId: principal?.userId ?? null,
      workspaceId: principal?.workspaceId ?? null,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      ip: context.ip,
      userAgent: context.userAgent,
      result: auditResult(status),
      correlationId: context.correlationId,
      metadata: {
        status,
        via: principal?.kind ?? null,
        ...(target?.metadata ?? {}),
        ...(failure && status >= 400 ? { reason: failure } : {}),
      },
    });
  } catch (error) {
    // The answer stands (the change, if any, is committed); a lost audit entry is logged loudly.
    runtime.logger.error(
      { err: error, correlationId: context.correlationId, route: endpoint },
      `audit entry for ${endpoint} not written`,
    );
  }
}

/**
 * A route open without sign-in (health, the sign-in flow itself): mutating requests still need an
 * allowed Origin and are rate limited; errors become clear JSON answers. Measured and logged like
 * `apiRoute`.
 */
export function publicApiRoute<TContext>(
  getRuntime: () => TPlatformRuntime,
  options: { endpoint: string; rateLimitReads?: boolean },
  handler: (request: Request, context: TRequestContext & { route: TContext }) => Promise<Response>,
): (request: Request, context: TContext) => Promise<Response> {
  return async (request, route) => {
    const startedAt = performance.now();
    const runtime = getRuntime();
    const context = requestContext(request, runtime.trustedProxies);
    const log = runtime.logger.child({ correlationId: context.correlationId });
    let response: Response;
    try {
      const admitted = await admit(runtime, request, context, {
        endpoint: options.endpoint,
        isMutating: MUTATING_METHODS.has(request.method),
        rateLimitReads: options.rateLimitReads ?? false,
      });
      response = admitted.refusal ?? (await handler(request, { ...context, route }));
    } catch (error) {
      response = errorResponse(error, `${request.method} ${options.endpoint}`, log);
    }
    observeRequest(log, request.method, options.endpoint, response.status, startedAt);
    return response;
  };
}
