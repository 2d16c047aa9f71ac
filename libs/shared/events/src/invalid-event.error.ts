import { type z } from 'zod';

export type TEventIssue = {
  /** Path within the envelope, e.g. `data.durationMs` or `actor.type`; empty for the root. */
  path: string;
  message: string;
};

/** Raised by `createEvent` and returned by `parseEvent`; the message names the subject and each failing path. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';

  constructor(
    /** The subject, when the input carried a readable one. */
    readonly subject: string | undefined,
    readonly issues: readonly TEventIssue[],
  ) {
    const where = subject === undefined ? 'Invalid event' : `Invalid event ${subject}`;
    const details = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    super(`${where}: ${details}`);
  }
}

/** `['data', 'checks', 'db', 'latencyMs']` → `data.checks.db.latencyMs`; array indexes as `[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((joined, key) => {
    if (typeof key === 'number') return `${joined}[${key}]`;
    const name = typeof key === 'symbol' ? key.toString() : key;
    return joined === '' ? name : `${joined}.${name}`;
  }, '');
}

export function toEventIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): TEventIssue[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
