import type { z } from 'zod';

/** Query parameters as a route handler (`URLSearchParams`) or a page (`searchParams`) sees them. */
export type TQueryInput = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

export type TQueryIssue = { path: string; message: string };

export type TQueryParseResult<T> =
  | { success: true; data: T }
  | { success: false; message: string; issues: TQueryIssue[] };

/**
 * The first value of each parameter, trimmed; blank ones are dropped, so an empty filter field of
 * a GET form means "no filter" rather than an invalid value.
 */
export function queryToObject(input: TQueryInput): Record<string, string> {
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.keys()].map((key) => [key, input.get(key) ?? ''])
      : Object.entries(input).flatMap(([key, value]): [string, string][] => {
          const first = Array.isArray(value) ? value[0] : value;
          return first === undefined ? [] : [[key, first]];
        });
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    const trimmed = value.trim();
    if (trimmed !== '') result[key] = trimmed;
  }
  return result;
}

/**
 * Parses query parameters with `schema` (which sees strings only). On failure, `message` names
 * every bad parameter, e.g. `Invalid query parameters: from (must be a date …), limit (…)`.
 */
export function parseQuery<TSchema extends z.ZodType>(
  schema: TSchema,
  input: TQueryInput,
): TQueryParseResult<z.output<TSchema>> {
  const parsed = schema.safeParse(queryToObject(input));
  if (parsed.success) return { success: true, data: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(query)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path} (${issue.message})`).join(', ');
  return {
    success: false,
    message: `Invalid query parameter${issues.length === 1 ? '' : 's'}: ${summary}`,
    issues,
  };
}
