import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import { type TAuditContext, type TComponentDetail, ZCreateComponentSchema } from '@lumenforge/db';
import { createRepositories } from '@lumenforge/db/server';
import { COMPONENT_CREATED, createEvent } from '@lumenforge/events';
import {
  invalidBody,
  readPublishedTokenSet,
  type TPlatformRuntime,
  UnprocessableError,
} from '@lumenforge/runtime/server';
import {
  checkComponent,
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

/**
 * `POST /api/components`: what a person saving a component by hand sends. The workspace, origin
 * and author come from the request's principal, never from the body; a prompt belongs to generation.
 */
export const ZNewComponentSchema = ZCreateComponentSchema.omit({
  workspaceId: true,
  origin: true,
  prompt: true,
  authorId: true,
}).extend({
  category: z.preprocess(blankToNull, ZCreateComponentSchema.shape.category),
  tests: z.preprocess(blankToNull, ZCreateComponentSchema.shape.tests),
  stories: z.preprocess(blankToNull, ZCreateComponentSchema.shape.stories),
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

/**
 * The guard on every save: the code parses, type-checks, exports the component it is saved as, and
 * styles only with the workspace's live tokens (SLATE's latest published set; the default set
 * before the first publish). Throws `UnprocessableError` (422 `component_check_failed`) with every
 * problem as `file:line:column message`, under the field it is in. Runs before any transaction:
 * type-checking takes a few hundred milliseconds and holds no row.
 */
export async function assertComponentPassesChecks(
  runtime: Pick<TPlatformRuntime, 'db' | 'logger'>,
  workspaceId: string,
  sources: TComponentSources,
): Promise<void> {
  const published = await readPublishedTokenSet(runtime, workspaceId);
  const vocabulary = tokenVocabulary(
    published?.set ?? loadDefaultTokenSet(),
    published?.version.semver ?? null,
  );
  const check = checkComponent(sources, vocabulary);
  if (check.ok) return;
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

/**
 * Saves a component written by hand (origin `manual`, version 1) in the principal's workspace and,
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
  await assertComponentPassesChecks(deps, principal.workspaceId, input);
  try {
    return await deps.db.$transaction(async (tx) => {
      const repos = createRepositories(tx);
      const component = await repos.components.create({
        ...input,
        workspaceId: principal.workspaceId,
        origin: 'manual',
        prompt: null,
        authorId: principal.userId,
      });
      await repos.auditLogs.record(context, {
        action: 'component.created',
        actorUserId: principal.userId,
        workspaceId: principal.workspaceId,
        targetType: 'component',
        targetId: component.id,
        metadata: { name: component.name, version: component.latestVersion },
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
          actor: {
            type: principal.role === 'agent' ? 'agent' : 'user',
            id: principal.userId,
            ...(principal.name ? { name: principal.name } : {}),
          },
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
