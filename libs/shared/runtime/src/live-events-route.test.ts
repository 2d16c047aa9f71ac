import { createEvent, TOKENS_UPDATED, USER_LOGOUT } from '@lumenforge/events';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from './api-route';
import { endsSessionOf, parseLiveTopics, SHARED_LIVE_TOPICS } from './live-events-route';

const USER = 'e7336e82-773b-4b50-9863-705b711c4349';
const OTHER_USER = '7c2d9e4a-1b6f-4e8a-a3c5-9d0f1e2a3b4c';
const SESSION = '359af730-beec-4d56-a54d-981dff88551c';
const OTHER_SESSION = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const WORKSPACE = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const OTHER_WORKSPACE = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

const logout = (data: { userId: string; sessionId?: string }) =>
  createEvent(USER_LOGOUT, {
    data: { ...data, reason: 'user' },
    actor: { type: 'user', id: data.userId },
    correlationId: 'live-unit',
    workspaceId: null,
  });

describe('parseLiveTopics', () => {
  it('takes known, served topics once each, in the order asked', () => {
    expect(parseLiveTopics('tokens, session,tokens', SHARED_LIVE_TOPICS)).toEqual(['tokens', 'session']);
  });

  it('refuses no topic, an unknown one and one this app does not serve, naming what it serves', () => {
    for (const value of [null, '', ' , ', 'tokens,bogus', 'activity'])
      expect(() => parseLiveTopics(value, SHARED_LIVE_TOPICS)).toThrow(InvalidRequestError);
    expect(() => parseLiveTopics('activity', SHARED_LIVE_TOPICS)).toThrow(
      'Unknown topic "activity"; this app streams tokens, session',
    );
  });
});

describe('endsSessionOf and the shared topics', () => {
  const principal = { userId: USER, sessionId: SESSION, workspaceId: WORKSPACE };

  it("matches this session's sign-out and the end of all the user's sessions, nothing else", () => {
    const ends = endsSessionOf(principal);
    expect(ends(logout({ userId: USER, sessionId: SESSION }))).toBe(true);
    expect(ends(logout({ userId: USER }))).toBe(true);
    expect(ends(logout({ userId: USER, sessionId: OTHER_SESSION }))).toBe(false);
    expect(ends(logout({ userId: OTHER_USER }))).toBe(false);
  });

  it('filters tokens to the workspace and session to the signed-in session', () => {
    const asPrincipal = principal as Parameters<typeof SHARED_LIVE_TOPICS.tokens>[0];
    const tokens = SHARED_LIVE_TOPICS.tokens(asPrincipal);
    const updated = (workspaceId: string) =>
      createEvent(TOKENS_UPDATED, {
        data: TOKENS_UPDATED.sample,
        actor: { type: 'system', id: 'x' },
        correlationId: 'live-unit',
        workspaceId,
      });
    expect(tokens.filter?.(updated(WORKSPACE))).toBe(true);
    expect(tokens.filter?.(updated(OTHER_WORKSPACE))).toBe(false);
    const session = SHARED_LIVE_TOPICS.session(asPrincipal);
    expect(session.subjects).toEqual(['wissil.user.logout']);
    expect(session.filter?.(logout({ userId: USER, sessionId: SESSION }))).toBe(true);
  });
});
