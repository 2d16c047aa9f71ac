import { permissionsFor, type TPrincipal, type TRole } from '@lumenforge/auth';
import { SYSTEM_IDS, type TSystemId } from '@lumenforge/config';
import { sequenceOutbox } from '@lumenforge/db/server';
import {
  createTestDatabase,
  makeMembership,
  makeWorkspace,
  type TTestDatabase,
} from '@lumenforge/db/testing';
import { COMPONENT_CREATED, createEvent, USER_LOGIN } from '@lumenforge/events';
import { createRuntime, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityViewer, readActivity } from './activity-data';

const URLS = Object.fromEntries(SYSTEM_IDS.map((id) => [id, `http://${id}.test`])) as Record<
  TSystemId,
  string
>;

describe('readActivity (the outbox in real PostgreSQL)', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  const principals = {} as Record<'admin' | 'designer' | 'stranger', TPrincipal>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'landing',
      env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 4 },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const workspace = await makeWorkspace(testDb.db);
    const elsewhere = await makeWorkspace(testDb.db);
    const principalOf = async (role: TRole, inWorkspace = workspace): Promise<TPrincipal> => {
      const { user } = await makeMembership(testDb.db, { role, workspace: inWorkspace });
      return {
        kind: 'session',
        userId: user.id,
        email: user.email,
        name: user.name,
        role,
        workspaceId: inWorkspace.id,
        permissions: permissionsFor(role),
        sessionId: null,
        tokenId: null,
        mfa: true,
        authTime: new Date(),
      };
    };
    principals.admin = await principalOf('admin');
    principals.designer = await principalOf('designer');
    principals.stranger = await principalOf('admin', elsewhere);
    await runtime.bus.publish(
      createEvent(COMPONENT_CREATED, {
        data: { componentId: crypto.randomUUID(), name: 'Badge', version: 1, origin: 'manual' },
        actor: { type: 'user', id: principals.designer.userId },
        correlationId: 'activity-1',
        workspaceId: workspace.id,
      }),
    );
    await runtime.bus.publish(
      createEvent(USER_LOGIN, {
        data: { userId: principals.designer.userId, provider: 'http://issuer.test', isMfa: true },
        actor: { type: 'user', id: principals.designer.userId },
        correlationId: 'activity-2',
        workspaceId: null,
      }),
    );
    // The feed reads events in log order: give the committed rows their positions (the relay's job).
    await sequenceOutbox(testDb.db);
  });
  afterAll(async () => {
    await runtime?.close();
    await testDb?.drop();
  });

  const subjectsFor = async (principal: TPrincipal) =>
    (await readActivity(principal, { limit: 20 }, { db: testDb.db, urls: URLS })).items.map(
      (item) => item.subject,
    );

  it('shows an admin the workspace’s events and sign-ins, newest first', async () => {
    expect(await subjectsFor(principals.admin)).toEqual(['wissil.user.login', 'wissil.component.created']);
  });

  it('keeps sign-ins from non-admins and other workspaces’ events from everyone else', async () => {
    expect(await subjectsFor(principals.designer)).toEqual(['wissil.component.created']);
    expect(await subjectsFor(principals.stranger)).toEqual(['wissil.user.login']);
  });

  it('is read as the principal’s workspace and permissions', () => {
    expect(activityViewer(principals.designer)).toEqual({
      workspaceId: principals.designer.workspaceId,
      permissions: principals.designer.permissions,
    });
  });
});
