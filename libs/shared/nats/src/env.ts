import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

const NATS_URL = /^(nats|tls):\/\/\S+$/;

/** Env fragment the nats lib owns; apps compose it into their env.ts (`.extend(ZNatsEnv.shape)`). */
export const ZNatsEnv = z.object({
  /**
   * Cluster mode: one or more servers, comma-separated, e.g.
   * `nats://nats-1:4222,nats://nats-2:4222` (credentials may go in the URL: nats://user:pass@host:4222).
   * Unset = single-node mode.
   */
  NATS_URL: z
    .string()
    .refine(
      (value) => value.split(',').every((server) => NATS_URL.test(server.trim())),
      'must be nats:// (or tls://) URLs separated by commas, e.g. "nats://nats-1:4222,nats://nats-2:4222"',
    )
    .optional(),
  /** Copies of the event stream across the NATS cluster (3 in production; 1 on a single server). */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
});
export type TNatsEnv = z.infer<typeof ZNatsEnv>;

/** Parses the NATS configuration from `process.env` (on call). Throws `InvalidEnvError` naming the variable. */
export function readNatsEnv(source: Record<string, string | undefined> = process.env): TNatsEnv {
  return createEnv('nats', ZNatsEnv, source);
}

/** The servers of `NATS_URL`, trimmed; empty when unset. */
export function natsServers(env: Pick<TNatsEnv, 'NATS_URL'>): string[] {
  return (env.NATS_URL ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

const DEFAULT_TEST_NATS_URL = 'nats://127.0.0.1:4222';

/** Only for `./testing`: the shared NATS server integration tests use (`TEST_NATS_URL`, else 127.0.0.1:4222). */
export function readTestNatsUrl(source: Record<string, string | undefined> = process.env): string {
  const env = createEnv('nats testing', z.object({ TEST_NATS_URL: ZNatsEnv.shape.NATS_URL }), source);
  return env.TEST_NATS_URL ?? DEFAULT_TEST_NATS_URL;
}

/** Only for `./testing`: the nats-server binary fault tests start (`NATS_SERVER_BIN`, else on PATH). */
export function readNatsServerBin(source: Record<string, string | undefined> = process.env): string {
  const bin = source['NATS_SERVER_BIN'];
  return bin && bin.length > 0 ? bin : 'nats-server';
}
