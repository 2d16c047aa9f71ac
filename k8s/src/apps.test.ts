import { SYSTEM_IDS, SYSTEMS, type TSystemId } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { expectRestricted } from './hardening';
import { find, findGenerated, get, OVERLAYS, renderOverlay, type TK8sObject } from './render';

/** The label nodes carry (kubectl label node <node> lumenforge.io/node=helios-control|helios-compute). */
const NODE_LABEL = 'lumenforge.io/node';
/** Per-app HPA ceilings in production (the base). */
const MAX_REPLICAS: Record<TSystemId, number> = {
  landing: 4,
  slate: 4,
  ignition: 3,
  spark: 6,
  ignis: 6,
  waypoint: 3,
};

type TContainer = {
  name: string;
  image: string;
  ports: Array<{ name: string; containerPort: number; protocol?: string }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path: string; port: number | string } };
  livenessProbe?: { httpGet?: { path: string; port: number | string } };
  startupProbe?: { httpGet?: { path: string; port: number | string } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};

function container(deployment: TK8sObject): TContainer {
  const containers = get<TContainer[]>(deployment, 'spec', 'template', 'spec', 'containers');
  expect(containers).toHaveLength(1);
  return containers[0] as TContainer;
}

function probePort(
  c: TContainer,
  probe: 'readinessProbe' | 'livenessProbe' | 'startupProbe',
): number | undefined {
  const port = c[probe]?.httpGet?.port;
  return typeof port === 'string'
    ? c.ports.find((candidate) => candidate.name === port)?.containerPort
    : port;
}

describe.each(OVERLAYS)('%s apps', (overlay) => {
  const objects = renderOverlay(overlay);

  describe.each(SYSTEM_IDS)('%s', (app) => {
    const system = SYSTEMS[app];
    const deployment = find(objects, 'Deployment', app);
    const c = container(deployment);
    const pod = get<Record<string, unknown>>(deployment, 'spec', 'template', 'spec');

    it(`runs lumenforge/${app} on port ${system.port} only`, () => {
      expect(c.image).toMatch(new RegExp(`^lumenforge/${app}:[\\w.-]+$`));
      // The HMR port (24678) is the IGNIS engine's (ignis-workers.test.ts), not the ignis app's.
      expect(c.ports).toEqual([{ name: 'http', containerPort: system.port, protocol: 'TCP' }]);
      expect(c.env).toContainEqual({ name: 'PORT', value: String(system.port) });
      expect(c.env).toContainEqual({ name: 'HOSTNAME', value: '0.0.0.0' });
    });

    it('has startup and readiness probes on /api/health and a process-only liveness probe, at its port', () => {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
        // Liveness skips the dependency checks: a database outage must not restart every pod.
        const path = probe === 'livenessProbe' ? '/api/health?probe=live' : '/api/health';
        expect(c[probe]?.httpGet?.path, probe).toBe(path);
        expect(probePort(c, probe), probe).toBe(system.port);
      }
    });

    it('has CPU and memory requests and limits', () => {
      for (const kind of ['requests', 'limits'] as const) {
        expect(c.resources[kind]?.['cpu'], kind).toBeTruthy();
        expect(c.resources[kind]?.['memory'], kind).toBeTruthy();
      }
    });

    it('runs as non-root 10001, read-only, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
      expectRestricted(c, pod);
      const volumes = get<Array<{ name: string; emptyDir?: object }>>(pod, 'volumes');
      const mounts = Object.fromEntries((c.volumeMounts ?? []).map((mount) => [mount.mountPath, mount.name]));
      expect(mounts['/tmp']).toBe('tmp');
      expect(mounts[`/app/apps/${app}/.next/cache`]).toBe('next-cache');
      for (const name of ['tmp', 'next-cache'])
        expect(volumes.find((volume) => volume.name === name)?.emptyDir, name).toBeDefined();
    });

    it(`is placed on ${system.heliosNode}`, () => {
      const terms = get<
        Array<{ matchExpressions: Array<{ key: string; operator: string; values: string[] }> }>
      >(
        pod,
        'affinity',
        'nodeAffinity',
        'requiredDuringSchedulingIgnoredDuringExecution',
        'nodeSelectorTerms',
      );
      expect(terms).toEqual([
        { matchExpressions: [{ key: NODE_LABEL, operator: 'In', values: [system.heliosNode] }] },
      ]);
      const tolerations = get<Array<{ key: string }> | undefined>(pod, 'tolerations') ?? [];
      // Only the control-plane node's apps tolerate its taint.
      expect(
        tolerations.some((toleration) => toleration.key === 'node-role.kubernetes.io/control-plane'),
      ).toBe(system.heliosNode === 'helios-control');
    });

    it('reads the shared ConfigMap and Secret', () => {
      const config = findGenerated(objects, 'ConfigMap', 'lumenforge-config');
      expect(c.envFrom).toEqual([
        { configMapRef: { name: config.metadata.name } },
        { secretRef: { name: 'lumenforge-secrets' } },
      ]);
    });

    it('is scraped by Prometheus on /api/metrics at its port', () => {
      expect(get(deployment, 'spec', 'template', 'metadata', 'annotations')).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(system.port),
        'prometheus.io/path': '/api/metrics',
      });
    });

    it('has a ClusterIP Service on its port selecting its pods', () => {
      const service = find(objects, 'Service', app);
      expect(get(service, 'spec', 'type')).toBe('ClusterIP');
      const ports = get<Array<{ name: string; port: number; targetPort: string }>>(service, 'spec', 'ports');
      expect(ports).toEqual([{ name: 'http', port: system.port, targetPort: 'http', protocol: 'TCP' }]);
      const selector = get<Record<string, string>>(service, 'spec', 'selector');
      const labels = get<Record<string, string>>(deployment, 'spec', 'template', 'metadata', 'labels');
      expect(selector['app.kubernetes.io/name']).toBe(app);
      expect(labels).toMatchObject(selector);
      // No other app's pods match.
      for (const other of SYSTEM_IDS.filter((id) => id !== app)) {
        const otherLabels = get<Record<string, string>>(
          find(objects, 'Deployment', other),
          'spec',
          'template',
          'metadata',
          'labels',
        );
        expect(Object.entries(selector).every(([key, value]) => otherLabels[key] === value)).toBe(false);
      }
    });

    it('has a PodDisruptionBudget and a CPU HorizontalPodAutoscaler', () => {
      const selector = get(deployment, 'spec', 'selector', 'matchLabels');
      const pdb = find(objects, 'PodDisruptionBudget', app);
      expect(get(pdb, 'spec', 'selector', 'matchLabels')).toEqual(selector);
      const hpa = find(objects, 'HorizontalPodAutoscaler', app);
      expect(get(hpa, 'spec', 'scaleTargetRef')).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: app,
      });
      expect(get(hpa, 'spec', 'metrics')).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      // The autoscaler owns the replica count.
      expect(get(deployment, 'spec', 'replicas')).toBeUndefined();
      if (overlay === 'production') {
        expect(get(pdb, 'spec', 'minAvailable')).toBe(1);
        expect(get(hpa, 'spec', 'minReplicas')).toBe(2);
        expect(get(hpa, 'spec', 'maxReplicas')).toBe(MAX_REPLICAS[app]);
      } else {
        expect(get(pdb, 'spec', 'maxUnavailable')).toBe(1);
        expect(get(hpa, 'spec', 'minReplicas')).toBe(1);
      }
    });
  });
});
