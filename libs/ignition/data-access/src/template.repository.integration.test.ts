import { createMemoryCache } from '@lumenforge/cache/server';
import { DbConflictError } from '@lumenforge/db';
import { createTestDatabase, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import type { TTemplate } from '@lumenforge/ignition-templates';
import { loadBuiltInTemplates } from '@lumenforge/ignition-templates/built-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplateInvalidError, TemplateRepository } from './template.repository';

const template = (version: string, readme = '# {{answers.name}}\n'): TTemplate => ({
  manifest: {
    id: 'tiny',
    name: 'Tiny',
    description: 'One README',
    version,
    tags: ['docs'],
    parameters: { type: 'object', properties: {} },
    files: [],
  },
  files: [{ path: 'README.md.tmpl', content: readme, encoding: 'utf8' }],
});

describe('TemplateRepository', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  const repository = () => new TemplateRepository(database.db, createMemoryCache({ max: 100 }));

  it('stores the built-in templates once per workspace, each read back as it was given', async () => {
    const workspace = await makeWorkspace(database.db);
    const builtIns = await loadBuiltInTemplates();
    const templates = repository();
    await templates.storeBuiltIns(workspace.id, builtIns);
    await templates.storeBuiltIns(workspace.id, builtIns); // the same content again: nothing new
    expect(
      await database.db.templateVersion.count({ where: { template: { workspaceId: workspace.id } } }),
    ).toBe(builtIns.length);
    const list = await templates.list(workspace.id);
    expect(list.map((row) => row.key).sort()).toEqual(builtIns.map((row) => row.manifest.id).sort());
    expect(list.every((row) => row.builtIn)).toBe(true);
    const first = builtIns[0];
    if (!first) throw new Error('no built-in templates');
    const stored = await templates.get(workspace.id, first.manifest.id);
    expect(stored?.template).toEqual(first);
    expect(await templates.get(workspace.id, 'no-such-template')).toBeNull();
    expect(await templates.get(workspace.id, first.manifest.id, '99.0.0')).toBeNull();
  });

  it('adds versions that are newer, refuses older or rewritten ones, and refreshes the cached list', async () => {
    const workspace = await makeWorkspace(database.db);
    const templates = repository();
    expect(await templates.list(workspace.id)).toEqual([]); // cached empty list
    expect((await templates.save(workspace.id, template('1.0.0'), { actorUserId: null })).outcome).toBe(
      'created',
    );
    expect((await templates.list(workspace.id)).map((row) => row.latestVersion)).toEqual(['1.0.0']);
    expect((await templates.save(workspace.id, template('1.0.0'), { actorUserId: null })).outcome).toBe(
      'unchanged',
    );
    await expect(
      templates.save(workspace.id, template('1.0.0', '# changed\n'), { actorUserId: null }),
    ).rejects.toThrow(/Version 1\.0\.0 of tiny already exists with other content/);
    await templates.save(workspace.id, template('1.1.0', '# {{answers.name}}!\n'), { actorUserId: null });
    await expect(
      templates.save(workspace.id, template('1.0.5'), { actorUserId: null }),
    ).rejects.toBeInstanceOf(DbConflictError);
    expect((await templates.list(workspace.id)).map((row) => row.latestVersion)).toEqual(['1.1.0']);
    // Every version stays readable: an update diffs the one a project came from against the newest.
    expect((await templates.get(workspace.id, 'tiny', '1.0.0'))?.template.files[0]?.content).toBe(
      '# {{answers.name}}\n',
    );
  });

  it('refuses a template that does not validate with every issue, storing nothing', async () => {
    const workspace = await makeWorkspace(database.db);
    const broken = template('one');
    broken.files = [
      { path: 'README.md.tmpl', content: '{{#if answers.name}}never closed', encoding: 'utf8' },
    ];
    const error = await repository()
      .save(workspace.id, broken, { actorUserId: null })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateInvalidError);
    expect((error as TemplateInvalidError).issues.map((issue) => issue.path)).toContain('manifest.version');
    expect(await database.db.template.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});
