// Entry `@lumenforge/redis`: types and pure helpers only (no connection, no ioredis at run time).
// The client is in `./server`, the env fragment in `./env`.
export {
  parseSentinels,
  parseRedisUrl,
  connectionOptionsFromEnv,
  reconnectDelayMs,
  type TSentinelAddress,
} from './redis-options';
export { isRedisConfigured, type TRedisEnv } from './env';
