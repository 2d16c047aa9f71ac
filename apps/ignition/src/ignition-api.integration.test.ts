import {
  startFakeNpmRegistry,
  TINY_TEMPLATE,
  tinyWizard,
  type TFakeNpmRegistry,
} from '@lumenforge/ignition-data-access/testing';
import { IgnitionTaskRepository } from '@lumenforge/ignition-data-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIgnitionApi, type TIgnitionApiHarness } from './ignition-api.test-harness';

type TTaskBody = {
  task: {
    id: string;
    status: string;
    projectSlug: string | null;
    progress: number;
    steps: { id: string; status: string }[];
  };
};

describe('IGNITION API over real HTTP (PostgreSQL, a local npm registry)', () => {
  let api: TIgnitionApiHarness;
  let npm: TFakeNpmRegistry;
  let engineer: { cookie: string; workspaceId: string };
  let admin: { cookie: string };
  let designer: { cookie: string };

  beforeAll(async () => {
    npm = await startFakeNpmRegistry();
    api = await startIgnitionApi({ npmRegistryUrl: npm.baseUrl, builtIns: [TINY_TEMPLATE] });
    engineer = await api.member('engineer');
    admin = await api.member('admin', engineer.workspaceId);
    designer = await api.member('designer', engineer.workspaceId);
  });
  afterAll(async () => {
    await api?.close();
    await npm?.close();
  });

  const json = async <T = Record<string, unknown>>(response: Response) => ({
    status: response.status,
    body: (await response.json()) as T,
  });

  const waitForTask = async (taskId: string) => {
    let body: TTaskBody | undefined;
    await expect
      .poll(
        async () => {
          body = (await json<TTaskBody>(await api.call(engineer.cookie, 'GET', `/api/tasks/${taskId}`))).body;
          return body.task.status;
        },
        { timeout: 15_000 },
      )
      .toMatch(/succeeded|failed|cancelled/);
    return body as TTaskBody;
  };

  it('lists the templates (built-ins stored on first use), reads one; a designer is refused', async () => {
    const list = await json<{ templates: { key: string; builtIn: boolean }[] }>(
      await api.call(engineer.cookie, 'GET', '/api/templates'),
    );
    expect(list.status).toBe(200);
    expect(list.body.templates).toEqual([expect.objectContaining({ key: 'tiny', builtIn: true })]);
    const one = await json<{ template: Record<string, unknown> }>(
      await api.call(engineer.cookie, 'GET', '/api/templates/tiny'),
    );
    expect(one.body.template).toMatchObject({
      key: 'tiny',
      version: '1.0.0',
      parametersSchema: TINY_TEMPLATE.manifest.parameters,
      defaults: expect.objectContaining({ greeting: 'hello' }),
      files: TINY_TEMPLATE.files.map((file) => ({ path: file.path })),
    });
    expect((await api.call(engineer.cookie, 'GET', '/api/templates/nope')).status).toBe(404);
    expect((await api.call(designer.cookie, 'GET', '/api/templates')).status).toBe(403);
  });

  it('POST /api/templates: admins only; 422 with issues, 201 created, 200 unchanged, 409 older', async () => {
    const v11 = { manifest: { ...TINY_TEMPLATE.manifest, version: '1.1.0' }, files: TINY_TEMPLATE.files };
    expect((await api.call(engineer.cookie, 'POST', '/api/templates', v11)).status).toBe(403);
    const invalid = await json<{ error: string; issues: { path: string }[] }>(
      await api.call(admin.cookie, 'POST', '/api/templates', {
        manifest: { ...v11.manifest, version: 'one' },
        files: v11.files,
      }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toBe('template_invalid');
    expect(invalid.body.issues.map((issue) => issue.path)).toContain('manifest.version');
    const created = await json<{ outcome: string }>(
      await api.call(admin.cookie, 'POST', '/api/templates', v11),
    );
    expect(created).toEqual({ status: 201, body: expect.objectContaining({ outcome: 'created' }) });
    const same = await json<{ outcome: string }>(await api.call(admin.cookie, 'POST', '/api/templates', v11));
    expect(same).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'unchanged' }) });
    const older = { manifest: { ...TINY_TEMPLATE.manifest, version: '1.0.5' }, files: TINY_TEMPLATE.files };
    expect((await api.call(admin.cookie, 'POST', '/api/templates', older)).status).toBe(409);
  });

  it('checks names and dependencies: 400 for a bad package name, 503 while the registry is down', async () => {
    const bad = await json<{ available: boolean; problems: string[] }>(
      await api.call(engineer.cookie, 'GET', '/api/projects/name-check?name=Bad%20Name'),
    );
    expect(bad.body.available).toBe(false);
    expect(bad.body.problems.length).toBeGreaterThan(0);
    expect(
      (await json(await api.call(engineer.cookie, 'GET', '/api/projects/name-check?name=%40acme%2Ffree')))
        .body,
    ).toEqual({ name: '@acme/free', available: true, problems: [] });
    expect((await api.call(engineer.cookie, 'GET', '/api/projects/name-check')).status).toBe(400);

    expect(
      (
        await json(
          await api.call(engineer.cookie, 'GET', '/api/dependencies/check?name=left-pad&version=%5E1.2.0'),
        )
      ).body,
    ).toEqual({ name: 'left-pad', exists: true, version: '1.3.0', license: 'MIT', licenseAllowed: true });
    const missing = await json<{ exists: boolean }>(
      await api.call(engineer.cookie, 'GET', '/api/dependencies/check?name=not-published-anywhere'),
    );
    expect(missing).toMatchObject({ status: 200, body: { exists: false } });
    expect(
      (await api.call(engineer.cookie, 'GET', '/api/dependencies/check?name=Not%20A%20Name')).status,
    ).toBe(400);
    npm.setDown(true);
    try {
      const down = await json<{ error: string; message: string }>(
        await api.call(engineer.cookie, 'GET', '/api/dependencies/check?name=old-style'),
      );
      expect(down.status).toBe(503);
      expect(down.body).toEqual({
        error: 'npm_registry_unavailable',
        message: expect.stringMatching(/npm registry is unavailable/),
      });
    } finally {
      npm.setDown(false);
    }
  });

  it('previews a partial wizard in memory (defaults filled, issues by step) and writes nothing', async () => {
    const preview = await json<{
      files: { path: string; size: number }[];
      file: { path: string; content: string } | null;
      issues: { path: string; step: string }[];
    }>(
      await api.call(engineer.cookie, 'POST', '/api/projects/preview?path=src%2Fmain.js', {
        template: { key: 'tiny', version: '1.0.0' },
        answers: { name: 'preview-app', greeting: 'yo' },
      }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body.files.map((file) => file.path)).toEqual([
      '.lumenforge/answers.json',
      'README.md',
      'package.json',
      'src/main.js',
    ]);
    expect(preview.body.file).toEqual({
      path: 'src/main.js',
      content: 'console.log("yo");\n',
      encoding: 'utf8',
    });
    expect(preview.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'git', step: 'git' })]),
    );
    // An answer that does not fit falls back to the default; the tree still renders.
    const tooLong = await json<{ file: { content: string } }>(
      await api.call(engineer.cookie, 'POST', '/api/projects/preview?path=src%2Fmain.js', {
        template: { key: 'tiny', version: '1.0.0' },
        answers: { name: 'preview-app', greeting: 'x'.repeat(100) },
      }),
    );
    expect(tooLong.body.file.content).toBe('console.log("hello");\n');
    const unknown = await api.call(engineer.cookie, 'POST', '/api/projects/preview', {
      template: { key: 'nope', version: '1.0.0' },
    });
    expect(unknown.status).toBe(400);
    expect(await api.testDb.db.project.count()).toBe(0);
  });

  it('POST /api/git/check: no remote is fine; a plain-HTTP remote is 400', async () => {
    expect(
      (await json(await api.call(engineer.cookie, 'POST', '/api/git/check', { git: { kind: 'none' } }))).body,
    ).toMatchObject({ ok: true });
    const insecure = await json<{ issues: { path: string }[] }>(
      await api.call(engineer.cookie, 'POST', '/api/git/check', {
        git: { kind: 'remote', url: 'http://git.example.com/a.git', branch: 'main' },
      }),
    );
    expect(insecure.status).toBe(400);
    expect(insecure.body.issues[0]?.path).toBe('git.url');
  });

  it('creates a project: 400 with issues by step, 202 and a task that succeeds, streamed; 409 for the taken name', async () => {
    const invalid = await json<{ issues: { path: string; step: string }[] }>(
      await api.call(engineer.cookie, 'POST', '/api/projects', {
        wizard: { ...tinyWizard('Bad Name'), environment: 'moon' },
        credentials: {},
      }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'answers.name', step: 'project' }),
        expect.objectContaining({ path: 'environment', step: 'deploy' }),
      ]),
    );
    const noToken = await api.call(engineer.cookie, 'POST', '/api/projects', {
      wizard: tinyWizard('needs-token', {
        kind: 'remote',
        url: 'https://git.example.com/a.git',
        branch: 'main',
      }),
    });
    expect(noToken.status).toBe(400);
    const badAnswer = await json<{ issues: { path: string; step: string }[] }>(
      await api.call(engineer.cookie, 'POST', '/api/projects', {
        wizard: {
          ...tinyWizard('long-greeting'),
          answers: { ...tinyWizard('x').answers, name: 'long-greeting', greeting: 'x'.repeat(80) },
        },
      }),
    );
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.issues[0]).toMatchObject({ path: 'answers.greeting', step: 'dependencies' });

    const accepted = await json<{ taskId: string }>(
      await api.call(engineer.cookie, 'POST', '/api/projects', {
        wizard: tinyWizard('@acme/api-made'),
        credentials: {},
      }),
    );
    expect(accepted.status).toBe(202);
    const done = await waitForTask(accepted.body.taskId);
    expect(done.task).toMatchObject({ status: 'succeeded', projectSlug: 'acme-api-made', progress: 1 });
    expect(done.task.steps.map((step) => `${step.id}:${step.status}`)).toEqual([
      'render:succeeded',
      'repository:skipped',
      'register:succeeded',
      'push:skipped',
    ]);

    const log = await json<{ lines: { id: string; step: string; line: string }[] }>(
      await api.call(engineer.cookie, 'GET', `/api/tasks/${accepted.body.taskId}/log`),
    );
    expect(
      log.body.lines.some(
        (line) => line.step === 'register' && line.line.includes('/projects/acme-api-made'),
      ),
    ).toBe(true);
    const after = await json<{ lines: unknown[] }>(
      await api.call(
        engineer.cookie,
        'GET',
        `/api/tasks/${accepted.body.taskId}/log?after=${log.body.lines[0]?.id}`,
      ),
    );
    expect(after.body.lines).toHaveLength(log.body.lines.length - 1);
    expect(
      (await api.call(engineer.cookie, 'GET', `/api/tasks/${accepted.body.taskId}/log?after=x`)).status,
    ).toBe(400);

    // The stream of a finished task: every log line, then its final state, then the end.
    const stream = await api.call(engineer.cookie, 'GET', `/api/tasks/${accepted.body.taskId}/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const text = await stream.text();
    expect(text.match(/^event: log$/gm)).toHaveLength(log.body.lines.length);
    expect(text).toMatch(/event: step\ndata: \{"id":"[^"]+".*"status":"succeeded"/);

    const project = await api.testDb.db.project.findFirstOrThrow({ where: { slug: 'acme-api-made' } });
    expect(project).toMatchObject({ templateVersion: '1.0.0', repositoryUrl: null });
    expect(await api.testDb.db.outboxEvent.count({ where: { subject: 'wissil.project.created' } })).toBe(1);

    const taken = await json<{ error: string }>(
      await api.call(engineer.cookie, 'POST', '/api/projects', { wizard: tinyWizard('acme-api-made') }),
    );
    expect(taken).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(
      (await api.call(engineer.cookie, 'GET', '/api/projects/name-check?name=acme-api-made')).status,
    ).toBe(200);
    const nameCheck = await json<{ available: boolean }>(
      await api.call(engineer.cookie, 'GET', '/api/projects/name-check?name=%40acme%2Fapi-made'),
    );
    expect(nameCheck.body.available).toBe(false);

    // A finished task cannot be cancelled or retried.
    expect(
      (await api.call(engineer.cookie, 'POST', `/api/tasks/${accepted.body.taskId}/cancel`)).status,
    ).toBe(409);
    expect(
      (
        await api.call(engineer.cookie, 'POST', `/api/tasks/${accepted.body.taskId}/retry`, {
          credentials: {},
        })
      ).status,
    ).toBe(409);
    expect(
      (await api.call(engineer.cookie, 'GET', '/api/tasks/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect(
      (await api.call(designer.cookie, 'POST', '/api/projects', { wizard: tinyWizard('designer-app') }))
        .status,
    ).toBe(403);
  });

  it('a push that fails leaves the project registered and the task failed; retry answers 202 and runs again', async () => {
    // Nothing listens on port 9: the push fails after registration, quickly.
    const wizard = tinyWizard('unpushed-app', {
      kind: 'remote',
      url: 'https://127.0.0.1:9/app.git',
      branch: 'main',
    });
    const accepted = await json<{ taskId: string }>(
      await api.call(engineer.cookie, 'POST', '/api/projects', {
        wizard,
        credentials: { gitToken: 'secret-1' },
      }),
    );
    expect(accepted.status).toBe(202);
    const failed = await waitForTask(accepted.body.taskId);
    expect(failed.task).toMatchObject({ status: 'failed', projectSlug: 'unpushed-app' });
    expect(failed.task.steps.map((step) => step.status)).toEqual([
      'succeeded',
      'skipped',
      'succeeded',
      'failed',
    ]);

    const retried = await json<TTaskBody>(
      await api.call(engineer.cookie, 'POST', `/api/tasks/${accepted.body.taskId}/retry`, {
        credentials: { gitToken: 'secret-2' },
      }),
    );
    expect(retried.status).toBe(202);
    expect(retried.body.task.steps.map((step) => step.status)).toEqual([
      'succeeded',
      'skipped',
      'succeeded',
      'pending',
    ]);
    const again = await waitForTask(accepted.body.taskId);
    expect(again.task.status).toBe('failed');
    expect(await api.testDb.db.project.count({ where: { slug: 'unpushed-app' } })).toBe(1);
    const log = await json<{ lines: { line: string }[] }>(
      await api.call(engineer.cookie, 'GET', `/api/tasks/${accepted.body.taskId}/log`),
    );
    expect(log.body.lines.filter((line) => line.line.startsWith('Registered'))).toHaveLength(1);
    expect(JSON.stringify(log.body)).not.toMatch(/secret-[12]/);
  });

  it('streams a running task: log lines and state changes as the runner writes them, ending when it finishes', async () => {
    const tasks = new IgnitionTaskRepository(api.testDb.db);
    const task = await tasks.create({
      workspaceId: engineer.workspaceId,
      createdById: null,
      wizard: tinyWizard('streamed-app'),
    });
    await tasks.transition(engineer.workspaceId, task.id, ['queued'], 'running');
    const response = await api.call(engineer.cookie, 'GET', `/api/tasks/${task.id}/events`);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream');
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: step\ndata: \{[^\n]*"status":"running"/);
    await tasks.appendLog(task.id, [
      { step: 'render', stream: 'system', line: 'first line' },
      { step: 'render', stream: 'stdout', line: 'second line' },
    ]);
    await readUntil(/"line":"second line"/);
    expect(text.match(/^event: log$/gm)).toHaveLength(2);
    await tasks.save(task.id, { status: 'succeeded', finishedAt: new Date() });
    await readUntil(/"status":"succeeded"/);
    expect((await reader.read()).done).toBe(true); // the stream ends once the task finished
  });
});
