// @vitest-environment node
// The provider against a real local OpenAI-compatible HTTP server (node:http, streaming SSE in
// small chunks with delays): the provider, its parsing, repairs and checks are the real code;
// only the server's answers are scripted, and the fallback is a recording one except where the
// real built-in generator takes over.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenVocabulary, warmUpTypeCheck } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  IComponentGenerator,
  TComponentPlan,
  TGeneratedFiles,
  TGenerationContext,
  TGenerationProgress,
} from '../types';
import { analyseWithNotices } from '../analysis';
import { createBuiltInGenerator, InvalidPlanError } from '../built-in/generator';
import {
  checkGeneratedFiles,
  createOpenAiCompatibleGenerator,
  type TOpenAiCompatibleOptions,
} from './openai-compatible-generator';
import {
  startOpenAiTestServer,
  stepOf,
  type TOpenAiTestServer,
  type TRecordedRequest,
  type TScriptedReply,
} from './openai-test-server';

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '2.1.0');

const PLAN: TComponentPlan = {
  name: 'LikeButton',
  kind: 'button',
  summary: 'A button that toggles a like.',
  match: 'exact',
  props: [
    { name: 'label', type: 'string', optional: false, description: 'The visible text.' },
    {
      name: 'onToggle',
      type: '(liked: boolean) => void',
      optional: true,
      description: 'Called with the new state.',
    },
    {
      name: 'disabled',
      type: 'boolean',
      optional: true,
      description: 'Turns it off.',
      defaultValue: 'false',
    },
  ],
  states: ['disabled'],
  events: ['onToggle'],
  data: { source: 'none', itemCount: null, fields: [] },
  accessibility: { role: 'button', labels: ['label'], keyboard: ['Enter', 'Space'] },
  parts: [],
  density: 'comfortable',
};

const SOURCE = `import { useState } from 'react';

export type LikeButtonProps = { label: string; onToggle?: (liked: boolean) => void; disabled?: boolean };

export function LikeButton({ label, onToggle, disabled = false }: LikeButtonProps) {
  const [liked, setLiked] = useState(false);
  return (
    <button
      type="button"
      aria-pressed={liked}
      disabled={disabled}
      className="inline-flex items-center gap-2 rounded-md px-4 py-2 text-sm font-medium bg-accent text-accent-fg hover:bg-accent-hover disabled:bg-surface disabled:text-fg-muted"
      onClick={() => {
        const next = !liked;
        setLiked(next);
        onToggle?.(next);
      }}
    >
      {label}
    </button>
  );
}
`;

// Built up so this file's own environment line (node) is the only one Vitest finds in it.
const HAPPY_DOM_LINE = `// @vitest-${'environment'} happy-dom`;

const TESTS = `${HAPPY_DOM_LINE}
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LikeButton } from './LikeButton';

afterEach(cleanup);

describe('LikeButton', () => {
  it('toggles with the keyboard', async () => {
    const onToggle = vi.fn();
    render(<LikeButton label="Like" onToggle={onToggle} />);
    screen.getByRole('button', { name: 'Like' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onToggle).toHaveBeenCalledWith(true);
  });
});
`;

const STORIES = `import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { LikeButton } from './LikeButton';

const meta = { component: LikeButton, args: { label: 'Like', onToggle: fn() } } satisfies Meta<typeof LikeButton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Like' }));
    await expect(args.onToggle).toHaveBeenCalledWith(true);
  },
};
export const Disabled: Story = { args: { disabled: true } };
`;

const FILES: TGeneratedFiles = { name: 'LikeButton', source: SOURCE, tests: TESTS, stories: STORIES };

function mergerAnswer(
  files: { source: string; tests: string; stories: string },
  name = 'LikeButton',
): string {
  return [
    'Here are the files.',
    `\`\`\`tsx ${name}.tsx`,
    files.source.trimEnd(),
    '```',
    `**${name}.test.tsx**`,
    '```tsx',
    files.tests.trimEnd(),
    '```',
    '```tsx',
    `// ${name}.stories.tsx`,
    files.stories.trimEnd(),
    '```',
  ].join('\n');
}

const EXPERT_ADVICE = {
  design:
    '- Use bg-accent with text-accent-fg, rounded-md, px-4 py-2.\n- Disabled: bg-surface text-fg-muted.',
  logic:
    '- Keep liked in useState; aria-pressed reflects it.\n- Call onToggle with the new value — ünïcode ✓ survives chunking.',
  performance: '- Nothing needed: one button is cheap.',
} as const;

/** The fallback the provider hands over to; records what it was asked. */
function recordingFallback() {
  const calls: string[] = [];
  const generator: IComponentGenerator = {
    id: 'built-in',
    async analyse(_prompt, context) {
      calls.push('analyse');
      context.onProgress?.({ stage: 'analysis', message: 'built-in plan', progress: 1 });
      return { ...PLAN, summary: 'planned by the built-in generator' };
    },
    async generate(request) {
      calls.push('generate');
      return {
        generator: 'built-in',
        plan: request.plan,
        routing: {
          weights: { design: 0.4, logic: 0.4, performance: 0.2 },
          reasons: { design: '', logic: '', performance: '' },
        },
        variations: Array.from({ length: request.variations ?? 3 }, (_, index) => ({
          id: String.fromCharCode(97 + index),
          label: `Built-in ${index + 1}`,
          description: '',
          files: { ...FILES, source: `${FILES.source}// built-in ${index + 1}\n` },
          contributions: [],
        })),
        notices: ['built-in notice'],
      };
    },
    async edit(request) {
      calls.push('edit');
      return {
        generator: 'built-in',
        files: request.files,
        plan: request.plan,
        changes: ['built-in edit'],
        notices: [],
      };
    },
  };
  return { generator, calls };
}

let server: TOpenAiTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setUp(
  reply: (request: TRecordedRequest) => TScriptedReply,
  options: Partial<TOpenAiCompatibleOptions> = {},
) {
  server = await startOpenAiTestServer(reply);
  const fallback = recordingFallback();
  const provider = createOpenAiCompatibleGenerator({
    baseUrl: server.baseUrl,
    model: 'test-model',
    apiKey: 'sk-test-123',
    timeoutMs: 8_000,
    stallTimeoutMs: 2_000,
    fallback: fallback.generator,
    ...options,
  });
  const progress: TGenerationProgress[] = [];
  const context: TGenerationContext = { vocabulary, onProgress: (step) => progress.push(step) };
  return { server, provider, fallback, progress, context };
}

/** Experts answer their advice; merges answer `merge`; everything else `other`. */
function scripted(
  merge: (request: TRecordedRequest) => TScriptedReply,
  other?: (request: TRecordedRequest) => TScriptedReply,
) {
  return (request: TRecordedRequest): TScriptedReply => {
    const step = stepOf(request);
    if (step === 'design' || step === 'logic' || step === 'performance')
      return { kind: 'stream', text: EXPERT_ADVICE[step], chunkBytes: 5, delayMs: 1 };
    if (step === 'merge' || step === 'repair') return merge(request);
    return other?.(request) ?? { kind: 'status', status: 500, body: 'unexpected request' };
  };
}

beforeAll(() => warmUpTypeCheck(), 60_000);

describe('createOpenAiCompatibleGenerator — analyse', { timeout: 30_000 }, () => {
  it('streams the plan in order, repairs fenced JSON with a trailing comma, and sends the Bearer key', async () => {
    const planText = `Sure! Here is the plan:\n\`\`\`json\n${JSON.stringify({ ...PLAN, name: 'like button' }, null, 2).replace(/\n}$/, ',\n}')}\n\`\`\``;
    const { provider, progress, context, server, fallback } = await setUp(() => ({
      kind: 'stream',
      text: planText,
      chunkBytes: 3,
      crlf: true,
    }));

    const plan = await provider.analyse('a like button', context);

    expect(plan).toMatchObject({ name: 'LikeButton', kind: 'button', events: ['onToggle'] });
    expect(fallback.calls).toEqual([]);
    const deltas = progress.filter((step) => step.delta !== undefined).map((step) => step.delta);
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join('')).toBe(planText);
    expect(progress.at(-1)?.message).toMatch(
      /^Plan ready \(repaired: .*code fence.*trailing commas.*named it LikeButton/,
    );
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-123');
    expect(request?.body).toMatchObject({ model: 'test-model', stream: true });
    expect(request?.body.messages.at(-1)).toEqual({ role: 'user', content: 'a like button' });
  });

  it('sends no Authorization header without a key (local Ollama, vLLM)', async () => {
    const { provider, context, server } = await setUp(
      () => ({ kind: 'stream', text: JSON.stringify(PLAN) }),
      {
        apiKey: undefined,
      },
    );
    await provider.analyse('a like button', context);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('falls back to the built-in plan, and says why, when the answer holds no usable plan', async () => {
    const { provider, progress, context, fallback } = await setUp(() => ({
      kind: 'stream',
      text: 'I would make a nice button with a heart icon.',
    }));
    const plan = await provider.analyse('a like button', context);
    expect(plan.summary).toBe('planned by the built-in generator');
    expect(fallback.calls).toEqual(['analyse']);
    expect(progress.map((step) => step.message)).toContain(
      "The model's output was rejected: its plan is not JSON (the answer contains no JSON object). The built-in generator answered instead.",
    );
  });

  it.each([
    ['a timeout', { kind: 'hang' } as const, 'The model test-model timed out: the model sent nothing for 1 s. The built-in generator answered instead.'],
    ['a 5xx', { kind: 'status', status: 502, body: 'Bad Gateway' } as const, 'The model test-model could not answer: the model server failed (HTTP 502: Bad Gateway). The built-in generator answered instead.'],
    ['a plan it cannot repair', { kind: 'stream', text: '{"name": "LikeButton", "kind": ' } as const, /^The model's output was rejected: its plan is not JSON .*The built-in generator answered instead\.$/],
  ])('plans with the built-in generator on %s and returns the notice with the plan', async (_case, reply, notice) => {
    const { provider, context, fallback } = await setUp(() => reply, { stallTimeoutMs: 1_000 });
    const analysis = await analyseWithNotices(provider, 'a like button', context);
    expect(fallback.calls).toEqual(['analyse']);
    expect(analysis.plan.summary).toBe('planned by the built-in generator');
    expect(analysis.generator).toBe('openai-compatible');
    expect(analysis.notices).toHaveLength(1);
    expect(analysis.notices[0]).toMatch(notice);
  });

  it('has no notice when the model planned it', async () => {
    const { provider, context } = await setUp(() => ({ kind: 'stream', text: JSON.stringify(PLAN) }));
    expect(await analyseWithNotices(provider, 'a like button', context)).toEqual({ plan: PLAN, notices: [], generator: 'openai-compatible' });
  });

  it("ignores a reasoning model's <think> part, braces and all", async () => {
    const thinking = '<think>The user wants {"kind": "card"}? No: a button.</think>\n\n';
    const { provider, context, progress } = await setUp(() => ({
      kind: 'stream',
      text: thinking + JSON.stringify(PLAN),
    }));
    expect(await provider.analyse('a like button', context)).toEqual(PLAN);
    // The live view still shows the reasoning as it streamed.
    expect(progress.map((step) => step.delta ?? '').join('')).toBe(thinking + JSON.stringify(PLAN));
  });

  it('accepts a server that ignores stream: true and answers one JSON completion', async () => {
    const { provider, context } = await setUp(() => ({ kind: 'json', text: JSON.stringify(PLAN) }));
    expect(await provider.analyse('a like button', context)).toEqual(PLAN);
  });
});

describe('createOpenAiCompatibleGenerator — generate', { timeout: 30_000 }, () => {
  it('runs the three experts and one merger per variation, streaming each in order, and repairs malformed files', async () => {
    // The model calls the component Heart, exports it by default and drops the happy-dom line.
    const malformed = {
      source: SOURCE.replace('export function LikeButton', 'export default function Heart').replaceAll(
        'LikeButtonProps',
        'HeartProps',
      ),
      tests: TESTS.replace(`${HAPPY_DOM_LINE}\n`, '')
        .replaceAll('LikeButton', 'Heart')
        .replace("import { Heart } from './Heart'", "import Heart from './Heart'"),
      stories: STORIES.replaceAll('LikeButton', 'Heart').replace(
        "import { Heart } from './Heart'",
        "import Heart from './Heart'",
      ),
    };
    const mergeText = mergerAnswer(malformed, 'Heart');
    const { provider, progress, context, server, fallback } = await setUp(
      scripted(() => ({ kind: 'stream', text: mergeText, chunkBytes: 64, delayMs: 1, charsPerEvent: 40 })),
    );

    const result = await provider.generate({ prompt: 'a like button', plan: PLAN, variations: 2 }, context);

    // Both mergers answered the same files: variation b is the fallback's, not a copy of a.
    expect(fallback.calls).toEqual(['generate']);
    expect(result.generator).toBe('openai-compatible');
    expect(result.variations.map((variation) => variation.id)).toEqual(['a', 'b']);
    const [first] = result.variations;
    expect(first?.files.source).toContain('export function LikeButton({');
    expect(first?.files.tests.startsWith(`${HAPPY_DOM_LINE}\n`)).toBe(true);
    expect(first?.files.stories).toContain("import { LikeButton } from './LikeButton';");
    expect(result.notices[0]).toMatch(
      /^Variation a: repaired the model's output \(renamed the component Heart to LikeButton; exported LikeButton by name; added the happy-dom/,
    );
    expect(first?.contributions.find((item) => item.expert === 'logic')?.notes).toEqual([
      'Keep liked in useState; aria-pressed reflects it.',
      'Call onToggle with the new value — ünïcode ✓ survives chunking.',
    ]);
    const weights = result.routing.weights;
    expect(weights.design + weights.logic + weights.performance).toBeCloseTo(1, 5);

    // Each expert's deltas arrive in order and add up to what the server sent.
    for (const expert of ['design', 'logic', 'performance'] as const) {
      const text = progress
        .filter((step) => step.stage === 'expert' && step.expert === expert && step.delta)
        .map((step) => step.delta)
        .join('');
      expect(text).toBe(EXPERT_ADVICE[expert]);
    }
    expect(progress.filter((step) => step.stage === 'merge' && step.delta).length).toBeGreaterThan(4);
    const values = progress.map((step) => step.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ stage: 'done', progress: 1 });
    expect(server.requests.map(stepOf).sort()).toEqual(['design', 'logic', 'merge', 'merge', 'performance']);
    // The design expert is given the live token keys.
    const designPrompt = server.requests.find((request) => stepOf(request) === 'design')?.body.messages[0]
      ?.content;
    expect(designPrompt).toContain('surface-raised');
    expect(designPrompt).toContain('version 2.1.0');
  });

  it('asks once more with the problems when a file is missing, and uses the corrected answer', async () => {
    const { provider, context, server } = await setUp(
      scripted((request) =>
        stepOf(request) === 'repair'
          ? { kind: 'stream', text: mergerAnswer(FILES) }
          : { kind: 'stream', text: mergerAnswer(FILES).split('```tsx\n// LikeButton.stories.tsx')[0] ?? '' },
      ),
    );
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN, variations: 1 }, context);
    expect(result.generator).toBe('openai-compatible');
    expect(result.variations[0]?.files.stories).toBe(STORIES);
    const repair = server.requests.find((request) => stepOf(request) === 'repair');
    expect(repair?.body.messages.at(-1)?.content).toContain(
      '- The answer has no LikeButton.stories.tsx block.',
    );
    expect(repair?.body.messages.at(-2)?.role).toBe('assistant');
  });

  it('rejects output that still fails the checks after one repair, with the reason, and falls back', async () => {
    const offToken = {
      ...FILES,
      source: SOURCE.replace('bg-accent text-accent-fg', 'bg-[#ff0066] text-white'),
    };
    const { provider, context, server, fallback } = await setUp(
      scripted(() => ({ kind: 'stream', text: mergerAnswer(offToken), chunkBytes: 200 })),
    );
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN, variations: 1 }, context);
    expect(fallback.calls).toEqual(['generate']);
    expect(result.generator).toBe('built-in');
    expect(result.notices[0]).toMatch(
      /^The model's output was rejected: Variation a was rejected: LikeButton\.tsx:\d+:\d+ .*bg-\[#ff0066\].* The built-in generator answered instead\.$/,
    );
    expect(result.notices).toContain('built-in notice');
    const repair = server.requests.find((request) => stepOf(request) === 'repair');
    expect(repair?.body.messages.at(-1)?.content).toMatch(/LikeButton\.tsx:\d+:\d+ .*bg-\[#ff0066\]/);
  });

  it('keeps the variations that pass, names the rejected one and fills its place from the fallback', async () => {
    let merges = 0;
    const { provider, context, fallback } = await setUp(
      scripted((request) => {
        if (stepOf(request) === 'merge') merges += 1;
        const good = request.body.messages[1]?.content.includes('"As planned"');
        return {
          kind: 'stream',
          text: good ? mergerAnswer(FILES) : 'I cannot write this component.',
          chunkBytes: 300,
        };
      }),
    );
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN, variations: 2 }, context);
    expect(merges).toBe(2);
    expect(result.generator).toBe('openai-compatible');
    expect(fallback.calls).toEqual(['generate']);
    expect(result.variations.map((variation) => [variation.id, variation.label])).toEqual([
      ['a', 'As planned'],
      ['b', 'Built-in 2 (built-in)'],
    ]);
    expect(result.variations[1]?.files.source).toContain('// built-in 2');
    expect(result.notices).toEqual([
      'Variation b was rejected: The answer has no LikeButton.tsx block. The answer has no LikeButton.test.tsx block. The answer has no LikeButton.stories.tsx block.',
      'Variation b comes from the built-in generator instead.',
    ]);
  });

  it('always answers three different variations: one the same as another is replaced too', async () => {
    const { provider, context } = await setUp(
      scripted(() => ({ kind: 'stream', text: mergerAnswer(FILES), chunkBytes: 300 })),
    );
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN }, context);
    expect(result.variations.map((variation) => variation.id)).toEqual(['a', 'b', 'c']);
    expect(new Set(result.variations.map((variation) => variation.files.source)).size).toBe(3);
    expect(result.notices).toEqual([
      'Variation b was rejected: it is the same as variation a',
      'Variation c was rejected: it is the same as variation a',
      'Variation b comes from the built-in generator instead.',
      'Variation c comes from the built-in generator instead.',
    ]);
  });

  it('falls back on a 5xx and says so', async () => {
    const { provider, context, fallback } = await setUp(() => ({
      kind: 'status',
      status: 503,
      body: JSON.stringify({ error: { message: 'model is loading' } }),
    }));
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN }, context);
    expect(fallback.calls).toEqual(['generate']);
    expect(result.notices[0]).toBe(
      'The model test-model could not answer: the model server failed (HTTP 503: model is loading). The built-in generator answered instead.',
    );
  });

  it('hands over to the real built-in generator, whose variations pass the same checks', async () => {
    const { provider, context, server } = await setUp(
      () => ({ kind: 'status', status: 500, body: 'Internal Server Error' }),
      { fallback: createBuiltInGenerator() },
    );
    const plan = await provider.analyse('a like button with a disabled state', context);
    expect(plan.kind).toBe('button');
    const result = await provider.generate({ prompt: 'a like button with a disabled state', plan }, context);
    expect(result.generator).toBe('built-in');
    expect(result.variations).toHaveLength(3);
    expect(result.notices[0]).toBe(
      'The model test-model could not answer: the model server failed (HTTP 500: Internal Server Error). The built-in generator answered instead.',
    );
    for (const variation of result.variations)
      expect(checkGeneratedFiles(variation.files, vocabulary)).toEqual([]);
    // The first failed expert request cuts the others off; no merger is asked.
    const [analyse, ...experts] = server.requests.map(stepOf);
    expect(analyse).toBe('analyse');
    expect(experts.length).toBeGreaterThan(0);
    expect(experts.every((step) => ['design', 'logic', 'performance'].includes(step))).toBe(true);
  });

  it('refuses an invalid plan itself instead of falling back', async () => {
    const { provider, context, server } = await setUp(() => ({ kind: 'hang' }));
    await expect(
      provider.generate({ prompt: 'x', plan: { ...PLAN, name: 'like button' } }, context),
    ).rejects.toThrow(InvalidPlanError);
    expect(server.requests).toEqual([]);
  });

  it('reports a refused API key clearly, then falls back', async () => {
    const { provider, context, fallback } = await setUp(() => ({
      kind: 'status',
      status: 401,
      body: JSON.stringify({
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      }),
    }));
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN }, context);
    expect(fallback.calls).toEqual(['generate']);
    expect(result.notices[0]).toBe(
      'The model test-model could not answer: the model server refused the API key (HTTP 401: Incorrect API key provided); check LLM_API_KEY. The built-in generator answered instead.',
    );
  });

  it('falls back when the server never answers (first-token timeout)', async () => {
    const { provider, context, fallback, server } = await setUp(() => ({ kind: 'hang' }), {
      stallTimeoutMs: 1_000,
    });
    const started = Date.now();
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN }, context);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(fallback.calls).toEqual(['generate']);
    expect(result.notices[0]).toBe(
      'The model test-model timed out: the model sent nothing for 1 s. The built-in generator answered instead.',
    );
    // The three expert requests were all cut off, none left hanging.
    await expect.poll(() => server.requests.filter((request) => request.closedEarly).length).toBe(3);
  });

  it('falls back when the stream stalls halfway, and when the whole request outlasts timeoutMs', async () => {
    const stalled = await setUp(
      scripted(() => ({ kind: 'stream', text: mergerAnswer(FILES), stallAfterChars: 200 })),
      { stallTimeoutMs: 1_000 },
    );
    const result = await stalled.provider.generate(
      { prompt: 'a like button', plan: PLAN, variations: 1 },
      stalled.context,
    );
    expect(result.generator).toBe('built-in');
    expect(result.notices[0]).toMatch(
      /^The model test-model timed out: the model sent nothing for 1 s\./,
    );
    expect(stalled.progress.some((step) => step.stage === 'merge' && step.delta)).toBe(true);
    await server?.close();

    // Trickling keeps the stall timer quiet; the total timeout still ends it.
    const slow = await setUp(
      () => ({ kind: 'stream', text: JSON.stringify(PLAN), chunkBytes: 1, burst: 1, delayMs: 20 }),
      // The stall limit is capped at timeoutMs, so only the total limit can end this one.
      { timeoutMs: 1_000, stallTimeoutMs: 5_000 },
    );
    const plan = await slow.provider.analyse('a like button', slow.context);
    expect(plan.summary).toBe('planned by the built-in generator');
    expect(slow.progress.map((step) => step.message)).toContain(
      'The model test-model timed out: the model did not finish within 1 s. The built-in generator answered instead.',
    );
  });

  it('falls back when the server cannot be reached', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const { provider, context, fallback } = await setUp(() => ({ kind: 'hang' }), {
      baseUrl: `http://127.0.0.1:${closedPort}/v1`,
    });
    const result = await provider.generate({ prompt: 'a like button', plan: PLAN }, context);
    expect(fallback.calls).toEqual(['generate']);
    expect(result.notices[0]).toMatch(
      /^The model test-model could not answer: the model server could not be reached: fetch failed \(ECONNREFUSED\)\./,
    );
  });

  it('honours abort: rejects with the reason, closes the connections and does not fall back', async () => {
    const controller = new AbortController();
    const { provider, context, fallback, server, progress } = await setUp(
      () => ({ kind: 'stream', text: EXPERT_ADVICE.logic.repeat(50), chunkBytes: 4, delayMs: 5 }),
      { stallTimeoutMs: 5_000 },
    );
    const generation = provider.generate(
      { prompt: 'a like button', plan: PLAN },
      { ...context, signal: controller.signal },
    );
    await expect.poll(() => progress.filter((step) => step.delta).length).toBeGreaterThan(5);
    controller.abort(new Error('the person left the page'));
    await expect(generation).rejects.toThrow('the person left the page');
    expect(fallback.calls).toEqual([]);
    await expect.poll(() => server.requests.filter((request) => request.closedEarly).length).toBe(3);
    const count = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress.length).toBe(count);
  });
});

describe('createOpenAiCompatibleGenerator — edit', { timeout: 30_000 }, () => {
  const request = { instruction: 'add a compact size', files: FILES, plan: PLAN };

  it('applies a unified diff (with a wrong hunk line number) and lists the changes', async () => {
    const diff = [
      'Changes:',
      '- made the padding smaller',
      '',
      '```diff',
      '--- a/LikeButton.tsx',
      '+++ b/LikeButton.tsx',
      '@@ -40,3 +40,3 @@',
      '       disabled={disabled}',
      '-      className="inline-flex items-center gap-2 rounded-md px-4 py-2 text-sm font-medium bg-accent text-accent-fg hover:bg-accent-hover disabled:bg-surface disabled:text-fg-muted"',
      '+      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium bg-accent text-accent-fg hover:bg-accent-hover disabled:bg-surface disabled:text-fg-muted"',
      '       onClick={() => {',
      '```',
    ].join('\n');
    const { provider, context, server } = await setUp(() => ({ kind: 'stream', text: diff }));
    const result = await provider.edit(request, context);
    expect(result.generator).toBe('openai-compatible');
    expect(result.changes).toEqual(['made the padding smaller']);
    expect(result.files.source).toContain('gap-1 rounded-md px-2 py-1 text-xs');
    expect(result.files.tests).toBe(TESTS);
    const sent = server.requests[0]?.body.messages.at(-1)?.content ?? '';
    expect(sent).toContain('Instruction: add a compact size');
    expect(sent).toContain('```tsx LikeButton.stories.tsx');
  });

  it('accepts whole changed files instead of a diff', async () => {
    const compact = SOURCE.replace('px-4 py-2', 'px-3 py-1');
    const answer = `Changes:\n- tighter padding\n\n\`\`\`tsx LikeButton.tsx\n${compact}\`\`\``;
    const { provider, context } = await setUp(() => ({ kind: 'stream', text: answer }));
    const result = await provider.edit(request, context);
    expect(result.files).toEqual({ ...FILES, source: compact });
    expect(result.changes).toEqual(['tighter padding']);
  });

  it('asks again when the diff does not apply, and falls back with the reason when it still does not', async () => {
    const badDiff =
      '```diff\n--- a/LikeButton.tsx\n+++ b/LikeButton.tsx\n@@ -1,1 +1,1 @@\n-import { useReducer } from "react";\n+import { useState } from "react";\n```';
    const { provider, context, server, fallback } = await setUp(() => ({ kind: 'stream', text: badDiff }));
    const result = await provider.edit(request, context);
    expect(server.requests.map(stepOf)).toEqual(['edit', 'repair']);
    expect(fallback.calls).toEqual(['edit']);
    expect(result.notices[0]).toBe(
      "The model's output was rejected: The diff does not apply: hunk 1 of LikeButton.tsx does not match the file (its old lines are not there). Send complete files instead. The built-in generator answered instead.",
    );
  });
});
