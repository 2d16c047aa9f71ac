// Parsers of the data services' own reports: Redis INFO text and the NATS monitoring /varz JSON.

/** `INFO`'s `key:value` lines (sections and comments skipped) as a map of strings. */
export function parseRedisInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

function numberField(fields: Map<string, string>, key: string): number | null {
  const raw = fields.get(key);
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** The keys of every `dbN:keys=…,expires=…` line, summed (what DBSIZE says for all databases). */
function keyspaceKeys(fields: Map<string, string>): number | null {
  let total: number | null = null;
  for (const [key, value] of fields) {
    if (!/^db\d+$/.test(key)) continue;
    const match = /(?:^|,)keys=(\d+)/.exec(value);
    if (match?.[1]) total = (total ?? 0) + Number(match[1]);
  }
  return total;
}

/**
 * Redis metrics from `INFO` (spec: memory usage, hit rate, connection count, key count). Memory
 * percent is of `maxmemory`, null when there is no limit (0). Hit rate is hits / (hits + misses)
 * since the server started, null before the first lookup; `lookups` says how much it rests on.
 * `keys` is DBSIZE when given, else the keyspace section's sum.
 */
export function redisMetricsFromInfo(text: string, dbSize?: number | null): Record<string, number | null> {
  const fields = parseRedisInfo(text);
  const used = numberField(fields, 'used_memory');
  const max = numberField(fields, 'maxmemory');
  const hits = numberField(fields, 'keyspace_hits');
  const misses = numberField(fields, 'keyspace_misses');
  const lookups = hits !== null && misses !== null ? hits + misses : null;
  return {
    memoryUsedBytes: used,
    maxMemoryBytes: max,
    memoryPercent: used !== null && max !== null && max > 0 ? round((used / max) * 100, 1) : null,
    hitRatePercent: lookups && hits !== null ? round((hits / lookups) * 100, 1) : null,
    lookups,
    keys: dbSize ?? keyspaceKeys(fields) ?? 0,
    connectedClients: numberField(fields, 'connected_clients'),
  };
}

/** What the sampler reads from NATS's `/varz` (monitoring port 8222). */
export type TNatsVarz = { connections: number | null; subscriptions: number | null; inMsgs: number | null };

/** Picks the counters out of a `/varz` answer; anything missing or malformed is null. */
export function parseNatsVarz(json: unknown): TNatsVarz {
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const num = (key: string) => {
    const value = record[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  return { connections: num('connections'), subscriptions: num('subscriptions'), inMsgs: num('in_msgs') };
}

/**
 * Messages per second between two readings of a monotonic counter (varz `in_msgs`, or the
 * stream's last sequence). Null without a previous reading, when time did not advance, or when
 * the counter went back (the server restarted).
 */
export function counterRate(
  previous: { value: number | null | undefined; at: Date } | null,
  current: { value: number | null; at: Date },
): number | null {
  if (!previous || previous.value === null || previous.value === undefined || current.value === null)
    return null;
  const seconds = (current.at.getTime() - previous.at.getTime()) / 1000;
  if (seconds <= 0 || current.value < previous.value) return null;
  return round((current.value - previous.value) / seconds, 2);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
