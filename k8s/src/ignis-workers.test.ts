// IGNIS's engine (preview origin + HMR WebSocket on 24678, control API) and build workers: their
// Deployments, Service, shared secret, preview route and network reach in every overlay.
import { IGNIS_HMR_PORT, SYSTEM_IDS } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { NAS_HOSTS, OTHER_NAS_PORTS } from './access-matrix';
import { expectRestricted } from './hardening';
import { egressAllowed, foreignPod, ingressAllowed, podOf } from './network';
import { find, get, OVERLAYS, renderOverlay, type TK8sObject } from './render';

const NAMESPACES = { development: 'lumenforge-dev', staging: 'lumenforge-staging', production: 'lumenforge' };
const TAGS = { development: 'develop', staging: 'main', production: '0.1.0' };
const INGRESS_CONTROLLER = foreignPod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
const PROMETHEUS = foreignPod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
const PUBLIC_HOST = { ip: '104.16.0.1' };
const ENGINE_SECRET_REF = { secretKeyRef: { name: 'lumenforge-ignis-engine', key: 'IGNIS_ENGINE_SECRET' } };

type TContainer = {
  image: string;
  command?: string[];
  ports?: Array<{ name: string; containerPort: number; protocol: string }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: unknown[];
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext: Record<string, unknown>;
  startupProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};

function only(deployment: TK8sObject): TContainer {
  const containers = get<TContainer[]>(deployment, 'spec', 'template', 'spec', 'containers');
  expect(containers).toHaveLength(1);
  return containers[0] as TContainer;
}

const envOf = (c: TContainer, name: string) => c.env?.find((entry) => entry.name === name);

/** What every LumenForge workload shares: non-root 10001, read-only root, no capabilities, writable /tmp and data. */
function expectHardened(deployment: TK8sObject, c: TContainer) {
  const pod = get<Record<string, unknown>>(deployment, 'spec', 'template', 'spec');
  expectRestricted(c, pod);
  expect(pod['securityContext']).toMatchObject({ fsGroup: 10001 });
  for (const kind of ['requests', 'limits'] as const) {
    expect(c.resources[kind]?.['cpu'], kind).toBeTruthy();
    expect(c.resources[kind]?.['memory'], kind).toBeTruthy();
  }
  const mounts = Object.fromEntries((c.volumeMounts ?? []).map((mount) => [mount.mountPath, mount.name]));
  expect(mounts).toEqual({ '/tmp': 'tmp', '/data/lumenforge': 'data' });
  expect(envOf(c, 'LUMENFORGE_HOME')?.value).toBe('/data/lumenforge');
  const volumes = get<Array<{ name: string; emptyDir?: object }>>(pod, 'volumes');
  for (const name of ['tmp', 'data'])
    expect(volumes.find((v) => v.name === name)?.emptyDir, name).toBeDefined();
  // The platform's configuration and secrets, as the apps read them (cluster mode).
  expect(c.envFrom).toEqual([
    { configMapRef: { name: expect.stringMatching(/^lumenforge-config/) } },
    { secretRef: { name: 'lumenforge-secrets' } },
  ]);
}

describe.each(OVERLAYS)('%s IGNIS workers', (overlay) => {
  const objects = renderOverlay(overlay);
  const namespace = NAMESPACES[overlay];
  const engine = find(objects, 'Deployment', 'ignis-engine');
  const builder = find(objects, 'Deployment', 'ignis-builder');
  const engineContainer = only(engine);
  const builderContainer = only(builder);
  const enginePod = podOf(engine, namespace);
  const builderPod = podOf(builder, namespace);
  const appPod = (app: string) => podOf(find(objects, 'Deployment', app), namespace);

  it('the engine: ignis-worker image, its default command, port 24678 named hmr, /healthz probes', () => {
    expect(engineContainer.image).toBe(`lumenforge/ignis-worker:${TAGS[overlay]}`);
    expect(engineContainer.command).toBeUndefined();
    expect(engineContainer.ports).toEqual([{ name: 'hmr', containerPort: IGNIS_HMR_PORT, protocol: 'TCP' }]);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const)
      expect(engineContainer[probe]?.httpGet, probe).toEqual({ path: '/healthz', port: 'hmr' });
    expect(envOf(engineContainer, 'IGNIS_HMR_PORT')?.value).toBe(String(IGNIS_HMR_PORT));
    expect(envOf(engineContainer, 'IGNIS_BIND_HOST')?.value).toBe('0.0.0.0');
    // Sessions live in the one engine's memory: one replica, replaced (not surged).
    expect(get(engine, 'spec', 'replicas')).toBe(1);
    expect(get(engine, 'spec', 'strategy')).toEqual({ type: 'Recreate' });
    expectHardened(engine, engineContainer);
  });

  it('the engine secret is a Secret of its own, given to the engine and the ignis app only', () => {
    expect(envOf(engineContainer, 'IGNIS_ENGINE_SECRET')?.valueFrom).toEqual(ENGINE_SECRET_REF);
    expect(envOf(only(find(objects, 'Deployment', 'ignis')), 'IGNIS_ENGINE_SECRET')?.valueFrom).toEqual(
      ENGINE_SECRET_REF,
    );
    for (const app of SYSTEM_IDS.filter((id) => id !== 'ignis'))
      expect(envOf(only(find(objects, 'Deployment', app)), 'IGNIS_ENGINE_SECRET'), app).toBeUndefined();
    expect(envOf(builderContainer, 'IGNIS_ENGINE_SECRET')).toBeUndefined();
  });

  it('the engine has a ClusterIP Service on 24678 selecting its pods only', () => {
    const service = find(objects, 'Service', 'ignis-engine');
    expect(get(service, 'spec', 'type')).toBe('ClusterIP');
    expect(get(service, 'spec', 'ports')).toEqual([
      { name: 'hmr', port: IGNIS_HMR_PORT, targetPort: 'hmr', protocol: 'TCP' },
    ]);
    const selector = get<Record<string, string>>(service, 'spec', 'selector');
    expect(enginePod.labels).toMatchObject(selector);
    for (const other of [builderPod, appPod('ignis')])
      expect(Object.entries(selector).every(([key, value]) => other.labels[key] === value)).toBe(false);
  });

  it('the builder: same image running the build worker, no port, pushing to the NAS registry', () => {
    expect(builderContainer.image).toBe(engineContainer.image);
    expect(builderContainer.command).toEqual([
      'node',
      '--conditions=react-server',
      '--import',
      'tsx',
      'libs/ignis/builds/src/main.ts',
    ]);
    expect(builderContainer.ports).toBeUndefined();
    expect(builderContainer.readinessProbe).toBeUndefined();
    const registry = new URL(envOf(builderContainer, 'IGNIS_REGISTRY_URL')?.value ?? '');
    expect(NAS_HOSTS).toContain(registry.hostname);
    expect(registry.port).toBe('5000');
    // Consumers of one JetStream work queue: production runs two, the others one.
    expect(get(builder, 'spec', 'replicas')).toBe(overlay === 'production' ? 2 : 1);
    expectHardened(builder, builderContainer);
  });

  it('the engine is reached on 24678 from the ingress controller, the tunnel and the ignis app only', () => {
    expect(ingressAllowed(objects, enginePod, INGRESS_CONTROLLER, IGNIS_HMR_PORT)).toBe(true);
    expect(
      ingressAllowed(
        objects,
        enginePod,
        foreignPod(namespace, { 'app.kubernetes.io/name': 'cloudflared' }),
        IGNIS_HMR_PORT,
      ),
    ).toBe(true);
    expect(ingressAllowed(objects, enginePod, { pod: appPod('ignis') }, IGNIS_HMR_PORT)).toBe(true);
    expect(egressAllowed(objects, appPod('ignis'), { pod: enginePod }, IGNIS_HMR_PORT)).toBe(true);
    for (const other of ['slate', 'spark'])
      expect(egressAllowed(objects, appPod(other), { pod: enginePod }, IGNIS_HMR_PORT), other).toBe(false);
    expect(ingressAllowed(objects, enginePod, { pod: appPod('slate') }, IGNIS_HMR_PORT)).toBe(false);
    expect(ingressAllowed(objects, enginePod, PROMETHEUS, IGNIS_HMR_PORT)).toBe(false);
    expect(ingressAllowed(objects, enginePod, PUBLIC_HOST, IGNIS_HMR_PORT)).toBe(false);
  });

  it('the engine reaches PostgreSQL, Redis and NATS, not the registry or the internet', () => {
    for (const host of NAS_HOSTS) {
      for (const port of [5432, 6379, 26379, 4222])
        expect(egressAllowed(objects, enginePod, { ip: host }, port), `${host}:${port}`).toBe(true);
      for (const port of [5000, ...OTHER_NAS_PORTS])
        expect(egressAllowed(objects, enginePod, { ip: host }, port), `${host}:${port}`).toBe(false);
    }
    expect(egressAllowed(objects, enginePod, PUBLIC_HOST, 443)).toBe(false);
  });

  it('the builder reaches the data services and the registry, public HTTPS for npm, and is reached by nobody', () => {
    for (const host of NAS_HOSTS) {
      for (const port of [5432, 6379, 26379, 4222, 5000])
        expect(egressAllowed(objects, builderPod, { ip: host }, port), `${host}:${port}`).toBe(true);
      for (const port of OTHER_NAS_PORTS)
        expect(egressAllowed(objects, builderPod, { ip: host }, port), `${host}:${port}`).toBe(false);
    }
    expect(egressAllowed(objects, builderPod, PUBLIC_HOST, 443)).toBe(true);
    expect(egressAllowed(objects, builderPod, PUBLIC_HOST, 80)).toBe(false);
    for (const port of [80, 443, 3004, IGNIS_HMR_PORT])
      expect(ingressAllowed(objects, builderPod, INGRESS_CONTROLLER, port), String(port)).toBe(false);
  });

  if (overlay !== 'development')
    it('the tunnel reaches the engine on 24678 (the preview host)', () => {
      const tunnel = podOf(find(objects, 'Deployment', 'cloudflared'), namespace);
      expect(egressAllowed(objects, tunnel, { pod: enginePod }, IGNIS_HMR_PORT)).toBe(true);
      expect(egressAllowed(objects, tunnel, { pod: builderPod }, IGNIS_HMR_PORT)).toBe(false);
    });
});
