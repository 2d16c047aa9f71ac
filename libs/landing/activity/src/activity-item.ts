import type { TPermission } from '@lumenforge/auth';
import { SYSTEM_IDS, type TSystemId } from '@lumenforge/config';
import { parseEvent, type TEventActor, type TEventEnvelope, type TEventSubject } from '@lumenforge/events';
import { activityTarget, targetHref } from './activity-links';
import { activityKind, activitySystem } from './activity-subjects';
import {
  activityDetail,
  activitySummary,
  activityTone,
  actorName,
  type TActivityTone,
} from './activity-summary';

/** A label per kind, for the kind filter and the row's secondary line. */
export const KIND_LABELS: Readonly<Record<TEventSubject, string>> = {
  'wissil.build.started': 'Build started',
  'wissil.build.progress': 'Build progress',
  'wissil.build.completed': 'Build completed',
  'wissil.build.failed': 'Build failed',
  'wissil.deploy.started': 'Deploy started',
  'wissil.deploy.health_check': 'Deploy health check',
  'wissil.deploy.completed': 'Deploy completed',
  'wissil.deploy.failed': 'Deploy failed',
  'wissil.deploy.rolled_back': 'Deploy rolled back',
  'wissil.component.created': 'Component created',
  'wissil.component.updated': 'Component updated',
  'wissil.component.published': 'Component published',
  'wissil.component.deprecated': 'Component deprecated',
  'wissil.tokens.updated': 'Tokens published',
  'wissil.project.created': 'Project created',
  'wissil.user.login': 'Sign-in',
  'wissil.user.logout': 'Sign-out',
  'wissil.user.role_changed': 'Role changed',
  'wissil.system.health': 'Health report',
  'wissil.system.alert': 'Alert',
  'wissil.system.maintenance': 'Maintenance',
};

/** One row of the feed, ready to render (server and client build it the same way). */
export type TActivityItem = {
  /** The event id (stable React key, deduplication between history and live events). */
  id: string;
  subject: TEventSubject;
  /** `build.failed`. */
  kind: string;
  kindLabel: string;
  system: TSystemId;
  occurredAt: string;
  actor: { type: TEventActor['type']; id: string; name: string };
  summary: string;
  detail: string | null;
  tone: TActivityTone;
  /** The item the event is about; `href` null when its page does not exist yet (or is not allowed). */
  target: { text: string; id: string; href: string | null };
  workspaceId: string | null;
};

/** A page of history (`GET /api/activity`): rows newest first, and the cursor of the next (older) page. */
export type TActivityPage = { items: TActivityItem[]; nextBefore: number | null };

export type TActivityItemContext = {
  /** Each system's base URL (`systemUrls(urlOptions)`). */
  urls: Readonly<Record<TSystemId, string>>;
  /** The viewer's permissions (links to admin pages only for those who may open them). */
  permissions: readonly TPermission[];
};

/** The feed row of a validated event. */
export function toActivityItem(event: TEventEnvelope, context: TActivityItemContext): TActivityItem {
  const target = activityTarget(event);
  return {
    id: event.id,
    subject: event.subject,
    kind: activityKind(event.subject),
    kindLabel: KIND_LABELS[event.subject],
    system: activitySystem(event.subject),
    occurredAt: event.occurredAt,
    actor: { type: event.actor.type, id: event.actor.id, name: actorName(event.actor) },
    summary: activitySummary(event),
    detail: activityDetail(event),
    tone: activityTone(event),
    target: { text: target.text, id: target.id, href: targetHref(target, context.urls, context.permissions) },
    workspaceId: event.workspaceId,
  };
}

/** The feed row of an envelope from the wire (an SSE frame); null when it does not validate. */
export function parseActivityItem(input: unknown, context: TActivityItemContext): TActivityItem | null {
  const parsed = parseEvent(input);
  return parsed.success ? toActivityItem(parsed.event, context) : null;
}

/** Whether `value` names a system (for the filter). */
export function isActivitySystemId(value: string): value is TSystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}
