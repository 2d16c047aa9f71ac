import { createMemoryRateLimiter } from '@lumenforge/rate-limit/server';
import { describe, expect, it } from 'vitest';
import {
  createGenerationLimits,
  GenerationLimitError,
  generationLimiterPolicies,
  MAX_CONCURRENT_GENERATIONS,
  ZPromptSchema,
} from './generation-limits';

describe('ZPromptSchema', () => {
  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    ['a'.repeat(4_001), /at most 4,000 characters/],
    ['🎉🚀✨', /no letters or digits/],
    ['!!! ??? ---', /no letters or digits/],
  ])('refuses %j with one message', (prompt, message) => {
    const parsed = ZPromptSchema.safeParse(prompt);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(message)]);
  });

  it('takes 4,000 characters, any script and emoji beside words, trimmed', () => {
    expect(ZPromptSchema.parse(` ${'a'.repeat(4_000)} `)).toHaveLength(4_000);
    expect(ZPromptSchema.parse('ボタン 🎉')).toBe('ボタン 🎉');
    expect(ZPromptSchema.parse('2 tabs')).toBe('2 tabs');
  });
});

describe('createGenerationLimits (in-process limiter)', () => {
  const limits = (perMinute = 100) =>
    createGenerationLimits(createMemoryRateLimiter(generationLimiterPolicies(perMinute)));

  it(`holds at most ${MAX_CONCURRENT_GENERATIONS} slots per user, and a released slot is free again`, async () => {
    const limit = limits();
    const held = [await limit.acquireSlot('u1'), await limit.acquireSlot('u1')];
    const refused = await limit.acquireSlot('u1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GenerationLimitError);
    const response = (refused as GenerationLimitError).response;
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: 'too_many_generations' });
    await expect(limit.acquireSlot('u2')).resolves.toBeDefined();
    await held[0]?.release();
    await held[0]?.release(); // twice is harmless: it does not free the other slot
    await expect(limit.acquireSlot('u1')).resolves.toBeDefined();
    await expect(limit.acquireSlot('u1')).rejects.toBeInstanceOf(GenerationLimitError);
  });

  it('counts generator calls per user per minute: beyond the rate, 429 with Retry-After', async () => {
    const limit = limits(2);
    await limit.consumeRate('u1');
    await limit.consumeRate('u1');
    const refused = (await limit.consumeRate('u1').catch((error: unknown) => error)) as GenerationLimitError;
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.response.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(/try again in/),
    });
    await expect(limit.consumeRate('u2')).resolves.toMatchObject({ isAllowed: true });
  });
});
