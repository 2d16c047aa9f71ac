import { z } from 'zod';

/** An API token lives at most this long (a year, leap day included); there are no tokens without an expiry. */
export const API_TOKEN_MAX_LIFETIME_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * An API token as the rest of the code sees it. The token hash never leaves the repository and the
 * token itself is shown once, at creation; `prefix` (8 characters after `lf_`) identifies it in lists.
 */
export const ZApiTokenSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  /** The 8 characters after `lf_`, shown as `lf_AbCd1234…`. */
  prefix: z.string(),
  /** Permission names (`tokens.read`, …); the auth lib checks them against its permission list. */
  scopes: z.array(z.string()),
  createdAt: z.date(),
  expiresAt: z.date(),
  /** Last successful authentication with the token, written at most once a minute. */
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type TApiToken = z.infer<typeof ZApiTokenSchema>;

/** A token's label, e.g. "CI deploys": trimmed, 1–100 characters. */
export const ZApiTokenNameSchema = z.string().trim().min(1, 'Name is required').max(100);

/**
 * Scopes as stored: at least one, each a non-blank string without spaces, no duplicates. Which
 * names exist is the auth lib's business (it validates against its permission list before calling
 * the repository); the db lib does not import auth.
 */
export const ZApiTokenScopesSchema = z
  .array(z.string().min(1).max(100).regex(/^\S+$/, 'A scope has no spaces'))
  .min(1, 'At least one scope is required')
  .refine((scopes) => new Set(scopes).size === scopes.length, 'Scopes must be unique');

/**
 * Why `expiresAt` is not acceptable for a token created at `now` (null when it is): it must lie
 * after `now` and at most {@link API_TOKEN_MAX_LIFETIME_DAYS} days later.
 */
export function apiTokenExpiryProblem(expiresAt: Date, now: Date = new Date()): string | null {
  if (Number.isNaN(expiresAt.getTime())) return 'Expiry must be a valid date';
  if (expiresAt.getTime() <= now.getTime()) return 'Expiry must be in the future';
  if (expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_LIFETIME_DAYS * DAY_MS)
    return `Expiry must be at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead`;
  return null;
}

/** Input of `ApiTokenRepository.create`. `expiresAt` is checked against the clock when parsed. */
export const ZCreateApiTokenSchema = z
  .object({
    userId: z.uuid(),
    workspaceId: z.uuid(),
    name: ZApiTokenNameSchema,
    scopes: ZApiTokenScopesSchema,
    expiresAt: z.date(),
  })
  .superRefine((input, ctx) => {
    const problem = apiTokenExpiryProblem(input.expiresAt);
    if (problem) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: problem });
  });
export type TCreateApiToken = z.input<typeof ZCreateApiTokenSchema>;
