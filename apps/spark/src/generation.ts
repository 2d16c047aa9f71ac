import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import { type TPlatformRuntime, UnprocessableError } from '@lumenforge/runtime/server';
import {
  CheckUnavailableError,
  checkComponentsAsync,
  formatProblem,
  type TComponentCheck,
  type TTokenVocabulary,
} from '@lumenforge/spark-checks';
import {
  analyseWithNotices,
  diffLines,
  type IComponentGenerator,
  InvalidPlanError,
  type TComponentPlan,
  type TGeneratedFiles,
  type TGenerationProgress,
  type TGenerationResult,
  type TRouting,
  ZComponentPlanSchema,
} from '@lumenforge/spark-generator';
import { runComponentTests } from '@lumenforge/spark-verify';
import { z } from 'zod';
import { DEFAULT_TOKEN_VERSION, workspaceVocabulary } from './components';
import { type TGenerationLimits, ZPromptSchema } from './generation-limits';

/** How long a generation's result stays hot in the cache (issue 16: 1 h). */
export const GENERATION_RESULT_TTL_MS = 60 * 60_000;
/** The generator's own stages fill the bar up to here; SPARK's checks of every variation do the rest. */
const GENERATOR_SHARE = 0.85;

/** The generator SPARK uses (built-in, or the OpenAI-compatible provider falling back to it) and its router. */
export type TSparkGenerator = {
  generator: IComponentGenerator;
  /** The router's weights for a plan, shown with the plan before generating. */
  route: (prompt: string, plan: TComponentPlan) => TRouting;
};

export type TGenerationDeps = {
  runtime: Pick<TPlatformRuntime, 'db' | 'cache' | 'logger'>;
  spark: TSparkGenerator;
  limits: TGenerationLimits;
};

/** What the page shows beside a variation or an edit: whether it passes every save check, and why not. */
export type TCheckSummary = { ok: boolean; problems: string[]; tokenVersion: string | null };

function summarise(check: TComponentCheck): TCheckSummary {
  return check.ok
    ? { ok: true, problems: [], tokenVersion: check.tokenVersion ?? DEFAULT_TOKEN_VERSION }
    : { ok: false, problems: check.problems.map(formatProblem), tokenVersion: null };
}

/**
 * The save checks of generated files, on SPARK's check workers (off the request thread), all in one
 * batch: the variations of a generation are type-checked together in one program.
 */
async function checkFiles(
  filesList: readonly TGeneratedFiles[],
  vocabulary: TTokenVocabulary,
): Promise<TCheckSummary[]> {
  return (await checkComponentsAsync(filesList, vocabulary)).map(summarise);
}

export const ZPlanRequestSchema = z.object({ prompt: ZPromptSchema });
export const ZGenerateRequestSchema = z.object({ prompt: ZPromptSchema, plan: ZComponentPlanSchema });
const ZFilesSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'A component name in PascalCase, e.g. PricingCard'),
  source: z.string().min(1, 'The component source is required').max(200_000, 'At most 200,000 characters'),
  tests: z.string().max(200_000, 'At most 200,000 characters'),
  stories: z.string().max(200_000, 'At most 200,000 characters'),
});
export const ZEditRequestSchema = z.object({
  instruction: ZPromptSchema,
  files: ZFilesSchema,
  plan: ZComponentPlanSchema.nullable().default(null),
});

export const ZTestRunRequestSchema = z.object({ files: ZFilesSchema });

/** A result as the page gets it and the cache keeps it. */
export type TGenerationPayload = Omit<TGenerationResult, 'variations'> & {
  generationId: string;
  tokenVersion: string;
  variations: (TGenerationResult['variations'][number] & { check: TCheckSummary })[];
};

/** The cache key of a generation's result: per user, so another user's id finds nothing. */
export const generationCacheKey = (userId: string, generationId: string) =>
  `spark:generation:${userId}:${generationId}`;

/** `POST /api/generations/plan`: the prompt's plan (editable) and the router's weights for it. */
export async function planGeneration(
  deps: TGenerationDeps,
  principal: TPrincipal,
  input: z.output<typeof ZPlanRequestSchema>,
) {
  await deps.limits.consumeRate(principal.userId);
  const vocabulary = await workspaceVocabulary(deps.runtime, principal.workspaceId);
  // notices: the provider's fallback while planning ("The model … timed out … The built-in generator answered instead.").
  const { plan, notices } = await analyseWithNotices(deps.spark.generator, input.prompt, { vocabulary });
  return { plan, routing: deps.spark.route(input.prompt, plan), generator: deps.spark.generator.id, notices };
}

/** One Server-Sent Event. */
function sseFrame(event: 'progress' | 'result' | 'error', data: unknown): Uint8Array {
  return new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * `POST /api/generations`: checks the limits before anything streams (429 as JSON: the rate, or
 * two generations already running), then streams `progress` events as the generator works, checks
 * every variation exactly as a save would, keeps the result in the cache for an hour and sends it
 * as the `result` event (or an `error` event). The concurrency slot is released however it ends,
 * the client going away included.
 */
export async function generationStream(
  deps: TGenerationDeps,
  principal: TPrincipal,
  input: z.output<typeof ZGenerateRequestSchema>,
  signal: AbortSignal,
): Promise<Response> {
  await deps.limits.consumeRate(principal.userId);
  const slot = await deps.limits.acquireSlot(principal.userId);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener('abort', onAbort, { once: true });

  const stream = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      let isOpen = true;
      const send = (event: 'progress' | 'result' | 'error', data: unknown) => {
        if (!isOpen) return;
        try {
          controller.enqueue(sseFrame(event, data));
        } catch {
          isOpen = false;
        }
      };
      const progress = (step: TGenerationProgress) => send('progress', step);
      // At once, so the headers and a first event reach the page before the generator says anything.
      progress({ stage: 'analysis', message: `Generating ${input.plan.name}`, progress: 0 });
      try {
        const vocabulary = await workspaceVocabulary(deps.runtime, principal.workspaceId);
        // A client that goes away frees its slot at once, even if the generator does not watch the signal.
        const result = await Promise.race([
          deps.spark.generator.generate(
            { prompt: input.prompt, plan: input.plan },
            {
              vocabulary,
              signal: abort.signal,
              onProgress: (step) => {
                if (step.stage === 'done') return;
                progress({ ...step, progress: Math.min(step.progress, 1) * GENERATOR_SHARE });
              },
            },
          ),
          new Promise<never>((_, reject) => {
            if (abort.signal.aborted) reject(new Error('The client went away'));
            abort.signal.addEventListener('abort', () => reject(new Error('The client went away')), {
              once: true,
            });
          }),
        ]);
        progress({
          stage: 'checks',
          message: `Checking ${result.variations.length} variations: parse, types, export and tokens`,
          progress: GENERATOR_SHARE,
        });
        const checks = await checkFiles(
          result.variations.map((variation) => variation.files),
          vocabulary,
        );
        const variations = result.variations.map((variation, index) => ({
          ...variation,
          check: checks[index] as TCheckSummary,
        }));
        const payload: TGenerationPayload = {
          generationId: crypto.randomUUID(),
          generator: result.generator,
          plan: result.plan,
          routing: result.routing,
          notices: result.notices,
          tokenVersion: vocabulary.version ?? DEFAULT_TOKEN_VERSION,
          variations,
        };
        await deps.runtime.cache.set(generationCacheKey(principal.userId, payload.generationId), payload, {
          ttlMs: GENERATION_RESULT_TTL_MS,
        });
        const passing = variations.filter((variation) => variation.check.ok).length;
        progress({
          stage: 'done',
          message: `${passing} of ${variations.length} variations pass every check`,
          progress: 1,
        });
        send('result', payload);
      } catch (error) {
        if (abort.signal.aborted) return;
        if (error instanceof InvalidPlanError) {
          send('error', { status: 422, error: 'invalid_plan', message: error.message, issues: error.issues });
          return;
        }
        if (error instanceof CheckUnavailableError) {
          deps.runtime.logger.error(
            { err: error, userId: principal.userId },
            'generation checks unavailable',
          );
          send('error', { status: 503, error: 'checks_unavailable', message: error.message });
          return;
        }
        deps.runtime.logger.error({ err: error, userId: principal.userId }, 'generation failed');
        send('error', {
          status: 500,
          error: 'generation_failed',
          message: 'The generation failed on our side; it has been logged. Try again, or change the prompt.',
        });
      } finally {
        signal.removeEventListener('abort', onAbort);
        await slot
          .release()
          .catch((error: unknown) =>
            deps.runtime.logger.error({ err: error }, 'generation slot not released (it expires by itself)'),
          );
        if (isOpen) {
          isOpen = false;
          controller.close();
        }
      }
    },
    cancel: () => abort.abort(),
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Proxies (nginx) must pass each event on as it comes.
      'X-Accel-Buffering': 'no',
    },
  });
}

/** A generation's result from the cache (1 h), or null: expired, unknown, or another user's. */
export async function readGeneration(
  deps: Pick<TGenerationDeps, 'runtime'>,
  principal: TPrincipal,
  generationId: string,
): Promise<TGenerationPayload | null> {
  if (!z.uuid().safeParse(generationId).success) return null;
  return (
    (await deps.runtime.cache.get<TGenerationPayload>(generationCacheKey(principal.userId, generationId))) ??
    null
  );
}

/**
 * `POST /api/generations/edit`: a follow-up prompt applied to the chosen component, with the line
 * diff of each file and the save checks of the result. Counts against the rate and takes a slot
 * while it runs, like a generation.
 */
export async function editGeneration(
  deps: TGenerationDeps,
  principal: TPrincipal,
  input: z.output<typeof ZEditRequestSchema>,
  signal: AbortSignal,
) {
  await deps.limits.consumeRate(principal.userId);
  const slot = await deps.limits.acquireSlot(principal.userId);
  try {
    const vocabulary = await workspaceVocabulary(deps.runtime, principal.workspaceId);
    const edited = await deps.spark.generator.edit(
      { instruction: input.instruction, files: input.files, plan: input.plan },
      { vocabulary, signal },
    );
    return {
      generator: edited.generator,
      files: edited.files,
      plan: edited.plan,
      changes: edited.changes,
      notices: edited.notices,
      // Where the edit and the person's hand changes touched the same lines (their lines were kept).
      conflicts: edited.conflicts ?? [],
      diff: {
        source: diffLines(input.files.source, edited.files.source),
        tests: diffLines(input.files.tests, edited.files.tests),
        stories: diffLines(input.files.stories, edited.files.stories),
      },
      check: (await checkFiles([edited.files], vocabulary))[0] as TCheckSummary,
    };
  } catch (error) {
    if (error instanceof InvalidPlanError)
      throw new UnprocessableError(
        'invalid_plan',
        error.message,
        error.issues.map((message) => ({ path: 'plan', message })),
      );
    throw error;
  } finally {
    await slot.release();
  }
}

/**
 * `POST /api/generations/test-run`: the component's generated tests, run by Vitest in happy-dom in
 * a child process (`runComponentTests`), never in this one. A run takes a slot like a generation.
 */
export async function runGeneratedTests(
  deps: TGenerationDeps,
  principal: TPrincipal,
  input: z.output<typeof ZTestRunRequestSchema>,
) {
  await deps.limits.consumeRate(principal.userId);
  const slot = await deps.limits.acquireSlot(principal.userId);
  try {
    const [result] = await runComponentTests([input.files]);
    if (!result) throw new Error('runComponentTests returned no result');
    return {
      passed: result.passed,
      failed: result.failed,
      tests: result.tests,
      durationMs: result.durationMs,
      ...(result.error ? { error: result.error } : {}),
    };
  } finally {
    await slot.release();
  }
}
