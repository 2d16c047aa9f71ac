/** Health report shape served by every app's GET /api/health (and later carried by wissil.system.health). */
export type THealthStatus = 'ok' | 'degraded' | 'down';

export type TCheckResult = {
  status: THealthStatus;
  latencyMs: number;
  /** A critical dependency failing takes the whole service down; any other failing degrades it. */
  critical: boolean;
  error?: string;
};

export type THealthReport = {
  status: THealthStatus;
  service: string;
  version: string;
  uptimeSeconds: number;
  checkedAt: string;
  checks: Record<string, TCheckResult>;
};

export type THealthCheck = {
  name: string;
  critical: boolean;
  /** Resolves when healthy; may resolve `'degraded'` (e.g. a remote service reporting degraded); rejects when failing. */
  run: (signal: AbortSignal) => Promise<void | 'degraded'>;
  timeoutMs?: number;
};

const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** Overall status: down if a critical check is down, degraded if anything else is not ok. */
export function summarizeStatus(checks: Iterable<TCheckResult>): THealthStatus {
  let status: THealthStatus = 'ok';
  for (const check of checks) {
    if (check.status === 'down' && check.critical) return 'down';
    if (check.status !== 'ok') status = 'degraded';
  }
  return status;
}

/** HTTP status for a report: 200 while the service can serve (ok or degraded), 503 when down. */
export function httpStatusFor(report: Pick<THealthReport, 'status'>): 200 | 503 {
  return report.status === 'down' ? 503 : 200;
}

async function runCheck(check: THealthCheck): Promise<TCheckResult> {
  const started = performance.now();
  const timeoutMs = check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([check.run(controller.signal), timeout]);
    return {
      status: outcome === 'degraded' ? 'degraded' : 'ok',
      latencyMs: Math.round(performance.now() - started),
      critical: check.critical,
    };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      critical: check.critical,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check concurrently, each bounded by its timeout, and builds the report. */
export async function runHealthChecks(options: {
  service: string;
  version: string;
  uptimeSeconds: number;
  checks: readonly THealthCheck[];
}): Promise<THealthReport> {
  const results = await Promise.all(
    options.checks.map(async (check) => [check.name, await runCheck(check)] as const),
  );
  const checks = Object.fromEntries(results);
  return {
    status: summarizeStatus(Object.values(checks)),
    service: options.service,
    version: options.version,
    uptimeSeconds: Math.round(options.uptimeSeconds),
    checkedAt: new Date().toISOString(),
    checks,
  };
}
