import { SYSTEM_IDS } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { find, get, OVERLAYS, renderOverlay, type TK8sObject } from './render';

const TAGS = { development: 'develop', staging: 'main', production: '0.1.0' };

function images(objects: TK8sObject[]): string[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .flatMap((object) =>
      get<Array<{ image: string }>>(object, 'spec', 'template', 'spec', 'containers').map((c) => c.image),
    );
}

describe('overlays', () => {
  it.each(OVERLAYS)(
    '%s tags every LumenForge image with its placeholder tag (set by the deploy workflow)',
    (overlay) => {
      const own = images(renderOverlay(overlay)).filter((image) => image.startsWith('lumenforge/'));
      expect(own.sort()).toEqual(
        // ignis-worker twice: the IGNIS engine and the builder run the same image.
        [...SYSTEM_IDS, 'migrate', 'ignis-worker', 'ignis-worker']
          .map((name) => `lumenforge/${name}:${TAGS[overlay]}`)
          .sort(),
      );
      // Third-party images are pinned too.
      for (const image of images(renderOverlay(overlay))) expect(image).toMatch(/:[\w.-]+$/);
    },
  );

  it('size production for HA and the others for one replica', () => {
    const hpa = (overlay: (typeof OVERLAYS)[number]) =>
      SYSTEM_IDS.map((app) => {
        const spec = get<{ minReplicas: number; maxReplicas: number }>(
          find(renderOverlay(overlay), 'HorizontalPodAutoscaler', app),
          'spec',
        );
        return [spec.minReplicas, spec.maxReplicas];
      });
    expect(hpa('production').every(([min, max]) => min === 2 && (max ?? 0) >= 3)).toBe(true);
    expect(hpa('staging').every(([min, max]) => min === 1 && max === 2)).toBe(true);
    expect(hpa('development').every(([min, max]) => min === 1 && max === 1)).toBe(true);
  });

  it('give development smaller containers, staging the production sizes', () => {
    const resources = (overlay: (typeof OVERLAYS)[number], app: string) =>
      get(
        find(renderOverlay(overlay), 'Deployment', app),
        'spec',
        'template',
        'spec',
        'containers',
        0,
        'resources',
      );
    for (const app of SYSTEM_IDS) {
      expect(resources('staging', app)).toEqual(resources('production', app));
      expect(resources('development', app)).toEqual({
        requests: { cpu: '50m', memory: '192Mi' },
        limits: { cpu: '500m', memory: '512Mi' },
      });
    }
  });

  it('run the tunnel in staging and production only (development is internal)', () => {
    expect(
      renderOverlay('development').filter((object) => object.metadata.name.startsWith('cloudflared')),
    ).toEqual([]);
    for (const overlay of ['staging', 'production'] as const)
      expect(find(renderOverlay(overlay), 'Deployment', 'cloudflared')).toBeDefined();
  });

  it.each(OVERLAYS)('%s runs the migration Job before the rollout', (overlay) => {
    const job = find(renderOverlay(overlay), 'Job', 'lumenforge-migrate');
    expect(job.metadata.labels?.['lumenforge.io/deploy-phase']).toBe('migrate');
    expect(job.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
    const [c] = get<
      Array<{
        image: string;
        args: string[];
        envFrom: Array<{ secretRef?: { name: string } }>;
        securityContext: object;
      }>
    >(job, 'spec', 'template', 'spec', 'containers');
    expect(c?.args).toEqual(['migrate', 'deploy']);
    expect(c?.envFrom).toContainEqual({ secretRef: { name: 'lumenforge-secrets' } });
    expect(c?.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(get(job, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
    // Only the Job carries the migrate phase: `kubectl apply -l lumenforge.io/deploy-phase=migrate` applies it alone.
    const migrate = renderOverlay(overlay).filter(
      (object) => object.metadata.labels?.['lumenforge.io/deploy-phase'] === 'migrate',
    );
    expect(migrate).toEqual([job]);
  });

  it.each(OVERLAYS)('%s labels the platform phase: namespace, config and policies come first', (overlay) => {
    const platform = renderOverlay(overlay)
      .filter((object) => object.metadata.labels?.['lumenforge.io/deploy-phase'] === 'platform')
      .map((object) => object.kind);
    expect(new Set(platform)).toEqual(new Set(['Namespace', 'ConfigMap', 'NetworkPolicy']));
  });
});
