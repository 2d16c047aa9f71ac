import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import {
  DbNotFoundError,
  type TAuditContext,
  type TComponentDetail,
  type TComponentVersion,
  ZCreateComponentSchema,
} from '@lumenforge/db';
import { cacheKeys } from '@lumenforge/cache';
import { createRepositories } from '@lumenforge/db/server';
import { COMPONENT_PUBLISHED, COMPONENT_UPDATED, createEvent } from '@lumenforge/events';
import { invalidBody, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { assertComponentPassesChecks, eventActor, VERSION_FIELDS } from './components';

type TDeps = Pick<TPlatformRuntime, 'db' | 'bus' | 'logger' | 'cache'>;

/** The component's hot copy is stale after a write: dropped at once (the event drops it in other apps). */
const dropHotCopy = (deps: TDeps, componentId: string) => deps.cache.delete(cacheKeys.component(componentId));

const ZBaseVersionSchema = z
  .int('The latest version you started from, a whole number')
  .positive('The latest version you started from, from 1');

/**
 * `POST /api/components/:id/versions`: a new version from an edit in the editor or a follow-up
 * prompt. `baseVersion` is the latest version the change was made on (409 when another was saved
 * meanwhile).
 */
export const ZNewVersionSchema = z.object({
  baseVersion: ZBaseVersionSchema,
  source: ZCreateComponentSchema.shape.source,
  ...VERSION_FIELDS,
});
export type TNewVersion = z.output<typeof ZNewVersionSchema>;

/** `POST /api/components/:id/versions/:n/restore`: optionally the latest version the person saw. */
export const ZRestoreVersionSchema = z.object({ baseVersion: ZBaseVersionSchema.optional() });

/** `POST /api/components/:id/publish`: the version to publish (default: the latest). */
export const ZPublishSchema = z.object({
  version: z.int('A version number').positive('A version number from 1').optional(),
});

/** The files of a version that differ from `before` (the event's `changedFields`). */
function changedFields(
  before: TComponentVersion,
  after: Pick<TComponentVersion, 'source' | 'tests' | 'stories'>,
) {
  return (['source', 'tests', 'stories'] as const).filter(
    (field) => (before[field] ?? '') !== (after[field] ?? ''),
  );
}

async function requireComponent(deps: TDeps, workspaceId: string, id: string): Promise<TComponentDetail> {
  const component = await createRepositories(deps.db).components.findById(workspaceId, id);
  if (!component) throw new DbNotFoundError('No component with this id in your workspace');
  return component;
}

/**
 * Writes version `baseVersion + 1` with its audit row and `wissil.component.updated` in one
 * transaction (all or nothing). The checks ran before; a concurrent save from the same base makes
 * this one a `DbConflictError` (409) with nothing written.
 */
async function writeVersion(
  deps: TDeps,
  principal: TPrincipal,
  context: TAuditContext,
  component: TComponentDetail,
  input: TNewVersion & { tokenVersion: string },
  audit: { action: string; metadata: Record<string, unknown> },
): Promise<{ component: TComponentDetail; version: TComponentVersion }> {
  const previous = component.latest;
  try {
    const written = await deps.db.$transaction(async (tx) => {
      const repos = createRepositories(tx);
      const saved = await repos.components.addVersion({
        workspaceId: principal.workspaceId,
        componentId: component.id,
        baseVersion: input.baseVersion,
        source: input.source,
        tests: input.tests,
        stories: input.stories,
        prompt: input.prompt,
        generator: input.prompt ? input.generator : null,
        plan: input.prompt ? input.plan : null,
        tokenVersion: input.tokenVersion,
        authorId: principal.userId,
      });
      await repos.auditLogs.record(context, {
        action: audit.action,
        actorUserId: principal.userId,
        workspaceId: principal.workspaceId,
        targetType: 'component',
        targetId: component.id,
        metadata: {
          name: component.name,
          version: saved.version.number,
          tokenVersion: input.tokenVersion,
          ...audit.metadata,
        },
      });
      await deps.bus.publish(
        createEvent(COMPONENT_UPDATED, {
          data: {
            componentId: component.id,
            name: component.name,
            version: saved.version.number,
            previousVersion: input.baseVersion,
            changedFields:
              previous.number === input.baseVersion ? changedFields(previous, input) : ['source'],
          },
          actor: eventActor(principal),
          correlationId: context.correlationId,
          workspaceId: principal.workspaceId,
        }),
        { tx },
      );
      return saved;
    });
    await dropHotCopy(deps, component.id);
    return written;
  } catch (error) {
    if (error instanceof z.ZodError) throw invalidBody(error, 'The version is invalid');
    throw error;
  }
}

/**
 * Saves a new version of a component of the principal's workspace (an edit in the editor, or a
 * follow-up prompt's result): checked like every save (422 `component_check_failed`), 404 for an
 * unknown or another workspace's component, 409 when `baseVersion` is no longer the latest.
 */
export async function saveComponentVersion(
  deps: TDeps,
  principal: TPrincipal,
  componentId: string,
  input: TNewVersion,
  context: TAuditContext,
): Promise<{ component: TComponentDetail; version: TComponentVersion }> {
  const component = await requireComponent(deps, principal.workspaceId, componentId);
  const { tokenVersion } = await assertComponentPassesChecks(deps, principal.workspaceId, {
    name: component.name,
    ...input,
  });
  return writeVersion(
    deps,
    principal,
    context,
    component,
    { ...input, tokenVersion },
    {
      action: 'component.version_created',
      metadata: { via: input.prompt ? 'follow-up prompt' : 'edit' },
    },
  );
}

/**
 * Restores version `number`: a new version with its files (versions never change), checked
 * against today's tokens first, with `wissil.component.updated`. 404 for an unknown version.
 */
export async function restoreComponentVersion(
  deps: TDeps,
  principal: TPrincipal,
  componentId: string,
  number: number,
  input: z.output<typeof ZRestoreVersionSchema>,
  context: TAuditContext,
): Promise<{ component: TComponentDetail; version: TComponentVersion }> {
  const component = await requireComponent(deps, principal.workspaceId, componentId);
  const restored = await createRepositories(deps.db).components.findVersion(
    principal.workspaceId,
    componentId,
    number,
  );
  if (!restored) throw new DbNotFoundError(`${component.name} has no version ${number}`);
  const files = { source: restored.source, tests: restored.tests, stories: restored.stories };
  const { tokenVersion } = await assertComponentPassesChecks(deps, principal.workspaceId, {
    name: component.name,
    ...files,
  });
  return writeVersion(
    deps,
    principal,
    context,
    component,
    {
      ...files,
      baseVersion: input.baseVersion ?? component.latestVersion,
      prompt: null,
      generator: null,
      plan: null,
      tokenVersion,
    },
    { action: 'component.restored', metadata: { restoredFrom: number } },
  );
}

/**
 * Publishes version `version` (default: the latest) so IGNITION templates and IGNIS projects can
 * import it: it must still pass the checks against today's tokens (422 otherwise). The status, the
 * audit row and `wissil.component.published` commit together.
 */
export async function publishComponent(
  deps: TDeps,
  principal: TPrincipal,
  componentId: string,
  input: z.output<typeof ZPublishSchema>,
  context: TAuditContext,
): Promise<TComponentDetail> {
  const component = await requireComponent(deps, principal.workspaceId, componentId);
  const number = input.version ?? component.latestVersion;
  const version = await createRepositories(deps.db).components.findVersion(
    principal.workspaceId,
    componentId,
    number,
  );
  if (!version) throw new DbNotFoundError(`${component.name} has no version ${number}`);
  const { tokenVersion } = await assertComponentPassesChecks(deps, principal.workspaceId, {
    name: component.name,
    source: version.source,
    tests: version.tests,
    stories: version.stories,
  });
  const published = await deps.db.$transaction(async (tx) => {
    const repos = createRepositories(tx);
    const updated = await repos.components.publish(principal.workspaceId, componentId, number);
    await repos.auditLogs.record(context, {
      action: 'component.published',
      actorUserId: principal.userId,
      workspaceId: principal.workspaceId,
      targetType: 'component',
      targetId: componentId,
      metadata: { name: component.name, version: number, tokenVersion },
    });
    await deps.bus.publish(
      createEvent(COMPONENT_PUBLISHED, {
        data: { componentId, name: component.name, version: number },
        actor: eventActor(principal),
        correlationId: context.correlationId,
        workspaceId: principal.workspaceId,
      }),
      { tx },
    );
    return updated;
  });
  await dropHotCopy(deps, componentId);
  return published;
}
