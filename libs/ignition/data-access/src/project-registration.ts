import { createHash } from 'node:crypto';
import { DbConflictError, type TAuditContext } from '@lumenforge/db';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus } from '@lumenforge/event-bus';
import { createEvent, PROJECT_CREATED } from '@lumenforge/events';
import type { TRenderedFile, TWizard } from '@lumenforge/ignition-templates';

/** Who a registration is for: the event's actor and the audit row's. */
export type TProjectActor = { userId: string | null; name?: string | null; type: 'user' | 'agent' };

export type TRegisterProjectInput = {
  workspaceId: string;
  actor: TProjectActor;
  wizard: TWizard;
  /** The stored template's row id and the version rendered. */
  template: { id: string; version: string };
  files: readonly TRenderedFile[];
  /** The Git remote the project is pushed to; null for `git: none`. */
  repositoryUrl: string | null;
};

export type TRegisteredProject = { id: string; slug: string; name: string; fileCount: number };

/**
 * The project's URL slug: its npm name in lower-case words (`@acme/shop-ui` → `acme-shop-ui`), as
 * `wissil.project.created` and the project page (`/projects/{slug}`) require.
 */
export function projectSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100)
      .replace(/-+$/, '') || 'project'
  );
}

/** Whether a slug is taken in the workspace. */
export async function isProjectSlugTaken(db: TDbClient, workspaceId: string, slug: string): Promise<boolean> {
  return (await db.project.count({ where: { workspaceId, slug } })) > 0;
}

const sha256Hex = (content: string) => createHash('sha256').update(content, 'utf8').digest('hex');

/**
 * The `project_files` rows of a rendered project: text files as IGNIS keeps them (sha256 hex of the
 * UTF-8 content, its byte size). Binary files (base64) live in Git only: IGNIS's tree is text.
 */
export function projectFileRows(
  projectId: string,
  files: readonly TRenderedFile[],
  updatedById: string | null,
) {
  return files
    .filter((file) => file.encoding === 'utf8')
    .map((file) => ({
      projectId,
      path: file.path,
      content: file.content,
      sha256: sha256Hex(file.content),
      sizeBytes: Buffer.byteLength(file.content, 'utf8'),
      updatedById,
    }));
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

/**
 * Registers a generated project in ONE transaction: the project row (template, template version,
 * token version, answers), its text files in `project_files`, the `project.created` audit row and
 * `wissil.project.created` through the outbox. A taken slug is a `DbConflictError` (409) and
 * nothing is written.
 */
export async function registerProject(
  deps: { db: TDbClient; bus: Pick<TEventBus<TDbTransaction>, 'publish'> },
  input: TRegisterProjectInput,
  context: TAuditContext,
): Promise<TRegisteredProject> {
  const { wizard, workspaceId, actor } = input;
  const name = wizard.answers.name;
  const slug = projectSlug(name);
  const taken = () =>
    new DbConflictError(`A project named ${name} (${slug}) already exists in this workspace`, [
      'answers.name',
    ]);
  if (await isProjectSlugTaken(deps.db, workspaceId, slug)) throw taken();
  try {
    return await deps.db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: {
          workspaceId,
          name,
          slug,
          description: wizard.answers.description ?? '',
          repositoryUrl: input.repositoryUrl,
          templateId: input.template.id,
          templateVersion: input.template.version,
          tokenVersion: wizard.tokens.version,
          answers: wizard as object,
          createdById: actor.userId,
        },
      });
      const rows = projectFileRows(project.id, input.files, actor.userId);
      await tx.projectFile.createMany({ data: rows });
      await createRepositories(tx).auditLogs.record(context, {
        action: 'project.created',
        actorUserId: actor.userId,
        workspaceId,
        targetType: 'project',
        targetId: project.id,
        metadata: {
          name,
          slug,
          template: `${wizard.template.key}@${input.template.version}`,
          tokenVersion: wizard.tokens.version,
          git: wizard.git.kind,
          files: rows.length,
        },
      });
      await deps.bus.publish(
        createEvent(PROJECT_CREATED, {
          data: {
            projectId: project.id,
            name,
            slug,
            templateId: input.template.id,
            repositoryUrl: input.repositoryUrl,
            tokenSetId: wizard.tokens.tokenSetId,
            initialEnvironment: wizard.environment,
          },
          actor: actor.userId
            ? { type: actor.type, id: actor.userId, ...(actor.name ? { name: actor.name } : {}) }
            : { type: 'system', id: 'ignition' },
          correlationId: context.correlationId,
          workspaceId,
        }),
        { tx },
      );
      return { id: project.id, slug, name, fileCount: rows.length };
    });
  } catch (error) {
    // Another registration took the slug between the check and the insert.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
