import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_IDS, SYSTEMS } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import {
  effectiveAccess,
  NAS_HOSTS,
  OTHER_NAS_PORTS,
  RUNTIME_DEVIATIONS,
  SERVICE_PORTS,
  SPEC_ACCESS_MATRIX,
  type TDataService,
} from './access-matrix';
import { egressAllowed, foreignPod, ingressAllowed, podOf, type TEndpoint } from './network';
import { find, get, K8S_ROOT, OVERLAYS, renderOverlay } from './render';

const NAMESPACES = { development: 'lumenforge-dev', staging: 'lumenforge-staging', production: 'lumenforge' };
const SERVICES = Object.keys(SERVICE_PORTS) as TDataService[];
const INGRESS_CONTROLLER = foreignPod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
const PROMETHEUS = foreignPod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
const KUBE_DNS = foreignPod('kube-system', { 'k8s-app': 'kube-dns' });
const PUBLIC_HOST = { ip: '104.16.0.1' };
const LAN_HOST = { ip: '192.168.86.50' };
const HELIOS_NODES = ['192.168.86.114', '192.168.86.115'];

describe.each(OVERLAYS)('%s NetworkPolicies', (overlay) => {
  const objects = renderOverlay(overlay);
  const namespace = NAMESPACES[overlay];
  const inNamespace = (labels: Record<string, string>): TEndpoint => foreignPod(namespace, labels);

  it('deny all ingress and egress by default', () => {
    const deny = find(objects, 'NetworkPolicy', 'default-deny-all');
    expect(get(deny, 'spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    // A pod no other policy selects can do nothing but resolve names.
    const stray = { labels: { app: 'debug' }, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } };
    expect(egressAllowed(objects, stray, PUBLIC_HOST, 443)).toBe(false);
    expect(egressAllowed(objects, stray, { ip: NAS_HOSTS[0] }, 5432)).toBe(false);
    expect(egressAllowed(objects, stray, KUBE_DNS, 53, 'UDP')).toBe(true);
    expect(ingressAllowed(objects, stray, INGRESS_CONTROLLER, 80)).toBe(false);
  });

  describe.each(SYSTEM_IDS)('%s', (app) => {
    const pod = podOf(find(objects, 'Deployment', app), namespace);
    const port = SYSTEMS[app].port;

    it.each(SERVICES)('reaches %s on the NAS hosts exactly as the access matrix says', (service) => {
      for (const host of NAS_HOSTS)
        for (const servicePort of SERVICE_PORTS[service])
          expect(
            egressAllowed(objects, pod, { ip: host }, servicePort),
            `${app} → ${host}:${servicePort}`,
          ).toBe(effectiveAccess(app, service));
    });

    it('reaches no other NAS or LAN port, resolves names, and reaches public HTTPS only', () => {
      for (const host of NAS_HOSTS)
        for (const other of OTHER_NAS_PORTS)
          expect(egressAllowed(objects, pod, { ip: host }, other), `${host}:${other}`).toBe(false);
      expect(egressAllowed(objects, pod, LAN_HOST, 443)).toBe(false);
      expect(egressAllowed(objects, pod, KUBE_DNS, 53, 'UDP')).toBe(true);
      expect(egressAllowed(objects, pod, KUBE_DNS, 53, 'TCP')).toBe(true);
      expect(egressAllowed(objects, pod, PUBLIC_HOST, 443)).toBe(true);
      expect(egressAllowed(objects, pod, PUBLIC_HOST, 80)).toBe(false);
      expect(egressAllowed(objects, pod, PUBLIC_HOST, 5432)).toBe(false);
      // The Kubernetes API: WAYPOINT deploys (spec dependency graph); nobody else.
      for (const node of HELIOS_NODES)
        expect(egressAllowed(objects, pod, { ip: node }, 6443)).toBe(app === 'waypoint');
    });

    it('is reached only from the ingress controller, the tunnel and Prometheus, on its own ports', () => {
      expect(ingressAllowed(objects, pod, INGRESS_CONTROLLER, port)).toBe(true);
      expect(
        ingressAllowed(objects, pod, inNamespace({ 'app.kubernetes.io/name': 'cloudflared' }), port),
      ).toBe(true);
      expect(ingressAllowed(objects, pod, PROMETHEUS, port)).toBe(true);
      expect(ingressAllowed(objects, pod, INGRESS_CONTROLLER, 22)).toBe(false);
      // Not from the apps' neighbours, another namespace, the controller's other pods or the outside.
      const neighbour = SYSTEM_IDS.find((id) => id !== app) ?? 'landing';
      expect(
        ingressAllowed(objects, pod, { pod: podOf(find(objects, 'Deployment', neighbour), namespace) }, port),
      ).toBe(false);
      expect(
        ingressAllowed(
          objects,
          pod,
          foreignPod('default', { 'app.kubernetes.io/name': 'cloudflared' }),
          port,
        ),
      ).toBe(false);
      expect(ingressAllowed(objects, pod, foreignPod('ingress-nginx', { app: 'other' }), port)).toBe(false);
      expect(ingressAllowed(objects, pod, PUBLIC_HOST, port)).toBe(false);
      // 24678 is the IGNIS engine's (ignis-workers.test.ts): no app is reached on it.
      expect(ingressAllowed(objects, pod, INGRESS_CONTROLLER, 24678)).toBe(false);
    });
  });

  it('lets the migration Job reach PostgreSQL and nothing else', () => {
    const job = podOf(find(objects, 'Job', 'lumenforge-migrate'), namespace);
    for (const host of NAS_HOSTS) {
      expect(egressAllowed(objects, job, { ip: host }, 5432)).toBe(true);
      for (const other of [6379, 26379, 4222, 5000])
        expect(egressAllowed(objects, job, { ip: host }, other)).toBe(false);
    }
    expect(egressAllowed(objects, job, PUBLIC_HOST, 443)).toBe(false);
    expect(ingressAllowed(objects, job, INGRESS_CONTROLLER, 3000)).toBe(false);
  });

  if (overlay !== 'development') {
    it('lets cloudflared reach Cloudflare and the apps, and only Prometheus reach it', () => {
      const tunnel = podOf(find(objects, 'Deployment', 'cloudflared'), namespace);
      expect(egressAllowed(objects, tunnel, PUBLIC_HOST, 7844, 'TCP')).toBe(true);
      expect(egressAllowed(objects, tunnel, PUBLIC_HOST, 7844, 'UDP')).toBe(true);
      expect(egressAllowed(objects, tunnel, PUBLIC_HOST, 443)).toBe(true);
      for (const app of SYSTEM_IDS) {
        const target = podOf(find(objects, 'Deployment', app), namespace);
        expect(egressAllowed(objects, tunnel, { pod: target }, SYSTEMS[app].port), app).toBe(true);
      }
      for (const host of NAS_HOSTS)
        for (const port of [5432, 6379, 4222, 5000])
          expect(egressAllowed(objects, tunnel, { ip: host }, port)).toBe(false);
      expect(ingressAllowed(objects, tunnel, PROMETHEUS, 2000)).toBe(true);
      expect(ingressAllowed(objects, tunnel, INGRESS_CONTROLLER, 2000)).toBe(false);
    });
  }
});

describe('access matrix', () => {
  it('deviates from the spec only where cluster mode needs it, and says so in the README', () => {
    const readme = readFileSync(join(K8S_ROOT, 'README.md'), 'utf8');
    for (const deviation of RUNTIME_DEVIATIONS) {
      expect(SPEC_ACCESS_MATRIX[deviation.app][deviation.service]).toBeNull();
      expect(readme).toContain(`${deviation.app} → ${deviation.service}`);
    }
    // The registry stays with the two apps the spec gives it.
    expect(SYSTEM_IDS.filter((app) => effectiveAccess(app, 'registry'))).toEqual(['ignis', 'waypoint']);
  });
});
