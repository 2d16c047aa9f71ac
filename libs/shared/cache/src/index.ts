// Entry `@lumenforge/cache`: the TCache interface, key builders and getOrSet. No I/O, no ioredis.
export { DEFAULT_CACHE_TTL_MS, type TCache, type TCacheSetOptions, type TCacheStats } from './cache.types';
export { cacheKeys } from './cache-keys';
export { getOrSet } from './get-or-set';
