import { canUseSystem, type TPermission } from '@lumenforge/auth';
import { SYSTEM_IDS, type TSystemId } from '@lumenforge/config';
import { EVENT_SUBJECTS, isEventSubject, type TEventSubject } from '@lumenforge/events';

/** The subject every app publishes every 15 s: the status cards use it, the feed never shows it. */
export const HEALTH_SUBJECT = 'wissil.system.health';

/** Which system each event family belongs to (`wissil.<family>.<action>`). */
export const FAMILY_SYSTEMS = {
  tokens: 'slate',
  component: 'spark',
  build: 'ignis',
  deploy: 'waypoint',
  project: 'ignition',
  user: 'landing',
  system: 'landing',
} as const satisfies Record<string, TSystemId>;
export type TActivityFamily = keyof typeof FAMILY_SYSTEMS;

/** Every registered subject the feed shows: all of them but `wissil.system.health`. */
export const ACTIVITY_SUBJECTS: readonly TEventSubject[] = Object.freeze(
  EVENT_SUBJECTS.filter((subject) => subject !== HEALTH_SUBJECT),
);

/** `'wissil.build.failed'` → `'build.failed'`: the kind a filter names. */
export function activityKind(subject: string): string {
  return subject.startsWith('wissil.') ? subject.slice('wissil.'.length) : subject;
}

/** `'build.failed'` → `'wissil.build.failed'`. */
export function kindSubject(kind: string): string {
  return `wissil.${kind}`;
}

/** Every kind of the feed, in registry order (a non-empty tuple, usable with `z.enum`). */
export const ACTIVITY_KINDS = ACTIVITY_SUBJECTS.map(activityKind) as [string, ...string[]];

/** `'wissil.build.failed'` → `'build'`; `undefined` for a subject outside the known families. */
export function activityFamily(subject: string): TActivityFamily | undefined {
  const family = subject.split('.')[1];
  return family !== undefined && Object.hasOwn(FAMILY_SYSTEMS, family)
    ? (family as TActivityFamily)
    : undefined;
}

/** The system an event belongs to (LANDING for user.*, system.* and anything unknown). */
export function activitySystem(subject: string): TSystemId {
  const family = activityFamily(subject);
  return family ? FAMILY_SYSTEMS[family] : 'landing';
}

/** Whether a subject belongs in the feed at all: registered, and not the health heartbeat. */
export function isActivitySubject(subject: string): subject is TEventSubject {
  return isEventSubject(subject) && subject !== HEALTH_SUBJECT;
}

/** Who is looking: the principal's workspace and permissions. */
export type TActivityViewer = { workspaceId: string; permissions: readonly TPermission[] };

/** The permission that shows `wissil.user.*` (sign-ins, sign-outs, role changes): admins only. */
export const USER_EVENTS_PERMISSION: TPermission = 'audit.read';

/**
 * Whether a role may see a subject in the feed: `wissil.user.*` needs `audit.read` (admins), every
 * other subject needs access to its system (`canUseSystem`; LANDING's own events are open to all).
 */
export function canSeeSubject(subject: string, permissions: readonly TPermission[]): boolean {
  if (!isActivitySubject(subject)) return false;
  if (activityFamily(subject) === 'user') return permissions.includes(USER_EVENTS_PERMISSION);
  return canUseSystem(permissions, activitySystem(subject));
}

/**
 * Whether an event belongs in a viewer's feed: a subject the role may see, and the viewer's
 * workspace or none (platform-wide events).
 */
export function isVisibleTo(
  event: { subject: string; workspaceId: string | null },
  viewer: TActivityViewer,
): boolean {
  return (
    (event.workspaceId === null || event.workspaceId === viewer.workspaceId) &&
    canSeeSubject(event.subject, viewer.permissions)
  );
}

/** Filters of the feed (`?system=&kind=`). */
export type TActivityFilter = { system?: TSystemId | undefined; kind?: string | undefined };

/** Whether an event matches the page's filters (used for live events; the server filters history). */
export function matchesFilter(subject: string, filter: TActivityFilter): boolean {
  if (filter.system && activitySystem(subject) !== filter.system) return false;
  if (filter.kind && activityKind(subject) !== filter.kind) return false;
  return true;
}

/** The subjects a viewer sees under `filter`, in registry order (what the history query asks for). */
export function visibleSubjects(
  permissions: readonly TPermission[],
  filter: TActivityFilter = {},
): TEventSubject[] {
  return ACTIVITY_SUBJECTS.filter(
    (subject) => canSeeSubject(subject, permissions) && matchesFilter(subject, filter),
  );
}

/** The systems that have feed events, in catalog order (the system filter's options). */
export const ACTIVITY_SYSTEMS: readonly TSystemId[] = SYSTEM_IDS.filter((id) =>
  ACTIVITY_SUBJECTS.some((subject) => activitySystem(subject) === id),
);
