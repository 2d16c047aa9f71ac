// A strict parser of the Prometheus text exposition format 0.0.4, for tests: prom-client only
// writes it. https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export type TMetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export type TSample = {
  /** The sample's own name: `http_request_duration_seconds_bucket` within its family. */
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
};

export type TMetricFamily = { name: string; help: string | undefined; type: TMetricType; samples: TSample[] };

/** Thrown with the 1-based line number and what is wrong there. */
export class PrometheusTextError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'PrometheusTextError';
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<TMetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** A float as Prometheus reads it (Go's ParseFloat): NaN and Inf in any case; prom-client writes `Nan`. */
function parseValue(text: string, line: number): number {
  if (/^nan$/i.test(text)) return Number.NaN;
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new PrometheusTextError(line, `"${text}" is not a number`);
  return Number(text);
}

function unescapeHelp(text: string, line: number): string {
  return text.replace(/\\(.?)/g, (_match, next: string) => {
    if (next === '\\') return '\\';
    if (next === 'n') return '\n';
    throw new PrometheusTextError(line, `invalid escape "\\${next}" in HELP`);
  });
}

/** Reads `{a="x",b="y"}` from `text` at `start` (the "{"); returns the labels and the index after "}". */
function parseLabels(
  text: string,
  start: number,
  line: number,
): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let index = start + 1;
  const skipSpaces = () => {
    while (text[index] === ' ' || text[index] === '\t') index += 1;
  };
  for (;;) {
    skipSpaces();
    if (text[index] === '}') return { labels, end: index + 1 };
    const nameMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(index));
    if (!nameMatch) throw new PrometheusTextError(line, `expected a label name at column ${index + 1}`);
    const name = nameMatch[0];
    if (!LABEL_NAME.test(name) || name.startsWith('__'))
      throw new PrometheusTextError(line, `invalid label name "${name}"`);
    if (name in labels) throw new PrometheusTextError(line, `label "${name}" appears twice`);
    index += name.length;
    skipSpaces();
    if (text[index] !== '=') throw new PrometheusTextError(line, `expected "=" after label ${name}`);
    index += 1;
    skipSpaces();
    if (text[index] !== '"') throw new PrometheusTextError(line, `expected a quoted value for label ${name}`);
    index += 1;
    let value = '';
    for (;;) {
      const char = text[index];
      if (char === undefined) throw new PrometheusTextError(line, `unterminated value for label ${name}`);
      if (char === '"') break;
      if (char === '\\') {
        const next = text[index + 1];
        if (next === '\\' || next === '"') value += next;
        else if (next === 'n') value += '\n';
        else throw new PrometheusTextError(line, `invalid escape "\\${next ?? ''}" in label ${name}`);
        index += 2;
        continue;
      }
      value += char;
      index += 1;
    }
    labels[name] = value;
    index += 1;
    skipSpaces();
    if (text[index] === ',') index += 1;
    else if (text[index] !== '}')
      throw new PrometheusTextError(line, `expected "," or "}" after label ${name}`);
  }
}

/** The family a sample name belongs to, given the families declared so far (histogram/summary suffixes). */
function familyOf(sampleName: string, families: Map<string, TMetricFamily>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = sampleName.slice(0, -suffix.length);
    const family = families.get(base);
    if (family && (family.type === 'histogram' || (family.type === 'summary' && suffix !== '_bucket')))
      return base;
  }
  return sampleName;
}

function checkHistogram(family: TMetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) throw new PrometheusTextError(0, `${sample.name} without an "le" label`);
      entry.buckets.push([parseValue(le, 0), sample.value]);
    } else if (sample.name.endsWith('_count')) entry.count = sample.value;
  }
  for (const { buckets, count } of series.values()) {
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([, value], index) => {
      const previous = sorted[index - 1];
      if (previous && value < previous[1])
        throw new PrometheusTextError(0, `${family.name}: buckets are not cumulative`);
    });
    const last = sorted[sorted.length - 1];
    if (!last || last[0] !== Number.POSITIVE_INFINITY)
      throw new PrometheusTextError(0, `${family.name}: no le="+Inf" bucket`);
    if (count !== undefined && last[1] !== count)
      throw new PrometheusTextError(0, `${family.name}: the +Inf bucket differs from _count`);
  }
}

/**
 * Parses a text exposition strictly: HELP and TYPE at most once per family and before its samples,
 * a family's lines together, valid names and escapes, no duplicate series, numeric values, and
 * histograms with cumulative buckets ending at `le="+Inf"` equal to `_count`. Throws
 * `PrometheusTextError` naming the line.
 */
export function parsePrometheusText(text: string): Map<string, TMetricFamily> {
  const families = new Map<string, TMetricFamily>();
  const seriesSeen = new Set<string>();
  const closed = new Set<string>();
  let current: string | undefined;
  const enter = (name: string, line: number) => {
    if (current === name) return;
    if (closed.has(name)) throw new PrometheusTextError(line, `the lines of ${name} are not together`);
    if (current !== undefined) closed.add(current);
    current = name;
  };
  const family = (name: string) => {
    let found = families.get(name);
    if (!found) {
      found = { name, help: undefined, type: 'untyped', samples: [] };
      families.set(name, found);
    }
    return found;
  };
  const typed = new Set<string>();

  text.split('\n').forEach((raw, lineIndex) => {
    const line = lineIndex + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
      if (!meta) return; // a plain comment
      const [, keyword, name = '', rest = ''] = meta;
      if (!METRIC_NAME.test(name)) throw new PrometheusTextError(line, `invalid metric name "${name}"`);
      enter(name, line);
      const target = family(name);
      if (keyword === 'HELP') {
        if (target.help !== undefined) throw new PrometheusTextError(line, `second HELP for ${name}`);
        target.help = unescapeHelp(rest, line);
        return;
      }
      if (typed.has(name)) throw new PrometheusTextError(line, `second TYPE for ${name}`);
      if (target.samples.length > 0)
        throw new PrometheusTextError(line, `TYPE for ${name} after its samples`);
      const type = rest.trim() as TMetricType;
      if (!TYPES.has(type)) throw new PrometheusTextError(line, `unknown type "${rest}" for ${name}`);
      target.type = type;
      typed.add(name);
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
    if (!nameMatch) throw new PrometheusTextError(line, 'expected a metric name');
    const sampleName = nameMatch[0];
    let index = sampleName.length;
    let labels: Record<string, string> = {};
    if (raw[index] === '{') ({ labels, end: index } = parseLabels(raw, index, line));
    const fields = raw
      .slice(index)
      .trim()
      .split(/[ \t]+/);
    if (raw[index] !== ' ' && raw[index] !== '\t')
      throw new PrometheusTextError(line, 'expected whitespace before the value');
    if (fields.length < 1 || fields.length > 2 || !fields[0])
      throw new PrometheusTextError(line, 'expected a value and an optional timestamp');
    const value = parseValue(fields[0], line);
    const timestamp = fields[1];
    if (timestamp !== undefined && !/^-?\d+$/.test(timestamp))
      throw new PrometheusTextError(line, `invalid timestamp "${timestamp}"`);
    const familyName = familyOf(sampleName, families);
    enter(familyName, line);
    const target = family(familyName);
    if (target.type === 'histogram' && sampleName === familyName)
      throw new PrometheusTextError(line, `histogram ${familyName} has a bare sample`);
    const seriesKey = `${sampleName}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seriesSeen.has(seriesKey)) throw new PrometheusTextError(line, `duplicate series ${sampleName}`);
    seriesSeen.add(seriesKey);
    target.samples.push({
      name: sampleName,
      labels,
      value,
      ...(timestamp !== undefined ? { timestampMs: Number(timestamp) } : {}),
    });
  });

  for (const parsed of families.values()) if (parsed.type === 'histogram') checkHistogram(parsed);
  return families;
}

/** The value of one sample (`name` with exactly these labels among others), or undefined. */
export function sampleValue(
  families: Map<string, TMetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (Object.entries(labels).every(([key, value]) => sample.labels[key] === value)) return sample.value;
    }
  }
  return undefined;
}

/** The sum over every sample of `name` whose labels include `labels` (0 when none). */
export function sumSamples(
  families: Map<string, TMetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const family of families.values())
    for (const sample of family.samples)
      if (
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value)
      )
        total += sample.value;
  return total;
}
