import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import { type TAuditContext, type TComponentDetail, ZCreateComponentSchema } from '@lumenforge/db';
import { createRepositories } from '@lumenforge/db/server';
import { COMPONENT_CREATED, createEvent } from '@lumenforge/events';
import { invalidBody, type TPlatformRuntime } from '@lumenforge/runtime/server';
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
 * Saves a component written by hand (origin `manual`, version 1) in the principal's workspace and,
 * in the same transaction, writes its `component.created` audit row and publishes
 * `wissil.component.created`: the row and the event exist exactly when the component does. Throws
 * `InvalidRequestError` (400) for a bad field and `DbConflictError` (409) when the workspace
 * already has a component of that name, whatever its case.
 */
export async function saveNewComponent(
  deps: Pick<TPlatformRuntime, 'db' | 'bus'>,
  principal: TPrincipal,
  input: TNewComponent,
  context: TAuditContext,
): Promise<TComponentDetail> {
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
