import type { z } from 'zod';

/** Raised when configuration is missing or invalid; the message names every bad variable. */
export class InvalidEnvError extends Error {
  constructor(
    readonly service: string,
    readonly issues: ReadonlyArray<{ variable: string; message: string }>,
  ) {
    super(
      `${service}: invalid configuration\n` +
        issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n') +
        '\nSee .env.example for every variable and its meaning.',
    );
    this.name = 'InvalidEnvError';
  }
}

/**
 * Parses `source` (normally `process.env`) with `schema`. Empty strings count as unset, so
 * `FOO=` in a shell falls back to the default instead of failing a URL check.
 */
export function createEnv<TShape extends z.ZodRawShape>(
  service: string,
  schema: z.ZodObject<TShape>,
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<TShape>> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvError(
      service,
      result.error.issues.map((issue) => ({
        variable: issue.path.map(String).join('.') || '(root)',
        message:
          cleaned[String(issue.path[0])] === undefined ? `is required (${issue.message})` : issue.message,
      })),
    );
  }
  return result.data;
}
