import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_IDS } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { DOCKER_DIR, readYaml, REPO_ROOT, type TYamlMap } from './compose-files';
import { parseDockerfile } from './dockerfile';

const WORKFLOWS_DIR = join(REPO_ROOT, '.github/workflows');
const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
/** Paths the Kubernetes part of the Operations issue creates (k8s/, another engineer's work). */
const K8S_PATHS = ENVIRONMENTS.map((environment) => `k8s/overlays/${environment}`);
const DEPLOY_SCRIPT = join(DOCKER_DIR, 'scripts/deploy-k8s.sh');

type TStep = {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  if?: string;
};
type TJob = {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: TStep[];
};
type TWorkflow = {
  name: string;
  on: TYamlMap;
  jobs: Record<string, TJob>;
  permissions?: Record<string, string>;
};

const workflowFiles = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file));
const workflows = Object.fromEntries(
  workflowFiles.map((file) => [file, readYaml(join(WORKFLOWS_DIR, file)) as unknown as TWorkflow]),
);
const images = workflows['images.yml'] as TWorkflow;
const deploy = workflows['deploy.yml'] as TWorkflow;

const steps = (workflow: TWorkflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const step = (job: TJob, uses: string): TStep => {
  const found = job.steps.find((candidate) => candidate.uses?.startsWith(`${uses}@`));
  if (!found) throw new Error(`no step uses ${uses}`);
  return found;
};
const lines = (text = '') =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const environmentName = (job: TJob) =>
  typeof job.environment === 'string' ? job.environment : job.environment?.name;

describe('every workflow', () => {
  it('parses and has triggers and jobs', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'images.yml', 'deploy.yml']));
    for (const [file, workflow] of Object.entries(workflows)) {
      expect(workflow.name, file).toBeTruthy();
      expect(Object.keys(workflow.on ?? {}), file).not.toEqual([]);
      expect(Object.keys(workflow.jobs ?? {}), file).not.toEqual([]);
    }
  });

  it('pins every action to a major version and keeps untrusted input out of run scripts', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const entry of steps(workflow)) {
        if (entry.uses && !entry.uses.startsWith('./'))
          expect(entry.uses, file).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
        // Expression injection: event payloads and dispatch inputs reach scripts through env only.
        expect(entry.run ?? '', `${file}: ${entry.name ?? entry.run}`).not.toMatch(
          /\$\{\{\s*(github\.event\.|inputs\.|github\.head_ref)/,
        );
      }
    }
  });

  it('references only local paths that exist (or the k8s overlays the Kubernetes work creates)', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const entry of steps(workflow)) {
        if (entry.uses?.startsWith('./')) expect(existsSync(join(REPO_ROOT, entry.uses)), file).toBe(true);
        // Build inputs (not outputs such as cache or artifact paths).
        for (const value of [entry.with?.['file'], entry.with?.['context']]) {
          if (value && !value.includes('${{'))
            expect(existsSync(join(REPO_ROOT, value)), `${file}: ${value}`).toBe(true);
        }
        for (const match of (entry.run ?? '').matchAll(
          /(?:^|[\s"'=])((?:docker|k8s|tools|prisma|apps|libs)\/[\w./-]+)/g,
        )) {
          const path = (match[1] as string).replace(/[.,]$/, '');
          const known = existsSync(join(REPO_ROOT, path)) || K8S_PATHS.includes(path);
          expect(known, `${file}: ${path}`).toBe(true);
        }
      }
    }
  });
});

describe('images.yml', () => {
  it('runs on pushes to main, release tags v*.*.* and pull requests', () => {
    expect(images.name).toBe('images');
    expect(images.on['push']).toEqual({ branches: ['main'], tags: ['v*.*.*'] });
    expect(images.on).toHaveProperty('pull_request');
    expect(images.permissions).toEqual({ contents: 'read' });
  });

  it('builds only the affected apps: nx show projects --affected --type app, based on the merge base or the previous commit', () => {
    const affected = images.jobs['affected'] as TJob;
    const script = affected.steps.map((entry) => entry.run ?? '').join('\n');
    expect(script).toContain("npx nx show projects --affected --type app --projects 'tag:type:app'");
    expect(script).toMatch(/--base="\$BASE" --head=HEAD/);
    expect(script).toContain('git merge-base "origin/$BASE_REF" HEAD');
    expect(script).toContain('BEFORE');
    const base = affected.steps.find((entry) => entry.id === 'base') as TStep;
    expect(base.env).toMatchObject({
      BEFORE: '${{ github.event.before }}',
      BASE_REF: '${{ github.base_ref }}',
    });
    // fetch-depth 0: the merge base and the previous commit must be in the clone.
    expect(step(affected, 'actions/checkout').with).toMatchObject({ 'fetch-depth': 0 });
    const build = images.jobs['build'] as TJob;
    expect(build.strategy?.matrix['image']).toBe('${{ fromJSON(needs.affected.outputs.images) }}');
    expect(build.if).toBe("needs.affected.outputs.any == 'true'");
  });

  it('tags: branch, sha-<short>, semver on release tags, latest on main', () => {
    const build = images.jobs['build'] as TJob;
    const tags = lines(step(build, 'docker/metadata-action').with?.['tags']);
    expect(tags).toEqual(
      expect.arrayContaining([
        'type=ref,event=branch',
        'type=sha,prefix=sha-',
        'type=semver,pattern={{version}}',
        'type=semver,pattern={{major}}.{{minor}}',
        'type=raw,value=latest,enable={{is_default_branch}}',
      ]),
    );
    expect(step(build, 'docker/metadata-action').with?.['images']).toBe(
      '${{ env.REGISTRY }}/${{ matrix.image }}',
    );
  });

  it('builds docker/Dockerfile with APP=<app>, a per-image GitHub Actions cache, and pushes only outside pull requests', () => {
    const build = images.jobs['build'] as TJob;
    step(build, 'docker/setup-buildx-action');
    const push = step(build, 'docker/build-push-action').with ?? {};
    expect(push['file']).toBe('docker/Dockerfile');
    expect(push['context']).toBe('.');
    expect(lines(push['build-args'])).toContain('APP=${{ matrix.image }}');
    expect(push['cache-from']).toBe('type=gha,scope=image-${{ matrix.image }}');
    expect(push['cache-to']).toBe('type=gha,scope=image-${{ matrix.image }},mode=max');
    expect(push['push']).toBe("${{ github.event_name != 'pull_request' }}");
    expect(push['tags']).toBe('${{ steps.meta.outputs.tags }}');
    // Every target the expression can pick is a stage of the Dockerfile.
    const stages = parseDockerfile(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8')).stages.map(
      (s) => s.name,
    );
    for (const target of push['target']?.match(/'([a-z-]+)'/g)?.map((quoted) => quoted.slice(1, -1)) ?? [])
      expect(stages, target).toContain(target);
    expect(push['target']).toContain("'app'");
    expect(build.permissions).toMatchObject({ packages: 'write' });
    for (const login of build.steps.filter((entry) => entry.uses?.startsWith('docker/login-action@')))
      expect(login.if).toContain("github.event_name != 'pull_request'");
  });

  it('gives every image this commit’s sha tag on main (re-tags what was not rebuilt)', () => {
    const retag = images.jobs['retag'] as TJob;
    expect(retag.if).toContain("github.ref == 'refs/heads/main'");
    const script = retag.steps.map((entry) => entry.run ?? '').join('\n');
    expect(script).toContain(
      'docker buildx imagetools create --tag "$REGISTRY/$image:sha-$short" "$REGISTRY/$image:main"',
    );
    for (const image of [...SYSTEM_IDS, 'identity', 'migrate', 'ignis-worker'])
      expect(script).toContain(image);
  });

  it('builds the ignis-worker image (IGNIS engine and builder) on a release and when their projects are affected', () => {
    const script = (images.jobs['affected'] as TJob).steps.map((entry) => entry.run ?? '').join('\n');
    expect(script).toContain('extra=\'["identity","migrate","ignis-worker"]\'');
    expect(script).toContain("--projects 'identity,prisma,ignis-engine,ignis-builds'");
    const push = step(images.jobs['build'] as TJob, 'docker/build-push-action').with ?? {};
    expect(push['target']).toContain("matrix.image == 'ignis-worker'");
  });
});

describe('deploy.yml', () => {
  it('runs by hand (environment, image tag) and after a successful images run on main', () => {
    const dispatch = (deploy.on['workflow_dispatch'] as TYamlMap)['inputs'] as Record<string, TYamlMap>;
    expect(dispatch['environment']).toMatchObject({
      type: 'choice',
      options: [...ENVIRONMENTS],
      required: true,
    });
    expect(dispatch['image-tag']).toMatchObject({ type: 'string', required: true });
    expect(deploy.on['workflow_run']).toEqual({
      workflows: [images.name],
      types: ['completed'],
      branches: ['main'],
    });
    const resolve = deploy.jobs['resolve'] as TJob;
    expect(resolve.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(resolve.if).toContain("github.event.workflow_run.event == 'push'");
    const script = resolve.steps.map((entry) => entry.run ?? '').join('\n');
    expect(script).toContain('tag="sha-${HEAD_SHA::7}"');
    expect(script).toContain('environment=development');
  });

  it('has one job per environment with its GitHub environment (protection rules gate staging and production)', () => {
    const byEnvironment = Object.entries(deploy.jobs).filter(([, job]) => job.environment);
    expect(byEnvironment.map(([, job]) => environmentName(job)).sort()).toEqual([...ENVIRONMENTS].sort());
    for (const [name, job] of byEnvironment) {
      const environment = environmentName(job) as string;
      expect(name).toBe(environment);
      expect(job.needs).toBe('resolve');
      expect(job.if).toContain(`needs.resolve.outputs.environment == '${environment}'`);
      // Staging and production never deploy automatically.
      if (environment !== 'development') expect(job.if).toContain("github.event_name == 'workflow_dispatch'");
      expect(job).toHaveProperty('concurrency.group', `deploy-${environment}`);
      expect(job).toHaveProperty('concurrency.cancel-in-progress', false);
      step(job, 'actions/checkout');
      step(job, 'azure/setup-kubectl');
      step(job, 'imranismail/setup-kustomize');
      const run = job.steps.map((entry) => entry.run ?? '').join('\n');
      expect(run).toContain('base64 -d');
      expect(job.steps.some((entry) => entry.env?.['KUBECONFIG_B64'] === '${{ secrets.KUBECONFIG }}')).toBe(
        true,
      );
      expect(run).toContain(`docker/scripts/deploy-k8s.sh ${environment} "$IMAGE_TAG" "$IMAGE_REGISTRY"`);
      expect(K8S_PATHS).toContain(`k8s/overlays/${environment}`);
    }
  });

  it('refuses mutable tags for staging and production', () => {
    const script = (deploy.jobs['resolve'] as TJob).steps.map((entry) => entry.run ?? '').join('\n');
    expect(script).toContain('^(sha-[0-9a-f]{7,}|[0-9]+\\.[0-9]+\\.[0-9]+)$');
  });
});

describe('docker/scripts/deploy-k8s.sh', () => {
  const script = readFileSync(DEPLOY_SCRIPT, 'utf8');
  const position = (text: string) => {
    const index = script.indexOf(text);
    expect(index, text).toBeGreaterThan(-1);
    return index;
  };

  it('is valid bash', () => {
    const result = spawnSync('bash', ['-n', DEPLOY_SCRIPT], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('sets the image tags in the overlay, migrates first, applies, waits for rollouts, smoke-checks /api/health', () => {
    const setImage = position('kustomize edit set image "lumenforge/${image}=${REGISTRY}/${image}:${TAG}"');
    const migrate = position('yq "${MIGRATE_JOBS}" "${RENDERED}" | kubectl apply -f -');
    const apply = position('kubectl apply -k "${OVERLAY}"');
    const rollout = position('kubectl rollout status');
    const smoke = position("/api/health'");
    expect(setImage).toBeLessThan(migrate);
    expect(migrate).toBeLessThan(apply);
    expect(apply).toBeLessThan(rollout);
    expect(rollout).toBeLessThan(smoke);
    expect(script).toContain('OVERLAY="${ROOT}/k8s/overlays/${ENVIRONMENT}"');
    expect(script).toContain('lumenforge.io/deploy-phase');
    for (const app of SYSTEM_IDS) expect(script).toContain(app);
  });

  it('matches the Kubernetes manifests where they exist: image names lumenforge/<app>, the migration Job label', () => {
    for (const app of SYSTEM_IDS) {
      const deployment = join(REPO_ROOT, 'k8s/base', app, 'deployment.yaml');
      if (existsSync(deployment))
        expect(readFileSync(deployment, 'utf8'), app).toMatch(new RegExp(`image: lumenforge/${app}\\b`));
    }
    const job = join(REPO_ROOT, 'k8s/base/platform/migrate-job.yaml');
    if (existsSync(job)) {
      const text = readFileSync(job, 'utf8');
      expect(text).toContain('image: lumenforge/migrate');
      expect(text).toContain('lumenforge.io/deploy-phase: migrate');
    }
  });
});
