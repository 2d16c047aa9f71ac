import { randomUUID } from 'node:crypto';
import { permissionsFor, type TPrincipal, type TRole } from '@lumenforge/auth';
import { DbConflictError, type TAuditContext, type TAuditLog } from '@lumenforge/db';
import { createTestDatabase, makeMembership, type TTestDatabase } from '@lumenforge/db/testing';
import {
  createRuntime,
  InvalidRequestError,
  type TPlatformRuntime,
  UnprocessableError,
} from '@lumenforge/runtime/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveNewComponent, ZNewComponentSchema } from './components';

/** A component that passes every check, exported under `name`. */
const sourceFor = (name: string) =>
  `export function ${name}({ label }: { label: string }) {\n  return <span className="rounded-md bg-accent px-2 text-sm text-accent-fg">{label}</span>;\n}\n`;

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
    const name = `Badge${randomUUID().slice(0, 6)}`;
    const input = ZNewComponentSchema.parse({ name, source: sourceFor(name), category: 'Display' });
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
      ZNewComponentSchema.parse({ name, source: sourceFor(name) }),
      requestContext(),
    );
    const context = requestContext();
    await expect(
      saveNewComponent(
        runtime,
        principal,
        ZNewComponentSchema.parse({ name: name.toUpperCase(), source: sourceFor(name.toUpperCase()) }),
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
      {
        ...ZNewComponentSchema.parse({ name: 'Fine', source: sourceFor('Fine') }),
        category: 'x'.repeat(101),
      },
      context,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues).toEqual([expect.objectContaining({ path: 'category' })]);
    expect(await auditOf(context.correlationId)).toHaveLength(0);
  });

  it.each([
    [
      'code that does not parse',
      'Broken',
      'export function Broken( {\n  return null;\n}\n',
      /^Broken\.tsx:\d+:\d+ /,
    ],
    [
      'an export that is not the component',
      'Pricing',
      sourceFor('Price'),
      /named Pricing but the file exports Price/,
    ],
    [
      'a type error',
      'Counter',
      'export function Counter() {\n  const n: number = "1";\n  return <b>{n}</b>;\n}\n',
      /^Counter\.tsx:2:9 Type 'string' is not assignable to type 'number'/,
    ],
    [
      'a hard-coded colour',
      'Alert',
      'export function Alert() {\n  return <p className="bg-red-500" />;\n}\n',
      /^Alert\.tsx:2:\d+ `bg-red-500` is not a SLATE colour token/,
    ],
  ])(
    'refuses %s with 422, the compiler’s file:line:column under the field, and stores nothing',
    async (_, name, source, message) => {
      const context = requestContext();
      const error = await saveNewComponent(
        runtime,
        principal,
        ZNewComponentSchema.parse({ name, source }),
        context,
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnprocessableError);
      expect(error).toMatchObject({ code: 'component_check_failed' });
      expect((error as UnprocessableError).issues[0]).toEqual({
        path: 'source',
        message: expect.stringMatching(message),
      });
      expect(await auditOf(context.correlationId)).toHaveLength(0);
      expect(await outboxOf(context.correlationId)).toHaveLength(0);
      expect(await testDb.db.component.count({ where: { workspaceId: principal.workspaceId, name } })).toBe(
        0,
      );
    },
  );

  it('names the field of a problem in the tests or the stories', async () => {
    const error = await saveNewComponent(
      runtime,
      principal,
      ZNewComponentSchema.parse({
        name: 'Tagged',
        source: sourceFor('Tagged'),
        tests: "it('renders', () => {\n  expect(1).toBe(1;\n});\n",
      }),
      requestContext(),
    ).catch((caught: unknown) => caught);
    expect((error as UnprocessableError).issues).toEqual([
      { path: 'tests', message: expect.stringMatching(/^Tagged\.test\.tsx:2:\d+ /) },
    ]);
  });
});
