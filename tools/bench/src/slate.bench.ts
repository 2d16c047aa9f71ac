// SLATE token pipeline benchmark: `npm run bench:slate` (options after `--`: `--tokens 10000
// --iterations 10`). It generates a DTCG token set (palettes, spacing, a type scale, shadows, aliases
// in chains of 1–3, light and dark themes whose files alias into the base) and times, in one process:
// - ours: validateTokenSet (shape, types, aliases of the base and both themes) + resolving every
//   token of both themes (createAliasResolver) + exportCssVariables for both;
// - Style Dictionary 5: css/variables (transformGroup css) for both themes via formatPlatform, from
//   the same merged trees (base + theme file, what SD needs: one tree per theme).
// No I/O: Style Dictionary formats in memory, nothing is written.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createAliasResolver,
  exportCssVariables,
  resolveThemeTree,
  THEME_NAMES,
  validateTokenSet,
  walkTokens,
  type TTokenGroup,
  type TTokenSet,
} from '@lumenforge/tokens';
import StyleDictionary from 'style-dictionary';
import { formatTextTable, percentile } from './stats';

const { values: cliOptions } = parseArgs({
  options: {
    tokens: { type: 'string', default: '10000' },
    iterations: { type: 'string', default: '10' },
  },
});
const TOKENS = positiveInteger('--tokens', cliOptions.tokens);
const ITERATIONS = positiveInteger('--iterations', cliOptions.iterations);
const WARMUP = 2;

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer`);
  return parsed;
}

// A garbage collector to call between runs, so that each run's heap growth is its own.
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

const STEPS = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same set. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const px = (value: number) => ({ value, unit: 'px' as const });
const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/**
 * About `total` tokens per resolved theme: the base holds ~80% (palettes, aliases in chains of 1–3,
 * spacing, type scale, radii, shadows, motion), each theme file ~20% (semantic colours aliasing the
 * base, the dark ones choosing other steps).
 */
function generateTokenSet(total: number): TTokenSet {
  const next = random(20_251_001);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const share = (fraction: number) => Math.max(1, Math.round(total * fraction));

  const paletteCount = Math.ceil(share(0.33) / STEPS.length);
  const palettes = Array.from({ length: paletteCount }, (_, index) => `hue${index}`);
  const color: TTokenGroup = { $type: 'color' };
  for (const [index, palette] of palettes.entries()) {
    const hue = round((index * 137.508) % 360, 2);
    color[palette] = Object.fromEntries(
      STEPS.map((step, i) => [
        step,
        { $value: { colorSpace: 'oklch', components: [round(0.97 - i * 0.075), 0.04, hue] } },
      ]),
    );
  }
  const stepPath = () => `color.${pick(palettes)}.${pick(STEPS)}`;
  // Aliases in chains of 1–3: level 1 points at a palette step, level n at a level n−1 alias.
  const alias: TTokenGroup = {};
  const levels: string[][] = [[], [], []];
  for (let i = 0; i < share(0.15); i += 1) {
    const level = i % 3;
    const name = `a${i}`;
    const target = level === 0 ? stepPath() : `color.alias.${pick(levels[level - 1] as string[])}`;
    alias[name] = { $value: `{${target}}` };
    (levels[level] as string[]).push(name);
  }
  color.alias = alias;

  const spacing: TTokenGroup = { $type: 'dimension', $root: { $value: px(4) } };
  for (let i = 0; i < share(0.06); i += 1) spacing[String(i)] = { $value: px(i * 4) };
  const spacingAliases: TTokenGroup = { $type: 'dimension' };
  for (let i = 0; i < share(0.04); i += 1)
    spacingAliases[`s${i}`] = { $value: `{spacing.${i % share(0.06)}}` };

  const size: TTokenGroup = { $type: 'dimension' };
  const lineHeight: TTokenGroup = { $type: 'number' };
  for (let i = 0; i < share(0.05); i += 1) {
    size[`step${i}`] = { $value: { value: round(0.75 * 1.05 ** (i % 60), 4), unit: 'rem' } };
    lineHeight[`step${i}`] = { $value: round(1 + 0.5 / (1 + (i % 60) / 10), 4) };
  }
  const weight: TTokenGroup = { $type: 'fontWeight' };
  for (let i = 1; i <= 9; i += 1) weight[`w${i}00`] = { $value: i * 100 };
  const family: TTokenGroup = {
    $type: 'fontFamily',
    sans: { $value: ['Inter', 'ui-sans-serif', 'system-ui', 'Segoe UI', 'sans-serif'] },
    mono: { $value: ['JetBrains Mono', 'ui-monospace', 'monospace'] },
  };

  const radius: TTokenGroup = { $type: 'dimension' };
  for (let i = 0; i < share(0.02); i += 1) radius[`r${i}`] = { $value: px(i) };

  const shadow: TTokenGroup = { $type: 'shadow' };
  for (let i = 0; i < share(0.1); i += 1) {
    const layer = (y: number, blur: number, spread: number) => ({
      color: `{${stepPath()}}`,
      offsetX: px(0),
      offsetY: px(y),
      blur: px(blur),
      spread: px(spread),
    });
    shadow[`e${i}`] = { $value: [layer(1 + (i % 8), 2 + (i % 16), -1), layer(1, 2, 0)] };
  }

  const duration: TTokenGroup = { $type: 'duration' };
  const easing: TTokenGroup = { $type: 'cubicBezier' };
  for (let i = 0; i < share(0.01); i += 1) {
    duration[`d${i}`] = { $value: { value: 50 + i * 10, unit: 'ms' } };
    easing[`e${i}`] = { $value: [round(next(), 3), round(next() * 2 - 0.5, 3), round(next(), 3), 1] };
  }

  const base: TTokenGroup = {
    color,
    spacing,
    space: spacingAliases,
    font: { size, 'line-height': lineHeight, weight, family },
    radius,
    shadow,
    duration,
    easing,
  };
  const baseCount = [...walkTokens(base)].length;

  // Themes: the same semantic names in both, aliasing palette steps or chained aliases of the base.
  const semanticCount = Math.max(1, total - baseCount);
  const theme = (offset: number): TTokenGroup => {
    const semantic: TTokenGroup = { $type: 'color' };
    for (let i = 0; i < semanticCount; i += 1) {
      const viaAlias = i % 4 === 0;
      const target = viaAlias
        ? `color.alias.a${(i * 7 + offset) % share(0.15)}`
        : `color.${palettes[(i + offset) % palettes.length]}.${STEPS[(i + offset * 5) % STEPS.length]}`;
      semantic[`role${i}`] = { $value: `{${target}}` };
    }
    return { color: { semantic } };
  };
  return { base, themes: { light: theme(0), dark: theme(3) } };
}

type TMeasured = { name: string; ms: number[]; heapMb: number[] };

async function measure(name: string, run: () => unknown): Promise<TMeasured> {
  const ms: number[] = [];
  const heapMb: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await run();
    const elapsed = performance.now() - started;
    const heapAfter = process.memoryUsage().heapUsed;
    if (i >= WARMUP) {
      ms.push(elapsed);
      heapMb.push((heapAfter - heapBefore) / 2 ** 20);
    }
  }
  return { name, ms, heapMb };
}

function formatTable(results: readonly TMeasured[], reference: TMeasured): string {
  const header = ['pipeline (both themes)', 'median ms', 'p95 ms', 'heap Δ MB', 'vs ours (median)'];
  const rows = results.map((result) => [
    result.name,
    percentile(result.ms, 50).toFixed(1),
    percentile(result.ms, 95).toFixed(1),
    percentile(result.heapMb, 50).toFixed(1),
    result === reference ? '1×' : `${(percentile(result.ms, 50) / percentile(reference.ms, 50)).toFixed(1)}×`,
  ]);
  return formatTextTable(header, rows);
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  const set = generateTokenSet(TOKENS);
  const trees = Object.fromEntries(THEME_NAMES.map((theme) => [theme, resolveThemeTree(set, theme)]));
  const perTheme = THEME_NAMES.map((theme) => [...walkTokens(trees[theme] as TTokenGroup)].length);
  const baseCount = [...walkTokens(set.base)].length;

  const check = validateTokenSet(set);
  if (check.issues.length > 0) {
    const shown = check.issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
    throw new Error(`The generated set is invalid: ${shown.join('; ')}`);
  }
  console.log(
    `SLATE token pipeline benchmark: ${perTheme.join(' / ')} tokens per theme (light / dark; base ${baseCount}), ` +
      `${ITERATIONS} iterations after ${WARMUP} warm-up each.`,
  );
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}.`,
  );

  let lastOurs: string[] = [];
  const ours = await measure('ours: validate + resolve + exportCssVariables', () => {
    const { set: valid } = validateTokenSet(set);
    if (!valid) throw new Error('The generated set did not validate');
    lastOurs = THEME_NAMES.map((theme) => {
      const tree = resolveThemeTree(valid, theme);
      const resolver = createAliasResolver(tree);
      for (const { path } of walkTokens(tree)) resolver.resolve(path);
      return exportCssVariables(valid, { theme });
    });
  });
  console.log(`  measured ${ours.name}`);

  let lastSd: string[] = [];
  const styleDictionary = await measure('Style Dictionary 5: css/variables', async () => {
    lastSd = [];
    for (const theme of THEME_NAMES) {
      const sd = new StyleDictionary({
        tokens: trees[theme] as never,
        platforms: {
          css: { transformGroup: 'css', files: [{ destination: 'tokens.css', format: 'css/variables' }] },
        },
        log: { verbosity: 'silent', warnings: 'disabled' },
      });
      const [file] = await sd.formatPlatform('css');
      lastSd.push(String(file?.output));
    }
  });
  console.log(`  measured ${styleDictionary.name}`);

  const count = (css: string) => css.match(/^\s*--[\w-]+:/gm)?.length ?? 0;
  console.log(`\n${formatTable([ours, styleDictionary], ours)}\n`);
  console.log(
    `Ratio (SD median / ours median): ${(percentile(styleDictionary.ms, 50) / percentile(ours.ms, 50)).toFixed(1)}×. ` +
      `Variables written per theme: ours ${lastOurs.map(count).join(' / ')}, SD ${lastSd.map(count).join(' / ')}. ` +
      'heap Δ: heap in use after a run minus before it (after a GC), the median over the iterations.',
  );
  console.log(`Done in ${((performance.now() - runStarted) / 1_000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
