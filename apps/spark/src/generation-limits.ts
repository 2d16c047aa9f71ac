import 'server-only';
import { rateLimitResponse, type TRateLimiter, type TRateLimitResult } from '@lumenforge/rate-limit';
import { z } from 'zod';

/** Issue 16, item 9: prompts up to 4,000 characters. */
export const MAX_PROMPT_LENGTH = 4_000;
/** At most this many generations of one user run at once. */
export const MAX_CONCURRENT_GENERATIONS = 2;
/** A slot a crashed request never released frees itself after this long. */
export const GENERATION_SLOT_SECONDS = 300;
/** Generator calls (plan, generate, edit) per user per minute, unless SPARK_GENERATIONS_PER_MINUTE says otherwise. */
export const DEFAULT_GENERATIONS_PER_MINUTE = 30;

const RATE_ENDPOINT = 'spark.generations';
const SLOT_ENDPOINTS = Array.from(
  { length: MAX_CONCURRENT_GENERATIONS },
  (_, slot) => `spark.generation-slot.${slot}`,
);

/** A person's prompt: not empty, at most 4,000 characters, with at least one letter or digit. */
export const ZPromptSchema = z
  .string('Describe the component you want')
  .trim()
  // One message per prompt: an empty or overlong one is not also "without letters".
  .min(1, { error: 'Describe the component you want: the prompt is empty', abort: true })
  .max(MAX_PROMPT_LENGTH, {
    error: `A prompt has at most ${MAX_PROMPT_LENGTH.toLocaleString('en')} characters; shorten it`,
    abort: true,
  })
  .refine(
    (prompt) => /[\p{L}\p{N}]/u.test(prompt),
    'Describe the component in words: the prompt has no letters or digits (only emoji or symbols)',
  );

/** The limiter policies SPARK's generation limits need (one limiter instance per process). */
export function generationLimiterPolicies(generationsPerMinute: number) {
  return {
    defaultPolicy: { points: generationsPerMinute, durationSeconds: 60 },
    endpoints: {
      [RATE_ENDPOINT]: { points: generationsPerMinute, durationSeconds: 60 },
      // One point per slot key: held = consumed; released = reset; a lost release expires.
      ...Object.fromEntries(
        SLOT_ENDPOINTS.map((endpoint) => [endpoint, { points: 1, durationSeconds: GENERATION_SLOT_SECONDS }]),
      ),
    },
  };
}

/** A refusal before any work: 429 with a message and Retry-After. */
export class GenerationLimitError extends Error {
  constructor(readonly response: Response) {
    super('generation limit');
    this.name = 'GenerationLimitError';
  }
}

/** A running generation's slot: give it back when the generation ends, however it ends. */
export type TGenerationSlot = { release: () => Promise<void> };

/**
 * SPARK's per-user generation limits over a rate limiter (memory in single-node mode, Redis in a
 * cluster, so every replica shares them): a rate per minute for every generator call, and at most
 * {@link MAX_CONCURRENT_GENERATIONS} generations running at once. Each concurrency slot is a
 * one-point key that expires after {@link GENERATION_SLOT_SECONDS}: atomic where the limiter is
 * (one Lua script in Redis), and a request that dies without releasing blocks for minutes, not forever.
 */
export function createGenerationLimits(limiter: TRateLimiter) {
  const userKey = (userId: string, endpoint: string) => ({ ip: `user:${userId}`, endpoint });

  /** Counts one generator call of the user; throws {@link GenerationLimitError} (429) beyond the rate. */
  async function consumeRate(userId: string): Promise<TRateLimitResult> {
    const result = await limiter.consume(userKey(userId, RATE_ENDPOINT));
    if (!result.isAllowed) {
      const response = rateLimitResponse(result);
      const seconds = result.retryAfterSeconds;
      throw new GenerationLimitError(
        Response.json(
          {
            error: 'rate_limited',
            message: `You have asked for many generations in a short time: try again in ${seconds} s.`,
          },
          { status: 429, headers: response.headers },
        ),
      );
    }
    return result;
  }

  /** Takes one of the user's concurrency slots; throws {@link GenerationLimitError} (429) when all are held. */
  async function acquireSlot(userId: string): Promise<TGenerationSlot> {
    let retryAfterSeconds = GENERATION_SLOT_SECONDS;
    for (const endpoint of SLOT_ENDPOINTS) {
      const key = userKey(userId, endpoint);
      const taken = await limiter.consume(key);
      if (taken.isAllowed) {
        let isReleased = false;
        return {
          release: async () => {
            if (isReleased) return;
            isReleased = true;
            await limiter.reset(key);
          },
        };
      }
      retryAfterSeconds = Math.min(retryAfterSeconds, Math.max(1, taken.retryAfterSeconds));
    }
    throw new GenerationLimitError(
      Response.json(
        {
          error: 'too_many_generations',
          message: `You already have ${MAX_CONCURRENT_GENERATIONS} generations running: wait for one to finish, then try again.`,
        },
        {
          status: 429,
          // A running generation usually ends within seconds; the slot's expiry is only the upper bound.
          headers: { 'Retry-After': String(Math.min(retryAfterSeconds, 5)), 'Cache-Control': 'no-store' },
        },
      ),
    );
  }

  return { consumeRate, acquireSlot };
}
export type TGenerationLimits = ReturnType<typeof createGenerationLimits>;
