import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEnv, SYSTEM_IDS, SYSTEMS, type TSystemId } from '@lumenforge/config';
import { ZOidcClientEnv } from '@lumenforge/auth/env';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { platformMode, refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DOCKER_DIR,
  interpolate,
  interpolateString,
  InterpolationError,
  mergeCompose,
  readDotenv,
  readYaml,
  referencedVariables,
  requiredVariables,
  type TYamlMap,
} from './compose-files';
import { COMPOSE_SCHEMA_PATH, createComposeValidator } from './compose-schema';
import { parseDockerfile, stageVariables } from './dockerfile';

const COMPOSE_PATH = join(DOCKER_DIR, 'compose.yaml');
const HA_PATH = join(DOCKER_DIR, 'compose.ha.yaml');
const ENV_EXAMPLE = readDotenv(join(DOCKER_DIR, '.env.example'));
const DATA_SERVICES = ['postgres', 'redis', 'nats', 'registry'] as const;
const SECRETS = [
  'POSTGRES_PASSWORD',
  'REDIS_PASSWORD',
  'OIDC_CLIENT_SECRET',
  'AUTH_SECRET',
  'IDENTITY_AGENT_CLIENT_SECRET',
  'POSTGRES_REPLICATION_PASSWORD',
  'IGNIS_ENGINE_SECRET',
];

type TService = {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  user?: string;
};

const services = (document: TYamlMap) => document['services'] as unknown as Record<string, TService>;
const service = (document: TYamlMap, name: string): TService => {
  const found = services(document)[name];
  if (!found) throw new Error(`service ${name} is missing`);
  return found;
};

/** Published host port → container port of a `[ip:]host:container` entry. */
function portMappings(entries: string[] = []): Array<{ host: number; container: number; ip: string }> {
  return entries.map((entry) => {
    const parts = entry.split(':');
    const container = Number(parts.at(-1));
    const host = Number(parts.at(-2));
    return { host, container, ip: parts.length === 3 ? (parts[0] as string) : '0.0.0.0' };
  });
}

/** Services in start order: each after everything it depends on (throws on a cycle). */
function startLevels(document: TYamlMap): Map<string, number> {
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const level = (name: string): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`depends_on cycle through ${name}`);
    visiting.add(name);
    const dependencies = Object.keys(service(document, name).depends_on ?? {});
    const value = dependencies.length === 0 ? 0 : Math.max(...dependencies.map(level)) + 1;
    visiting.delete(name);
    levels.set(name, value);
    return value;
  };
  for (const name of Object.keys(services(document))) level(name);
  return levels;
}

/** The env an app would read, validated by the same schemas the apps compose in src/env.ts. */
function parseAppEnv(app: TSystemId, environment: Record<string, string>) {
  const schema = ZPlatformEnv.extend(ZRuntimeEnv.shape)
    .extend(ZOidcClientEnv.shape)
    .superRefine((env, ctx) => {
      refineRuntimeEnv(env, ctx);
      if (app === 'landing' && env.NODE_ENV === 'production' && env.OIDC_ISSUER && !env.AUTH_SECRET)
        ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'required' });
      if (app === 'landing' && env.OIDC_ISSUER && !env.OIDC_CLIENT_SECRET)
        ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_SECRET'], message: 'required' });
    });
  return createEnv(app, schema, environment);
}

function healthcheckText(svc: TService): string {
  return (svc.healthcheck?.test ?? []).join(' ');
}

const validateCompose = createComposeValidator();
let base: TYamlMap;
let ha: TYamlMap;
let merged: TYamlMap;

beforeAll(() => {
  base = interpolate(readYaml(COMPOSE_PATH), ENV_EXAMPLE);
  ha = interpolate(readYaml(HA_PATH), ENV_EXAMPLE);
  merged = mergeCompose(base, ha);
});

describe('Compose helpers', () => {
  it('interpolates like Compose', () => {
    const env = { A: 'a', EMPTY: '' };
    expect(interpolateString('${A}-${B:-b}-${EMPTY:-e}-${EMPTY-x}-$$A-$A', env)).toBe('a-b-e--$A-a');
    expect(() => interpolateString('${EMPTY:?set it}', env)).toThrow(InterpolationError);
    expect(interpolateString('${A:+yes}${B:+no}', env)).toBe('yes');
  });

  it('merges like Compose: maps by key, ports appended, command replaced, volumes by target', () => {
    const left: TYamlMap = {
      services: {
        s: {
          command: ['a'],
          ports: ['1:1'],
          volumes: ['v:/data', './x:/x'],
          environment: { A: '1', B: '2' },
          depends_on: { d: { condition: 'service_healthy' } },
        },
      },
    };
    const right: TYamlMap = {
      services: {
        s: {
          command: ['b'],
          ports: ['2:2'],
          volumes: ['./y:/x'],
          environment: ['B=3', 'C=4'],
          depends_on: { e: { condition: 'service_started' } },
        },
      },
    };
    expect(mergeCompose(left, right)).toEqual({
      services: {
        s: {
          command: ['b'],
          ports: ['1:1', '2:2'],
          volumes: ['v:/data', './y:/x'],
          environment: { A: '1', B: '3', C: '4' },
          depends_on: { d: { condition: 'service_healthy' }, e: { condition: 'service_started' } },
        },
      },
    });
  });
});

describe('Compose specification schema', () => {
  it('is the vendored official schema, unchanged', () => {
    const digest = createHash('sha256').update(readFileSync(COMPOSE_SCHEMA_PATH)).digest('hex');
    expect(digest).toBe('e82b395a9ac423febdba22c159b85d51d972706aea67d64799672a6ae3e56f47');
  });

  it('rejects what Compose rejects', () => {
    expect(validateCompose({ services: { a: { image: 'x', unknown_key: 1 } } })).not.toEqual([]);
    expect(
      validateCompose({ services: { a: { image: 'x', depends_on: { b: { condition: 'service_ready' } } } } }),
    ).not.toEqual([]);
    expect(
      validateCompose({ services: { a: { image: 'x', healthcheck: { interval: '5 seconds' } } } }),
    ).not.toEqual([]);
    expect(
      validateCompose({ services: { a: { image: 'x', ports: ['3000:3000', '127.0.0.1:1:2/udp'] } } }),
    ).toEqual([]);
  });

  it('compose.yaml validates', () => {
    expect(validateCompose(base)).toEqual([]);
  });

  it('compose.ha.yaml validates on its own', () => {
    expect(validateCompose(ha)).toEqual([]);
  });

  it('compose.yaml + compose.ha.yaml (merged) validates', () => {
    expect(validateCompose(merged)).toEqual([]);
  });
});

describe('variables and docker/.env.example', () => {
  const texts = [readFileSync(COMPOSE_PATH, 'utf8'), readFileSync(HA_PATH, 'utf8')];

  it('documents every variable the Compose files use, and uses every variable it documents', () => {
    const used = new Set(texts.flatMap((text) => [...referencedVariables(text)]));
    for (const name of used) expect(Object.keys(ENV_EXAMPLE), `${name} in .env.example`).toContain(name);
    for (const name of Object.keys(ENV_EXAMPLE)) expect([...used], `${name} is used`).toContain(name);
  });

  it('has no default for a secret: the stack refuses to start until docker/.env sets them', () => {
    const required = new Set(texts.flatMap((text) => [...requiredVariables(text)]));
    for (const secret of SECRETS) expect([...required], secret).toContain(secret);
    expect(() => interpolate(readYaml(COMPOSE_PATH), {})).toThrow(
      /POSTGRES_PASSWORD|REDIS_PASSWORD|OIDC|AUTH/,
    );
  });

  it('holds placeholders, not real secrets', () => {
    for (const secret of SECRETS) expect(ENV_EXAMPLE[secret], secret).toMatch(/^change-me/);
  });
});

describe('compose.yaml', () => {
  it('PostgreSQL 16 with a volume and a pg_isready healthcheck', () => {
    const postgres = service(base, 'postgres');
    expect(postgres.image).toMatch(/^postgres:16/);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(healthcheckText(postgres)).toContain('pg_isready');
    expect(portMappings(postgres.ports)).toEqual([{ host: 5432, container: 5432, ip: '127.0.0.1' }]);
  });

  it('Redis 7 with AOF on, a password and a ping healthcheck', () => {
    const redis = service(base, 'redis');
    expect(redis.image).toMatch(/^redis:7/);
    const command = redis.command ?? [];
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(command[command.indexOf('--requirepass') + 1]).toBe(ENV_EXAMPLE['REDIS_PASSWORD']);
    expect(redis.volumes).toContain('redis-data:/data');
    expect(healthcheckText(redis)).toContain('ping');
    expect(portMappings(redis.ports).map((port) => port.container)).toEqual([6379]);
  });

  it('NATS 2.10 with JetStream, monitoring on 8222 and a /healthz healthcheck', () => {
    const nats = service(base, 'nats');
    expect(nats.image).toMatch(/^nats:2\.10/);
    expect(nats.command).toContain('-js');
    expect(nats.command?.[(nats.command?.indexOf('-m') ?? -2) + 1]).toBe('8222');
    expect(portMappings(nats.ports).map((port) => port.container)).toEqual([4222, 8222]);
    expect(healthcheckText(nats)).toContain('http://127.0.0.1:8222/healthz');
    expect(nats.volumes).toContain('nats-data:/data');
  });

  it('an OCI registry on 5000', () => {
    const registry = service(base, 'registry');
    expect(registry.image).toBe('registry:2');
    expect(portMappings(registry.ports)).toEqual([{ host: 5000, container: 5000, ip: '127.0.0.1' }]);
    expect(healthcheckText(registry)).toContain('/v2/');
  });

  it('a migrate job built from the migrate target, after PostgreSQL is healthy, run once', () => {
    const migrate = service(base, 'migrate');
    expect(migrate.build).toMatchObject({
      context: '..',
      dockerfile: 'docker/Dockerfile',
      target: 'migrate',
    });
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(migrate.restart).toBe('no');
    expect(migrate.environment?.['DATABASE_URL']).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
  });

  it('the identity provider: its image target, port 3100, /healthz, after the migrations', () => {
    const identity = service(base, 'identity');
    expect(identity.build?.target).toBe('identity');
    expect(portMappings(identity.ports)).toEqual([{ host: 3100, container: 3100, ip: '0.0.0.0' }]);
    expect(healthcheckText(identity)).toContain('http://127.0.0.1:3100/healthz');
    expect(identity.depends_on?.['migrate']).toEqual({ condition: 'service_completed_successfully' });
    expect(identity.environment).toMatchObject({
      NODE_ENV: 'production',
      IDENTITY_BIND_HOST: '0.0.0.0',
      IDENTITY_ISSUER: ENV_EXAMPLE['OIDC_ISSUER'],
      OIDC_CLIENT_SECRET: ENV_EXAMPLE['OIDC_CLIENT_SECRET'],
    });
    // The provider requires both client secrets (32+ characters) with NODE_ENV=production.
    for (const key of ['OIDC_CLIENT_SECRET', 'IDENTITY_AGENT_CLIENT_SECRET'])
      expect(identity.environment?.[key]?.length, key).toBeGreaterThanOrEqual(32);
  });

  it.each(SYSTEM_IDS)('%s: image, port, healthcheck on /api/health, environment', (app) => {
    const svc = service(base, app);
    const port = SYSTEMS[app].port;
    expect(svc.build).toMatchObject({
      context: '..',
      dockerfile: 'docker/Dockerfile',
      target: 'app',
      args: { APP: app },
    });
    expect(svc.image).toBe(`${ENV_EXAMPLE['IMAGE_PREFIX']}/${app}:${ENV_EXAMPLE['IMAGE_TAG']}`);
    const ports = portMappings(svc.ports);
    expect(ports[0]).toEqual({ host: port, container: port, ip: '0.0.0.0' });
    // 24678 is the IGNIS engine's (ignis-engine), not an app's.
    expect(ports.map((mapping) => mapping.container)).toEqual([port]);
    expect(svc.environment?.['PORT']).toBe(String(port));
    expect(svc.healthcheck?.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(healthcheckText(svc)).toContain(`http://127.0.0.1:${port}/api/health`);
    expect(healthcheckText(svc)).not.toMatch(/\b(curl|wget)\b/);
    expect(svc.user ?? '').not.toMatch(/^(root|0)(:|$)/);

    const env = parseAppEnv(app, svc.environment ?? {});
    expect(platformMode(env)).toBe('cluster');
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(env.REDIS_URL).toMatch(/@redis:6379\//);
    expect(env.NATS_URL).toBe('nats://nats:4222');
    expect(env.OIDC_ISSUER).toBe(service(base, 'identity').environment?.['IDENTITY_ISSUER']);
    expect(env.LUMENFORGE_LOCAL_HOST).toBe(ENV_EXAMPLE['LUMENFORGE_PUBLIC_HOST']);
  });

  it('ignis-engine: the ignis-worker image on 24678 with /healthz, the shared secret, a separate preview origin', () => {
    const engine = service(base, 'ignis-engine');
    expect(engine.build).toMatchObject({
      context: '..',
      dockerfile: 'docker/Dockerfile',
      target: 'ignis-worker',
    });
    expect(engine.image).toBe(`${ENV_EXAMPLE['IMAGE_PREFIX']}/ignis-worker:${ENV_EXAMPLE['IMAGE_TAG']}`);
    expect(engine.command).toBeUndefined(); // the image's CMD: libs/ignis/engine/src/main.ts
    expect(portMappings(engine.ports)).toEqual([{ host: 24678, container: 24678, ip: '0.0.0.0' }]);
    expect(healthcheckText(engine)).toContain('http://127.0.0.1:24678/healthz');
    expect(engine.volumes).toEqual(['ignis-engine-data:/data/lumenforge']);
    expect(engine.environment).toMatchObject({
      LUMENFORGE_HOME: '/data/lumenforge',
      IGNIS_BIND_HOST: '0.0.0.0',
      IGNIS_HMR_PORT: '24678',
      IGNIS_ENGINE_SECRET: ENV_EXAMPLE['IGNIS_ENGINE_SECRET'],
    });
    expect(platformMode(createEnv('ignis-engine', ZRuntimeEnv, engine.environment ?? {}))).toBe('cluster');

    // The ignis app calls the engine's control API with the same secret; previews load from another
    // host than the apps' (no cookie of the apps' host reaches preview code).
    const app = service(base, 'ignis').environment ?? {};
    expect(app['IGNIS_ENGINE_URL']).toBe('http://ignis-engine:24678');
    expect(app['IGNIS_ENGINE_SECRET']).toBe(engine.environment?.['IGNIS_ENGINE_SECRET']);
    expect(app['IGNIS_PREVIEW_ORIGIN']).toBe(engine.environment?.['IGNIS_PREVIEW_ORIGIN']);
    const preview = new URL(app['IGNIS_PREVIEW_ORIGIN'] ?? '');
    expect(preview.port).toBe('24678');
    expect(preview.hostname).not.toBe(ENV_EXAMPLE['LUMENFORGE_PUBLIC_HOST']);
    expect(service(base, 'ignis').depends_on?.['ignis-engine']).toEqual({ condition: 'service_healthy' });
    // Only the two that need it get the engine secret.
    for (const [name, svc] of Object.entries(services(base)))
      if (!['ignis', 'ignis-engine'].includes(name))
        expect(svc.environment?.['IGNIS_ENGINE_SECRET'], name).toBeUndefined();
  });

  it('ignis-builder: the same image running the build worker, pushing artifacts to the registry, scalable', () => {
    const builder = service(base, 'ignis-builder');
    expect(builder.build?.target).toBe('ignis-worker');
    expect(builder.image).toBe(service(base, 'ignis-engine').image);
    expect(builder.command).toEqual([
      'node',
      '--conditions=react-server',
      '--import',
      'tsx',
      'libs/ignis/builds/src/main.ts',
    ]);
    // No published port and no container_name: `--scale ignis-builder=N` adds JetStream consumers.
    expect(builder.ports).toBeUndefined();
    expect((builder as Record<string, unknown>)['container_name']).toBeUndefined();
    expect((builder as { healthcheck?: { disable?: boolean } }).healthcheck?.disable).toBe(true);
    expect(builder.volumes).toEqual(['ignis-builder-data:/data/lumenforge']);
    expect(builder.environment).toMatchObject({
      LUMENFORGE_HOME: '/data/lumenforge',
      IGNIS_REGISTRY_URL: 'http://registry:5000',
    });
    expect(builder.environment?.['IGNIS_ENGINE_SECRET']).toBeUndefined();
    expect(platformMode(createEnv('ignis-builder', ZRuntimeEnv, builder.environment ?? {}))).toBe('cluster');
    expect(builder.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      nats: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
      registry: { condition: 'service_healthy' },
    });
  });

  it('the apps run as the image user (non-root), which the Dockerfile targets define', () => {
    const dockerfile = parseDockerfile(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
    for (const [name, svc] of Object.entries(services(base))) {
      if (!svc.build) continue;
      expect(svc.user, name).toBeUndefined();
      const target = svc.build.target ?? dockerfile.stages.at(-1)?.name ?? '';
      expect(
        dockerfile.stages.map((stage) => stage.name),
        name,
      ).toContain(target);
      if (svc.build.args?.['APP']) {
        const vars = stageVariables(dockerfile, target, svc.build.args);
        expect(vars['PORT'], name).toBe(svc.environment?.['PORT']);
      }
    }
  });

  it('starts in dependency order: data services → migrate → identity → apps, with health conditions', () => {
    const levels = startLevels(base);
    for (const name of DATA_SERVICES) expect(levels.get(name), name).toBe(0);
    expect(levels.get('migrate')).toBe(1);
    expect(levels.get('identity')).toBe(2);
    for (const app of SYSTEM_IDS) {
      const dependsOn = service(base, app).depends_on ?? {};
      expect(dependsOn).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        nats: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
        identity: { condition: 'service_healthy' },
      });
      expect(levels.get(app), app).toBeGreaterThan(levels.get('identity') as number);
    }
    // Spec "Service Dependencies": SPARK needs SLATE and IGNIS, IGNITION needs SLATE, IGNIS and
    // WAYPOINT need the registry.
    expect(service(base, 'spark').depends_on).toMatchObject({
      slate: { condition: 'service_healthy' },
      ignis: { condition: 'service_healthy' },
    });
    expect(service(base, 'ignition').depends_on).toMatchObject({ slate: { condition: 'service_healthy' } });
    for (const app of ['ignis', 'waypoint'])
      expect(service(base, app).depends_on).toMatchObject({ registry: { condition: 'service_healthy' } });
  });

  it('every health condition points at a service with a healthcheck, every completion condition at a one-shot job', () => {
    for (const document of [base, merged]) {
      for (const [name, svc] of Object.entries(services(document))) {
        for (const [dependency, { condition }] of Object.entries(svc.depends_on ?? {})) {
          const target = service(document, dependency);
          if (condition === 'service_healthy')
            expect(target.healthcheck?.test.length, `${name} → ${dependency}`).toBeGreaterThan(0);
          if (condition === 'service_completed_successfully')
            expect(target.restart, `${name} → ${dependency}`).toBe('no');
        }
      }
    }
  });

  it('declares a named volume for every volume a service mounts, and every bind-mounted file exists', () => {
    for (const document of [base, merged]) {
      const declared = Object.keys((document['volumes'] as TYamlMap | undefined) ?? {});
      for (const [name, svc] of Object.entries(services(document))) {
        for (const volume of svc.volumes ?? []) {
          const source = volume.split(':')[0] as string;
          if (source.startsWith('.') || source.startsWith('/'))
            expect(existsSync(resolve(DOCKER_DIR, source)), `${name}: ${source}`).toBe(true);
          else expect(declared, `${name}: ${source}`).toContain(source);
        }
      }
    }
  });
});

describe('compose.yaml + compose.ha.yaml (secondary site)', () => {
  it('configures the primary for replication', () => {
    const postgres = service(merged, 'postgres');
    expect(postgres.command).toEqual(expect.arrayContaining(['wal_level=replica', 'hot_standby=on']));
    expect(postgres.command?.some((arg) => arg.startsWith('max_wal_senders='))).toBe(true);
    expect(postgres.command).toContain('hba_file=/etc/postgresql/pg_hba.conf');
    expect(postgres.volumes).toEqual([
      'postgres-data:/var/lib/postgresql/data',
      './postgres/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro',
    ]);
    const hba = readFileSync(join(DOCKER_DIR, 'postgres/pg_hba.conf'), 'utf8');
    expect(hba).toMatch(/^host\s+replication\s+replicator\s+all\s+scram-sha-256$/m);
    const init = service(merged, 'postgres-replication-init');
    expect(init.restart).toBe('no');
    const script = readFileSync(join(DOCKER_DIR, 'postgres/setup-replication.sh'), 'utf8');
    expect(script).toContain('WITH REPLICATION LOGIN');
    expect(script).toContain('pg_create_physical_replication_slot');
  });

  it('runs a PostgreSQL streaming replica (pg_basebackup, hot standby) and gives the apps DATABASE_REPLICA_URL', () => {
    const replica = service(merged, 'postgres-replica');
    expect(replica.image).toBe(service(merged, 'postgres').image);
    expect(replica.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'postgres-replication-init': { condition: 'service_completed_successfully' },
    });
    expect(replica.environment).toMatchObject({ PRIMARY_HOST: 'postgres', REPLICATION_SLOT: 'replica_slot' });
    const script = readFileSync(join(DOCKER_DIR, 'postgres/replica-entrypoint.sh'), 'utf8');
    for (const flag of [
      'pg_basebackup',
      '--write-recovery-conf',
      '--wal-method=stream',
      '--slot=',
      'hot_standby=on',
    ])
      expect(script).toContain(flag);
    expect(healthcheckText(replica)).toContain('pg_is_in_recovery()');
  });

  it('runs a Redis replica and three Sentinels (quorum 2) the apps connect through', () => {
    const replica = service(merged, 'redis-replica');
    const command = replica.command ?? [];
    expect(command.slice(command.indexOf('--replicaof'), command.indexOf('--replicaof') + 3)).toEqual([
      '--replicaof',
      'redis',
      '6379',
    ]);
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    const sentinels = Object.keys(services(merged)).filter((name) => name.startsWith('redis-sentinel-'));
    expect(sentinels).toHaveLength(3);
    const script = readFileSync(join(DOCKER_DIR, 'redis/sentinel-entrypoint.sh'), 'utf8');
    expect(script).toContain(
      'sentinel monitor ${REDIS_MASTER_NAME} ${REDIS_MASTER_HOST} ${REDIS_MASTER_PORT} ${SENTINEL_QUORUM}',
    );
    expect(script).toContain('down-after-milliseconds ${REDIS_MASTER_NAME} 5000');
    expect(script).toContain('failover-timeout ${REDIS_MASTER_NAME} 10000');
    for (const name of sentinels) {
      const sentinel = service(merged, name);
      expect(sentinel.environment).toMatchObject({ REDIS_MASTER_HOST: 'redis', SENTINEL_QUORUM: '2' });
      expect(sentinel.environment?.['REDIS_MASTER_NAME']).toBe(ENV_EXAMPLE['REDIS_MASTER_NAME']);
      expect(healthcheckText(sentinel)).toContain('-p 26379 ping');
    }
  });

  it('clusters a second NATS node with the first (routes both ways, JetStream on both)', () => {
    const routes = (name: string) => {
      const command = service(merged, name).command ?? [];
      expect(command, name).toContain('-js');
      expect(command[command.indexOf('-m') + 1], name).toBe('8222');
      return {
        cluster: command[command.indexOf('--cluster') + 1],
        clusterName: command[command.indexOf('--cluster_name') + 1],
        routes: command[command.indexOf('--routes') + 1],
        serverName: command[command.indexOf('--server_name') + 1],
      };
    };
    expect(routes('nats')).toEqual({
      cluster: 'nats://0.0.0.0:6222',
      clusterName: 'lumenforge',
      routes: 'nats://nats-2:6222',
      serverName: 'nats-1',
    });
    expect(routes('nats-2')).toEqual({
      cluster: 'nats://0.0.0.0:6222',
      clusterName: 'lumenforge',
      routes: 'nats://nats:6222',
      serverName: 'nats-2',
    });
    expect(healthcheckText(service(merged, 'nats-2'))).toContain('/healthz');
  });

  it('runs a registry mirror pulling through the primary registry', () => {
    const mirror = service(merged, 'registry-mirror');
    expect(mirror.image).toBe('registry:2');
    expect(mirror.environment?.['REGISTRY_PROXY_REMOTEURL']).toBe('http://registry:5000');
    expect(portMappings(mirror.ports).map((port) => port.container)).toEqual([5000]);
  });

  it.each(SYSTEM_IDS)('%s switches to the replica, the Sentinels and both NATS servers', (app) => {
    const svc = service(merged, app);
    const env = parseAppEnv(app, svc.environment ?? {});
    expect(platformMode(env)).toBe('cluster');
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DATABASE_REPLICA_URL).toMatch(/@postgres-replica:5432\//);
    const sentinels = (env.REDIS_SENTINELS ?? '').split(',');
    expect(sentinels).toHaveLength(3);
    for (const sentinel of sentinels) {
      const [host, port] = sentinel.split(':');
      expect(Object.keys(services(merged))).toContain(host);
      expect(port).toBe('26379');
    }
    expect(env.REDIS_MASTER_NAME).toBe(ENV_EXAMPLE['REDIS_MASTER_NAME']);
    expect(env.NATS_URL).toBe('nats://nats:4222,nats://nats-2:4222');
    expect(env.NATS_STREAM_REPLICAS).toBe(2);
    // The base file's settings survive the merge.
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(svc.environment?.['PORT']).toBe(String(SYSTEMS[app].port));
    expect(svc.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      'postgres-replica': { condition: 'service_healthy' },
      'redis-sentinel-1': { condition: 'service_healthy' },
      'nats-2': { condition: 'service_healthy' },
    });
  });

  it('publishes no host port twice, and the secondary ports map to the spec matrix (SBX02)', () => {
    const published = Object.entries(services(merged)).flatMap(([name, svc]) =>
      portMappings(svc.ports).map((mapping) => ({ name, ...mapping })),
    );
    const keys = published.map((mapping) => `${mapping.ip}:${mapping.host}`);
    expect(new Set(keys).size).toBe(keys.length);
    const containerPort = (name: string) =>
      portMappings(service(merged, name).ports).map((port) => port.container);
    // Inside its container each secondary service listens on the spec's SBX02 port.
    expect(containerPort('postgres-replica')).toEqual([5432]);
    expect(containerPort('redis-sentinel-1')).toEqual([26379]);
    expect(containerPort('nats-2')).toEqual([4222, 8222, 6222]);
    expect(containerPort('registry-mirror')).toEqual([5000]);
    expect(portMappings(service(merged, 'redis-sentinel-1').ports)[0]?.host).toBe(26379);
  });

  it('keeps the start order acyclic with the secondary site', () => {
    const levels = startLevels(merged);
    expect(levels.get('postgres-replica')).toBeGreaterThan(levels.get('postgres') as number);
    for (const app of SYSTEM_IDS)
      expect(levels.get(app), app).toBeGreaterThan(levels.get('postgres-replica') as number);
  });
});
