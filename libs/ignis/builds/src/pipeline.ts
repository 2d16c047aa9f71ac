import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { TDbClient } from '@lumenforge/db/server';
import {
  BUILD_IMAGE,
  SANDBOX_UID,
  spawnLimited,
  type TLimits,
  type TSpawnLimitedResult,
} from '@lumenforge/ignis-sandbox';
import {
  ensureDependencies,
  ignisPaths,
  materialise,
  WORKSPACE_ROOT,
  type TMaterialised,
} from '@lumenforge/ignis-workspace/server';
import { artifactExists, artifactLayoutDir, storeArtifact } from './artifact';
import type { TClaimedRow, TFinishInput } from './build.repository';
import type { TBuildErrorDetail, TBuildMetrics, TPipelineStageName, TStageState } from './build.schema';
import { initialStages } from './build.schema';
import { firstBundleError, firstTestError, firstTypeScriptError } from './first-error';
import { measureBuild, type TBundleReport, type TImagesReport } from './metrics';
import { artifactRepository, isReferenceIn, pushArtifact, type TArtifactRegistry } from './registry';

const RUNNERS = join(import.meta.dirname, 'runners');
/** Where the shared install's symlinks and the runners' imports (sharp, vite) lead. */
const PLATFORM_NODE_MODULES = join(WORKSPACE_ROOT, 'node_modules');
const requireHere = createRequire(import.meta.url);

export const DEFAULT_STAGE_LIMITS: TLimits = { cpuSeconds: 240, memoryMb: 2048, wallClockMs: 300_000 };
const MAX_LOG_LINES_PER_STAGE = 5_000;

export type TPipelineHooks = {
  /** Persist the stage list (and the input digest once known). Returns false if the lease was lost. */
  onStages(stages: TStageState[], inputDigest?: string): Promise<boolean>;
  log(stage: TPipelineStageName, stream: 'stdout' | 'stderr' | 'system', line: string): void;
  /** A finished build with the same inputs, if one exists (content-addressed reuse). */
  findReusable(inputDigest: string): Promise<{
    id: string;
    artifactDigest: string;
    artifactRef: string | null;
    metrics: TBuildMetrics;
  } | null>;
};

export type TPipelineOptions = {
  home: string;
  db: TDbClient;
  limits?: Partial<Record<TPipelineStageName, Partial<TLimits>>>;
  signal: AbortSignal;
  hooks: TPipelineHooks;
  /** Cluster mode: push every artifact there too (a reused one only if it is not there yet). */
  registry?: TArtifactRegistry | null;
};

class StageFailure extends Error {
  constructor(readonly detail: TBuildErrorDetail) {
    super(detail.message);
  }
}

function stageLimits(options: TPipelineOptions, stage: TPipelineStageName): TLimits {
  return { ...DEFAULT_STAGE_LIMITS, ...(options.limits?.[stage] ?? {}) };
}

/** Resolves a package file from the work directory's node_modules (the project's own tool versions). */
function resolveFromWorkDir(dir: string, request: string): string | null {
  try {
    return createRequire(join(dir, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

/**
 * Runs one build: materialise → install → type-check → tests → bundle → images → measure → store the
 * artifact. Every tool runs in a sandboxed child (limits, clean env, no network but for install).
 * Returns the outcome for `BuildRepository.finish`; never throws for a build's own failure.
 */
export async function runPipeline(claim: TClaimedRow, options: TPipelineOptions): Promise<TFinishInput> {
  const stages = initialStages();
  const stageMs: Record<string, number> = {};
  const { hooks } = options;
  let current: TPipelineStageName = 'install';
  let warnings = 0;

  const setStage = async (name: TPipelineStageName, patch: Partial<TStageState>) => {
    const stage = stages.find((item) => item.name === name) as TStageState;
    Object.assign(stage, patch);
    await hooks.onStages(stages);
  };
  const begin = async (name: TPipelineStageName, message: string) => {
    current = name;
    hooks.log(name, 'system', `▶ ${name}: ${message}`);
    await setStage(name, { status: 'running', startedAt: new Date().toISOString(), percent: 5, message });
    return performance.now();
  };
  const end = async (
    name: TPipelineStageName,
    startedAt: number,
    status: TStageState['status'],
    message: string,
  ) => {
    const durationMs = Math.round(performance.now() - startedAt);
    stageMs[name] = durationMs;
    hooks.log(
      name,
      'system',
      `${status === 'succeeded' ? '✓' : status === 'skipped' ? '–' : '✗'} ${name}: ${message} (${durationMs} ms)`,
    );
    await setStage(name, { status, durationMs, percent: 100, message });
  };
  const skip = async (name: TPipelineStageName, why: string) => {
    stageMs[name] = 0;
    hooks.log(name, 'system', `– ${name}: skipped (${why})`);
    await setStage(name, { status: 'skipped', percent: 100, message: why, durationMs: 0 });
  };

  /** One sandboxed tool run; the output is streamed line by line to the log and returned. */
  const run = async (
    stage: TPipelineStageName,
    dir: string,
    args: string[],
    env: Record<string, string>,
    network: 'none' | 'host' = 'none',
    command = process.execPath,
  ) => {
    const limits = stageLimits(options, stage);
    const child = spawnLimited({
      command,
      args,
      cwd: dir,
      allowedRoot: ignisPaths(options.home).root,
      env: { CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      limits,
      network,
      signal: options.signal,
      // Every stage but install (npm needs the registry) runs in a container where containers are in
      // force; what it reads besides its work dir is mounted read-only at the same paths, so the
      // node_modules symlinks (work dir → deps → the platform's node_modules) resolve inside too.
      ...(stage === 'install'
        ? {}
        : {
            container: {
              readOnlyPaths: [PLATFORM_NODE_MODULES, RUNNERS],
              // Vite's config loader (node_modules/.vite-temp) and vitest's cache (node_modules/.vite)
              // write into the dependency install: an overlay of it with an empty tmpfs for each.
              overlayPaths: [ignisPaths(options.home).deps],
              scratchPaths: toolScratchDirs,
            },
          }),
    });
    hooks.log(
      stage,
      'system',
      child.containerName
        ? `isolation: container ${child.containerName} (${BUILD_IMAGE}, no network, read-only root, uid ${SANDBOX_UID})`
        : `isolation: process${network === 'none' ? ' (no network)' : ''}`,
    );
    let output = '';
    let lines = 0;
    const pipe = (stream: 'stdout' | 'stderr') => {
      let pending = '';
      child.child[stream]?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        pending += text;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) {
          if (line.trim() === '') continue;
          lines += 1;
          if (lines <= MAX_LOG_LINES_PER_STAGE) hooks.log(stage, stream, line);
          else if (lines === MAX_LOG_LINES_PER_STAGE + 1)
            hooks.log(stage, 'system', `… log truncated after ${MAX_LOG_LINES_PER_STAGE} lines`);
        }
      });
      child.child[stream]?.on('end', () => {
        if (pending) hooks.log(stage, stream, pending);
      });
    };
    pipe('stdout');
    pipe('stderr');
    const result = await child.done;
    if (output.length > 2_000_000) output = output.slice(-2_000_000);
    return { result, output };
  };
  const limitFailure = (stage: TPipelineStageName, result: TSpawnLimitedResult): StageFailure | null =>
    result.limitHit
      ? new StageFailure({
          stage,
          message:
            result.limitHit === 'cancelled' ? 'Cancelled' : `${stage}: ${result.message ?? result.limitHit}`,
          file: null,
          line: null,
          column: null,
          code:
            result.limitHit === 'cancelled'
              ? null
              : `LIMIT_${result.limitHit.toUpperCase().replace('-', '_')}`,
          limitHit: result.limitHit,
        })
      : null;

  /** Cluster mode: the artifact also goes to the registry (HEAD first: blobs it has are not sent again). */
  const publish = async (stage: TPipelineStageName, digest: string, knownRef: string | null = null) => {
    if (!options.registry) return null;
    const target = artifactRepository(options.registry, claim.workspaceId);
    if (knownRef?.endsWith(`@${digest}`) && isReferenceIn(knownRef, target)) {
      hooks.log(stage, 'system', `artifact already in the registry: ${knownRef}`);
      return knownRef;
    }
    const dir = artifactLayoutDir(ignisPaths(options.home).artifacts, digest);
    const pushed = await pushArtifact(dir, digest, target, `build-${claim.id}`);
    hooks.log(
      stage,
      'system',
      `artifact pushed to ${pushed.reference} (${pushed.uploadedBlobs.length} blob(s) uploaded, ${pushed.existingBlobs.length} already there)`,
    );
    return pushed.reference;
  };

  let work: TMaterialised | null = null;
  let toolScratchDirs: string[] = [];
  try {
    // install: materialise the source into a private work dir, then its dependencies.
    let startedAt = await begin('install', 'materialising the sources');
    work = await materialise(claim.source, { home: options.home, db: options.db, key: `build-${claim.id}` });
    // The workspace lib gives bare hex; builds store digests OCI-style.
    const inputDigest = work.inputDigest.startsWith('sha256:')
      ? work.inputDigest
      : `sha256:${work.inputDigest}`;
    await hooks.onStages(stages, inputDigest);
    hooks.log('install', 'system', `${work.files.length} files, input digest ${inputDigest}`);

    const reusable = await hooks.findReusable(inputDigest);
    if (reusable && artifactExists(ignisPaths(options.home).artifacts, reusable.artifactDigest)) {
      for (const stage of stages)
        Object.assign(stage, {
          status: 'reused',
          percent: 100,
          durationMs: 0,
          message: `reused build ${reusable.id}`,
        });
      hooks.log(
        'install',
        'system',
        `same inputs as build ${reusable.id}: reusing its artifact ${reusable.artifactDigest}`,
      );
      return {
        status: 'succeeded',
        metrics: reusable.metrics,
        artifactDigest: reusable.artifactDigest,
        artifactRef: await publish('install', reusable.artifactDigest, reusable.artifactRef),
        stages,
        reusedFromBuildId: reusable.id,
      };
    }

    const dependencies = await ensureDependencies(work.dir, {
      home: options.home,
      allowInstall: true,
      // The one stage with network: npm needs the registry. Still limited, still without the platform's env.
      install: async ({ command, args, cwd }) => {
        const { result, output } = await run(
          'install',
          cwd,
          args,
          { npm_config_cache: join(cwd, '.npm-cache') },
          'host',
          command,
        );
        const failure = limitFailure('install', result);
        if (failure) throw failure;
        return { exitCode: result.exitCode, output };
      },
    });
    toolScratchDirs = ['.vite-temp', '.vite'].map((name) => join(dependencies.nodeModules, name));
    await end(
      'install',
      startedAt,
      'succeeded',
      dependencies.kind === 'shared'
        ? 'shared dependency install linked'
        : dependencies.installed
          ? `installed ${dependencies.id}`
          : `cached ${dependencies.id}`,
    );

    // type-check
    const tsc =
      resolveFromWorkDir(work.dir, 'typescript/bin/tsc') ??
      resolveFromWorkDir(work.dir, 'typescript/lib/tsc.js');
    if (!existsSync(join(work.dir, 'tsconfig.json'))) await skip('typecheck', 'no tsconfig.json');
    else if (!tsc) await skip('typecheck', 'typescript is not a dependency');
    else {
      startedAt = await begin('typecheck', 'tsc --noEmit');
      const { result, output } = await run(
        'typecheck',
        work.dir,
        [tsc, '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'],
        {},
      );
      const failure = limitFailure('typecheck', result);
      if (failure) throw failure;
      if (result.exitCode !== 0) {
        throw new StageFailure(
          firstTypeScriptError(output) ?? {
            stage: 'typecheck',
            message: `tsc exited with ${result.exitCode}`,
            file: null,
            line: null,
            column: null,
            code: null,
            limitHit: null,
          },
        );
      }
      await end('typecheck', startedAt, 'succeeded', 'no type errors');
    }

    // tests
    // vitest's package exports do not list its bin: find it next to its package.json.
    const vitestManifest = resolveFromWorkDir(work.dir, 'vitest/package.json');
    const vitest = vitestManifest ? join(vitestManifest, '..', 'vitest.mjs') : null;
    const testFiles = work.files.filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file));
    if (testFiles.length === 0) await skip('tests', 'no test files');
    else if (!vitest) await skip('tests', 'vitest is not a dependency');
    else {
      startedAt = await begin('tests', `vitest run (${testFiles.length} files)`);
      const { result, output } = await run(
        'tests',
        work.dir,
        [vitest, 'run', '--reporter=default', '--no-color'],
        { NODE_ENV: 'test' },
      );
      const failure = limitFailure('tests', result);
      if (failure) throw failure;
      if (result.exitCode !== 0) {
        throw new StageFailure(
          firstTestError(output) ?? {
            stage: 'tests',
            message: `vitest exited with ${result.exitCode}`,
            file: null,
            line: null,
            column: null,
            code: null,
            limitHit: null,
          },
        );
      }
      const passed = /Tests\s+(\d+ passed[^\n]*)/.exec(output)?.[1]?.trim();
      await end('tests', startedAt, 'succeeded', passed ?? 'tests passed');
    }

    // bundle: vite build through the vite library, in the sandbox
    startedAt = await begin(
      'bundle',
      'vite build (tree shaking, code splitting, Tailwind CSS, minify, source maps)',
    );
    const bundleReportFile = join(work.dir, '.ignis', 'bundle-report.json');
    const bundled = await run('bundle', work.dir, [join(RUNNERS, 'bundle.mjs'), bundleReportFile], {
      NODE_ENV: 'production',
    });
    const bundleLimit = limitFailure('bundle', bundled.result);
    if (bundleLimit) throw bundleLimit;
    if (bundled.result.exitCode !== 0) {
      throw new StageFailure(
        firstBundleError(bundled.output, work.dir) ?? {
          stage: 'bundle',
          message: `vite build exited with ${bundled.result.exitCode}`,
          file: null,
          line: null,
          column: null,
          code: null,
          limitHit: null,
        },
      );
    }
    warnings += (bundled.output.match(/\bwarn(ing)?\b|\[[A-Z_]+\]/gi) ?? []).length;
    const bundle = JSON.parse(await readFile(bundleReportFile, 'utf8')) as TBundleReport;
    await end(
      'bundle',
      startedAt,
      'succeeded',
      `${bundle.chunks.length} chunks, ${bundle.assets.length} assets`,
    );

    // images: sharp over dist/, in the sandbox
    startedAt = await begin('images', 'optimising images with sharp');
    const imagesReportFile = join(work.dir, '.ignis', 'images-report.json');
    const sharpEntry = requireHere.resolve('sharp');
    const optimised = await run(
      'images',
      work.dir,
      [join(RUNNERS, 'images.mjs'), sharpEntry, imagesReportFile],
      {},
    );
    const imagesLimit = limitFailure('images', optimised.result);
    if (imagesLimit) throw imagesLimit;
    if (optimised.result.exitCode !== 0) {
      throw new StageFailure({
        stage: 'images',
        message:
          optimised.output.trim().split('\n').slice(-3).join(' ').slice(0, 1000) ||
          'image optimisation failed',
        file: null,
        line: null,
        column: null,
        code: null,
        limitHit: null,
      });
    }
    const images = JSON.parse(await readFile(imagesReportFile, 'utf8')) as TImagesReport;
    await end('images', startedAt, 'succeeded', `${images.images.length} images checked`);

    const manifest = JSON.parse(await readFile(join(work.dir, 'package.json'), 'utf8').catch(() => '{}')) as {
      dependencies?: Record<string, string>;
    };
    const metrics = await measureBuild({
      distDir: join(work.dir, 'dist'),
      bundle,
      images,
      dependencies: Object.keys(manifest.dependencies ?? {}),
      nodeModules: join(work.dir, 'node_modules'),
      stageMs,
      warnings,
    });
    const artifact = await storeArtifact(join(work.dir, 'dist'), ignisPaths(options.home).artifacts, {
      'org.opencontainers.image.title': `ignis-build-${claim.id}`,
      'io.lumenforge.ignis.input-digest': inputDigest,
    });
    hooks.log(
      'images',
      'system',
      `artifact ${artifact.digest} (${artifact.layerBytes} bytes) stored as an OCI image layout`,
    );
    const artifactRef = await publish('images', artifact.digest);
    return { status: 'succeeded', metrics, artifactDigest: artifact.digest, artifactRef, stages };
  } catch (error) {
    const detail: TBuildErrorDetail =
      error instanceof StageFailure
        ? error.detail
        : {
            stage: current,
            message: error instanceof Error ? error.message : String(error),
            file: null,
            line: null,
            column: null,
            code: null,
            limitHit: null,
          };
    const cancelled = detail.limitHit === 'cancelled' || options.signal.aborted;
    for (const stage of stages) {
      if (stage.name === detail.stage)
        Object.assign(stage, {
          status: cancelled ? 'cancelled' : 'failed',
          message: detail.message,
          durationMs: stage.startedAt ? Math.max(0, Date.now() - Date.parse(stage.startedAt)) : null,
        });
      else if (stage.status === 'pending' || stage.status === 'running')
        Object.assign(stage, { status: cancelled ? 'cancelled' : 'skipped' });
    }
    hooks.log(current, 'system', `✗ ${cancelled ? 'cancelled' : `failed: ${detail.message}`}`);
    return cancelled
      ? { status: 'cancelled', error: { ...detail, message: 'Cancelled', limitHit: 'cancelled' }, stages }
      : { status: 'failed', error: detail, stages };
  } finally {
    // The work dir is private to this build; the artifact keeps the output.
    if (work) await rm(work.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
