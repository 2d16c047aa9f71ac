import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IGNIS_HMR_PORT, SYSTEM_IDS, SYSTEMS } from '@lumenforge/config';
import { describe, expect, it } from 'vitest';
import { DOCKER_DIR, REPO_ROOT } from './compose-files';
import {
  chainInstructions,
  effective,
  execForm,
  parseCopy,
  parseDockerfile,
  parseInstructions,
  parseKeyValues,
  stageChain,
  stageVariables,
  substitute,
  type TDockerfile,
} from './dockerfile';
import { isIgnored, parseDockerignore } from './dockerignore';

const DOCKERFILE = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8');
const dockerfile: TDockerfile = parseDockerfile(DOCKERFILE);
const stageNames = dockerfile.stages.map((stage) => stage.name);
const FINAL_TARGETS = ['app', 'identity', 'migrate', 'ignis-worker'] as const;
const BUILD_STAGES = new Set([
  'os',
  'base',
  'manifests',
  'deps',
  'build',
  'identity-build',
  'ignis-worker-build',
]);

/** UID/user names the `os` stage creates (useradd --uid N … name). */
function createdUsers(): Map<string, string> {
  const users = new Map<string, string>();
  for (const instruction of chainInstructions(dockerfile, 'os', {})) {
    if (instruction.keyword !== 'RUN') continue;
    const match = /useradd\b.*--uid (\d+)\b.*?\s([a-z_][a-z0-9_-]*)\s*$/.exec(
      instruction.args.split('&&').find((part) => part.includes('useradd')) ?? '',
    );
    if (match) users.set(match[2] as string, match[1] as string);
  }
  return users;
}

function varsFor(target: string, app = 'slate') {
  return stageVariables(dockerfile, target, { APP: app });
}

describe('Dockerfile parser', () => {
  it('joins continuations, drops comments and keeps line numbers', () => {
    const parsed = parseInstructions(
      '# c\nFROM a AS b\nRUN one \\\n  # inner comment\n  && two\nENV A=1 B="x y"\n',
    );
    expect(parsed).toEqual([
      { keyword: 'FROM', args: 'a AS b', line: 2 },
      { keyword: 'RUN', args: 'one && two', line: 3 },
      { keyword: 'ENV', args: 'A=1 B="x y"', line: 6 },
    ]);
    expect(parseKeyValues('A=1 B="x y"')).toEqual({ A: '1', B: 'x y' });
    expect(substitute('app-${APP}:${TAG:-latest}', { APP: 'slate' })).toBe('app-slate:latest');
  });
});

describe('docker/Dockerfile', () => {
  it('is multi-stage with deps, build and runtime stages and a global ARG APP', () => {
    expect(stageNames).toEqual(
      expect.arrayContaining(['deps', 'build', 'runtime', 'app', 'identity', 'migrate']),
    );
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(6);
    expect(dockerfile.globalArgs.map((arg) => arg.args.split('=')[0])).toContain('APP');
    // `docker build --build-arg APP=…` with no --target builds the app image: it is the last stage.
    expect(dockerfile.stages.at(-1)?.name).toBe('app');
    expect(dockerfile.stages.at(-1)?.from).toBe('app-${APP}');
  });

  it('uses a Node 20 slim base image', () => {
    const os = dockerfile.stages.find((stage) => stage.name === 'os');
    expect(os?.from).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim$/);
    expect(parseKeyValues(dockerfile.globalArgs.map((arg) => arg.args).join(' '))['NODE_VERSION']).toMatch(
      /^20(\.|$)/,
    );
  });

  it('installs dependencies with npm ci from the lockfile, install scripts off', () => {
    const deps = chainInstructions(dockerfile, 'deps', {}).filter(
      (instruction) => instruction.stage === 'deps',
    );
    const run = deps.find((instruction) => instruction.keyword === 'RUN')?.args ?? '';
    expect(run).toMatch(/\bnpm ci\b/);
    expect(run).toContain('--ignore-scripts');
    const manifests = chainInstructions(dockerfile, 'manifests', {}).filter((i) => i.stage === 'manifests');
    expect(manifests.map((instruction) => instruction.args).join('\n')).toContain('package-lock.json');
  });

  it('builds the app with nx and refuses an unknown APP', () => {
    const runs = dockerfile.stages
      .find((stage) => stage.name === 'build')
      ?.instructions.filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.args)
      .join('\n');
    expect(runs).toMatch(/npx nx build "\$\{APP\}"/);
    for (const app of SYSTEM_IDS) expect(runs).toContain(app);
    expect(runs).toMatch(/exit 1/);
  });

  it.each(SYSTEM_IDS)(
    'the %s image: its port, /api/health HEALTHCHECK, EXPOSE, non-root, production env',
    (app) => {
      const vars = varsFor('app', app);
      const chain = stageChain(dockerfile, 'app', vars).map((stage) => stage.name);
      expect(chain).toEqual(['app', `app-${app}`, 'runtime', 'os']);
      expect(vars['PORT']).toBe(String(SYSTEMS[app].port));
      expect(vars['NODE_ENV']).toBe('production');
      expect(vars['HOSTNAME']).toBe('0.0.0.0');

      const exposed = chainInstructions(dockerfile, 'app', vars)
        .filter((instruction) => instruction.keyword === 'EXPOSE')
        .flatMap((instruction) => substitute(instruction.args, vars).split(' '));
      expect(exposed).toContain(String(SYSTEMS[app].port));
      // 24678 is the IGNIS engine's (the ignis-worker image), not an app's.
      expect(exposed).not.toContain('24678');

      const user = effective(dockerfile, 'app', 'USER', vars);
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);
      const [uid] = (user as string).split(':');
      expect([...createdUsers().values()]).toContain(uid);

      const healthcheck = effective(dockerfile, 'app', 'HEALTHCHECK', vars) ?? '';
      expect(healthcheck).toMatch(/--interval=\S+ .*--retries=\d+ CMD \[/);
      const command = execForm(healthcheck) ?? [];
      expect(command.slice(0, 2)).toEqual(['node', '-e']);
      expect(command.join(' ')).toContain("'http://127.0.0.1:'+process.env.PORT+'/api/health'");
      expect(command.join(' ')).not.toMatch(/\b(curl|wget)\b/);

      expect(effective(dockerfile, 'app', 'WORKDIR', vars)).toBe(`/app/apps/${app}`);
      expect(execForm(effective(dockerfile, 'app', 'CMD', vars) ?? '')).toEqual(['node', 'server.js']);
    },
  );

  it('the app image copies only the standalone output, static chunks and public/ from the build stage', () => {
    const app = dockerfile.stages.find((stage) => stage.name === 'app');
    const copies = (app?.instructions ?? [])
      .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
      .map(parseCopy);
    expect(copies.map((copy) => copy.from)).toEqual(['build', 'build', 'build']);
    expect(copies.map((copy) => copy.sources[0])).toEqual([
      '/repo/apps/${APP}/.next/standalone/',
      '/repo/apps/${APP}/.next/static/',
      '/repo/apps/${APP}/public/',
    ]);
  });

  it('no dev dependencies in the runtime images: no npm install/ci, no node_modules but the traced ones', () => {
    for (const target of ['app', 'identity'] as const) {
      const vars = varsFor(target);
      for (const instruction of chainInstructions(dockerfile, target, vars)) {
        if (BUILD_STAGES.has(instruction.stage) && instruction.stage !== 'os') continue;
        expect(instruction.args, `${target} / ${instruction.stage} line ${instruction.line}`).not.toMatch(
          /\bnpm (ci|install|i)\b|--include=dev|\byarn\b|\bpnpm\b/,
        );
        if (instruction.keyword === 'COPY') {
          const copy = parseCopy(instruction);
          expect(copy.from, `line ${copy.line}: ${target} copies only from build stages`).not.toBe('deps');
        }
      }
    }
  });

  it('identity and migrate images: non-root, their commands, identity health on /healthz', () => {
    for (const target of ['identity', 'migrate'] as const) {
      const user = effective(dockerfile, target, 'USER', varsFor(target));
      expect(user, target).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);
    }
    const identityVars = varsFor('identity');
    expect(identityVars['IDENTITY_BIND_HOST']).toBe('0.0.0.0');
    expect(identityVars['IDENTITY_PORT']).toBe('3100');
    expect(effective(dockerfile, 'identity', 'EXPOSE', identityVars)).toBe('3100');
    expect(effective(dockerfile, 'identity', 'HEALTHCHECK', identityVars)).toContain('/healthz');
    expect(execForm(effective(dockerfile, 'identity', 'CMD', identityVars) ?? '')).toEqual([
      'node',
      'server.mjs',
    ]);
    // The repository's offline Prisma CLI: `tsx src/cli.ts migrate deploy` in prisma/ (prisma/package.json).
    const prismaScripts = JSON.parse(readFileSync(join(REPO_ROOT, 'prisma/package.json'), 'utf8')).scripts;
    expect(prismaScripts['migrate-deploy']).toBe('tsx src/cli.ts migrate deploy');
    expect(effective(dockerfile, 'migrate', 'WORKDIR', varsFor('migrate'))).toBe('/repo/prisma');
    expect(execForm(effective(dockerfile, 'migrate', 'ENTRYPOINT', varsFor('migrate')) ?? '')).toEqual([
      'node',
      '--import',
      'tsx',
      'src/cli.ts',
    ]);
    expect(execForm(effective(dockerfile, 'migrate', 'CMD', varsFor('migrate')) ?? '')).toEqual([
      'migrate',
      'deploy',
    ]);
  });

  it('the ignis-worker image: engine by default on 24678 with /healthz, full node_modules and Prisma client, non-root', () => {
    const vars = varsFor('ignis-worker');
    expect(stageChain(dockerfile, 'ignis-worker', vars).map((stage) => stage.name)).toEqual([
      'ignis-worker',
      'runtime',
      'os',
    ]);
    expect(vars).toMatchObject({
      LUMENFORGE_HOME: '/data/lumenforge',
      IGNIS_BIND_HOST: '0.0.0.0',
      IGNIS_HMR_PORT: String(IGNIS_HMR_PORT),
      NODE_ENV: 'production',
    });
    expect(effective(dockerfile, 'ignis-worker', 'EXPOSE', vars)).toBe(String(IGNIS_HMR_PORT));
    const user = effective(dockerfile, 'ignis-worker', 'USER', vars) ?? '';
    expect(user.split(':')[0]).toBe(createdUsers().get('lumenforge'));
    const health = execForm(effective(dockerfile, 'ignis-worker', 'HEALTHCHECK', vars) ?? '') ?? [];
    expect(health.slice(0, 2)).toEqual(['node', '-e']);
    expect(health.join(' ')).toContain("process.env.IGNIS_HMR_PORT+'/healthz'");
    expect(execForm(effective(dockerfile, 'ignis-worker', 'CMD', vars) ?? '')).toEqual([
      'node',
      '--conditions=react-server',
      '--import',
      'tsx',
      'libs/ignis/engine/src/main.ts',
    ]);
    for (const entry of ['libs/ignis/engine/src/main.ts', 'libs/ignis/builds/src/main.ts'])
      expect(existsSync(join(REPO_ROOT, entry)), entry).toBe(true);
    const build = dockerfile.stages.find((stage) => stage.name === 'ignis-worker-build');
    expect(build?.from).toBe('deps');
    expect(build?.instructions.map((i) => i.args).join('\n')).toContain('nx build prisma');
  });

  it('the ignis app image ships Monaco (read from node_modules/monaco-editor/min at run time)', () => {
    const copies = (dockerfile.stages.find((stage) => stage.name === 'app-ignis')?.instructions ?? [])
      .filter((i) => i.keyword === 'COPY')
      .map(parseCopy);
    expect(copies).toEqual([
      expect.objectContaining({
        from: 'build',
        sources: ['/repo/node_modules/monaco-editor/min/'],
        destination: './node_modules/monaco-editor/min/',
      }),
    ]);
    // The app's WORKDIR (/app/apps/ignis) is below /app, where the route's upward search finds it.
    expect(effective(dockerfile, 'app', 'WORKDIR', varsFor('app', 'ignis'))).toBe('/app/apps/ignis');
    expect(effective(dockerfile, 'app-ignis', 'WORKDIR', varsFor('app', 'ignis'))).toBe('/app');
  });

  it('labels every final image with the OCI annotations', () => {
    for (const target of FINAL_TARGETS) {
      const labels = Object.assign(
        {},
        ...chainInstructions(dockerfile, target, varsFor(target))
          .filter((instruction) => instruction.keyword === 'LABEL')
          .map((instruction) => parseKeyValues(instruction.args)),
      ) as Record<string, string>;
      for (const key of [
        'title',
        'description',
        'source',
        'version',
        'revision',
        'created',
        'vendor',
        'licenses',
      ])
        expect(labels, `${target}: org.opencontainers.image.${key}`).toHaveProperty(
          `org.opencontainers.image.${key}`,
        );
    }
  });

  it('every COPY source exists in the build context or is produced by the stage it is copied from', () => {
    const rules = parseDockerignore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));
    for (const app of SYSTEM_IDS) {
      // What the build stages produce beyond the context: nx build outputs declared by the app,
      // directories created with mkdir -p, the identity bundle.
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', app, 'package.json'), 'utf8'));
      const outputs: string[] = (manifest.nx?.targets?.build?.outputs ?? []).map((output: string) =>
        output.replace('{projectRoot}', `apps/${app}`),
      );
      const produced: Record<string, string[]> = {
        build: [...outputs, `apps/${app}/public`],
        'identity-build': ['dist/identity'],
        deps: ['node_modules', 'package.json', 'package-lock.json'],
        manifests: [],
      };
      for (const stage of dockerfile.stages) {
        const vars = stageVariables(dockerfile, stage.name, { APP: app });
        for (const instruction of stage.instructions.filter(
          (i) => i.keyword === 'COPY' || i.keyword === 'ADD',
        )) {
          const copy = parseCopy(instruction);
          for (const rawSource of copy.sources) {
            const source = substitute(rawSource, vars).replace(/\/+$/, '');
            const where = `line ${copy.line} (${stage.name}, APP=${app}): ${rawSource}`;
            if (copy.from === null) {
              if (source === '.') continue;
              expect(existsSync(join(REPO_ROOT, source)), `${where} exists`).toBe(true);
              expect(isIgnored(rules, source), `${where} is not in .dockerignore`).toBe(false);
              continue;
            }
            expect(stageNames.indexOf(copy.from), `${where}: --from an earlier stage`).toBeLessThan(
              stage.index,
            );
            expect(stageNames).toContain(copy.from);
            const relative = source.replace(/^\/repo\/?/, '');
            if (copy.from === 'manifests') {
              expect(source).toBe('/manifests');
              continue;
            }
            const fromProduced = (produced[copy.from] ?? []).some(
              (path) => relative === path || relative.startsWith(`${path}/`),
            );
            const fromContext = relative === '' || existsSync(join(REPO_ROOT, relative));
            expect(fromProduced || fromContext, `${where} is produced by stage ${copy.from}`).toBe(true);
          }
        }
      }
    }
  });

  it('the identity bundler script exists and traces node_modules (no tsx at run time)', () => {
    const script = readFileSync(join(DOCKER_DIR, 'scripts/bundle-identity.mjs'), 'utf8');
    expect(script).toContain('apps/identity/src/main.ts');
    expect(script).toContain('nodeFileTrace');
    const run = dockerfile.stages
      .find((stage) => stage.name === 'identity-build')
      ?.instructions.map((i) => i.args)
      .join('\n');
    expect(run).toContain('node docker/scripts/bundle-identity.mjs dist/identity');
    expect(run).toContain('nx build prisma');
  });
});

describe('.dockerignore', () => {
  const rules = parseDockerignore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));

  it.each([
    'node_modules',
    'node_modules/next/package.json',
    'apps/slate/node_modules/x',
    'apps/slate/.next/standalone/server.js',
    '.lumenforge/identity/accounts.json',
    '.git/HEAD',
    'test-output/reports/x.json',
    'dist/identity/server.mjs',
    'coverage/index.html',
    'npm-debug.log',
    'apps/slate/debug.log',
    '.env',
    '.env.local',
    'docker/.env',
    'libs/shared/db/src/generated/prisma/client.ts',
  ])('excludes %s', (path) => {
    expect(isIgnored(rules, path)).toBe(true);
  });

  it.each([
    'package.json',
    'package-lock.json',
    'tsconfig.base.json',
    'nx.json',
    'prisma/schema.prisma',
    'apps/slate/next.config.mjs',
    'libs/shared/config/next-config.mjs',
    'tools/platform/standalone-assets.mjs',
    'docker/package.json',
    'docker/scripts/bundle-identity.mjs',
  ])('keeps %s', (path) => {
    expect(isIgnored(rules, path)).toBe(false);
  });
});
