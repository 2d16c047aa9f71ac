import { type z } from 'zod';
import { BUILD_COMPLETED } from './build-completed.event';
import { BUILD_FAILED } from './build-failed.event';
import { BUILD_PROGRESS } from './build-progress.event';
import { BUILD_STARTED } from './build-started.event';
import { COMPONENT_CREATED } from './component-created.event';
import { COMPONENT_DEPRECATED } from './component-deprecated.event';
import { COMPONENT_PUBLISHED } from './component-published.event';
import { COMPONENT_UPDATED } from './component-updated.event';
import { type TEventDefinition } from './define-event';
import { DEPLOY_COMPLETED } from './deploy-completed.event';
import { DEPLOY_FAILED } from './deploy-failed.event';
import { DEPLOY_HEALTH_CHECK } from './deploy-health-check.event';
import { DEPLOY_ROLLED_BACK } from './deploy-rolled-back.event';
import { DEPLOY_STARTED } from './deploy-started.event';
import { type TRawEventEnvelope } from './event-envelope.schema';
import { PROJECT_CREATED } from './project-created.event';
import { SYSTEM_ALERT } from './system-alert.event';
import { SYSTEM_HEALTH } from './system-health.event';
import { SYSTEM_MAINTENANCE } from './system-maintenance.event';
import { TOKENS_UPDATED } from './tokens-updated.event';
import { USER_LOGIN } from './user-login.event';
import { USER_LOGOUT } from './user-logout.event';
import { USER_ROLE_CHANGED } from './user-role-changed.event';

/** Every registered definition. To add a subject: write `<subject>.event.ts`, then add one line here. */
const EVENT_DEFINITIONS = [
  BUILD_STARTED,
  BUILD_PROGRESS,
  BUILD_COMPLETED,
  BUILD_FAILED,
  DEPLOY_STARTED,
  DEPLOY_HEALTH_CHECK,
  DEPLOY_COMPLETED,
  DEPLOY_FAILED,
  DEPLOY_ROLLED_BACK,
  COMPONENT_CREATED,
  COMPONENT_UPDATED,
  COMPONENT_PUBLISHED,
  COMPONENT_DEPRECATED,
  TOKENS_UPDATED,
  PROJECT_CREATED,
  USER_LOGIN,
  USER_LOGOUT,
  USER_ROLE_CHANGED,
  SYSTEM_HEALTH,
  SYSTEM_ALERT,
  SYSTEM_MAINTENANCE,
] as const;

type TDefinitions = typeof EVENT_DEFINITIONS;
/** Maps the definitions tuple to a tuple of subjects (generic, so the mapping keeps the tuple). */
type TSubjectsOf<TDefs extends readonly TEventDefinition[]> = {
  readonly [I in keyof TDefs]: TDefs[I] extends { subject: infer TSubject } ? TSubject : never;
};

/** Any registered definition (a union over the registry). */
export type TRegisteredEventDefinition = TDefinitions[number];
/** A registered subject, e.g. `'wissil.build.completed'`. */
export type TEventSubject = TRegisteredEventDefinition['subject'];

/** Subject → definition. */
export type TEventRegistry = {
  readonly [D in TRegisteredEventDefinition as D['subject']]: D;
};

/** The validated `data` of a subject. */
export type TEventData<TSubject extends TEventSubject> = z.output<TEventRegistry[TSubject]['schema']>;
/** What a publisher passes as `data` for a subject (the schema's input). */
export type TEventDataInput<TSubject extends TEventSubject> = z.input<TEventRegistry[TSubject]['schema']>;

/**
 * A validated event. Without a type argument it is a union discriminated on `subject`, so
 * `if (event.subject === 'wissil.build.completed') event.data.durationMs` type-checks.
 */
export type TEventEnvelope<TSubject extends TEventSubject = TEventSubject> = TSubject extends TEventSubject
  ? Omit<TRawEventEnvelope, 'subject' | 'data'> & { subject: TSubject; data: TEventData<TSubject> }
  : never;

function buildRegistry(definitions: TDefinitions): TEventRegistry {
  const registry: Record<string, TEventDefinition> = {};
  for (const definition of definitions) {
    if (Object.hasOwn(registry, definition.subject)) {
      throw new Error(`Event subject ${definition.subject} is registered twice`);
    }
    registry[definition.subject] = definition;
  }
  return Object.freeze(registry) as TEventRegistry;
}

/** Subject → definition for every event of the platform. */
export const EVENT_REGISTRY: TEventRegistry = buildRegistry(EVENT_DEFINITIONS);

/** Every registered subject, in registry order (a non-empty tuple, usable with `z.enum`). */
export const EVENT_SUBJECTS = Object.freeze(
  EVENT_DEFINITIONS.map((definition) => definition.subject),
) as unknown as TSubjectsOf<TDefinitions>;

export function isEventSubject(value: unknown): value is TEventSubject {
  return typeof value === 'string' && Object.hasOwn(EVENT_REGISTRY, value);
}

/** The definition of a subject; `undefined` for a string that is not a registered subject. */
export function getEventDefinition<TSubject extends TEventSubject>(
  subject: TSubject,
): TEventRegistry[TSubject];
export function getEventDefinition(subject: string): TRegisteredEventDefinition | undefined;
export function getEventDefinition(subject: string): TRegisteredEventDefinition | undefined {
  return isEventSubject(subject) ? EVENT_REGISTRY[subject] : undefined;
}
