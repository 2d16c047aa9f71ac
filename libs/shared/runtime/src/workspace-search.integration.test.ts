import { randomUUID } from 'node:crypto';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  makeComponent,
  makeDeployment,
  makeProject,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type TPlatformRuntime } from './runtime';
import { matchTokenPaths, searchRoute, type TSearchResponse } from './workspace-search';

describe('GET /api/search (searchRoute) over a real database and HTTP server', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let server: TFetchServer;
  const cookies = {} as Record<'admin' | 'designer' | 'outsider', string>;
  let componentId = '';

  const member = async (workspaceId: string, role: 'admin' | 'designer') => {
    const repos = createRepositories(testDb.db);
    const user = await repos.users.create({
      email: `${role}-${randomUUID().slice(0, 8)}@example.test`,
      name: role,
    });
    await repos.memberships.setRole({ userId: user.id, workspaceId, role });
    const { token } = await runtime.auth.sessions.create({
      userId: user.id,
      workspaceId,
      authTime: new Date(),
      mfa: false,
      ip: null,
      userAgent: null,
    });
    return `lf_session=${token}`;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'spark',
      env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 4, NATS_STREAM_REPLICAS: 1 },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const repos = createRepositories(testDb.db);
    const { workspace } = await repos.workspaces.ensureBySlug({ slug: 'search-ws', name: 'Search' });
    const { workspace: other } = await repos.workspaces.ensureBySlug({ slug: 'other-ws', name: 'Other' });
    cookies.admin = await member(workspace.id, 'admin');
    cookies.designer = await member(workspace.id, 'designer');
    cookies.outsider = await member(other.id, 'admin');

    componentId = (
      await makeComponent(testDb.db, { workspace, name: 'PricingCard', description: 'Plans and prices' })
    ).id;
    await makeComponent(testDb.db, { workspace: other, name: 'PricingTable' });
    const project = await makeProject(testDb.db, { workspace, name: 'Pricing Site', slug: 'pricing-site' });
    await makeDeployment(testDb.db, { workspace, project, environment: 'staging', version: '2.0.0' });
    const set = await repos.tokenSets.create({ workspaceId: workspace.id, name: 'Luminera', draft: {} });
    await repos.tokenSets.appendVersion({
      tokenSetId: set.id,
      number: 1,
      semver: '1.0.0',
      changelog: 'First',
      authorId: null,
      content: loadDefaultTokenSet() as unknown as Record<string, unknown>,
      diff: { changes: [] },
      bump: 'major',
      isBreaking: false,
    });
    const route = searchRoute(() => runtime);
    server = await startFetchServer((request) => route(request, undefined));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await testDb?.drop();
  });

  const search = async (query: string, cookie: string | null) => {
    const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent(query)}`, {
      headers: cookie ? { cookie } : {},
    });
    return {
      status: response.status,
      body: (await response.json()) as TSearchResponse & { message?: string },
    };
  };

  it('finds components, projects and deployments of the workspace, linking into their apps', async () => {
    const { status, body } = await search('pricing', cookies.admin);
    expect(status).toBe(200);
    expect(body.query).toBe('pricing');
    expect(body.results.map((hit) => [hit.kind, hit.title])).toEqual([
      ['component', 'PricingCard'],
      ['project', 'Pricing Site'],
      ['deployment', 'Pricing Site 2.0.0'],
    ]);
    expect(body.results[0]).toEqual({
      kind: 'component',
      id: componentId,
      title: 'PricingCard',
      subtitle: 'Plans and prices',
      url: `${runtime.systemUrls.spark}/components/${componentId}`,
    });
    expect(body.results[2]?.subtitle).toMatch(/^staging · succeeded · \d{4}-\d{2}-\d{2}$/);
  });

  it('finds token paths of the published set by path words and by value', async () => {
    const { body } = await search('fg muted', cookies.admin);
    expect(body.results[0]).toMatchObject({
      kind: 'token',
      title: 'color.fg-muted',
      url: `${runtime.systemUrls.slate}/?q=color.fg-muted`,
    });
    expect(body.results[0]?.subtitle).toMatch(/^color · /);
  });

  it('only searches what the role may read: a designer sees no projects or deployments', async () => {
    const { body } = await search('pricing', cookies.designer);
    expect(body.results.map((hit) => hit.kind)).toEqual(['component']);
  });

  it('never shows another workspace', async () => {
    const { body } = await search('pricing', cookies.outsider);
    expect(body.results.map((hit) => hit.title)).toEqual(['PricingTable']);
  });

  it('answers an empty query with no results, refuses a long one (400) and the signed-out (401)', async () => {
    expect((await search('   ', cookies.admin)).body).toEqual({ query: '', results: [] });
    const long = await search('x'.repeat(201), cookies.admin);
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/q \(at most 200 characters\)/);
    expect((await search('pricing', null)).status).toBe(401);
  });
});

describe('matchTokenPaths', () => {
  const index = [
    { path: 'color.fg.default', type: 'color', value: '#111827' },
    { path: 'color.fg.muted', type: 'color', value: '#4b5563' },
    { path: 'color.bg.muted', type: 'color', value: '#f9fafb' },
    { path: 'space.4', type: 'dimension', value: '1rem' },
  ];
  it('ranks exact, prefix, anywhere, every word, then value matches', () => {
    expect(matchTokenPaths(index, 'color.fg.muted', 5).map((entry) => entry.path)).toEqual([
      'color.fg.muted',
    ]);
    expect(matchTokenPaths(index, 'color.fg', 5).map((entry) => entry.path)).toEqual([
      'color.fg.default',
      'color.fg.muted',
    ]);
    expect(matchTokenPaths(index, 'muted', 5).map((entry) => entry.path)).toEqual([
      'color.fg.muted',
      'color.bg.muted',
    ]);
    expect(matchTokenPaths(index, 'bg muted', 5).map((entry) => entry.path)).toEqual(['color.bg.muted']);
    expect(matchTokenPaths(index, '#F9FAFB', 5).map((entry) => entry.path)).toEqual(['color.bg.muted']);
    expect(matchTokenPaths(index, 'muted', 1)).toHaveLength(1);
    expect(matchTokenPaths(index, '  ', 5)).toEqual([]);
  });
});
