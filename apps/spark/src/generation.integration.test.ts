import {
  createBuiltInGenerator,
  type IComponentGenerator,
  routePrompt,
  type TComponentPlan,
  type TGenerationProgress,
} from '@lumenforge/spark-generator';
import { warmUpTypeCheck } from '@lumenforge/spark-checks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TGenerationPayload } from './generation';
import { startSparkApi, type TSparkApiHarness } from './spark-api.test-harness';

type TFrame = { event: string; data: unknown };

/** The Server-Sent Events of a finished stream, in order. */
async function readEvents(response: Response): Promise<TFrame[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

/**
 * The built-in generator behind a gate the test opens: generations stay "running" until then, so
 * the concurrency limit can be seen. Everything else is the real generator.
 */
function gatedBuiltIn() {
  const builtIn = createBuiltInGenerator();
  let open: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const generator: IComponentGenerator = {
    id: builtIn.id,
    analyse: (prompt, context) => builtIn.analyse(prompt, context),
    generate: async (request, context) => {
      if (gate) await gate;
      return builtIn.generate(request, context);
    },
    edit: (request, context) => builtIn.edit(request, context),
  };
  return {
    generator,
    close: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    open: () => {
      gate = null;
      open();
    },
  };
}

const GENERATIONS_PER_MINUTE = 8;

describe('SPARK generation API over real HTTP (PostgreSQL, limits in Redis)', () => {
  let api: TSparkApiHarness;
  const gated = gatedBuiltIn();
  let plan: TComponentPlan;

  beforeAll(async () => {
    // As the app does after boot: the first type check parses TypeScript's and React's declarations.
    warmUpTypeCheck();
    api = await startSparkApi({
      spark: { generator: gated.generator, route: routePrompt },
      generationsPerMinute: GENERATIONS_PER_MINUTE,
    });
  });
  afterAll(async () => {
    gated.open();
    await api?.close();
  });

  const post = (cookie: string, path: string, body: unknown) => api.call(cookie, 'POST', path, body);

  it('plans a prompt: 200 { plan, routing, generator }', async () => {
    const { cookie } = await api.member('engineer');
    const response = await post(cookie, '/api/generations/plan', {
      prompt: 'a pricing table with three plans and a highlighted one',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      plan: TComponentPlan;
      routing: { weights: Record<string, number> };
      generator: string;
    };
    expect(body.generator).toBe('built-in');
    expect(body.plan.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    const weights = Object.values(body.routing.weights);
    expect(weights).toHaveLength(3);
    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 1);
    plan = body.plan;
  });

  it.each([
    ['an empty prompt', '   ', /empty/],
    ['4,001 characters', 'a'.repeat(4_001), /at most 4,000 characters/],
    ['10,000 characters', 'b'.repeat(10_000), /at most 4,000 characters/],
    ['only emoji', '🎉🚀✨ 🔥', /no letters or digits/],
    ['no prompt at all', undefined, /Describe the component/],
  ])('refuses %s with 400 and a message naming the prompt', async (_, prompt, message) => {
    const { cookie } = await api.member('engineer');
    const response = await post(cookie, '/api/generations/plan', prompt === undefined ? {} : { prompt });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('invalid_request');
    expect(body.issues).toEqual([{ path: 'prompt', message: expect.stringMatching(message) }]);
  });

  it('accepts exactly 4,000 characters', async () => {
    const { cookie } = await api.member('engineer');
    const prompt = `a button ${'x'.repeat(3_991)}`;
    expect(prompt).toHaveLength(4_000);
    expect((await post(cookie, '/api/generations/plan', { prompt })).status).toBe(200);
  });

  it('streams progress, then one result whose every variation was checked; the result stays readable for its user only', async () => {
    const member = await api.member('engineer');
    const response = await post(member.cookie, '/api/generations', {
      prompt: 'a pricing table with three plans',
      plan,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = await readEvents(response);
    const last = frames.at(-1) ?? { event: 'none', data: null };
    expect(last.event).toBe('result');
    expect(frames.filter((frame) => frame.event === 'result')).toHaveLength(1);
    expect(frames.filter((frame) => frame.event === 'error')).toEqual([]);
    const progress = frames.slice(0, -1).map((frame) => {
      expect(frame.event).toBe('progress');
      return frame.data as TGenerationProgress;
    });
    expect(progress.length).toBeGreaterThan(3);
    const values = progress.map((step) => step.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const stages = progress.map((step) => step.stage);
    expect(stages.indexOf('checks')).toBeGreaterThan(stages.indexOf('merge'));
    expect(progress.at(-1)).toMatchObject({ stage: 'done', progress: 1 });

    const result = last.data as TGenerationPayload;
    expect(result).toMatchObject({
      generator: 'built-in',
      tokenVersion: 'default',
      plan: { name: plan.name },
    });
    expect(result.variations).toHaveLength(3);
    for (const variation of result.variations) {
      expect(variation.files.name).toBe(plan.name);
      expect(variation.check).toEqual({ ok: true, problems: [], tokenVersion: 'default' });
    }

    const again = await api.call(member.cookie, 'GET', `/api/generations/${result.generationId}`);
    expect(again.status).toBe(200);
    expect(
      ((await again.json()) as { generation: TGenerationPayload }).generation.variations[0]?.files,
    ).toEqual(result.variations[0]?.files);
    const stranger = await api.member('engineer', member.workspaceId);
    expect((await api.call(stranger.cookie, 'GET', `/api/generations/${result.generationId}`)).status).toBe(
      404,
    );
  }, 180_000);

  it('refuses a bad plan before streaming (400 naming the field)', async () => {
    const { cookie } = await api.member('engineer');
    const response = await post(cookie, '/api/generations', {
      prompt: 'a card',
      plan: { ...plan, name: 'not pascal' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(((await response.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('plan.name');
  });

  it('runs at most 2 generations per user: the third is 429 with a message until one ends, and a client that leaves frees its slot', async () => {
    const member = await api.member('engineer');
    const other = await api.member('engineer', member.workspaceId);
    gated.close();
    const leaving = new AbortController();
    const first = await post(member.cookie, '/api/generations', { prompt: 'a card', plan });
    const second = await fetch(`${api.server.url}/api/generations`, {
      method: 'POST',
      headers: { cookie: member.cookie, origin: 'http://localhost:3003', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a card', plan }),
      signal: leaving.signal,
    });
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await post(member.cookie, '/api/generations', { prompt: 'a card', plan });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toEqual({
      error: 'too_many_generations',
      message: expect.stringMatching(/already have 2 generations running/),
    });
    // Another user is not affected.
    const others = await post(other.cookie, '/api/generations', { prompt: 'a card', plan });
    expect(others.status).toBe(200);

    leaving.abort();
    await expect
      .poll(
        async () => {
          const retry = await post(member.cookie, '/api/generations', { prompt: 'a card', plan });
          if (retry.status === 200) void retry.body?.cancel();
          return retry.status;
        },
        { timeout: 5_000, interval: 200 },
      )
      .toBe(200);

    gated.open();
    const frames = await readEvents(first);
    expect(frames.at(-1)?.event).toBe('result');
    await others.body?.cancel();
  }, 180_000);

  it(`limits each user to ${GENERATIONS_PER_MINUTE} generator calls a minute: then 429 with Retry-After`, async () => {
    const { cookie } = await api.member('engineer');
    for (let call = 0; call < GENERATIONS_PER_MINUTE; call++)
      expect((await post(cookie, '/api/generations/plan', { prompt: 'a switch' })).status).toBe(200);
    const refused = await post(cookie, '/api/generations/plan', { prompt: 'a switch' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(/try again in \d+ s/),
    });
    const stream = await post(cookie, '/api/generations', { prompt: 'a switch', plan });
    expect(stream.status).toBe(429);
  });

  it('edits a chosen variation with a follow-up (files, changes, a line diff per file, checks) and runs its tests', async () => {
    const { cookie } = await api.member('engineer');
    const frames = await readEvents(await post(cookie, '/api/generations', { prompt: 'a card', plan }));
    const [chosen] = (frames.at(-1)?.data as TGenerationPayload).variations;
    if (!chosen) throw new Error('the generation had no variation');
    const response = await post(cookie, '/api/generations/edit', {
      instruction: 'make it compact',
      files: chosen.files,
      plan,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      files: { source: string };
      changes: string[];
      diff: Record<'source' | 'tests' | 'stories', { kind: string }[]>;
      check: { ok: boolean; problems: string[] };
    };
    expect(body.changes.length).toBeGreaterThan(0);
    expect(body.check).toMatchObject({ ok: true, problems: [] });
    const changed = Object.values(body.diff)
      .flat()
      .filter((line) => line.kind !== 'same');
    expect(changed.length).toBeGreaterThan(0);
    const empty = await post(cookie, '/api/generations/edit', { instruction: '', files: chosen.files, plan });
    expect(empty.status).toBe(400);

    // The edited component's generated tests, run by Vitest in a child process.
    const run = await post(cookie, '/api/generations/test-run', { files: body.files });
    expect(run.status).toBe(200);
    const results = (await run.json()) as { passed: number; failed: number; tests: { status: string }[] };
    expect(results.failed).toBe(0);
    expect(results.passed).toBeGreaterThan(0);
    expect(results.tests.every((test) => test.status === 'passed')).toBe(true);
  }, 180_000);
});
