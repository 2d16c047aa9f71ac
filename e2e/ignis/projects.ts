import { createHash, randomBytes } from 'node:crypto';
import type { TDbClient } from '@lumenforge/db/server';
import { DEMO_WORKSPACE } from '@lumenforge/db/seed';
import { homeDatabaseUrl } from '@lumenforge/platform/database-url';
import { E2E_HOME } from '../shared/sign-in';
import { loadStarterFiles } from './starter-files';

/** The e2e platform's embedded PostgreSQL. */
const PG_PORT = 54329;

/** The e2e platform's database URL (IGNITION creates projects; IGNIS has no UI for that yet). */
export function e2eDatabaseUrl(): string {
  const url = homeDatabaseUrl(E2E_HOME, PG_PORT);
  if (!url) throw new Error(`No embedded PostgreSQL password in ${E2E_HOME}: is the e2e platform running?`);
  return url;
}

/** A project of the demo workspace with the starter's files (plus `extra`) stored as its tree. */
export async function createStarterProject(
  db: TDbClient,
  options: { name: string; description: string; extra?: Record<string, string> },
): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug } });
  const suffix = randomBytes(4).toString('hex');
  const project = await db.project.create({
    data: {
      workspaceId: workspace.id,
      name: `${options.name} ${suffix}`,
      slug: `e2e-${suffix}`,
      description: options.description,
    },
  });
  // Stored as IGNIS stores a tree (PostgreSQL is the source of truth; the file API is tested by editor.spec).
  const files = { ...(await loadStarterFiles()), ...options.extra };
  await db.projectFile.createMany({
    data: Object.entries(files).map(([path, content]) => ({
      projectId: project.id,
      path,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      sizeBytes: Buffer.byteLength(content),
    })),
  });
  return project.id;
}
