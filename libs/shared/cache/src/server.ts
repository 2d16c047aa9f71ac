// Entry `@lumenforge/cache/server`: the two implementations. Server code only.
export { createMemoryCache, type TMemoryCacheOptions } from './memory-cache';
export { createRedisCache, type TRedisCacheOptions } from './redis-cache';
