import {
  createTestDatabase,
  makeBuild,
  makeComponent,
  makeDeployment,
  makeProject,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_LOADERS } from './server/system-cards-service';
import { describeLifecycle } from './system-cards';

const formatDate = (iso: string) => iso.slice(0, 10);
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 12, minutes));

describe('system cards: lifecycle loaders on the real tables', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('are honestly empty for a workspace with no work yet', async () => {
    const workspace = await makeWorkspace(database.db);
    const context = { db: database.db, workspaceId: workspace.id };
    for (const system of ['spark', 'ignis', 'ignition', 'waypoint'] as const)
      expect(await LIFECYCLE_LOADERS[system](context)).toEqual({ kind: 'empty' });
  });

  it('read components, the newest build, projects and the latest deployment per environment', async () => {
    const workspace = await makeWorkspace(database.db);
    const other = await makeWorkspace(database.db);
    const context = { db: database.db, workspaceId: workspace.id };
    await makeComponent(database.db, { workspace, name: 'Navbar' });
    const generated = await makeComponent(database.db, {
      workspace,
      name: 'PricingCard',
      origin: 'spark',
      prompt: 'A pricing card with three tiers',
    });
    await makeComponent(database.db, { workspace: other, name: 'Elsewhere', origin: 'spark', prompt: 'x' });
    const project = await makeProject(database.db, { workspace, name: 'Acme Web', createdAt: at(1) });
    await makeProject(database.db, { workspace, name: 'Older', createdAt: at(0) });
    await makeBuild(database.db, {
      workspace,
      target: { projectId: project.id },
      status: 'succeeded',
      durationMs: 1_840,
      bundleBytes: 248_331,
      createdAt: at(2),
    });
    await makeDeployment(database.db, {
      workspace,
      project,
      environment: 'staging',
      version: '1.4.2',
      createdAt: at(3),
    });
    await makeDeployment(database.db, {
      workspace,
      project,
      environment: 'staging',
      version: '1.4.3',
      status: 'in_progress',
      createdAt: at(4),
    });

    const spark = await LIFECYCLE_LOADERS.spark(context);
    expect(spark).toEqual({
      kind: 'components',
      count: 2,
      lastGeneration: { name: 'PricingCard', at: generated.latest.createdAt.toISOString() },
    });
    const ignis = await LIFECYCLE_LOADERS.ignis(context);
    expect(ignis).toEqual({
      kind: 'build',
      status: 'succeeded',
      target: 'Acme Web',
      durationMs: 1_840,
      bundleBytes: 248_331,
      at: at(2).toISOString(),
    });
    const ignition = await LIFECYCLE_LOADERS.ignition(context);
    expect(ignition).toEqual({
      kind: 'projects',
      count: 2,
      lastProject: { name: 'Acme Web', createdAt: at(1).toISOString() },
    });
    const waypoint = await LIFECYCLE_LOADERS.waypoint(context);
    expect(waypoint).toEqual({
      kind: 'deployments',
      environments: [
        { environment: 'staging', status: 'in progress', version: 'Acme Web 1.4.3', at: at(4).toISOString() },
      ],
    });

    // What the cards then say.
    const options = { formatDate, systemUrl: 'http://127.0.0.1:3003' };
    expect(describeLifecycle('spark', spark, options)).toMatchObject({
      kind: 'facts',
      facts: [
        { label: 'Components', value: '2' },
        {
          label: 'Last generated',
          value: `PricingCard · ${formatDate(generated.latest.createdAt.toISOString())}`,
        },
      ],
    });
    expect(describeLifecycle('ignis', ignis, options)).toMatchObject({
      facts: [
        { label: 'Last build', value: 'Acme Web · succeeded', tone: 'success' },
        { label: 'Took' },
        { label: 'Bundle' },
      ],
    });
    expect(describeLifecycle('waypoint', waypoint, options)).toMatchObject({
      facts: [{ label: 'staging', value: 'Acme Web 1.4.3 · in progress · 2026-11-24' }],
    });
  });
});
