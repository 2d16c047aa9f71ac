import { IGNIS_HMR_PORT, SYSTEM_IDS, SYSTEMS, systemUrl, type TSystemId } from '@lumenforge/config';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { find, findGenerated, get, OVERLAYS, renderOverlay, type TK8sObject } from './render';

const DOMAINS = {
  development: 'dev.lumenforge.io',
  staging: 'staging.lumenforge.io',
  production: 'lumenforge.io',
};
const NAMESPACES = { development: 'lumenforge-dev', staging: 'lumenforge-staging', production: 'lumenforge' };

type TPath = {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { name?: string; number?: number } } };
};
type TTunnelRule = { hostname?: string; path?: string; service: string };

function hostOf(app: TSystemId, domain: string): string {
  return new URL(systemUrl(app, { domain })).host;
}

/** The port a Service exposes under `port` (name or number). */
function servicePort(
  objects: TK8sObject[],
  service: string,
  port: { name?: string; number?: number },
): number | undefined {
  const ports = get<Array<{ name: string; port: number }>>(
    find(objects, 'Service', service),
    'spec',
    'ports',
  );
  return ports.find((candidate) => candidate.name === port.name || candidate.port === port.number)?.port;
}

describe.each(OVERLAYS)('%s Ingress', (overlay) => {
  const objects = renderOverlay(overlay);
  const domain = DOMAINS[overlay];
  const ingress = find(objects, 'Ingress', 'lumenforge');
  const rules = get<Array<{ host: string; http: { paths: TPath[] } }>>(ingress, 'spec', 'rules');

  it(`serves ${domain}, the five subdomains and the preview host with TLS`, () => {
    const hosts = [...SYSTEM_IDS.map((app) => hostOf(app, domain)), `preview.${domain}`];
    expect(rules.map((rule) => rule.host)).toEqual(hosts);
    expect(get(ingress, 'spec', 'tls')).toEqual([{ secretName: 'lumenforge-tls', hosts }]);
    expect(get(ingress, 'spec', 'ingressClassName')).toBe('nginx');
  });

  it.each(SYSTEM_IDS)('routes %s’s host to its Service and port', (app) => {
    const rule = rules.find((candidate) => candidate.host === hostOf(app, domain));
    const root = rule?.http.paths.find((path) => path.path === '/');
    expect(root?.pathType).toBe('Prefix');
    expect(root?.backend.service.name).toBe(app);
    expect(servicePort(objects, app, root?.backend.service.port ?? {})).toBe(SYSTEMS[app].port);
  });

  it('routes the preview host to the IGNIS engine (previews + HMR WebSocket), a host apart from the apps', () => {
    const rule = rules.find((candidate) => candidate.host === `preview.${domain}`);
    expect(rule?.http.paths).toHaveLength(1);
    const root = rule?.http.paths[0];
    expect(root).toMatchObject({
      path: '/',
      pathType: 'Prefix',
      backend: { service: { name: 'ignis-engine' } },
    });
    expect(servicePort(objects, 'ignis-engine', root?.backend.service.port ?? {})).toBe(IGNIS_HMR_PORT);
    // The ignis app's host routes only to the app now (the old /hmr path led to a port nobody served).
    const ignis = rules.find((candidate) => candidate.host === hostOf('ignis', domain));
    expect(ignis?.http.paths.map((path) => [path.path, path.backend.service.name])).toEqual([['/', 'ignis']]);
    // The apps and the engine agree on the preview origin.
    const data = get<Record<string, string>>(
      findGenerated(objects, 'ConfigMap', 'lumenforge-config'),
      'data',
    );
    expect(data['IGNIS_PREVIEW_ORIGIN']).toBe(`https://preview.${domain}`);
    expect(data['IGNIS_ENGINE_URL']).toBe(`http://ignis-engine:${IGNIS_HMR_PORT}`);
    expect(get(ingress, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/proxy-read-timeout')).toBe(
      '3600',
    );
  });

  it('publishes the same public URLs in the ConfigMap the apps read', () => {
    const data = get<Record<string, string>>(
      findGenerated(objects, 'ConfigMap', 'lumenforge-config'),
      'data',
    );
    expect(data['LUMENFORGE_DOMAIN']).toBe(domain);
    for (const app of SYSTEM_IDS)
      expect(data[`${app.toUpperCase()}_URL`], app).toBe(systemUrl(app, { domain }));
    expect(data['NATS_URL']).toBe('nats://192.168.86.27:4222,nats://192.168.86.28:4222');
    expect(data['REDIS_SENTINELS']).toBe('192.168.86.28:26379');
  });
});

describe.each(['staging', 'production'] as const)('%s Cloudflare Tunnel', (overlay) => {
  const objects = renderOverlay(overlay);
  const domain = DOMAINS[overlay];
  const namespace = NAMESPACES[overlay];
  const configMap = findGenerated(objects, 'ConfigMap', 'cloudflared-config');
  const config = parse(get<string>(configMap, 'data', 'config.yaml')) as {
    tunnel: string;
    'credentials-file': string;
    ingress: TTunnelRule[];
  };

  it('maps every hostname to its Service URL and ends with a 404', () => {
    for (const app of SYSTEM_IDS) {
      const rule = config.ingress.find(
        (candidate) => candidate.hostname === hostOf(app, domain) && !candidate.path,
      );
      expect(rule?.service, app).toBe(`http://${app}.${namespace}.svc.cluster.local:${SYSTEMS[app].port}`);
    }
    const preview = config.ingress.find((rule) => rule.hostname === `preview.${domain}`);
    expect(preview).toEqual({
      hostname: `preview.${domain}`,
      service: `http://ignis-engine.${namespace}.svc.cluster.local:${IGNIS_HMR_PORT}`,
    });
    expect(config.ingress.some((rule) => rule.path)).toBe(false);
    // The last rule catches everything else.
    expect(config.ingress.at(-1)).toEqual({ service: 'http_status:404' });
    expect(config.ingress).toHaveLength(SYSTEM_IDS.length + 2);
  });

  it('runs two non-root connectors with the config and the credentials Secret', () => {
    const deployment = find(objects, 'Deployment', 'cloudflared');
    expect(get(deployment, 'spec', 'replicas')).toBe(2);
    const pod = get<Record<string, unknown>>(deployment, 'spec', 'template', 'spec');
    expect(pod['securityContext']).toMatchObject({ runAsNonRoot: true });
    const [c] = get<
      Array<{
        securityContext: object;
        args: string[];
        volumeMounts: Array<{ mountPath: string; name: string }>;
      }>
    >(pod, 'containers');
    expect(c?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c?.args.join(' ')).toBe('tunnel --config /etc/cloudflared/config/config.yaml run');
    expect(get(pod, 'volumes')).toEqual([
      { name: 'config', configMap: { name: configMap.metadata.name } },
      { name: 'creds', secret: { secretName: 'cloudflared-credentials' } },
    ]);
    expect(config['credentials-file']).toBe('/etc/cloudflared/creds/credentials.json');
    expect(find(objects, 'PodDisruptionBudget', 'cloudflared')).toBeDefined();
  });
});
