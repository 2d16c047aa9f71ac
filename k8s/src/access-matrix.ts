import type { TSystemId } from '@lumenforge/config';

/**
 * The spec's data-service access (nas-infrastructure.md, "Access Control Matrix"), as data.
 * NetworkPolicies work on addresses and ports: read-only and read-write PostgreSQL, publish and
 * subscribe on NATS, push and pull on the registry are the same connection to them (the difference
 * is the credentials'), so a cell is "may connect" or not.
 */
export type TDataService = 'postgresql' | 'redis' | 'nats' | 'registry';

export const SPEC_ACCESS_MATRIX: Readonly<Record<TSystemId, Readonly<Record<TDataService, string | null>>>> =
  {
    landing: { postgresql: 'read/write', redis: 'read/write', nats: 'subscribe', registry: null },
    slate: { postgresql: 'read/write', redis: 'read/write', nats: 'pub/sub', registry: null },
    spark: { postgresql: 'read/write', redis: 'read/write', nats: 'publish', registry: null },
    ignis: { postgresql: 'read/write', redis: 'read/write', nats: 'publish', registry: 'push' },
    ignition: { postgresql: 'read only', redis: 'read only', nats: null, registry: null },
    waypoint: { postgresql: 'read/write', redis: null, nats: 'publish', registry: 'pull' },
  };

/**
 * Where the manifests deliberately grant more than the spec matrix, and why. ARCHITECTURE.md (which
 * wins over spec/) makes cluster mode all-or-nothing: every app keeps its sessions in Redis (one
 * sign-in for all six) and relays its outbox to NATS, and refuses to start with only one of them.
 * Each entry must also be explained in k8s/README.md.
 */
export const RUNTIME_DEVIATIONS: ReadonlyArray<{ app: TSystemId; service: TDataService; reason: string }> = [
  { app: 'ignition', service: 'nats', reason: 'cluster mode relays the outbox (project.created) to NATS' },
  { app: 'waypoint', service: 'redis', reason: 'cluster mode keeps sessions and rate limits in Redis' },
];

/** The NAS hosts (spec: primary 192.168.86.27, secondary 192.168.86.28 for High Availability). */
export const NAS_HOSTS = ['192.168.86.27', '192.168.86.28'] as const;

/** The ports each data service answers on, on both NAS hosts (Sentinel: 26379). */
export const SERVICE_PORTS: Readonly<Record<TDataService, readonly number[]>> = {
  postgresql: [5432],
  redis: [6379, 26379],
  nats: [4222],
  registry: [5000],
};

/** Other NAS ports no app may reach: NATS monitoring and cluster routes, SSH, DSM. */
export const OTHER_NAS_PORTS = [8222, 6222, 22, 5001, 80, 443] as const;

/** May `app` connect to `service`: the spec matrix plus the documented deviations. */
export function effectiveAccess(app: TSystemId, service: TDataService): boolean {
  return (
    SPEC_ACCESS_MATRIX[app][service] !== null ||
    RUNTIME_DEVIATIONS.some((deviation) => deviation.app === app && deviation.service === service)
  );
}
