import { randomUUID } from 'node:crypto';
import { createRepositories } from '@lumenforge/db/server';
import {
  createTestDatabase,
  makeMembership,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute, readJsonBody } from './api-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

const ZBody = z.object({
  slug: z.string().min(3),
  then: z.enum(['commit', 'roll_back', 'fail_after_commit']),
});

/**
 * One audit row per mutating call: the action's own row, written in the transaction of its change,
 * or, when none was committed, the row apiRoute writes for the refusal or failure.
 */
describe('apiRoute writes exactly one audit row per mutating call', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let adminCookie = '';
  let designerCookie = '';
  let route: (request: Request, context: undefined) => Promise<Response>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'landing',
      env: {
        DATABASE_URL: testDb.url,
        DATABASE_POOL_MAX: 4,
        NATS_STREAM_REPLICAS: 1,
        RATE_LIMIT_WRITES_PER_MINUTE: 1000,
      },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const workspace = await makeWorkspace(testDb.db);
    const cookieFor = async (role: 'admin' | 'designer') => {
      const { user } = await makeMembership(testDb.db, { role, workspace });
      const { token } = await runtime.auth.sessions.create({
        userId: user.id,
        workspaceId: workspace.id,
        authTime: new Date(),
        mfa: true,
        ip: null,
        userAgent: null,
      });
      return `lf_session=${token}`;
    };
    adminCookie = await cookieFor('admin');
    designerCookie = await cookieFor('designer');
    route = apiRoute<undefined>(
      () => runtime,
      { endpoint: 'workspaces.create', permission: 'system.config' },
      async (request, context) => {
        context.auditTarget('workspace', 'new');
        const body = await readJsonBody(request, ZBody);
        const workspace = await runtime.db.$transaction(async (tx) => {
          const repos = createRepositories(tx);
          const created = await repos.workspaces.create({ name: body.slug, slug: body.slug });
          await repos.auditLogs.record(context, {
            action: 'workspace.created',
            actorUserId: context.principal.userId,
            targetType: 'workspace',
            targetId: created.id,
          });
          if (body.then === 'roll_back') throw new Error('the outbox insert failed');
          return created;
        });
        if (body.then === 'fail_after_commit') throw new Error('the cache could not be cleared');
        return Response.json(workspace, { status: 201 });
      },
    );
  });
  afterAll(async () => {
    await runtime?.close();
    await testDb?.drop();
  });

  const post = async (body: unknown, cookie = adminCookie) => {
    const correlationId = `one-row-${randomUUID()}`;
    const response = await route(
      new Request('http://localhost:3000/api/workspaces', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost:3000',
          cookie,
          'user-agent': 'one-row-test/1.0',
          'x-correlation-id': correlationId,
        },
        body: JSON.stringify(body),
      }),
      undefined,
    );
    const rows = await testDb.db.auditLog.findMany({ where: { correlationId } });
    return { status: response.status, rows };
  };

  it('a committed change: only its own row, written in its transaction', async () => {
    const slug = `ok-${randomUUID().slice(0, 8)}`;
    const { status, rows } = await post({ slug, then: 'commit' });
    expect(status).toBe(201);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'workspace.created',
      result: 'success',
      userAgent: 'one-row-test/1.0',
    });
  });

  it('a change rolled back after its row was written: no success row, one failure row, no change', async () => {
    const slug = `rb-${randomUUID().slice(0, 8)}`;
    const { status, rows } = await post({ slug, then: 'roll_back' });
    expect(status).toBe(500);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'api.workspaces.create',
      result: 'failure',
      targetType: 'workspace',
      metadata: expect.objectContaining({ status: 500, reason: 'Error (logged)' }),
    });
    expect(await testDb.db.workspace.count({ where: { slug } })).toBe(0);
  });

  it('a failure after the change committed: the change’s row stands and no second row is written', async () => {
    const slug = `fa-${randomUUID().slice(0, 8)}`;
    const { status, rows } = await post({ slug, then: 'fail_after_commit' });
    expect(status).toBe(500);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'workspace.created', result: 'success' });
    expect(await testDb.db.workspace.count({ where: { slug } })).toBe(1);
  });

  it('a refusal (403) and bad input (400): one row each, with the reason', async () => {
    const refused = await post({ slug: 'never', then: 'commit' }, designerCookie);
    expect(refused.status).toBe(403);
    expect(refused.rows).toHaveLength(1);
    expect(refused.rows[0]).toMatchObject({ action: 'api.workspaces.create', result: 'denied' });
    expect(refused.rows[0]?.metadata).toMatchObject({
      status: 403,
      reason: expect.stringContaining('system.config'),
    });

    const invalid = await post({ slug: 'x', then: 'commit' });
    expect(invalid.status).toBe(400);
    expect(invalid.rows).toHaveLength(1);
    expect(invalid.rows[0]).toMatchObject({
      result: 'failure',
      metadata: expect.objectContaining({
        status: 400,
        reason: expect.stringMatching(/^The request body is invalid \(slug: /),
      }),
    });
  });
});
