import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckUnavailableError,
  checkComponents,
  createCheckPool,
  type TTokenVocabulary,
  tokenVocabulary,
} from './index';
import { COUNTER_SOURCE, COUNTER_STORIES, COUNTER_TESTS } from './testing';

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '2.0.0');
const counter = { name: 'Counter', source: COUNTER_SOURCE, tests: COUNTER_TESTS, stories: COUNTER_STORIES };
const numberLabel = { ...counter, source: COUNTER_SOURCE.replace('label: string', 'label: number') };
/** A vocabulary the token check cannot read: checking with it throws inside the worker, which ends it. */
const unreadable = { ...vocabulary, keys: null } as unknown as TTokenVocabulary;

const pools: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

describe('check pool', () => {
  it('checks batches in worker threads, several at once, while this thread keeps answering', async () => {
    const pool = createCheckPool({ size: 2 });
    pools.push(pool);
    expect(pool.running).toBe(0); // started on first use
    await pool.warmUp();
    expect(pool.running).toBe(2);
    const batches = [[counter, numberLabel], [numberLabel], [counter, counter, counter], [counter]];
    const expected = batches.map((batch) => checkComponents(batch, vocabulary));
    const eventLoop = monitorEventLoopDelay({ resolution: 10 });
    eventLoop.enable();
    const startedAt = performance.now();
    const results = await Promise.all(batches.map((batch) => pool.check(batch, vocabulary)));
    const elapsedMs = performance.now() - startedAt;
    eventLoop.disable();
    expect(results).toEqual(expected);
    expect(results[0]?.[1]).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ file: 'Counter.test.tsx', line: 12 })]),
    });
    expect(pool.running).toBe(2);
    // Checked here, the thread would have stalled for a whole check at least.
    expect(eventLoop.max / 1e6).toBeLessThan(elapsedMs / 2);
  }, 180_000);

  it('rejects the check whose worker crashed with a clear error, and replaces the worker', async () => {
    const pool = createCheckPool({ size: 1 });
    pools.push(pool);
    const crash = pool.check([counter], unreadable);
    const queued = pool.check([counter], vocabulary);
    await expect(crash).rejects.toThrow(CheckUnavailableError);
    await expect(crash).rejects.toThrow(
      /^The component check crashed \(Cannot read properties of null \(reading 'get'\)\); the checker was restarted, try again\.$/,
    );
    // The batch queued behind it runs on the replacement.
    await expect(queued).resolves.toEqual([{ ok: true, tokenVersion: '2.0.0' }]);
    expect(pool.running).toBe(1);
    await expect(pool.check([numberLabel], vocabulary)).resolves.toEqual(
      checkComponents([numberLabel], vocabulary),
    );
  }, 180_000);

  it('fails checks with why when the worker cannot start, and after close', async () => {
    const pool = createCheckPool({ size: 1, workerFile: '/nonexistent/check-worker.mjs' });
    pools.push(pool);
    await expect(pool.check([counter], vocabulary)).rejects.toThrow(/checker could not start/);
    await pool.close();
    await expect(pool.check([counter], vocabulary)).rejects.toThrow(/shut down/);
  }, 60_000);
});
