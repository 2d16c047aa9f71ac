import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@lumenforge/cache';
import { createRepositories } from '@lumenforge/db/server';
import { createBuiltInGenerator, routePrompt } from '@lumenforge/spark-generator';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSparkApi, type TSparkApiHarness } from './spark-api.test-harness';

/** A component that passes every check, exported under `name`, with `label` in its markup. */
const sourceFor = (name: string, label = 'label') =>
  `export function ${name}({ ${label} }: { ${label}: string }) {\n  return <span className="rounded-md bg-accent px-2 text-sm text-accent-fg">{${label}}</span>;\n}\n`;

const PLAN = { name: 'Tag', kind: 'badge', summary: 'A tag' };

describe('SPARK versions API over real HTTP (PostgreSQL outbox in the same transaction)', () => {
  let api: TSparkApiHarness;
  let engineer: { cookie: string; userId: string; workspaceId: string };
  let designer: { cookie: string };
  let outsider: { cookie: string };

  beforeAll(async () => {
    api = await startSparkApi({
      spark: { generator: createBuiltInGenerator(), route: routePrompt },
      generationsPerMinute: 100,
    });
    engineer = await api.member('engineer');
    designer = await api.member('designer', engineer.workspaceId);
    outsider = await api.member('engineer');
  });
  afterAll(async () => {
    await api?.close();
  });

  const correlationOf = (response: Response) => response.headers.get('x-correlation-id') ?? '';

  async function createComponent(name: string, extra: Record<string, unknown> = {}) {
    const response = await api.call(engineer.cookie, 'POST', '/api/components', {
      name,
      source: sourceFor(name),
      ...extra,
    });
    expect(response.status).toBe(201);
    return (
      (await response.json()) as {
        component: { id: string; origin: string; latest: Record<string, unknown> };
      }
    ).component;
  }

  it('saves a generated component as spark with its prompt, generator, plan and the token version it was checked against', async () => {
    const name = `Tag${randomUUID().slice(0, 6)}`;
    const component = await createComponent(name, {
      prompt: 'a small tag',
      generator: 'built-in',
      plan: { ...PLAN, name },
    });
    expect(component.origin).toBe('spark');
    expect(component.latest).toMatchObject({
      number: 1,
      prompt: 'a small tag',
      generator: 'built-in',
      tokenVersion: 'default',
      plan: { name, kind: 'badge' },
    });
    const manual = await createComponent(`Hand${randomUUID().slice(0, 6)}`, { generator: 'built-in' });
    expect(manual.origin).toBe('manual');
    expect(manual.latest).toMatchObject({
      prompt: null,
      generator: null,
      plan: null,
      tokenVersion: 'default',
    });
  });

  it('adds a version with its audit row and wissil.component.updated in one transaction; lists and reads versions', async () => {
    const name = `Chip${randomUUID().slice(0, 6)}`;
    const { id } = await createComponent(name);
    await api.runtime.cache.set(cacheKeys.component(id), { latestVersion: 1 });
    const response = await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions`, {
      baseVersion: 1,
      source: sourceFor(name, 'text'),
      prompt: 'rename the prop to text',
      generator: 'built-in',
    });
    expect(response.status).toBe(201);
    const saved = (await response.json()) as {
      version: Record<string, unknown>;
      component: { latestVersion: number };
    };
    expect(saved.version).toMatchObject({
      number: 2,
      tokenVersion: 'default',
      prompt: 'rename the prop to text',
    });
    expect(saved.component.latestVersion).toBe(2);
    // The hot copy of v1 is gone with the write, not only when the event reaches the consumers.
    expect(await api.runtime.cache.get(cacheKeys.component(id))).toBeUndefined();
    const correlationId = correlationOf(response);
    expect(await api.eventsOf(correlationId)).toEqual([
      {
        subject: 'wissil.component.updated',
        data: { componentId: id, name, version: 2, previousVersion: 1, changedFields: ['source'] },
      },
    ]);
    expect(await api.auditOf(correlationId)).toEqual([
      { action: 'component.version_created', result: 'success' },
    ]);

    const list = await api.call(engineer.cookie, 'GET', `/api/components/${id}/versions`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { latestVersion: number; versions: { number: number }[] };
    expect(body.latestVersion).toBe(2);
    expect(body.versions.map((version) => version.number)).toEqual([2, 1]);
    const first = await api.call(designer.cookie, 'GET', `/api/components/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { version: { source: string } }).version.source).toBe(sourceFor(name));
    expect((await api.call(engineer.cookie, 'GET', `/api/components/${id}/versions/9`)).status).toBe(404);
    const malformed = await api.call(engineer.cookie, 'GET', `/api/components/${id}/versions/abc`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/path parameter: n/);
  });

  it('lets exactly one of two concurrent saves from the same base through: the other is 409 and writes nothing', async () => {
    const name = `Race${randomUUID().slice(0, 6)}`;
    const { id } = await createComponent(name);
    const answers = await Promise.all(
      ['first', 'second'].map((label) =>
        api.call(engineer.cookie, 'POST', `/api/components/${id}/versions`, {
          baseVersion: 1,
          source: sourceFor(name, label),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refused = answers.find((answer) => answer.status === 409);
    expect(((await refused?.json()) as { message: string }).message).toMatch(/no longer the latest/);
    expect(await api.eventsOf(refused ? correlationOf(refused) : 'none')).toEqual([]);
    expect(await api.testDb.db.componentVersion.count({ where: { componentId: id } })).toBe(2);
    // A stale base later is refused the same way.
    const stale = await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions`, {
      baseVersion: 1,
      source: sourceFor(name, 'third'),
    });
    expect(stale.status).toBe(409);
  });

  it('refuses code that fails the checks (422), another workspace’s component (404) and a designer (403), writing no event', async () => {
    const name = `Guard${randomUUID().slice(0, 6)}`;
    const { id } = await createComponent(name);
    const broken = await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions`, {
      baseVersion: 1,
      source: `export function ${name}( {\n  return null;\n}\n`,
    });
    expect(broken.status).toBe(422);
    const refusal = (await broken.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(refusal.error).toBe('component_check_failed');
    expect(refusal.issues[0]).toEqual({
      path: 'source',
      message: expect.stringMatching(new RegExp(`^${name}\\.tsx:\\d+:\\d+ `)),
    });
    const foreign = await api.call(outsider.cookie, 'POST', `/api/components/${id}/versions`, {
      baseVersion: 1,
      source: sourceFor(name, 'x'),
    });
    expect(foreign.status).toBe(404);
    const denied = await api.call(designer.cookie, 'POST', `/api/components/${id}/publish`, {});
    expect(denied.status).toBe(403);
    for (const response of [broken, foreign, denied])
      expect(await api.eventsOf(correlationOf(response))).toEqual([]);
    expect(await api.testDb.db.componentVersion.count({ where: { componentId: id } })).toBe(1);
    expect((await api.call(outsider.cookie, 'GET', `/api/components/${id}/versions`)).status).toBe(404);
  });

  it('restores an old version as a new one (.updated) and publishes a version (.published), each with its audit row', async () => {
    const name = `Pill${randomUUID().slice(0, 6)}`;
    const { id } = await createComponent(name);
    await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions`, {
      baseVersion: 1,
      source: sourceFor(name, 'caption'),
    });
    const restore = await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions/1/restore`, {
      baseVersion: 2,
    });
    expect(restore.status).toBe(201);
    const restored = (await restore.json()) as { version: { number: number; source: string } };
    expect(restored.version).toMatchObject({ number: 3, source: sourceFor(name) });
    expect(await api.eventsOf(correlationOf(restore))).toEqual([
      {
        subject: 'wissil.component.updated',
        data: { componentId: id, name, version: 3, previousVersion: 2, changedFields: ['source'] },
      },
    ]);
    expect(await api.auditOf(correlationOf(restore))).toEqual([
      { action: 'component.restored', result: 'success' },
    ]);
    // Restoring from a base that moved on is the same 409 as an edit.
    expect(
      (
        await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions/2/restore`, {
          baseVersion: 2,
        })
      ).status,
    ).toBe(409);
    expect((await api.call(engineer.cookie, 'POST', `/api/components/${id}/versions/7/restore`)).status).toBe(
      404,
    );

    const publish = await api.call(engineer.cookie, 'POST', `/api/components/${id}/publish`, { version: 2 });
    expect(publish.status).toBe(200);
    expect(((await publish.json()) as { component: Record<string, unknown> }).component).toMatchObject({
      status: 'published',
      publishedVersion: 2,
      latestVersion: 3,
    });
    expect(await api.eventsOf(correlationOf(publish))).toEqual([
      { subject: 'wissil.component.published', data: { componentId: id, name, version: 2 } },
    ]);
    expect(await api.auditOf(correlationOf(publish))).toEqual([
      { action: 'component.published', result: 'success' },
    ]);
    const latest = await api.call(engineer.cookie, 'POST', `/api/components/${id}/publish`);
    expect(((await latest.json()) as { component: Record<string, unknown> }).component).toMatchObject({
      publishedVersion: 3,
    });
    const missing = await api.call(engineer.cookie, 'POST', `/api/components/${id}/publish`, { version: 12 });
    expect(missing.status).toBe(404);
    expect(await api.eventsOf(correlationOf(missing))).toEqual([]);
  });

  it('records the published SLATE token version once the workspace has one', async () => {
    const repos = createRepositories(api.testDb.db);
    const set = await repos.tokenSets.create({
      workspaceId: engineer.workspaceId,
      name: 'Luminera',
      draft: {},
    });
    await repos.tokenSets.appendVersion({
      tokenSetId: set.id,
      number: 1,
      semver: '1.4.0',
      changelog: 'First publish',
      authorId: null,
      content: loadDefaultTokenSet() as unknown as Record<string, unknown>,
      diff: { changes: [] },
      bump: 'minor',
      isBreaking: false,
    });
    const name = `Mark${randomUUID().slice(0, 6)}`;
    const component = await createComponent(name);
    expect(component.latest).toMatchObject({ tokenVersion: '1.4.0' });
    const next = await api.call(engineer.cookie, 'POST', `/api/components/${component.id}/versions`, {
      baseVersion: 1,
      source: sourceFor(name, 'note'),
    });
    expect(((await next.json()) as { version: Record<string, unknown> }).version).toMatchObject({
      tokenVersion: '1.4.0',
    });
    const stored = await api.testDb.db.componentVersion.findMany({
      where: { componentId: component.id },
      select: { number: true, tokenVersion: true },
      orderBy: { number: 'asc' },
    });
    expect(stored).toEqual([
      { number: 1, tokenVersion: '1.4.0' },
      { number: 2, tokenVersion: '1.4.0' },
    ]);
  });
});
