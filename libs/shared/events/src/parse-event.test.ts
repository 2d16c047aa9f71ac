import { describe, expect, it } from 'vitest';
import { envelopeFor } from './event-fixtures.test-utils';
import { EVENT_REGISTRY, EVENT_SUBJECTS, getEventDefinition } from './event-registry';
import { InvalidEventError } from './invalid-event.error';
import { parseEvent } from './parse-event';

function expectFailure(input: unknown): InvalidEventError {
  const result = parseEvent(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  expect(result.error).toBeInstanceOf(InvalidEventError);
  return result.error;
}

describe('parseEvent', () => {
  it.each(EVENT_SUBJECTS)('accepts the sample of %s inside a full envelope', (subject) => {
    const { sample } = getEventDefinition(subject);
    const result = parseEvent(envelopeFor(subject, sample));
    expect(result.success ? undefined : result.error.message).toBeUndefined();
    if (result.success) {
      expect(result.event.subject).toBe(subject);
      expect(result.event.data).toEqual(sample);
    }
  });

  it('accepts platform-wide events (workspaceId null) and offsets in occurredAt', () => {
    const result = parseEvent(
      envelopeFor('wissil.system.health', EVENT_REGISTRY['wissil.system.health'].sample, {
        workspaceId: null,
        occurredAt: '2026-03-14T10:30:00+01:00',
        actor: { type: 'system', id: 'landing' },
      }),
    );
    expect(result.success).toBe(true);
  });

  it('rejects invalid data with a message naming the subject and the path', () => {
    const sample = EVENT_REGISTRY['wissil.build.completed'].sample;
    const error = expectFailure(envelopeFor('wissil.build.completed', { ...sample, durationMs: -5 }));
    expect(error.subject).toBe('wissil.build.completed');
    expect(error.message).toContain('wissil.build.completed');
    expect(error.message).toContain('data.durationMs');
    expect(error.issues.map((issue) => issue.path)).toEqual(['data.durationMs']);
  });

  it('names nested paths inside records and arrays', () => {
    const sample = EVENT_REGISTRY['wissil.system.health'].sample;
    const health = expectFailure(
      envelopeFor('wissil.system.health', {
        ...sample,
        checks: { database: { status: 'sleepy', latencyMs: 4, critical: true } },
      }),
    );
    expect(health.message).toContain('wissil.system.health');
    expect(health.message).toContain('data.checks.database.status');

    const maintenance = expectFailure(
      envelopeFor('wissil.system.maintenance', {
        ...EVENT_REGISTRY['wissil.system.maintenance'].sample,
        services: [''],
      }),
    );
    expect(maintenance.message).toContain('data.services[0]');
  });

  it('rejects a wrong subject/data pairing', () => {
    const error = expectFailure(
      envelopeFor('wissil.deploy.completed', EVENT_REGISTRY['wissil.build.completed'].sample),
    );
    expect(error.message).toContain('wissil.deploy.completed');
    expect(error.message).toContain('data.deploymentId');
  });

  it('rejects unknown subjects', () => {
    const error = expectFailure(envelopeFor('wissil.build.exploded', {}));
    expect(error.message).toContain('Unknown event subject wissil.build.exploded');
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['subject', { subject: 'build.completed' }],
    ['subject', { subject: 'wissil.>' }],
    ['occurredAt', { occurredAt: '14/03/2026' }],
    ['actor.type', { actor: { type: 'robot', id: 'x' } }],
    ['actor.id', { actor: { type: 'user', id: '' } }],
    ['correlationId', { correlationId: '' }],
    ['correlationId', { correlationId: 'x'.repeat(129) }],
    ['workspaceId', { workspaceId: 'acme' }],
    ['workspaceId', { workspaceId: undefined }],
  ])('rejects an envelope with an invalid %s', (path, overrides) => {
    const sample = EVENT_REGISTRY['wissil.build.completed'].sample;
    const error = expectFailure(envelopeFor('wissil.build.completed', sample, overrides));
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(error.message).toContain(path);
  });

  it('names the subject of an invalid envelope when it is readable', () => {
    const error = expectFailure(envelopeFor('wissil.tokens.updated', {}, { id: 'nope' }));
    expect(error.message).toMatch(/^Invalid event wissil\.tokens\.updated: id: /);
  });

  it.each([null, 'wissil.build.completed', 42, [], {}])('rejects non-envelopes (%j)', (input) => {
    expect(parseEvent(input).success).toBe(false);
  });

  it('drops unknown data fields rather than passing them through', () => {
    const sample = EVENT_REGISTRY['wissil.user.logout'].sample;
    const result = parseEvent(envelopeFor('wissil.user.logout', { ...sample, password: 'hunter2' }));
    expect(result.success && result.event.data).toEqual(sample);
  });
});
