import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { TDbClient } from '@lumenforge/db/server';
import { validateTree } from './limits';
import { STARTER_DIR } from './paths';
import { projectFileRows } from './project-file.repository';

/** The starter project's files (React + TS + Tailwind 4, one component with a test and a story), keyed by path. */
export async function loadStarterFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile())
        files[relative(STARTER_DIR, full).split(sep).join('/')] = await readFile(full, 'utf8');
    }
  };
  await walk(STARTER_DIR);
  return files;
}

/** The demo project a new workspace gets in IGNIS: the starter, to open, edit and build. */
export const STARTER_PROJECT = {
  slug: 'starter',
  name: 'Starter',
  description:
    'React 19, TypeScript and Tailwind 4 with the workspace tokens: a Counter with a test and a story. Edit it to see hot reload.',
} as const;

/**
 * Gives a workspace that has no project yet the starter project (its files included), in one
 * transaction that locks the workspace row, so concurrent callers (two builders starting) create one.
 * Returns the new project's id, or null when the workspace is missing or already has projects
 * (a workspace whose owner deleted the starter does not get it back while it has others).
 */
export async function seedStarterProject(db: TDbClient, workspaceSlug: string): Promise<string | null> {
  const files = await loadStarterFiles();
  validateTree(files);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM workspaces WHERE slug = ${workspaceSlug} FOR UPDATE`;
    const workspaceId = rows[0]?.id;
    if (!workspaceId || (await tx.project.count({ where: { workspaceId } })) > 0) return null;
    const project = await tx.project.create({
      data: { workspaceId, ...STARTER_PROJECT },
      select: { id: true },
    });
    await tx.projectFile.createMany({ data: projectFileRows(project.id, files) });
    return project.id;
  });
}
