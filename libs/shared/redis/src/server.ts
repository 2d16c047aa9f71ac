// Entry `@lumenforge/redis/server`: the ioredis client (the only place that constructs one) and the
// health ping. Server code only; it cannot start with `import 'server-only'` because tests import it.
export {
  createRedisClient,
  redisClientOptions,
  pingRedis,
  type TRedisClient,
  type TRedisLogger,
  type TCreateRedisClientOptions,
} from './client';
