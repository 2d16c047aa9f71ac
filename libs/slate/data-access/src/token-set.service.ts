/**
 * SLATE's token sets: one per workspace, a draft that is always structurally valid, and immutable
 * published versions. Publishing writes the version, its audit entry and `wissil.tokens.updated`
 * in one transaction; every app's cache of the workspace's tokens is cleared by that event.
 */
import { cacheKeys, getOrSet, type TCache } from '@lumenforge/cache';
import {
  DbConflictError,
  DbNotFoundError,
  type TAuditContext,
  type TTokenSetRow,
  type TTokenVersionSummaryRow,
} from '@lumenforge/db';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus } from '@lumenforge/event-bus';
import { UnprocessableError } from '@lumenforge/runtime/server';
import { createEvent, TOKENS_UPDATED, type TTokenChangeSummary } from '@lumenforge/events';
import {
  bumpSemver,
  compareSemver,
  diffTokenSets,
  exportCssVariables,
  exportDtcgJson,
  exportTailwindTheme,
  exportTypeScript,
  filterEntriesByCategory,
  importDtcgJson,
  loadDefaultTokenSet,
  parseSemver,
  tokenEntries,
  validateTokenSet,
  contrastAuditIssues,
  type TThemeName,
  type TTokenCategory,
  type TTokenDiff,
  type TTokenEntry,
  type TTokenIssue,
  type TTokenSet,
} from '@lumenforge/tokens';
import { applyDraftOperations } from './draft-operations';
import type {
  TDraftOperation,
  TTokenDraft,
  TTokenExportFormat,
  TTokenVersion,
  TTokenVersionSummary,
} from './token-api.types';

/** Who is acting, for the draft's editor, the version's author, the audit log and the event. */
export type TTokenActor = { userId: string; name: string };
/**
 * The request behind a write, for its audit row (written in the write's transaction) and the
 * event's correlation id. Pass `apiRoute`'s context as it is, so the route knows the row exists.
 */
export type TTokenRequestContext = TAuditContext;

/** Input the token rules refuse (the route answers 422 with every issue). Nothing was stored. */
export class TokenValidationError extends UnprocessableError {
  constructor(
    message: string,
    override readonly issues: readonly TTokenIssue[],
  ) {
    super('invalid_tokens', message, issues);
    this.name = 'TokenValidationError';
  }
}

export const DEFAULT_TOKEN_SET_NAME = 'Luminera';
const FIRST_CHANGELOG = 'The Luminera default token set (from @lumenforge/tokens) as the first version.';
const CACHE_TTL_MS = 10 * 60_000;

const EMPTY_DIFF: TTokenDiff = diffTokenSets(loadDefaultTokenSet(), loadDefaultTokenSet());

function toSummary(row: TTokenVersionSummaryRow): TTokenVersionSummary {
  const diff = row.diff as unknown as TTokenDiff;
  return {
    number: row.number,
    semver: row.semver,
    changelog: row.changelog,
    author: row.author,
    publishedAt: row.publishedAt.toISOString(),
    summary: diff.summary ?? EMPTY_DIFF.summary,
    bump: row.bump,
    isBreaking: row.isBreaking,
    restoredFrom: row.restoredFrom,
  };
}

/** The event's counts: value and type changes are "changed", deprecations both ways "deprecated". */
function eventSummary(diff: TTokenDiff): TTokenChangeSummary {
  const { summary } = diff;
  return {
    added: summary.added,
    removed: summary.removed,
    renamed: summary.renamed,
    changed: summary['value-changed'] + summary['type-changed'],
    deprecated: summary.deprecated + summary.undeprecated,
  };
}

/** A stored set must still parse; if it somehow does not, say so rather than serve garbage. */
function storedSet(content: unknown, what: string): TTokenSet {
  const { set, issues } = validateTokenSet(content);
  if (!set) throw new Error(`${what} does not validate: ${issues[0]?.path}: ${issues[0]?.message}`);
  return set;
}

/**
 * Everything that keeps a set from being published: its validation issues (the contrast pairs it
 * declares included) and the contrast of every pairing the apps' theme creates, which a set may
 * not drop below whatever it declares (subtle text on every surface, accent roles, status text).
 */
function publishIssues(set: TTokenSet): TTokenIssue[] {
  return [...validateTokenSet(set).issues, ...contrastAuditIssues(set)];
}

/** Draft saves refuse broken tokens; contrast problems may stay in a draft but block publishing. */
const blocksSave = (issue: TTokenIssue) => issue.rule !== 'contrast';

export type TTokenSetServiceDeps = {
  db: TDbClient;
  cache: TCache;
  bus: TEventBus<TDbTransaction>;
};

export function createTokenSetService(deps: TTokenSetServiceDeps) {
  const { db, cache, bus } = deps;
  const repos = () => createRepositories(db);
  const key = (workspaceId: string, part: string) => `${cacheKeys.tokens(workspaceId)}${part}`;

  /** Clears this process's entries at once; other apps' caches are cleared by the event. */
  const invalidate = (workspaceId: string) => cache.deleteByPrefix(cacheKeys.tokens(workspaceId));

  async function publishVersion(
    tx: TDbTransaction,
    input: {
      row: TTokenSetRow;
      set: TTokenSet;
      previous: { number: number; semver: string; set: TTokenSet } | null;
      semver: string;
      changelog: string;
      actor: TTokenActor | null;
      context: TTokenRequestContext;
      restoredFrom?: number;
    },
  ) {
    const diff = input.previous ? diffTokenSets(input.previous.set, input.set) : EMPTY_DIFF;
    const number = (input.previous?.number ?? 0) + 1;
    const txRepos = createRepositories(tx);
    const version = await txRepos.tokenSets.appendVersion({
      tokenSetId: input.row.id,
      number,
      semver: input.semver,
      changelog: input.changelog,
      authorId: input.actor?.userId ?? null,
      content: input.set as unknown as Record<string, unknown>,
      diff: diff as unknown as Record<string, unknown>,
      bump: input.previous ? diff.bump : 'major',
      isBreaking: diff.isBreaking,
      restoredFrom: input.restoredFrom ?? null,
    });
    await txRepos.auditLogs.record(input.context, {
      action: input.restoredFrom ? 'tokens.restored' : 'tokens.published',
      actorUserId: input.actor?.userId ?? null,
      workspaceId: input.row.workspaceId,
      targetType: 'token_version',
      targetId: version.id,
      metadata: {
        version: number,
        semver: input.semver,
        bump: version.bump,
        isBreaking: diff.isBreaking,
        ...(input.restoredFrom ? { restoredFrom: input.restoredFrom } : {}),
      },
    });
    await bus.publish(
      createEvent(TOKENS_UPDATED, {
        data: {
          tokenSetId: input.row.id,
          version: number,
          previousVersion: input.previous?.number ?? null,
          semver: input.semver,
          previousSemver: input.previous?.semver ?? null,
          changeSummary: eventSummary(diff),
          isBreaking: diff.isBreaking,
        },
        actor: input.actor
          ? { type: 'user', id: input.actor.userId, name: input.actor.name }
          : { type: 'system', id: 'slate' },
        correlationId: input.context.correlationId,
        workspaceId: input.row.workspaceId,
      }),
      { tx },
    );
    return version;
  }

  /**
   * The workspace's token set, created on first use from the default set and published as 1.0.0
   * (so every app's theme comes from SLATE from the start). Two first requests at once: one
   * creates, the other reads what it created.
   */
  async function ensure(workspaceId: string, context?: TTokenRequestContext): Promise<TTokenSetRow> {
    const existing = await repos().tokenSets.findByWorkspace(workspaceId);
    if (existing) return existing;
    const set = loadDefaultTokenSet();
    try {
      await db.$transaction(async (tx) => {
        const row = await createRepositories(tx).tokenSets.create({
          workspaceId,
          name: DEFAULT_TOKEN_SET_NAME,
          draft: set as unknown as Record<string, unknown>,
        });
        await publishVersion(tx, {
          row,
          set,
          previous: null,
          semver: '1.0.0',
          changelog: FIRST_CHANGELOG,
          actor: null,
          // The system's action (the first version), not the request's: its row names no client.
          context: {
            correlationId: context?.correlationId ?? `slate-init-${workspaceId}`,
            ip: null,
            userAgent: null,
          },
        });
      });
    } catch (error) {
      if (!(error instanceof DbConflictError)) throw error;
    }
    await invalidate(workspaceId);
    const created = await repos().tokenSets.findByWorkspace(workspaceId);
    if (!created) throw new Error(`The token set of workspace ${workspaceId} vanished while being created`);
    return created;
  }

  async function latest(
    row: TTokenSetRow,
  ): Promise<{ summary: TTokenVersionSummary; set: TTokenSet } | null> {
    if (row.latestVersion === null) return null;
    const version = await repos().tokenSets.findVersion(row.id, row.latestVersion);
    if (!version) return null;
    return { summary: toSummary(version), set: storedSet(version.content, `Version ${version.number}`) };
  }

  async function draftState(row: TTokenSetRow): Promise<TTokenDraft> {
    const set = storedSet(row.draft, 'The draft');
    const published = await latest(row);
    const diff = published ? diffTokenSets(published.set, set) : EMPTY_DIFF;
    const issues = publishIssues(set);
    return {
      set,
      basedOn: row.draftBasedOn,
      updatedAt: row.draftUpdatedAt.toISOString(),
      updatedBy: row.draftUpdatedBy,
      issues,
      diff,
      proposedSemver: bumpSemver(published?.summary.semver ?? null, published ? diff.bump : 'major'),
      hasChanges: diff.changes.length > 0,
    };
  }

  /** Validates `candidate` for saving as the draft; throws TokenValidationError with every blocking issue. */
  function checkSavable(candidate: unknown, extraIssues: readonly TTokenIssue[] = []): TTokenSet {
    const { set, issues } = validateTokenSet(candidate);
    const blocking = [...extraIssues, ...issues.filter(blocksSave)];
    if (!set || blocking.length > 0) {
      throw new TokenValidationError(
        `The tokens have ${blocking.length} problem${blocking.length === 1 ? '' : 's'}; nothing was saved`,
        blocking,
      );
    }
    return set;
  }

  /**
   * Saves the draft unless someone saved it since `expectedUpdatedAt` (409). With a request
   * `audit`, its `tokens.draft_saved` row (`action` says how) commits with the save.
   */
  async function saveDraft(
    row: TTokenSetRow,
    set: TTokenSet,
    actor: TTokenActor,
    expectedUpdatedAt: string | undefined,
    audit?: { context: TTokenRequestContext; how: string; metadata?: Record<string, unknown> },
  ): Promise<TTokenDraft> {
    const expected = expectedUpdatedAt ? new Date(expectedUpdatedAt) : row.draftUpdatedAt;
    if (Number.isNaN(expected.getTime())) {
      throw new TokenValidationError('expectedUpdatedAt is not a date', [
        { path: 'expectedUpdatedAt', message: 'Expected an ISO date-time', rule: 'shape', severity: 'error' },
      ]);
    }
    const saved = await db.$transaction(async (tx) => {
      const txRepos = createRepositories(tx);
      const updated = await txRepos.tokenSets.saveDraft({
        tokenSetId: row.id,
        draft: set as unknown as Record<string, unknown>,
        updatedById: actor.userId,
        expectedUpdatedAt: expected,
      });
      if (updated && audit)
        await txRepos.auditLogs.record(audit.context, {
          action: 'tokens.draft_saved',
          actorUserId: actor.userId,
          workspaceId: row.workspaceId,
          targetType: 'token_set',
          targetId: row.id,
          metadata: { how: audit.how, ...audit.metadata },
        });
      return updated;
    });
    if (!saved) {
      throw new DbConflictError(
        'Someone else saved the draft since you loaded it; reload to see their changes',
        ['expectedUpdatedAt'],
      );
    }
    return draftState(saved);
  }

  async function versionSet(row: TTokenSetRow, number: number): Promise<TTokenSet> {
    const version = await repos().tokenSets.findVersion(row.id, number);
    if (!version) throw new DbNotFoundError(`Version ${number} does not exist`);
    return storedSet(version.content, `Version ${number}`);
  }

  /** The set a read asks for: a version number, `draft`, or (undefined) the latest published. */
  async function setFor(workspaceId: string, version: number | 'draft' | undefined) {
    const row = await ensure(workspaceId);
    if (version === 'draft') return { row, set: storedSet(row.draft, 'The draft'), label: 'draft' as const };
    const number = version ?? row.latestVersion;
    if (number === null || number === undefined) throw new DbNotFoundError('Nothing is published yet');
    return { row, set: await versionSet(row, number), label: number };
  }

  return {
    ensure,

    /** The latest published version and its set (cached until the next publish). */
    async published(workspaceId: string): Promise<{ version: TTokenVersionSummary; set: TTokenSet }> {
      return getOrSet(
        cache,
        key(workspaceId, 'published'),
        async () => {
          const found = await latest(await ensure(workspaceId));
          if (!found) throw new DbNotFoundError('Nothing is published yet');
          return { version: found.summary, set: found.set };
        },
        { ttlMs: CACHE_TTL_MS },
      );
    },

    async versions(workspaceId: string): Promise<TTokenVersionSummary[]> {
      const row = await ensure(workspaceId);
      return (await repos().tokenSets.listVersions(row.id)).map(toSummary);
    },

    async version(workspaceId: string, number: number): Promise<TTokenVersion | null> {
      const row = await ensure(workspaceId);
      const version = await repos().tokenSets.findVersion(row.id, number);
      if (!version) return null;
      return {
        ...toSummary(version),
        set: storedSet(version.content, `Version ${number}`),
        diff: version.diff as unknown as TTokenDiff,
      };
    },

    async draft(workspaceId: string): Promise<TTokenDraft> {
      return draftState(await ensure(workspaceId));
    },

    /** What the draft would look like after `operations`, without saving (live validation). */
    async previewOperations(workspaceId: string, operations: readonly TDraftOperation[]) {
      const row = await ensure(workspaceId);
      const applied = applyDraftOperations(storedSet(row.draft, 'The draft'), operations);
      const { set, issues: validation } = validateTokenSet(applied.set);
      const issues = set ? [...validation, ...contrastAuditIssues(set)] : validation;
      const published = await latest(row);
      const diff = set && published ? diffTokenSets(published.set, set) : EMPTY_DIFF;
      return {
        issues: [...applied.issues, ...issues],
        diff,
        proposedSemver: bumpSemver(published?.summary.semver ?? null, published ? diff.bump : 'major'),
      };
    },

    /** Applies editor operations to the draft and saves it, or throws with every problem. */
    async applyOperations(
      workspaceId: string,
      operations: readonly TDraftOperation[],
      actor: TTokenActor,
      expectedUpdatedAt?: string,
      context?: TTokenRequestContext,
    ): Promise<TTokenDraft> {
      const row = await ensure(workspaceId);
      const applied = applyDraftOperations(storedSet(row.draft, 'The draft'), operations);
      return saveDraft(
        row,
        checkSavable(applied.set, applied.issues),
        actor,
        expectedUpdatedAt,
        context && {
          context,
          how: 'edited',
          metadata: { operations: operations.map((operation) => `${operation.op} ${operation.path}`) },
        },
      );
    },

    /** Replaces the whole draft (`PUT`), or throws with every problem. */
    async replaceDraft(
      workspaceId: string,
      candidate: unknown,
      actor: TTokenActor,
      expectedUpdatedAt?: string,
      context?: TTokenRequestContext,
    ): Promise<TTokenDraft> {
      const row = await ensure(workspaceId);
      return saveDraft(
        row,
        checkSavable(candidate),
        actor,
        expectedUpdatedAt,
        context && { context, how: 'replaced' },
      );
    },

    /**
     * Imports a DTCG JSON document (bundle, single file or resolver document) as the new draft.
     * Every problem is reported and nothing is kept unless the whole import is valid.
     */
    async importDtcg(
      workspaceId: string,
      text: string,
      actor: TTokenActor,
      context?: TTokenRequestContext,
    ): Promise<TTokenDraft> {
      const row = await ensure(workspaceId);
      const imported = importDtcgJson(text);
      const blocking = imported.issues.filter(blocksSave);
      if (!imported.set || blocking.length > 0) {
        throw new TokenValidationError(
          `The import has ${blocking.length} problem${blocking.length === 1 ? '' : 's'}; nothing was imported`,
          blocking,
        );
      }
      return saveDraft(
        row,
        imported.set,
        actor,
        undefined,
        context && { context, how: 'imported', metadata: { bytes: Buffer.byteLength(text) } },
      );
    },

    /** Resets the draft to the latest published version. */
    async discardDraft(
      workspaceId: string,
      actor: TTokenActor,
      context?: TTokenRequestContext,
    ): Promise<TTokenDraft> {
      const row = await ensure(workspaceId);
      const published = await latest(row);
      if (!published) throw new DbNotFoundError('Nothing is published yet');
      return saveDraft(row, published.set, actor, undefined, context && { context, how: 'discarded' });
    },

    /**
     * Publishes the draft as the next version. Refused (422) while the draft has any issue,
     * contrast included; (409) when it has no changes, when someone saved it since
     * `expectedUpdatedAt`, or when another publish got there first. `semver` defaults to the
     * proposed one and may not be lower.
     */
    async publish(
      workspaceId: string,
      input: { changelog: string; semver?: string; expectedUpdatedAt?: string },
      actor: TTokenActor,
      context: TTokenRequestContext,
    ): Promise<TTokenVersionSummary> {
      const row = await ensure(workspaceId, context);
      if (
        input.expectedUpdatedAt &&
        new Date(input.expectedUpdatedAt).getTime() !== row.draftUpdatedAt.getTime()
      ) {
        throw new DbConflictError('The draft changed since you reviewed it; review the changes again', [
          'expectedUpdatedAt',
        ]);
      }
      const state = await draftState(row);
      if (state.issues.length > 0) {
        throw new TokenValidationError(
          `The draft has ${state.issues.length} problem${state.issues.length === 1 ? '' : 's'}; fix them before publishing`,
          state.issues,
        );
      }
      if (!state.hasChanges) throw new DbConflictError('The draft has no changes to publish', ['draft']);
      const semver = input.semver?.trim() || state.proposedSemver;
      if (!parseSemver(semver) || compareSemver(semver, state.proposedSemver) < 0) {
        throw new TokenValidationError(`Version ${semver} is below the proposed ${state.proposedSemver}`, [
          {
            path: 'semver',
            message: `The changes need at least ${state.proposedSemver} (${state.diff.bump})`,
            rule: 'shape',
            severity: 'error',
          },
        ]);
      }
      const previous = await latest(row);
      const version = await db.$transaction((tx) =>
        publishVersion(tx, {
          row,
          set: state.set,
          previous: previous
            ? { number: previous.summary.number, semver: previous.summary.semver, set: previous.set }
            : null,
          semver,
          changelog: input.changelog,
          actor,
          context,
        }),
      );
      await invalidate(workspaceId);
      return toSummary(version);
    },

    /** Publishes an older version's content as a new version (history is never rewritten). */
    async restore(
      workspaceId: string,
      number: number,
      input: { changelog?: string },
      actor: TTokenActor,
      context: TTokenRequestContext,
    ): Promise<TTokenVersionSummary> {
      const row = await ensure(workspaceId, context);
      const target = await repos().tokenSets.findVersion(row.id, number);
      if (!target) throw new DbNotFoundError(`Version ${number} does not exist`);
      const previous = await latest(row);
      if (!previous) throw new DbNotFoundError('Nothing is published yet');
      const set = storedSet(target.content, `Version ${number}`);
      // Restoring publishes: an old version that fails today's checks goes through the draft instead.
      const problems = publishIssues(set);
      if (problems.length > 0) {
        throw new TokenValidationError(
          `Version ${target.semver} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (${problems[0]?.message}${problems.length > 1 ? ', …' : ''}); fix them in the draft and publish instead`,
          problems,
        );
      }
      const diff = diffTokenSets(previous.set, set);
      if (diff.changes.length === 0)
        throw new DbConflictError(`Version ${target.semver} is what is published now`, ['version']);
      const version = await db.$transaction((tx) =>
        publishVersion(tx, {
          row,
          set,
          previous: { number: previous.summary.number, semver: previous.summary.semver, set: previous.set },
          semver: bumpSemver(previous.summary.semver, diff.bump),
          changelog: input.changelog?.trim() || `Restored version ${target.semver}.`,
          actor,
          context,
          restoredFrom: number,
        }),
      );
      // The draft follows the restored content, so the next edit starts from what is live.
      const rebased = await repos().tokenSets.findByWorkspace(workspaceId);
      if (rebased) await saveDraft(rebased, set, actor, undefined).catch(() => undefined);
      await invalidate(workspaceId);
      return toSummary(version);
    },

    async diff(workspaceId: string, from: number, to: number | 'draft'): Promise<TTokenDiff> {
      const [before, after] = await Promise.all([setFor(workspaceId, from), setFor(workspaceId, to)]);
      return diffTokenSets(before.set, after.set);
    },

    /** Token entries of a version (cached) or the draft, optionally one category. */
    async entries(
      workspaceId: string,
      options: {
        version?: number | 'draft';
        theme: TThemeName;
        resolved: boolean;
        category?: TTokenCategory;
      },
    ): Promise<{ version: number | 'draft'; tokens: TTokenEntry[] }> {
      const load = async () => {
        const { set, label } = await setFor(workspaceId, options.version);
        return {
          version: label,
          tokens: tokenEntries(set, { theme: options.theme, resolved: options.resolved }),
        };
      };
      const result =
        options.version === 'draft'
          ? await load()
          : await getOrSet(
              cache,
              key(workspaceId, `entries:${options.version ?? 'latest'}:${options.theme}:${options.resolved}`),
              load,
              { ttlMs: CACHE_TTL_MS },
            );
      return options.category
        ? { version: result.version, tokens: filterEntriesByCategory(result.tokens, options.category) }
        : result;
    },

    /** An export file of a version (cached) or the draft. */
    async exportFile(
      workspaceId: string,
      options: { format: Exclude<TTokenExportFormat, 'json'>; theme: TThemeName; version?: number | 'draft' },
    ): Promise<{ version: number | 'draft'; body: string }> {
      const load = async () => {
        const { set, label } = await setFor(workspaceId, options.version);
        const body =
          options.format === 'css'
            ? exportCssVariables(set, { theme: options.theme })
            : options.format === 'tailwind'
              ? exportTailwindTheme(set)
              : options.format === 'ts'
                ? exportTypeScript(set)
                : exportDtcgJson(set);
        return { version: label, body };
      };
      if (options.version === 'draft') return load();
      return getOrSet(
        cache,
        key(workspaceId, `export:${options.version ?? 'latest'}:${options.format}:${options.theme}`),
        load,
        { ttlMs: CACHE_TTL_MS },
      );
    },
  };
}

export type TTokenSetService = ReturnType<typeof createTokenSetService>;
