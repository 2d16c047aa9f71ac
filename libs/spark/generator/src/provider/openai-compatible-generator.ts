// SPARK's OpenAI-compatible provider: the same plan → experts → merger flow as the built-in
// generator, with a model writing each step over a streamed Chat Completions call. Its output
// passes the same checks as the built-in's; what fails is repaired, sent back once with the
// problems, or rejected with the reason. Any failure (timeout, network, 4xx, 5xx, rejected
// output) hands the request to the fallback generator and says so in `notices`.
import { checkComponent, formatProblem, type TTokenVocabulary } from '@lumenforge/spark-checks';
import {
  EXPERTS,
  type IComponentGenerator,
  type TComponentPlan,
  type TEditRequest,
  type TEditResult,
  type TExpert,
  type TGeneratedFiles,
  type TGenerationContext,
  type TGenerationProgress,
  type TGenerationResult,
  type TRouting,
  type TVariation,
} from '../types';
import {
  LlmRequestError,
  streamChatCompletion,
  type TChatEndpoint,
  type TChatMessage,
} from './chat-completion';
import { codeBlocks, filesFromAnswer, isDiffBlock, repairFiles, roleOfFileName } from './file-blocks';
import { parseModelJson } from './json-repair';
import { planFromModel } from './plan-repair';
import { validPlan } from '../built-in/pipeline';
import { routePrompt } from '../built-in/router';
import { analyseMessages, editMessages, expertMessages, mergeMessages, repairMessage } from './prompts';
import { applyFilePatch, parseUnifiedDiff } from './unified-diff';

export { LlmRequestError, type TLlmFailureKind } from './chat-completion';
export { readLlmEnv, type TLlmEnv, ZLlmEnv } from './llm.env';

/** A check of generated files: the problems as `file:line:column message`, none when they pass. */
export type TFilesCheck = (files: TGeneratedFiles, vocabulary: TTokenVocabulary) => string[];

export type TOpenAiCompatibleOptions = {
  /** API root, e.g. `https://api.deepseek.com/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Injected so the lib does no I/O of its own; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Longest one model request may take (default 60 s). */
  timeoutMs?: number;
  /** Longest wait for the first token, and between chunks after it (default 20 s, at most timeoutMs). */
  stallTimeoutMs?: number;
  /** Answers whenever the model cannot: the built-in generator. */
  fallback: IComponentGenerator;
  /** The checks generated files must pass (default: spark-checks' checkComponent). */
  check?: TFilesCheck;
};

export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
const DEFAULT_STALL_TIMEOUT_MS = 20_000;

/** The variations asked for, one merger request each: the same advice, a different direction. */
const VARIATION_DIRECTIONS = [
  { id: 'a', label: 'As planned', direction: 'follow the plan and the experts closely, comfortable spacing' },
  {
    id: 'b',
    label: 'Compact',
    direction: 'the same behaviour with tighter spacing, smaller type and fewer decorations',
  },
  {
    id: 'c',
    label: 'Emphasised',
    direction: 'a stronger visual hierarchy: raised surface, shadow, accent colour for the main action',
  },
] as const;

function variationDirection(index: number): { id: string; label: string; direction: string } {
  return (
    VARIATION_DIRECTIONS[index] ?? {
      id: String.fromCharCode(97 + index),
      label: `Alternative ${index + 1}`,
      direction: `a distinct alternative layout (number ${index + 1}) with the same behaviour`,
    }
  );
}

/** Output the checks refused even after one round of repair: the reason is shown to the person. */
class RejectedOutputError extends Error {
  override name = 'RejectedOutputError';
}

/** The default check: spark-checks' guard (parse, types, export, tokens) plus file structure. */
export function checkGeneratedFiles(files: TGeneratedFiles, vocabulary: TTokenVocabulary): string[] {
  const result = checkComponent(files, vocabulary);
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** What the checks do not look at but the preview and the test runner need. */
function structureProblems(files: TGeneratedFiles): string[] {
  const { name } = files;
  const importsComponent = new RegExp(
    `import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]\\./${name}['"]`,
  );
  const problems: string[] = [];
  if (!importsComponent.test(files.tests))
    problems.push(`${name}.test.tsx must import { ${name} } from './${name}'.`);
  if (!/\b(it|test)\s*\(/.test(files.tests))
    problems.push(`${name}.test.tsx has no test (it(…) or test(…)).`);
  if (!importsComponent.test(files.stories))
    problems.push(`${name}.stories.tsx must import { ${name} } from './${name}'.`);
  if (!/export\s+default\b/.test(files.stories))
    problems.push(`${name}.stories.tsx needs \`export default meta\` (CSF3).`);
  if (!/\bplay\s*[:(]/.test(files.stories))
    problems.push(`${name}.stories.tsx needs a story with a play interaction test.`);
  return problems;
}

/** The bullet points of an expert's answer, shown as its contribution. */
function bulletNotes(text: string): string[] {
  const bullets = text
    .split(/\r?\n/)
    .map((line) => /^\s*(?:[-*•]|\d+[.)])\s+(.*\S)/.exec(line)?.[1])
    .filter((line): line is string => Boolean(line));
  const notes = bullets.length > 0 ? bullets : text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return notes.slice(0, 8).map((note) => (note.length > 200 ? `${note.slice(0, 197)}…` : note.trim()));
}

/** Progress that never goes backwards, and stops when the model's part is over (fallback or done). */
function progressReporter(onProgress: TGenerationContext['onProgress']) {
  let last = 0;
  let open = true;
  return {
    emit(progress: TGenerationProgress) {
      if (!open || !onProgress) return;
      last = Math.max(last, progress.progress);
      onProgress({ ...progress, progress: last });
    },
    close() {
      open = false;
    },
    /** For the fallback: its own 0…1 mapped onto what is left of the bar. */
    forFallback(): TGenerationContext['onProgress'] {
      const start = last;
      return (
        onProgress &&
        ((progress) => onProgress({ ...progress, progress: start + (1 - start) * progress.progress }))
      );
    },
  };
}

function isAbort(context: TGenerationContext): boolean {
  return context.signal?.aborted === true;
}

/** Runs tasks together; the first failure aborts the others (their requests end at once) and is thrown. */
async function allOrNothing<T>(
  signal: AbortSignal | undefined,
  tasks: ((signal: AbortSignal) => Promise<T>)[],
): Promise<T[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.all(
      tasks.map((task) =>
        task(controller.signal).catch((error: unknown) => {
          controller.abort(new Error('a sibling request failed'));
          throw error;
        }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

type TFilesOutcome =
  | { ok: true; files: TGeneratedFiles; repairs: string[] }
  | { ok: false; problems: string[] };

/**
 * The OpenAI-compatible provider (DeepSeek, Ollama, vLLM, OpenAI…). Requests per generation:
 * one analysis; three experts, in parallel; one merger per variation, in parallel (each at most
 * once more to fix what the checks found). An edit is one request (plus at most one repair).
 */
export function createOpenAiCompatibleGenerator(options: TOpenAiCompatibleOptions): IComponentGenerator {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const endpoint: TChatEndpoint = {
    baseUrl: options.baseUrl,
    model: options.model,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs,
    stallTimeoutMs: Math.min(options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, timeoutMs),
  };
  const { fallback } = options;
  const check = options.check ?? checkGeneratedFiles;

  function whyFallback(error: unknown): string {
    const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
    if (error instanceof LlmRequestError) {
      const what = error.kind === 'timeout' ? 'timed out' : 'could not answer';
      return sentence(`The model ${options.model} ${what}: ${error.message}`);
    }
    if (error instanceof RejectedOutputError)
      return sentence(`The model's output was rejected: ${error.message}`);
    return sentence(
      `The model's answer could not be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  /** The mechanical repairs, then the structure and the checks. */
  function repairedAndChecked(
    name: string,
    files: { source: string; tests: string; stories: string },
    vocabulary: TTokenVocabulary,
  ): TFilesOutcome {
    const repaired = repairFiles(name, files);
    const found = [...structureProblems(repaired.files), ...check(repaired.files, vocabulary)];
    return found.length > 0
      ? { ok: false, problems: found }
      : { ok: true, files: repaired.files, repairs: repaired.repairs };
  }

  /** Files from an answer; problems come back in the words the model is asked to fix them in. */
  function filesFrom(
    text: string,
    name: string,
    vocabulary: TTokenVocabulary,
    current?: TGeneratedFiles,
  ): TFilesOutcome {
    const parsed = filesFromAnswer(text);
    const problems: string[] = [];
    if (parsed.truncated) problems.push('The answer was cut off before a closing ``` (write shorter code).');
    const pick = (role: 'source' | 'tests' | 'stories', fileName: string) => {
      const file = parsed.files[role] ?? current?.[role];
      if (file === undefined) problems.push(`The answer has no ${fileName} block.`);
      return file ?? '';
    };
    const source = pick('source', `${name}.tsx`);
    const tests = pick('tests', `${name}.test.tsx`);
    const stories = pick('stories', `${name}.stories.tsx`);
    if (problems.length > 0) return { ok: false, problems };
    return repairedAndChecked(name, { source, tests, stories }, vocabulary);
  }

  /**
   * One streamed request whose text goes to the progress stream as it arrives; `step` describes
   * the progress at a share in [0, 1] of the answer's expected length.
   */
  function streamStep(
    report: ReturnType<typeof progressReporter>,
    request: {
      messages: TChatMessage[];
      temperature: number;
      signal: AbortSignal | undefined;
      expectedChars: number;
    },
    step: (share: number) => Omit<TGenerationProgress, 'delta'>,
  ) {
    let received = 0;
    return streamChatCompletion(endpoint, {
      messages: request.messages,
      temperature: request.temperature,
      signal: request.signal,
      onDelta: (delta) => {
        received += delta.length;
        report.emit({ ...step(Math.min(received / request.expectedChars, 1)), delta });
      },
    });
  }

  async function analyseWithModel(
    prompt: string,
    context: TGenerationContext,
    report: ReturnType<typeof progressReporter>,
  ) {
    report.emit({ stage: 'analysis', message: `Asking ${options.model} for a plan`, progress: 0.02 });
    const answer = await streamStep(
      report,
      { messages: analyseMessages(prompt), temperature: 0.1, signal: context.signal, expectedChars: 1500 },
      (share) => ({ stage: 'analysis', message: 'Planning', progress: 0.02 + 0.9 * share }),
    );
    const json = parseModelJson(answer.text);
    if (!json.ok) throw new RejectedOutputError(`its plan is not JSON (${json.reason})`);
    const plan = planFromModel(json.value);
    if (!plan.ok) throw new RejectedOutputError(`its plan does not fit the schema (${plan.reason})`);
    const repairs = [...json.repairs, ...plan.repairs];
    report.emit({
      stage: 'analysis',
      message: repairs.length > 0 ? `Plan ready (repaired: ${repairs.join('; ')})` : 'Plan ready',
      progress: 1,
    });
    return plan.plan;
  }

  async function generateWithModel(
    request: { prompt: string; plan: TComponentPlan; variations?: number },
    context: TGenerationContext,
    report: ReturnType<typeof progressReporter>,
  ): Promise<TGenerationResult> {
    const { plan, prompt } = request;
    const { vocabulary } = context;
    const count = Math.max(1, Math.min(6, request.variations ?? 3));
    // The built-in generator's router: both generators weigh the experts the same way.
    const routing: TRouting = routePrompt(`${prompt} ${plan.summary}`, plan);
    report.emit({
      stage: 'routing',
      message: EXPERTS.map((expert) => `${expert} ${Math.round(routing.weights[expert] * 100)}%`).join(', '),
      progress: 0.05,
    });

    const expertShare: Record<TExpert, number> = { design: 0, logic: 0, performance: 0 };
    const expertProgress = () =>
      0.08 + (0.37 * EXPERTS.reduce((sum, expert) => sum + expertShare[expert], 0)) / 3;
    const adviceList = await allOrNothing(
      context.signal,
      EXPERTS.map((expert) => async (signal: AbortSignal) => {
        report.emit({
          stage: 'expert',
          expert,
          message: `The ${expert} expert is thinking`,
          progress: expertProgress(),
        });
        const messages = expertMessages(expert, { prompt, plan, routing, vocabulary });
        const answer = await streamStep(
          report,
          { messages, temperature: 0.3, signal, expectedChars: 1200 },
          (share) => {
            expertShare[expert] = Math.min(share, 0.9);
            return { stage: 'expert', expert, message: `The ${expert} expert`, progress: expertProgress() };
          },
        );
        expertShare[expert] = 1;
        report.emit({
          stage: 'expert',
          expert,
          message: `The ${expert} expert is done`,
          progress: expertProgress(),
        });
        return answer.text.trim();
      }),
    );
    const advice = { design: '', logic: '', performance: '' };
    EXPERTS.forEach((expert, index) => (advice[expert] = adviceList[index] ?? ''));

    // Checks type-check synchronously (up to seconds when cold): they run between the streaming
    // rounds, never during one, so they cannot starve the other streams' stall timers.
    const mergeShare: number[] = Array.from({ length: count }, () => 0);
    const mergeProgress = () => 0.45 + (0.5 * mergeShare.reduce((sum, share) => sum + share, 0)) / count;
    const directions = Array.from({ length: count }, (_, index) => variationDirection(index));
    const labelOf = (direction: { id: string; label: string }) =>
      `variation ${direction.id} (${direction.label})`;
    const conversations = directions.map((direction) =>
      mergeMessages({ prompt, plan, routing, advice, vocabulary, variation: direction }),
    );
    const stream = (index: number, conversation: TChatMessage[], signal: AbortSignal, upTo: number) => {
      const label = labelOf(directions[index] ?? variationDirection(index));
      const from = mergeShare[index] ?? 0;
      return streamStep(
        report,
        { messages: conversation, temperature: 0.4, signal, expectedChars: 8000 },
        (share) => {
          mergeShare[index] = from + (upTo - from) * Math.min(share, 0.95);
          return { stage: 'merge', message: `Merging ${label}`, progress: mergeProgress() };
        },
      );
    };

    const firstAnswers = await allOrNothing(
      context.signal,
      conversations.map(
        (conversation, index) => (signal: AbortSignal) => stream(index, conversation, signal, 0.5),
      ),
    );
    let outcomes = firstAnswers.map((answer) => filesFrom(answer.text, plan.name, vocabulary));
    const failing = outcomes.flatMap((outcome, index) =>
      outcome.ok ? [] : [{ index, problems: outcome.problems }],
    );
    for (const { index, problems } of failing)
      report.emit({
        stage: 'checks',
        message: `${labelOf(directions[index] ?? variationDirection(index))}: ${problems.length} problem(s); asking the model to fix them`,
        progress: mergeProgress(),
      });
    if (failing.length > 0) {
      const repairs = await allOrNothing(
        context.signal,
        failing.map(
          ({ index, problems }) =>
            (signal: AbortSignal) =>
              stream(
                index,
                [
                  ...(conversations[index] ?? []),
                  { role: 'assistant', content: firstAnswers[index]?.text ?? '' },
                  repairMessage(plan.name, problems),
                ],
                signal,
                0.9,
              ),
        ),
      );
      outcomes = outcomes.map((outcome, index) => {
        const repairIndex = failing.findIndex((item) => item.index === index);
        const repaired = repairs[repairIndex];
        return repaired ? filesFrom(repaired.text, plan.name, vocabulary) : outcome;
      });
    }
    outcomes.forEach((outcome, index) => {
      mergeShare[index] = 1;
      const label = labelOf(directions[index] ?? variationDirection(index));
      report.emit({
        stage: 'checks',
        message: outcome.ok ? `${label} passed the checks` : `${label} rejected: ${outcome.problems[0]}`,
        progress: mergeProgress(),
      });
    });

    const notices: string[] = [];
    const variations: (TVariation | null)[] = [];
    const seen = new Map<string, string>();
    for (const [index, outcome] of outcomes.entries()) {
      const direction = directions[index] ?? variationDirection(index);
      const key = outcome.ok ? `${outcome.files.source}\n${outcome.files.stories}` : '';
      const sameAs = outcome.ok ? seen.get(key) : undefined;
      if (!outcome.ok || sameAs !== undefined) {
        const why = outcome.ok
          ? `it is the same as variation ${sameAs}`
          : `${outcome.problems.slice(0, 3).join(' ')}${outcome.problems.length > 3 ? ` (+${outcome.problems.length - 3} more)` : ''}`;
        notices.push(`Variation ${direction.id} was rejected: ${why}`);
        variations.push(null);
        continue;
      }
      seen.set(key, direction.id);
      if (outcome.repairs.length > 0)
        notices.push(
          `Variation ${direction.id}: repaired the model's output (${outcome.repairs.join('; ')}).`,
        );
      variations.push({
        id: direction.id,
        label: direction.label,
        description: `${plan.summary} — ${direction.direction}.`,
        files: outcome.files,
        contributions: EXPERTS.map((expert) => ({
          expert,
          weight: routing.weights[expert],
          notes: bulletNotes(advice[expert]),
        })),
      });
    }
    if (variations.every((variation) => variation === null)) throw new RejectedOutputError(notices.join(' '));
    // Always as many variations as asked: the fallback's variation stands in for each rejected one.
    if (variations.includes(null)) {
      const standIns = await fallback.generate({ prompt, plan, variations: count }, { ...context, onProgress: undefined });
      variations.forEach((variation, index) => {
        const standIn = standIns.variations[index] ?? standIns.variations.at(-1);
        if (variation || !standIn) return;
        const id = (directions[index] ?? variationDirection(index)).id;
        variations[index] = { ...standIn, id, label: `${standIn.label} (${fallback.id})` };
        notices.push(`Variation ${id} comes from the ${fallback.id} generator instead.`);
      });
    }
    const ready = variations.filter((variation): variation is TVariation => variation !== null);
    report.emit({ stage: 'done', message: `${ready.length} variation(s) ready`, progress: 1 });
    return { generator: 'openai-compatible', plan, routing, variations: ready, notices };
  }

  /** Applies an edit answer: a unified diff, or whole files; what it leaves out stays as it was. */
  function editedFrom(text: string, current: TGeneratedFiles, vocabulary: TTokenVocabulary): TFilesOutcome {
    const { name } = current;
    const diffs = codeBlocks(text).filter(isDiffBlock);
    const bareDiff = diffs.length === 0 && /^--- .*\n\+\+\+ /m.test(text) ? text : null;
    if (diffs.length === 0 && bareDiff === null) return filesFrom(text, name, vocabulary, current);

    const patched = { source: current.source, tests: current.tests, stories: current.stories };
    const patches = parseUnifiedDiff(bareDiff ?? diffs.map((block) => block.content).join('\n'));
    if (patches.length === 0) return { ok: false, problems: ['The diff has no file headers or hunks.'] };
    for (const patch of patches) {
      const role = roleOfFileName(patch.fileName);
      if (!role)
        return {
          ok: false,
          problems: [`The diff changes ${patch.fileName}, which is not one of the three files.`],
        };
      const applied = applyFilePatch(patched[role], patch);
      if (!applied.ok)
        return {
          ok: false,
          problems: [`The diff does not apply: ${applied.reason}. Send complete files instead.`],
        };
      patched[role] = applied.text;
    }
    return repairedAndChecked(name, patched, vocabulary);
  }

  async function editWithModel(
    request: TEditRequest,
    context: TGenerationContext,
    report: ReturnType<typeof progressReporter>,
  ): Promise<TEditResult> {
    const { vocabulary } = context;
    const messages = editMessages({ ...request, vocabulary });
    const ask = (conversation: TChatMessage[]) =>
      streamStep(
        report,
        { messages: conversation, temperature: 0.2, signal: context.signal, expectedChars: 6000 },
        (share) => ({ stage: 'merge', message: 'Editing', progress: 0.05 + 0.8 * share }),
      );
    const first = await ask(messages);
    let answer = first.text;
    let outcome = editedFrom(answer, request.files, vocabulary);
    if (!outcome.ok) {
      report.emit({
        stage: 'checks',
        message: `${outcome.problems.length} problem(s); asking the model to fix them`,
        progress: 0.85,
      });
      const second = await ask([
        ...messages,
        { role: 'assistant', content: first.text },
        repairMessage(request.files.name, outcome.problems),
      ]);
      answer = second.text;
      outcome = editedFrom(answer, request.files, vocabulary);
    }
    if (!outcome.ok) throw new RejectedOutputError(outcome.problems.slice(0, 3).join(' '));
    const { files } = outcome;
    const unchanged =
      files.source === request.files.source &&
      files.tests === request.files.tests &&
      files.stories === request.files.stories;
    if (unchanged) throw new RejectedOutputError('it changed nothing');

    const changes = bulletNotes(answer.split(/```|^--- /m)[0] ?? '').filter(
      (line) => !/^changes:?$/i.test(line),
    );
    const changedFiles = (['source', 'tests', 'stories'] as const)
      .filter((role) => files[role] !== request.files[role])
      .map(
        (role) =>
          ({
            source: `${files.name}.tsx`,
            tests: `${files.name}.test.tsx`,
            stories: `${files.name}.stories.tsx`,
          })[role],
      );
    report.emit({ stage: 'done', message: `Changed ${changedFiles.join(', ')}`, progress: 1 });
    return {
      generator: 'openai-compatible',
      files,
      plan: request.plan,
      changes: changes.length > 0 ? changes : [`${request.instruction} (changed ${changedFiles.join(', ')})`],
      notices:
        outcome.repairs.length > 0 ? [`Repaired the model's output (${outcome.repairs.join('; ')}).`] : [],
    };
  }

  /** Runs the model's part; on any failure but the caller's abort, the fallback answers instead. */
  async function withFallback<T>(
    context: TGenerationContext,
    withModel: (report: ReturnType<typeof progressReporter>) => Promise<T>,
    withFallbackGenerator: (context: TGenerationContext) => Promise<T>,
    onFallback: (notice: string, result: T) => T,
  ): Promise<T> {
    const report = progressReporter(context.onProgress);
    try {
      return await withModel(report);
    } catch (error) {
      if (isAbort(context)) throw error;
      const notice = `${whyFallback(error)} The ${fallback.id} generator answered instead.`;
      report.emit({ stage: 'analysis', message: notice, progress: 0 });
      const onProgress = report.forFallback();
      report.close();
      return onFallback(notice, await withFallbackGenerator({ ...context, onProgress }));
    } finally {
      report.close();
    }
  }

  return {
    id: 'openai-compatible',
    analyse(prompt, context) {
      // A plan has no notices: the fallback is announced as a progress message and to onNotice.
      return withFallback(
        context,
        (report) => analyseWithModel(prompt, context, report),
        (fallbackContext) => fallback.analyse(prompt, fallbackContext),
        (notice, plan) => {
          context.onNotice?.(notice);
          return plan;
        },
      );
    },
    async generate(request, context) {
      // A person's invalid plan is their mistake to fix (InvalidPlanError → 400), not a reason to fall back.
      validPlan(request.plan);
      return withFallback(
        context,
        (report) => generateWithModel(request, context, report),
        (fallbackContext) => fallback.generate(request, fallbackContext),
        (notice, result) => ({ ...result, notices: [notice, ...result.notices] }),
      );
    },
    edit(request, context) {
      return withFallback(
        context,
        (report) => editWithModel(request, context, report),
        (fallbackContext) => fallback.edit(request, fallbackContext),
        (notice, result) => ({ ...result, notices: [notice, ...result.notices] }),
      );
    },
  };
}
