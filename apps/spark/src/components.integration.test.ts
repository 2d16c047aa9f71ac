import { randomUUID } from 'node:crypto';
import { permissionsFor, type TPrincipal, type TRole } from '@lumenforge/auth';
import { DbConflictError, type TAuditContext, type TAuditLog } from '@lumenforge/db';
import { createTestDatabase, makeMembership, type TTestDatabase } from '@lumenforge/db/testing';
import { createRuntime, InvalidRequestError, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveNewComponent, ZNewComponentSchema } from './components';

const SOURCE = 'export function Badge() {\n  return <span />;\n}\n';

function requestContext(): TAuditContext & { heard: TAuditLog[] } {
  const heard: TAuditLog[] = [];
  return {
    ip: '203.0.113.33',
    userAgent: 'spark-test',
    correlationId: randomUUID(),
    onAudited: (entry) => heard.push(entry),
    heard,
  };
}

describe('saveNewComponent (real PostgreSQL)', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let principal: TPrincipal;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'spark',
      env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 4 },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const role: TRole = 'engineer';
    const { user, workspace } = await makeMembership(testDb.db, { role });
    principal = {
      kind: 'session',
      userId: user.id,
      email: user.email,
      name: user.name,
      role,
      workspaceId: workspace.id,
      permissions: permissionsFor(role),
      sessionId: null,
      tokenId: null,
      mfa: true,
      authTime: new Date(),
    };
  });
  afterAll(async () => {
    await runtime?.close();
    await testDb?.drop();
  });

  const outboxOf = (correlationId: string) =>
    testDb.db.outboxEvent.findMany({ where: { correlationId, subject: 'wissil.component.created' } });
  const auditOf = (correlationId: string) => testDb.db.auditLog.findMany({ where: { correlationId } });

  it('saves version 1 in the principal’s workspace with one audit row and one component.created event', async () => {
    const context = requestContext();
    const input = ZNewComponentSchema.parse({
      name: `Badge${randomUUID().slice(0, 6)}`,
      source: SOURCE,
      category: 'Display',
    });
    const component = await saveNewComponent(runtime, principal, input, context);
    expect(component).toMatchObject({
      name: input.name,
      workspaceId: principal.workspaceId,
      origin: 'manual',
      latestVersion: 1,
      category: 'Display',
    });
    const rows = await auditOf(context.correlationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'component.created',
      result: 'success',
      actorUserId: principal.userId,
      targetType: 'component',
      targetId: component.id,
      ip: '203.0.113.33',
      userAgent: 'spark-test',
    });
    expect(context.heard.map((entry) => entry.id)).toEqual([rows[0]?.id]);
    const events = await outboxOf(context.correlationId);
    expect(events).toHaveLength(1);
    expect((events[0]?.envelope as { data: unknown }).data).toMatchObject({
      componentId: component.id,
      name: input.name,
      version: 1,
      origin: 'manual',
      category: 'Display',
    });
  });

  it('refuses a name the workspace already has, in any case: 409, and no row, no event', async () => {
    const name = `Card${randomUUID().slice(0, 6)}`;
    await saveNewComponent(
      runtime,
      principal,
      ZNewComponentSchema.parse({ name, source: SOURCE }),
      requestContext(),
    );
    const context = requestContext();
    await expect(
      saveNewComponent(
        runtime,
        principal,
        ZNewComponentSchema.parse({ name: name.toUpperCase(), source: SOURCE }),
        context,
      ),
    ).rejects.toBeInstanceOf(DbConflictError);
    expect(await auditOf(context.correlationId)).toHaveLength(0);
    expect(await outboxOf(context.correlationId)).toHaveLength(0);
  });

  it('turns the repository’s own validation into a 400 naming the field', async () => {
    const context = requestContext();
    const error = await saveNewComponent(
      runtime,
      principal,
      { ...ZNewComponentSchema.parse({ name: 'Fine', source: SOURCE }), source: '' },
      context,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues).toEqual([expect.objectContaining({ path: 'source' })]);
    expect(await auditOf(context.correlationId)).toHaveLength(0);
  });
});
