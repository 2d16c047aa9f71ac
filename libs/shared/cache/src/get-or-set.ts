import type { TCache, TCacheSetOptions } from './cache.types';

const inFlightByCache = new WeakMap<TCache, Map<string, Promise<unknown>>>();

/**
 * Returns the cached value of `key`, or runs `load`, caches its result and returns it. Concurrent calls
 * for the same key in this process share one `load` (single flight), so a cold key under load costs one
 * query, not one per request. Errors from `load` reach every waiting caller and nothing is cached.
 * A `load` that resolves to `undefined` is returned but not cached.
 */
export async function getOrSet<T>(
  cache: TCache,
  key: string,
  load: () => Promise<T>,
  options: TCacheSetOptions = {},
): Promise<T> {
  let inFlight = inFlightByCache.get(cache);
  if (!inFlight) {
    inFlight = new Map();
    inFlightByCache.set(cache, inFlight);
  }
  const pending = inFlight.get(key);
  if (pending) return pending as Promise<T>;

  const flights = inFlight;
  const flight = (async () => {
    const cached = await cache.get<T>(key);
    if (cached !== undefined) return cached;
    const value = await load();
    if (value !== undefined) await cache.set(key, value, options);
    return value;
  })().finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
