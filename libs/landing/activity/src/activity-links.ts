import type { TPermission } from '@lumenforge/auth';
import type { TSystemId } from '@lumenforge/config';
import type { TEventData, TEventEnvelope, TEventSubject } from '@lumenforge/events';

/**
 * The pages an event can link to, in one table. `exists: false` marks a page its app does not
 * serve yet: the feed shows the item as plain text with its id instead of a dead link. When an
 * app ships the page, flip `exists` here and every feed row links to it.
 */
export const ITEM_PAGES = {
  tokenVersion: {
    system: 'slate',
    path: (id: string) => `/versions/${encodeURIComponent(id)}`,
    exists: true,
  },
  component: {
    system: 'spark',
    path: (id: string) => `/components/${encodeURIComponent(id)}`,
    exists: true,
  },
  build: { system: 'ignis', path: (id: string) => `/builds/${encodeURIComponent(id)}`, exists: true },
  deployment: {
    system: 'waypoint',
    path: (id: string) => `/deployments/${encodeURIComponent(id)}`,
    exists: false,
  },
  project: { system: 'ignition', path: (id: string) => `/projects/${encodeURIComponent(id)}`, exists: true },
  /** The audit log filtered to the user (admins only). */
  auditLog: {
    system: 'landing',
    path: (id: string) => `/admin/audit?actor=${encodeURIComponent(id)}`,
    exists: true,
    permission: 'audit.read',
  },
  status: { system: 'landing', path: (_id: string) => '/status', exists: true },
} as const satisfies Record<
  string,
  { system: TSystemId; path: (id: string) => string; exists: boolean; permission?: TPermission }
>;
export type TItemPage = keyof typeof ITEM_PAGES;

/** What an event is about: a page kind, the item's id on it, and how to name it. */
export type TActivityTarget = { page: TItemPage; id: string; text: string };

const short = (id: string) => id.slice(0, 8);

function buildTarget(data: { buildId: string }): TActivityTarget {
  return { page: 'build', id: data.buildId, text: `Build ${short(data.buildId)}` };
}
function deploymentTarget(data: {
  deploymentId: string;
  environment: string;
  version: string;
}): TActivityTarget {
  return { page: 'deployment', id: data.deploymentId, text: `${data.version} on ${data.environment}` };
}
function componentTarget(data: { componentId: string; name: string; version: number }): TActivityTarget {
  return { page: 'component', id: data.componentId, text: `${data.name} v${data.version}` };
}
function userTarget(data: { userId: string }): TActivityTarget {
  return { page: 'auditLog', id: data.userId, text: `User ${short(data.userId)}` };
}

/** Subject → the item its event is about. Exhaustive: a new subject fails type-checking until listed. */
const TARGETS: { [S in TEventSubject]: (data: TEventData<S>) => TActivityTarget } = {
  'wissil.build.started': buildTarget,
  'wissil.build.progress': buildTarget,
  'wissil.build.completed': buildTarget,
  'wissil.build.failed': buildTarget,
  'wissil.deploy.started': deploymentTarget,
  'wissil.deploy.health_check': deploymentTarget,
  'wissil.deploy.completed': deploymentTarget,
  'wissil.deploy.failed': deploymentTarget,
  'wissil.deploy.rolled_back': deploymentTarget,
  'wissil.component.created': componentTarget,
  'wissil.component.updated': componentTarget,
  'wissil.component.published': componentTarget,
  'wissil.component.deprecated': componentTarget,
  'wissil.tokens.updated': (data) => ({
    page: 'tokenVersion',
    id: String(data.version),
    text: `Version ${data.version} · ${data.semver}`,
  }),
  'wissil.project.created': (data) => ({ page: 'project', id: data.projectId, text: data.name }),
  'wissil.user.login': userTarget,
  'wissil.user.logout': userTarget,
  'wissil.user.role_changed': userTarget,
  'wissil.system.health': (data) => ({ page: 'status', id: data.service, text: 'System status' }),
  'wissil.system.alert': (data) => ({ page: 'status', id: data.source, text: 'System status' }),
  'wissil.system.maintenance': (data) => ({
    page: 'status',
    id: data.services.join(',') || 'platform',
    text: 'System status',
  }),
};

/** The item an event is about. */
export function activityTarget(event: TEventEnvelope): TActivityTarget {
  const target = TARGETS[event.subject] as (data: unknown) => TActivityTarget;
  return target(event.data);
}

/**
 * The URL of a target on its app (`urls`: each system's base URL, as `systemUrls()` gives them), or
 * null when the page does not exist yet or the viewer lacks its permission (then the feed shows the
 * item as text).
 */
export function targetHref(
  target: TActivityTarget,
  urls: Readonly<Record<TSystemId, string>>,
  permissions: readonly TPermission[],
): string | null {
  const page: { system: TSystemId; path: (id: string) => string; exists: boolean; permission?: TPermission } =
    ITEM_PAGES[target.page];
  if (!page.exists) return null;
  if (page.permission && !permissions.includes(page.permission)) return null;
  return `${urls[page.system].replace(/\/$/, '')}${page.path(target.id)}`;
}
