import { z } from 'zod';
import type { TDb } from './client';
import {
  type TApiToken,
  type TCreateApiToken,
  ZApiTokenSchema,
  ZCreateApiTokenSchema,
} from './api-token.schema';
import { translateWriteErrors } from './prisma-errors';
import { apiTokenDisplayPrefix, generateApiToken, hashToken, isApiTokenFormat } from './session-token';

const API_TOKEN_SELECT = {
  id: true,
  userId: true,
  workspaceId: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** `lastUsedAt` is written at most this often per token: a busy CI token must not cost a write per request. */
export const API_TOKEN_LAST_USED_INTERVAL_MS = 60_000;

const ZUuid = z.uuid();

/**
 * Personal API tokens (`lf_…`, 256 random bits). Only the SHA-256 of a token is stored, and only
 * `create` ever returns the token. Scopes are stored as given (after shape checks); the auth lib
 * validates them against its permission list and checks the user's membership before creating.
 */
export class ApiTokenRepository {
  constructor(private readonly db: TDb) {}

  /**
   * Creates a token for `userId` in `workspaceId`. Rejects (ZodError) a blank or over-long name, no
   * or duplicate scopes, and an `expiresAt` not in the future or more than 366 days ahead.
   * Returns the stored token and the token itself: show it once, it cannot be recovered.
   */
  async create(input: TCreateApiToken): Promise<{ apiToken: TApiToken; token: string }> {
    const data = ZCreateApiTokenSchema.parse(input);
    const token = generateApiToken();
    const row = await translateWriteErrors(
      () =>
        this.db.apiToken.create({
          data: { ...data, tokenHash: hashToken(token), prefix: apiTokenDisplayPrefix(token) },
          select: API_TOKEN_SELECT,
        }),
      { conflict: 'An API token with this hash already exists' },
    );
    return { apiToken: ZApiTokenSchema.parse(row), token };
  }

  async findById(id: string): Promise<TApiToken | null> {
    if (!ZUuid.safeParse(id).success) return null;
    const row = await this.db.apiToken.findUnique({ where: { id }, select: API_TOKEN_SELECT });
    return row ? ZApiTokenSchema.parse(row) : null;
  }

  /**
   * The token for a presented `lf_…` string if it is neither revoked nor expired at `now`, or null
   * (also for anything not shaped like a token, without a query). Records the use: `lastUsedAt = now`
   * when it was never set or is older than a minute (one conditional UPDATE, so concurrent requests
   * write once).
   */
  async findActiveByToken(token: string, now: Date = new Date()): Promise<TApiToken | null> {
    if (!isApiTokenFormat(token)) return null;
    const row = await this.db.apiToken.findFirst({
      where: { tokenHash: hashToken(token), revokedAt: null, expiresAt: { gt: now } },
      select: API_TOKEN_SELECT,
    });
    if (!row) return null;
    const staleBefore = new Date(now.getTime() - API_TOKEN_LAST_USED_INTERVAL_MS);
    if (row.lastUsedAt === null || row.lastUsedAt <= staleBefore) {
      const [touched] = await this.db.apiToken.updateManyAndReturn({
        where: {
          id: row.id,
          revokedAt: null,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }],
        },
        data: { lastUsedAt: now },
        select: API_TOKEN_SELECT,
      });
      if (touched) return ZApiTokenSchema.parse(touched);
    }
    return ZApiTokenSchema.parse(row);
  }

  /** Every token of a user (revoked and expired ones too, for the settings page), newest first. */
  async listForUser(userId: string, options: { workspaceId?: string } = {}): Promise<TApiToken[]> {
    if (!ZUuid.safeParse(userId).success) return [];
    const rows = await this.db.apiToken.findMany({
      where: { userId, workspaceId: options.workspaceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: API_TOKEN_SELECT,
    });
    return rows.map((row) => ZApiTokenSchema.parse(row));
  }

  /**
   * Revokes token `id` if it belongs to `userId`. Idempotent: true while the token is the user's
   * (revoked now or before; the first revocation time is kept), false for an unknown id or another
   * user's token (nothing changes).
   */
  async revoke(userId: string, id: string, at: Date = new Date()): Promise<boolean> {
    if (!ZUuid.safeParse(id).success || !ZUuid.safeParse(userId).success) return false;
    const { count } = await this.db.apiToken.updateMany({
      where: { id, userId, revokedAt: null },
      data: { revokedAt: at },
    });
    if (count > 0) return true;
    return (await this.db.apiToken.count({ where: { id, userId } })) > 0;
  }

  /** Revokes every unrevoked token of a user (deactivation, "revoke all"); returns how many. */
  async revokeAllForUser(userId: string, at: Date = new Date()): Promise<number> {
    if (!ZUuid.safeParse(userId).success) return 0;
    const { count } = await this.db.apiToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count;
  }
}
