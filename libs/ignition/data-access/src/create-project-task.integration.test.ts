import { randomUUID } from 'node:crypto';
import type { TDbTransaction } from '@lumenforge/db/server';
import { DbConflictError } from '@lumenforge/db';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import type { TEventBus } from '@lumenforge/event-bus';
import { createPostgresEventBus } from '@lumenforge/event-bus/server';
import {
  startFakeGitHubServer,
  startGitHttpServer,
  type GitHttpServer,
} from '@lumenforge/ignition-git/testing';
import { renderProject } from '@lumenforge/ignition-templates';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCreateProjectTask, type TCreateTaskDeps } from './create-project-task';
import { checkGitTarget } from './git-target-check';
import { cloneFiles, ignitionWorkspace, runOptions, TINY_TEMPLATE, tinyWizard } from './ignition-test-kit';
import { IgnitionTaskRepository } from './ignition-task.repository';
import { registerProject } from './project-registration';
import type { TemplateRepository } from './template.repository';

const TOKEN = 'test-git-token-7f3a';

describe('IGNITION project creation (real PostgreSQL, git http-backend, fake GitHub)', () => {
  let database: TTestDatabase;
  let bus: TEventBus<TDbTransaction>;
  let git: GitHttpServer;
  let slowGit: GitHttpServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = createPostgresEventBus({ db: database.db, databaseUrl: database.url, retention: false });
    git = await startGitHttpServer({ token: TOKEN });
    slowGit = await startGitHttpServer({ token: TOKEN, pushDelayMs: 30_000 });
  });
  afterAll(async () => {
    await git?.close();
    await slowGit?.close();
    await bus?.close();
    await database?.drop();
  });

  const depsFor = (templates: TemplateRepository): TCreateTaskDeps => ({
    db: database.db,
    bus,
    templates,
    heartbeatMs: 100,
  });
  const counts = async (workspaceId: string) => ({
    projects: await database.db.project.count({ where: { workspaceId } }),
    files: await database.db.projectFile.count({ where: { project: { workspaceId } } }),
    events: await database.db.outboxEvent.count({
      where: { subject: 'wissil.project.created', workspaceId },
    }),
    audits: await database.db.auditLog.count({ where: { action: 'project.created', workspaceId } }),
  });

  it('registers a project, its files, the audit row and wissil.project.created in one transaction; a taken name writes nothing', async () => {
    const { user, workspace, templates } = await ignitionWorkspace(database.db);
    const stored = await templates.get(workspace.id, 'tiny');
    if (!stored) throw new Error('tiny template not stored');
    const wizard = tinyWizard('@acme/shop-web');
    const { files } = renderProject(TINY_TEMPLATE, wizard.answers, {
      tokens: { set: loadDefaultTokenSet(), version: null, semver: null },
    });
    const context = { ip: '203.0.113.1', userAgent: 'test', correlationId: randomUUID() };
    const input = {
      workspaceId: workspace.id,
      actor: { userId: user.id, name: user.name, type: 'user' as const },
      wizard,
      template: { id: stored.summary.id, version: stored.version },
      files,
      repositoryUrl: null,
    };
    const project = await registerProject({ db: database.db, bus }, input, context);
    expect(project).toMatchObject({ slug: 'acme-shop-web', name: '@acme/shop-web', fileCount: files.length });

    const row = await database.db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(row).toMatchObject({
      templateId: stored.summary.id,
      templateVersion: '1.0.0',
      repositoryUrl: null,
    });
    expect((row.answers as { answers: { greeting: string } }).answers.greeting).toBe('hi');
    const readme = await database.db.projectFile.findUniqueOrThrow({
      where: { projectId_path: { projectId: project.id, path: 'README.md' } },
    });
    expect(readme.content).toBe('# Shop Web\n\nMade by a test\n');
    expect(readme.sizeBytes).toBe(Buffer.byteLength(readme.content));
    expect(readme.sha256).toMatch(/^[0-9a-f]{64}$/);

    const [event] = await database.db.outboxEvent.findMany({
      where: { correlationId: context.correlationId },
    });
    expect(event?.subject).toBe('wissil.project.created');
    expect((event?.envelope as { data: unknown }).data).toEqual({
      projectId: project.id,
      name: '@acme/shop-web',
      slug: 'acme-shop-web',
      templateId: stored.summary.id,
      repositoryUrl: null,
      tokenSetId: null,
      initialEnvironment: 'dev',
    });
    expect(
      await database.db.auditLog.findMany({
        where: { correlationId: context.correlationId },
        select: { action: true },
      }),
    ).toEqual([{ action: 'project.created' }]);

    const before = await counts(workspace.id);
    await expect(
      registerProject(
        { db: database.db, bus },
        { ...input, wizard: tinyWizard('acme-shop-web') },
        {
          ...context,
          correlationId: randomUUID(),
        },
      ),
    ).rejects.toBeInstanceOf(DbConflictError);
    expect(await counts(workspace.id)).toEqual(before);
  });

  it('creates, registers and pushes to a Git remote; the clone has exactly the rendered files', async () => {
    const { user, workspace, templates } = await ignitionWorkspace(database.db);
    const url = await git.createRepository('pushed.git');
    const tasks = new IgnitionTaskRepository(database.db);
    const wizard = tinyWizard('pushed-app', { kind: 'remote', url, branch: 'main' });
    const task = await tasks.create({ workspaceId: workspace.id, createdById: user.id, wizard });
    expect(task.steps.map((step) => `${step.id}:${step.status}`)).toEqual([
      'render:pending',
      'repository:skipped',
      'register:pending',
      'push:pending',
    ]);

    const done = await runCreateProjectTask(
      depsFor(templates),
      task.id,
      runOptions(user, { credentials: { gitToken: TOKEN } }),
    );
    expect(done?.status).toBe('succeeded');
    expect(done?.progress).toBe(1);
    expect(done?.projectSlug).toBe('pushed-app');
    const stored = await database.db.projectFile.findMany({ where: { projectId: done?.projectId ?? '' } });
    const cloned = await cloneFiles(url, TOKEN);
    expect(cloned).toEqual(Object.fromEntries(stored.map((file) => [file.path, file.content])));
    expect(cloned['src/main.js']).toBe('console.log("hi");\n');
    const project = await database.db.project.findUniqueOrThrow({ where: { id: done?.projectId ?? '' } });
    expect(project.repositoryUrl).toBe(url);
    // The wizard's Git check now refuses this target: its branch has commits.
    await expect(
      checkGitTarget({ kind: 'remote', url, branch: 'main' }, { gitToken: TOKEN }),
    ).rejects.toMatchObject({ code: 'branch-not-empty', status: 409 });

    const log = await tasks.logAfter(task.id, null);
    expect(log.some((line) => line.step === 'push' && /Pushed [0-9a-f]{12}/.test(line.line))).toBe(true);
    expect(log.map((line) => line.line).join('\n')).not.toContain(TOKEN);
    const tail = await tasks.logAfter(task.id, log[1]?.id ?? null);
    expect(tail).toEqual(log.slice(2));
  });

  it('a refused push leaves the project registered and the task failed at push; a retry after the fix succeeds', async () => {
    const { user, workspace, templates } = await ignitionWorkspace(database.db);
    const url = await git.createRepository('guarded.git');
    await git.refusePushes('guarded.git', 'pushes are frozen today');
    const tasks = new IgnitionTaskRepository(database.db);
    const task = await tasks.create({
      workspaceId: workspace.id,
      createdById: user.id,
      wizard: tinyWizard('guarded-app', { kind: 'remote', url, branch: 'main' }),
    });
    const failed = await runCreateProjectTask(
      depsFor(templates),
      task.id,
      runOptions(user, { credentials: { gitToken: TOKEN } }),
    );
    expect(failed?.status).toBe('failed');
    expect(failed?.steps.map((step) => step.status)).toEqual(['succeeded', 'skipped', 'succeeded', 'failed']);
    expect(failed?.error).toMatch(/^Push the initial commit failed: /);
    expect(failed?.projectSlug).toBe('guarded-app');
    expect(await counts(workspace.id)).toMatchObject({ projects: 1, events: 1, audits: 1 });

    // Retrying a running or finished task is refused; a failed one is queued again.
    await git.refusePushes('guarded.git', null);
    const queued = await tasks.requeue(workspace.id, task.id);
    expect(queued?.steps.map((step) => step.status)).toEqual([
      'succeeded',
      'skipped',
      'succeeded',
      'pending',
    ]);
    expect(await tasks.requeue(workspace.id, task.id)).toBeNull();
    const retried = await runCreateProjectTask(
      depsFor(templates),
      task.id,
      runOptions(user, { credentials: { gitToken: TOKEN } }),
    );
    expect(retried?.status).toBe('succeeded');
    expect(await counts(workspace.id)).toMatchObject({ projects: 1, events: 1, audits: 1 });
    expect(Object.keys(await cloneFiles(url, TOKEN))).toContain('README.md');
  });

  it('a bad GitHub token fails at repository with nothing registered', async () => {
    const github = await startFakeGitHubServer({ users: [{ login: 'octo', token: 'ghp_good' }] });
    try {
      const { user, workspace, templates } = await ignitionWorkspace(database.db);
      const tasks = new IgnitionTaskRepository(database.db);
      const task = await tasks.create({
        workspaceId: workspace.id,
        createdById: user.id,
        wizard: tinyWizard('gh-app', {
          kind: 'github',
          owner: 'octo',
          repository: 'gh-app',
          private: true,
          baseUrl: github.baseUrl,
          branch: 'main',
        }),
      });
      const done = await runCreateProjectTask(
        depsFor(templates),
        task.id,
        runOptions(user, { credentials: { gitToken: 'ghp_bad' } }),
      );
      expect(done?.status).toBe('failed');
      expect(done?.steps.map((step) => step.status)).toEqual(['succeeded', 'failed', 'pending', 'pending']);
      expect(done?.steps[1]?.error).toMatch(/token|credentials/i);
      expect(done?.projectId).toBeNull();
      expect(await counts(workspace.id)).toEqual({ projects: 0, files: 0, events: 0, audits: 0 });
      expect(github.repositories.size).toBe(0);
    } finally {
      await github.close();
    }
  });

  it('a cancel written by any replica stops a running push (git is killed) and the task ends cancelled', async () => {
    const { user, workspace, templates } = await ignitionWorkspace(database.db);
    const url = await slowGit.createRepository('slow.git');
    const tasks = new IgnitionTaskRepository(database.db);
    const task = await tasks.create({
      workspaceId: workspace.id,
      createdById: user.id,
      wizard: tinyWizard('slow-app', { kind: 'remote', url, branch: 'main' }),
    });
    const started = Date.now();
    const running = runCreateProjectTask(
      depsFor(templates),
      task.id,
      runOptions(user, { credentials: { gitToken: TOKEN } }),
    );
    await expect
      .poll(async () => (await tasks.get(workspace.id, task.id))?.steps[3]?.status, { timeout: 20_000 })
      .toBe('running');
    expect((await tasks.cancel(workspace.id, task.id))?.status).toBe('cancelled');
    const done = await running;
    expect(Date.now() - started).toBeLessThan(25_000); // the push was held 30 s: it was killed
    expect(done?.status).toBe('cancelled');
    expect(done?.steps[3]?.status).toBe('cancelled');
    expect(await tasks.cancel(workspace.id, task.id)).toBeNull(); // already finished
  });

  it('an orphaned running task (its row unchanged for 2 minutes) is failed, so it can be retried', async () => {
    const { user, workspace } = await ignitionWorkspace(database.db);
    const tasks = new IgnitionTaskRepository(database.db);
    const task = await tasks.create({
      workspaceId: workspace.id,
      createdById: user.id,
      wizard: tinyWizard('lost-app'),
    });
    await database.db
      .$executeRaw`UPDATE ignition_tasks SET status = 'running', updated_at = now() - interval '3 minutes' WHERE id = ${task.id}::uuid`;
    const fresh = await tasks.create({
      workspaceId: workspace.id,
      createdById: user.id,
      wizard: tinyWizard('fresh-app'),
    });
    expect(await tasks.failOrphaned()).toBeGreaterThanOrEqual(1);
    expect((await tasks.get(workspace.id, task.id))?.status).toBe('failed');
    expect((await tasks.get(workspace.id, fresh.id))?.status).toBe('queued');
    expect((await tasks.requeue(workspace.id, task.id))?.status).toBe('queued');
  });
});
