import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILD_COMPLETED } from './build-completed.event';
import { createEvent } from './create-event';
import { ZEventActorSchema } from './event-envelope.schema';
import { USER_ACTOR, WORKSPACE_ID } from './event-fixtures.test-utils';
import { EVENT_SUBJECTS, getEventDefinition, type TEventRegistry } from './event-registry';
import { InvalidEventError } from './invalid-event.error';
import { parseEvent } from './parse-event';
import { TOKENS_UPDATED } from './tokens-updated.event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEvent', () => {
  it('fills id and occurredAt and returns a typed, validated envelope', () => {
    const before = Date.now();
    const event = createEvent(BUILD_COMPLETED, {
      data: BUILD_COMPLETED.sample,
      actor: USER_ACTOR,
      correlationId: 'req-1',
      workspaceId: WORKSPACE_ID,
    });
    expect(event.id).toMatch(UUID);
    expect(event.subject).toBe('wissil.build.completed');
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event.occurredAt)).toBeLessThanOrEqual(Date.now());
    expect(event.data.durationMs).toBe(BUILD_COMPLETED.sample.durationMs);
    expect(event.workspaceId).toBe(WORKSPACE_ID);
  });

  it('gives every event its own id', () => {
    const input = {
      data: BUILD_COMPLETED.sample,
      actor: USER_ACTOR,
      correlationId: 'req-1',
      workspaceId: null,
    };
    expect(createEvent(BUILD_COMPLETED, input).id).not.toBe(createEvent(BUILD_COMPLETED, input).id);
  });

  it('keeps a given id and occurredAt (string or Date)', () => {
    const id = 'dac581d3-1c3a-4728-8e5c-f0550255b8f8';
    const event = createEvent(TOKENS_UPDATED, {
      data: TOKENS_UPDATED.sample,
      actor: { type: 'agent', id: 'spark-agent' },
      correlationId: 'req-2',
      workspaceId: WORKSPACE_ID,
      id,
      occurredAt: new Date('2026-03-14T09:30:00.000Z'),
    });
    expect(event.id).toBe(id);
    expect(event.occurredAt).toBe('2026-03-14T09:30:00.000Z');
  });

  it('refuses invalid data, naming the subject and the path', () => {
    const create = () =>
      createEvent(TOKENS_UPDATED, {
        data: {
          ...TOKENS_UPDATED.sample,
          changeSummary: { ...TOKENS_UPDATED.sample.changeSummary, added: 1.5 },
        },
        actor: USER_ACTOR,
        correlationId: 'req-3',
        workspaceId: WORKSPACE_ID,
      });
    expect(create).toThrow(InvalidEventError);
    expect(create).toThrow(/wissil\.tokens\.updated.*data\.changeSummary\.added/);
  });

  it('refuses an invalid envelope (id, correlationId, workspaceId)', () => {
    const base = {
      data: BUILD_COMPLETED.sample,
      actor: USER_ACTOR,
      correlationId: 'req-4',
      workspaceId: null,
    };
    expect(() => createEvent(BUILD_COMPLETED, { ...base, id: 'outbox-1' })).toThrow(
      /wissil\.build\.completed: id: /,
    );
    expect(() => createEvent(BUILD_COMPLETED, { ...base, correlationId: '' })).toThrow(/correlationId/);
    expect(() => createEvent(BUILD_COMPLETED, { ...base, workspaceId: 'acme' })).toThrow(/workspaceId/);
  });

  it('property: any event built from a sample survives a JSON round-trip and parseEvent', () => {
    const arbitraryInput = fc.record({
      subject: fc.constantFrom(...EVENT_SUBJECTS),
      actor: fc.record(
        {
          type: fc.constantFrom(...ZEventActorSchema.shape.type.options),
          id: fc.string({ minLength: 1, maxLength: 128 }),
          name: fc.string({ minLength: 1, maxLength: 200 }),
        },
        { requiredKeys: ['type', 'id'] },
      ),
      correlationId: fc.string({ minLength: 1, maxLength: 128 }),
      workspaceId: fc.option(fc.uuid({ version: 4 }), { nil: null }),
      id: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
      occurredAt: fc.option(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(arbitraryInput, ({ subject, ...input }) => {
        // Any registered definition; the cast picks one member so TypeScript accepts its sample.
        const definition = getEventDefinition(subject) as TEventRegistry['wissil.build.completed'];
        const event = createEvent(definition, { ...input, data: definition.sample });
        const roundTripped: unknown = JSON.parse(JSON.stringify(event));
        const result = parseEvent(roundTripped);
        if (!result.success) throw result.error;
        expect(result.event).toEqual(event);
      }),
      { numRuns: 300 },
    );
  });
});
