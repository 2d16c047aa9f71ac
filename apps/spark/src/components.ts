import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import {
  COMPONENT_GENERATORS,
  DbConflictError,
  type TAuditContext,
  type TComponentDetail,
  ZCreateComponentSchema,
} from '@lumenforge/db';
import { createRepositories } from '@lumenforge/db/server';
import { COMPONENT_CREATED, createEvent } from '@lumenforge/events';
import {
  invalidBody,
  readPublishedTokenSet,
  type TPlatformRuntime,
  UnprocessableError,
} from '@lumenforge/runtime/server';
import {
  checkComponentAsync,
  componentFileNames,
  formatProblem,
  type TComponentSources,
  tokenVocabulary,
} from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { z } from 'zod';
import { getRuntime } from './runtime';

/** An empty optional text field of a form means "none", not an invalid value. */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** A SPARK plan as stored with a version: a JSON object, at most 50,000 characters of it. */
export const ZStoredPlanSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (plan) => JSON.stringify(plan).length <= 50_000,
    'The plan is too large (at most 50,000 characters)',
  );

/** The fields every saved version has besides its source: what a save and a new version share. */
export const VERSION_FIELDS = {
  tests: z.preprocess(blankToNull, ZCreateComponentSchema.shape.tests),
  stories: z.preprocess(blankToNull, ZCreateComponentSchema.shape.stories),
  prompt: z.preprocess(
    blankToNull,
    z.string().trim().max(4_000, 'At most 4,000 characters').nullable().default(null),
  ),
  generator: z.enum(COMPONENT_GENERATORS).nullable().default(null),
  plan: ZStoredPlanSchema.nullable().default(null),
};

/**
 * `POST /api/components`: what a person saves, by hand or from a generation. The workspace, origin
 * and author come from the request's principal, never from the body; with a `prompt` the component
 * was generated (origin `spark`) and may name its `generator` and `plan`.
 */
export const ZNewComponentSchema = ZCreateComponentSchema.omit({
  workspaceId: true,
  origin: true,
  authorId: true,
  tokenVersion: true,
}).extend({
  category: z.preprocess(blankToNull, ZCreateComponentSchema.shape.category),
  ...VERSION_FIELDS,
});
/** A body that passed {@link ZNewComponentSchema} (`readJsonBody` in the route). */
export type TNewComponent = z.output<typeof ZNewComponentSchema>;

/**
 * The workspace's component library, read from the primary: a page opened right after a save must
 * show it (the replica may lag behind).
 */
export function componentLibrary() {
  return createRepositories(getRuntime().db).components;
}

/** What a version records when its tokens came from the default set (nothing published yet). */
export const DEFAULT_TOKEN_VERSION = 'default';

/**
 * The workspace's live token vocabulary: SLATE's latest published set, or the default set before
 * the first publish (its version is then null; saves record {@link DEFAULT_TOKEN_VERSION}).
 */
export async function workspaceVocabulary(
  runtime: Pick<TPlatformRuntime, 'db' | 'logger'>,
  workspaceId: string,
) {
  const published = await readPublishedTokenSet(runtime, workspaceId);
  return tokenVocabulary(published?.set ?? loadDefaultTokenSet(), published?.version.semver ?? null);
}

/**
 * The guard on every save: the code parses, type-checks, exports the component it is saved as, and
 * styles only with the workspace's live tokens (see {@link workspaceVocabulary}). Returns the token
 * version it was checked against, which the save records. Throws `UnprocessableError` (422
 * `component_check_failed`) with every problem as `file:line:column message`, under the field it
 * is in. Runs before any transaction: type-checking takes a few hundred milliseconds and holds no row.
 */
export async function assertComponentPassesChecks(
  runtime: Pick<TPlatformRuntime, 'db' | 'logger'>,
  workspaceId: string,
  sources: TComponentSources,
): Promise<{ tokenVersion: string }> {
  // On SPARK's check workers: the request thread keeps answering while the compiler works. Rejects
  // with CheckUnavailableError (answered 503) when the checks cannot run.
  const check = await checkComponentAsync(sources, await workspaceVocabulary(runtime, workspaceId));
  if (check.ok) return { tokenVersion: check.tokenVersion ?? DEFAULT_TOKEN_VERSION };
  const files = componentFileNames(sources.name);
  const fieldOf = (file: string) =>
    file === files.tests ? 'tests' : file === files.stories ? 'stories' : 'source';
  const [first] = check.problems;
  throw new UnprocessableError(
    'component_check_failed',
    `The component has ${check.problems.length === 1 ? 'a problem' : `${check.problems.length} problems`}${first ? `, first ${formatProblem(first)}` : ''}`,
    check.problems.map((problem) => ({ path: fieldOf(problem.file), message: formatProblem(problem) })),
  );
}

/** The event actor of a principal: a person, or an agent through an API token. */
export function eventActor(principal: TPrincipal) {
  return {
    type: principal.role === 'agent' ? ('agent' as const) : ('user' as const),
    id: principal.userId,
    ...(principal.name ? { name: principal.name } : {}),
  };
}

/**
 * Saves a component as version 1 in the principal's workspace (origin `spark` when it comes with
 * the prompt it was generated from, else `manual`), recording the token version its checks ran
 * against, and,
 * in the same transaction, writes its `component.created` audit row and publishes
 * `wissil.component.created`: the row and the event exist exactly when the component does. Throws
 * `InvalidRequestError` (400) for a bad field, `UnprocessableError` (422) for code that fails
 * {@link assertComponentPassesChecks}, and `DbConflictError` (409) when the workspace already has a
 * component of that name, whatever its case.
 */
export async function saveNewComponent(
  deps: Pick<TPlatformRuntime, 'db' | 'bus' | 'logger'>,
  principal: TPrincipal,
  input: TNewComponent,
  context: TAuditContext,
): Promise<TComponentDetail> {
  // A taken name first: one cheap query, and a person renaming a component to save it must learn
  // that before any type error of code written under the old name. The unique index still decides races.
  if (await createRepositories(deps.db).components.isNameTaken(principal.workspaceId, input.name))
    throw new DbConflictError(`A component named ${input.name} already exists in this workspace`, ['name']);
  const { tokenVersion } = await assertComponentPassesChecks(deps, principal.workspaceId, input);
  try {
    return await deps.db.$transaction(async (tx) => {
      const repos = createRepositories(tx);
      const component = await repos.components.create({
        ...input,
        workspaceId: principal.workspaceId,
        origin: input.prompt ? 'spark' : 'manual',
        // A generator and plan belong to a generated component only.
        generator: input.prompt ? input.generator : null,
        plan: input.prompt ? input.plan : null,
        authorId: principal.userId,
        tokenVersion,
      });
      await repos.auditLogs.record(context, {
        action: 'component.created',
        actorUserId: principal.userId,
        workspaceId: principal.workspaceId,
        targetType: 'component',
        targetId: component.id,
        metadata: { name: component.name, version: component.latestVersion, tokenVersion },
      });
      await deps.bus.publish(
        createEvent(COMPONENT_CREATED, {
          data: {
            componentId: component.id,
            name: component.name,
            version: component.latestVersion,
            origin: component.origin,
            ...(component.category ? { category: component.category } : {}),
          },
          actor: eventActor(principal),
          correlationId: context.correlationId,
          workspaceId: principal.workspaceId,
        }),
        { tx },
      );
      return component;
    });
  } catch (error) {
    // The repository validates again; its ZodError is still the caller's mistake, not a 500.
    if (error instanceof z.ZodError) throw invalidBody(error, 'The component is invalid');
    throw error;
  }
}
