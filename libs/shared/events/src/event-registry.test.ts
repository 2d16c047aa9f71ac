import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { BUILD_COMPLETED } from './build-completed.event';
import {
  EVENT_REGISTRY,
  EVENT_SUBJECTS,
  getEventDefinition,
  isEventSubject,
  type TEventEnvelope,
  type TEventSubject,
} from './event-registry';

/** The subjects listed in /work/shared/ARCHITECTURE.md ("Events"), hard-coded on purpose. */
const ARCHITECTURE_SUBJECTS = [
  'wissil.build.started',
  'wissil.build.progress',
  'wissil.build.completed',
  'wissil.build.failed',
  'wissil.deploy.started',
  'wissil.deploy.health_check',
  'wissil.deploy.completed',
  'wissil.deploy.failed',
  'wissil.deploy.rolled_back',
  'wissil.component.created',
  'wissil.component.updated',
  'wissil.component.published',
  'wissil.component.deprecated',
  'wissil.tokens.updated',
  'wissil.project.created',
  'wissil.user.login',
  'wissil.user.logout',
  'wissil.user.role_changed',
  'wissil.system.health',
  'wissil.system.alert',
  'wissil.system.maintenance',
];

describe('EVENT_REGISTRY', () => {
  it('registers every subject listed in ARCHITECTURE.md', () => {
    for (const subject of ARCHITECTURE_SUBJECTS) {
      expect(isEventSubject(subject), subject).toBe(true);
    }
  });

  it('has unique subjects, each keyed by its own subject', () => {
    expect(new Set(EVENT_SUBJECTS).size).toBe(EVENT_SUBJECTS.length);
    expect(Object.keys(EVENT_REGISTRY).sort()).toEqual([...EVENT_SUBJECTS].sort());
    for (const [key, definition] of Object.entries(EVENT_REGISTRY)) {
      expect(definition.subject).toBe(key);
    }
  });

  it.each(EVENT_SUBJECTS)(
    '%s starts with wissil., is a concrete subject and has a description',
    (subject) => {
      const definition = getEventDefinition(subject);
      expect(subject.startsWith('wissil.')).toBe(true);
      expect(subject).toMatch(/^wissil(\.[a-z0-9_]+)+$/);
      expect(definition.description.trim().length).toBeGreaterThan(10);
    },
  );

  it('lists every subject with its description in the README subject table', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const rows = new Map(
      readme
        .split('\n')
        .filter((line) => line.startsWith('| `wissil.'))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map(([, subject = '', description = '']) => [subject.replaceAll('`', ''), description]),
    );
    for (const definition of Object.values(EVENT_REGISTRY)) {
      expect(rows.get(definition.subject), definition.subject).toBe(definition.description);
    }
    expect(rows.size).toBe(EVENT_SUBJECTS.length);
  });

  it('freezes the registry, the subject list and every definition with its sample', () => {
    expect(Object.isFrozen(EVENT_REGISTRY)).toBe(true);
    expect(Object.isFrozen(EVENT_SUBJECTS)).toBe(true);
    for (const definition of Object.values(EVENT_REGISTRY)) {
      expect(Object.isFrozen(definition)).toBe(true);
      expect(Object.isFrozen(definition.sample)).toBe(true);
    }
  });

  it('looks definitions up by subject and rejects anything else', () => {
    expect(getEventDefinition('wissil.build.completed')).toBe(BUILD_COMPLETED);
    expect(getEventDefinition('wissil.build.exploded')).toBeUndefined();
    expect(getEventDefinition('toString')).toBeUndefined();
    expect(isEventSubject('__proto__')).toBe(false);
    expect(isEventSubject(42)).toBe(false);
    expect(isEventSubject('wissil.>')).toBe(false);
  });

  it('exposes EVENT_SUBJECTS as a tuple usable with z.enum', () => {
    const ZSubject = z.enum(EVENT_SUBJECTS);
    expect(ZSubject.parse('wissil.tokens.updated')).toBe('wissil.tokens.updated');
    expect(ZSubject.safeParse('wissil.tokens.deleted').success).toBe(false);
    expectTypeOf<(typeof EVENT_SUBJECTS)[number]>().toEqualTypeOf<TEventSubject>();
    expectTypeOf(EVENT_SUBJECTS[0]).toEqualTypeOf<'wissil.build.started'>();
    expectTypeOf(EVENT_SUBJECTS).toExtend<readonly [string, ...string[]]>();
  });

  it('types envelopes as a union discriminated on subject', () => {
    expectTypeOf<TEventEnvelope<'wissil.build.completed'>['data']['durationMs']>().toEqualTypeOf<number>();
    expectTypeOf<TEventEnvelope<'wissil.tokens.updated'>['data']['previousVersion']>().toEqualTypeOf<
      number | null
    >();
    const describeEvent = (event: TEventEnvelope): string =>
      event.subject === 'wissil.deploy.completed' ? event.data.url : event.subject;
    expect(typeof describeEvent).toBe('function');
  });
});
