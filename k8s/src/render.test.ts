import { platformMode, refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { ZOidcClientEnv } from '@lumenforge/auth/env';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { describe, expect, it } from 'vitest';
import {
  find,
  findGenerated,
  kubectlVersion,
  OVERLAYS,
  parseManifests,
  readEnvFile,
  render,
  renderOverlay,
  type TK8sObject,
} from './render';
import { schemaErrors } from './schema';

const NAMESPACES = { development: 'lumenforge-dev', staging: 'lumenforge-staging', production: 'lumenforge' };

describe('rendering', () => {
  it('has a kubectl to render with (install kubernetes-client when this fails)', () => {
    expect(kubectlVersion()).toMatch(/Client Version/);
  });

  it.each(['base', ...OVERLAYS.map((overlay) => `overlays/${overlay}`)])(
    '%s renders with kubectl kustomize',
    (dir) => {
      const objects = render(dir);
      expect(objects.length).toBeGreaterThan(30);
    },
  );

  describe.each(OVERLAYS)('%s', (overlay) => {
    it('validates every object against the Kubernetes schemas', () => {
      const failures = renderOverlay(overlay)
        .map((object) => ({ id: `${object.kind}/${object.metadata.name}`, errors: schemaErrors(object) }))
        .filter((result) => result.errors.length > 0);
      expect(failures).toEqual([]);
    });

    it('puts every namespaced object in its own namespace, once', () => {
      const objects = renderOverlay(overlay);
      const namespace = find(objects, 'Namespace', NAMESPACES[overlay]);
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const object of objects.filter((candidate) => candidate.kind !== 'Namespace'))
        expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(NAMESPACES[overlay]);
      const ids = objects.map((object) => `${object.kind}/${object.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('renders no Secret: secrets are created out of band from the *.example.env templates', () => {
      expect(renderOverlay(overlay).filter((object) => object.kind === 'Secret')).toEqual([]);
    });
  });

  it('the schema check rejects a malformed object (a string containerPort, a missing selector)', () => {
    const [bad] = parseManifests(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: bad }
spec:
  template:
    spec:
      containers: [{ name: app, image: x, ports: [{ containerPort: "http" }] }]
`);
    const errors = schemaErrors(bad as TK8sObject).join('\n');
    expect(errors).toMatch(/containerPort must be integer/);
    expect(errors).toMatch(/selector/);
    expect(schemaErrors({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'no schema for example.com/v1 Widget: add it to k8s/src/schema.ts',
    ]);
  });
});

describe('configuration', () => {
  const secretTemplates = {
    'lumenforge-secrets': readEnvFile('base/platform/secrets.example.env'),
    'lumenforge-landing-secrets': readEnvFile('base/platform/landing-secrets.example.env'),
    'lumenforge-ignis-engine': readEnvFile('base/platform/ignis-engine-secrets.example.env'),
  };

  it('the Secret templates hold placeholders only and make valid Secrets', () => {
    for (const [name, data] of Object.entries(secretTemplates)) {
      for (const [key, value] of Object.entries(data)) expect(value, `${name}.${key}`).toMatch(/CHANGE_ME/);
      expect(
        schemaErrors({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: data }),
      ).toEqual([]);
    }
  });

  it('every secret a workload references has a template with that key', () => {
    const refs: Array<{ kind: 'key' | 'all'; name: string; key?: string }> = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [field, child] of Object.entries(value)) {
          const ref = child as { name: string; key?: string };
          if (field === 'secretKeyRef') refs.push({ kind: 'key', name: ref.name, key: ref.key ?? '' });
          else if (field === 'secretRef') refs.push({ kind: 'all', name: ref.name });
          else walk(child);
        }
      }
    };
    for (const overlay of OVERLAYS)
      for (const object of renderOverlay(overlay).filter(
        (candidate) => candidate.kind !== 'Deployment' || candidate.metadata.name !== 'cloudflared',
      ))
        walk(object);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const template = secretTemplates[ref.name as keyof typeof secretTemplates];
      expect(template, `Secret ${ref.name} has no template`).toBeDefined();
      if (ref.kind === 'key') expect(template, `${ref.name}.${ref.key}`).toHaveProperty(ref.key ?? '');
    }
  });

  it.each(OVERLAYS)(
    '%s: the ConfigMap plus the Secret templates are a valid cluster-mode app configuration',
    (overlay) => {
      const config = findGenerated(renderOverlay(overlay), 'ConfigMap', 'lumenforge-config');
      const env = {
        ...(config['data'] as Record<string, string>),
        ...secretTemplates['lumenforge-secrets'],
        ...secretTemplates['lumenforge-landing-secrets'],
      };
      const appEnv = ZPlatformEnv.extend(ZRuntimeEnv.shape)
        .extend(ZOidcClientEnv.shape)
        .superRefine(refineRuntimeEnv);
      const parsed = appEnv.safeParse(env);
      expect(parsed.error?.issues ?? []).toEqual([]);
      if (parsed.success) {
        expect(platformMode(parsed.data)).toBe('cluster');
        expect(parsed.data.NODE_ENV).toBe('production');
      }
    },
  );
});
