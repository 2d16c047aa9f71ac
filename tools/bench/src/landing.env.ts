// What `bench:landing` reads from the environment (see tools/bench/README.md).
import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

const ZSeconds = (max: number) => z.coerce.number().int().min(1).max(max);

const ZLandingBenchEnv = z.object({
  /** Measured seconds per target (three targets). */
  BENCH_DURATION_SECONDS: ZSeconds(600).default(10),
  /** Warm-up seconds per target before each measured run (not counted). */
  BENCH_WARMUP_SECONDS: ZSeconds(120).default(3),
  /** Concurrent connections of the load generator. */
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * The database of a platform that is already running on :3000, when it is not the embedded one
   * under LUMENFORGE_HOME (the session is created there).
   */
  BENCH_DATABASE_URL: z.string().min(1).optional(),
  /** Home of an already running platform (its postgres.password); tried before the defaults. */
  LUMENFORGE_HOME: z.string().min(1).optional(),
  LUMENFORGE_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
});
export type TLandingBenchEnv = z.infer<typeof ZLandingBenchEnv>;

export function readLandingBenchEnv(): TLandingBenchEnv {
  return createEnv('bench:landing', ZLandingBenchEnv, process.env);
}

/** The environment as it is, for the child processes (the platform, the bare server, autocannon). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
