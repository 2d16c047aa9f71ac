/**
 * fast-check generator of VALID token sets, for property-based tests (`@lumenforge/tokens/testing`).
 *
 * Every generated set passes `validateTokenSet` with no issues. Trees contain groups with an inherited
 * `$type` (and nested sub-groups and `$root` tokens), a `misc` group whose tokens carry their own
 * `$type`, every DTCG type including the composites, aliases (whole values and composite parts) to
 * earlier tokens of the same type, `$description`, `$deprecated` and `$extensions`. Themes override base
 * tokens (with an alias or a literal of the same type) and add theme-only alias tokens. Aliases only
 * point at earlier tokens, so there are no cycles, also across a theme merged over the base.
 */
import fc from 'fast-check';
import { COMPOSITE_PART_TYPES } from '../alias.resolver';
import { FONT_WEIGHT_NAMES } from '../token-set.schema';
import {
  LINE_CAPS,
  STROKE_STYLE_KEYWORDS,
  type TThemeName,
  type TToken,
  type TTokenGroup,
  type TTokenSet,
  type TTokenType,
} from '../token.types';
import { isPlainObject, isToken, toAlias } from '../token-tree.utils';

/** The top-level groups and the `$type` their tokens inherit. */
const GROUPS = [
  { name: 'color', type: 'color' },
  { name: 'size', type: 'dimension' },
  { name: 'family', type: 'fontFamily' },
  { name: 'weight', type: 'fontWeight' },
  { name: 'duration', type: 'duration' },
  { name: 'easing', type: 'cubicBezier' },
  { name: 'ratio', type: 'number' },
  { name: 'stroke', type: 'strokeStyle' },
  { name: 'border', type: 'border' },
  { name: 'transition', type: 'transition' },
  { name: 'shadow', type: 'shadow' },
  { name: 'gradient', type: 'gradient' },
  { name: 'typography', type: 'typography' },
] as const satisfies readonly { name: string; type: TTokenType }[];

const scaled = (min: number, max: number, divisor: number) =>
  fc.integer({ min, max }).map((n) => (n === 0 ? 0 : n / divisor));

const colorArb = fc
  .record({
    space: fc.constantFrom('oklch', 'srgb', 'display-p3'),
    a: fc.integer({ min: 0, max: 1000 }),
    b: fc.integer({ min: 0, max: 1000 }),
    c: fc.integer({ min: 0, max: 3599 }),
    alpha: fc.option(scaled(0, 100, 100), { nil: undefined }),
    hex: fc.option(
      fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`),
      { nil: undefined },
    ),
  })
  .map(({ space, a, b, c, alpha, hex }) => {
    const components =
      space === 'oklch' ? [a / 1000, (b / 1000) * 0.4, c / 10] : [a / 1000, b / 1000, (c % 1001) / 1000];
    return {
      colorSpace: space,
      components,
      ...(alpha === undefined ? {} : { alpha }),
      ...(hex === undefined ? {} : { hex }),
    };
  });
const dimensionArb = fc.record({ value: scaled(-64, 256, 4), unit: fc.constantFrom('px', 'rem') });
const durationArb = fc.record({ value: fc.integer({ min: 0, max: 2000 }), unit: fc.constantFrom('ms', 's') });
const cubicBezierArb = fc.tuple(
  scaled(0, 100, 100),
  scaled(-100, 200, 100),
  scaled(0, 100, 100),
  scaled(-100, 200, 100),
);
const fontFamilyArb = fc.oneof(
  fc.constantFrom('Inter', 'system-ui', 'Helvetica Neue'),
  fc.array(fc.constantFrom('Inter', 'system-ui', 'sans-serif', 'ui-monospace', 'Noto Sans'), {
    minLength: 1,
    maxLength: 3,
  }),
);
const fontWeightArb = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.constantFrom(...Object.keys(FONT_WEIGHT_NAMES)),
);
const numberArb = scaled(-1000, 1000, 8);
const strokeStyleArb = fc.oneof(
  fc.constantFrom(...STROKE_STYLE_KEYWORDS),
  fc.record({
    dashArray: fc.array(dimensionArb, { minLength: 1, maxLength: 3 }),
    lineCap: fc.constantFrom(...LINE_CAPS),
  }),
);
const shadowLayerArb = fc.record(
  {
    color: colorArb,
    offsetX: dimensionArb,
    offsetY: dimensionArb,
    blur: dimensionArb,
    spread: dimensionArb,
    inset: fc.boolean(),
  },
  { requiredKeys: ['color', 'offsetX', 'offsetY', 'blur', 'spread'] },
);

const LITERALS: Readonly<Record<TTokenType, fc.Arbitrary<unknown>>> = {
  color: colorArb,
  dimension: dimensionArb,
  fontFamily: fontFamilyArb,
  fontWeight: fontWeightArb,
  duration: durationArb,
  cubicBezier: cubicBezierArb,
  number: numberArb,
  strokeStyle: strokeStyleArb,
  border: fc.record({ color: colorArb, width: dimensionArb, style: strokeStyleArb }),
  transition: fc.record({ duration: durationArb, delay: durationArb, timingFunction: cubicBezierArb }),
  shadow: fc.oneof(shadowLayerArb, fc.array(shadowLayerArb, { minLength: 1, maxLength: 2 })),
  gradient: fc.array(fc.record({ color: colorArb, position: scaled(0, 100, 100) }), {
    minLength: 1,
    maxLength: 3,
  }),
  typography: fc.record({
    fontFamily: fontFamilyArb,
    fontSize: dimensionArb,
    fontWeight: fontWeightArb,
    letterSpacing: dimensionArb,
    lineHeight: scaled(0, 30, 10),
  }),
};

/** A literal `$value` of `type`, generated. */
export function arbitraryTokenValue(type: TTokenType): fc.Arbitrary<unknown> {
  return LITERALS[type];
}

const metaArb = fc.record({
  description: fc.option(fc.string({ maxLength: 16 }), { nil: undefined }),
  deprecated: fc.option(fc.oneof(fc.constant(true), fc.constant('Use something else')), {
    freq: 4,
    nil: undefined,
  }),
  extensions: fc.option(fc.record({ 'com.example.note': fc.record({ n: fc.nat(9) }) }), {
    freq: 4,
    nil: undefined,
  }),
});

const NAME = fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/);
const SUBGROUPS = ['brand', 'ui', 'alt'] as const;
const PICKS = fc.array(fc.option(fc.nat(), { freq: 2, nil: null }), { minLength: 6, maxLength: 6 });

const tokenSpecArb = fc.nat(GROUPS.length - 1).chain((group) =>
  fc.record({
    group: fc.constant(group),
    literal: LITERALS[GROUPS[group]?.type ?? 'number'],
    placement: fc.constantFrom('top', 'top', 'sub', 'root', 'misc'),
    sub: fc.constantFrom(...SUBGROUPS),
    name: NAME,
    ownType: fc.boolean(),
    alias: fc.option(fc.nat(), { freq: 3, nil: null }),
    parts: PICKS,
    meta: metaArb,
  }),
);

const themeSpecArb = fc.record({
  target: fc.nat(),
  mode: fc.constantFrom('alias', 'literal', 'new'),
  pick: fc.nat(),
  name: NAME,
});

type TPooled = {
  path: string[];
  type: TTokenType;
  index: number;
  literal: boolean;
  value: unknown;
  ownType: boolean;
};

/** Replaces composite sub-values by aliases to earlier tokens of the part's type, as `picks` say. */
function withPartAliases(
  type: TTokenType,
  value: unknown,
  picks: readonly (number | null)[],
  pool: readonly TPooled[],
): unknown {
  let next = 0;
  const aliasFor = (partType: TTokenType, current: unknown): unknown => {
    const pick = picks[next % picks.length];
    next += 1;
    const candidates = pool.filter((token) => token.type === partType);
    if (pick === null || pick === undefined || candidates.length === 0) return current;
    const target = candidates[pick % candidates.length];
    return target ? toAlias(target.path) : current;
  };
  const objectParts = (parts: Readonly<Record<string, TTokenType>>, object: unknown) => {
    if (!isPlainObject(object)) return object;
    const copy: Record<string, unknown> = { ...object };
    for (const [key, partType] of Object.entries(parts)) {
      copy[key] =
        partType === 'strokeStyle'
          ? aliasFor(partType, strokeParts(copy[key]))
          : aliasFor(partType, copy[key]);
    }
    return copy;
  };
  const strokeParts = (stroke: unknown) =>
    isPlainObject(stroke) && Array.isArray(stroke['dashArray'])
      ? { ...stroke, dashArray: stroke['dashArray'].map((dash: unknown) => aliasFor('dimension', dash)) }
      : stroke;
  switch (type) {
    case 'strokeStyle':
      return strokeParts(value);
    case 'shadow':
      return Array.isArray(value)
        ? value.map((layer) => objectParts(COMPOSITE_PART_TYPES.shadow, layer))
        : objectParts(COMPOSITE_PART_TYPES.shadow, value);
    case 'gradient':
      return (value as unknown[]).map((stop) => objectParts(COMPOSITE_PART_TYPES.gradient, stop));
    case 'border':
    case 'transition':
    case 'typography':
      return objectParts(COMPOSITE_PART_TYPES[type], value);
    default:
      return value;
  }
}

/** Puts `token` at `path`, creating groups; `false` if the path is taken (or crosses a token). */
function place(tree: TTokenGroup, path: readonly string[], token: TToken, groupType?: TTokenType): boolean {
  let group: TTokenGroup = tree;
  for (const [i, segment] of path.slice(0, -1).entries()) {
    const existing = group[segment];
    if (existing === undefined) {
      const created: TTokenGroup = i === 0 && groupType ? { $type: groupType } : {};
      group[segment] = created;
      group = created;
    } else if (isPlainObject(existing) && !isToken(existing)) {
      group = existing as TTokenGroup;
    } else {
      return false;
    }
  }
  const name = path[path.length - 1] ?? '';
  if (group[name] !== undefined) return false;
  group[name] = token;
  return true;
}

/**
 * Valid token sets of up to `maxTokens` base tokens (default 40), plus theme overrides and theme-only
 * tokens (up to a quarter of that, per theme).
 */
export function arbitraryTokenSet(options: { maxTokens?: number } = {}): fc.Arbitrary<TTokenSet> {
  const maxTokens = options.maxTokens ?? 40;
  const themeMax = Math.max(1, Math.floor(maxTokens / 4));
  return fc
    .record({
      tokens: fc.array(tokenSpecArb, { maxLength: maxTokens }),
      light: fc.array(themeSpecArb, { maxLength: themeMax }),
      dark: fc.array(themeSpecArb, { maxLength: themeMax }),
      describeRoot: fc.boolean(),
    })
    .map(({ tokens, light, dark, describeRoot }) => {
      const base: TTokenGroup = describeRoot ? { $description: 'Generated token set' } : {};
      const pool: TPooled[] = [];
      for (const spec of tokens) {
        const group = GROUPS[spec.group];
        if (!group) continue;
        const sameType = pool.filter((token) => token.type === group.type);
        const aliasTarget =
          spec.alias === null ? undefined : sameType[spec.alias % Math.max(1, sameType.length)];
        const value = aliasTarget
          ? toAlias(aliasTarget.path)
          : withPartAliases(group.type, spec.literal, spec.parts, pool);
        const token: TToken = { $value: value as TToken['$value'] };
        const path =
          spec.placement === 'misc'
            ? ['misc', spec.name]
            : spec.placement === 'sub'
              ? [group.name, spec.sub, spec.name]
              : spec.placement === 'root'
                ? [group.name, spec.sub, '$root']
                : [group.name, spec.name];
        if (spec.placement === 'misc' || spec.ownType) token.$type = group.type;
        if (spec.meta.description !== undefined) token.$description = spec.meta.description;
        if (spec.meta.deprecated !== undefined) token.$deprecated = spec.meta.deprecated;
        if (spec.meta.extensions !== undefined) token.$extensions = spec.meta.extensions;
        if (spec.placement === 'root') {
          const parent = base[group.name];
          const sub: unknown = isPlainObject(parent)
            ? (parent as Record<string, unknown>)[spec.sub]
            : undefined;
          if (isToken(sub) || (isPlainObject(sub) && sub['$root'] !== undefined)) continue;
        }
        const groupType = spec.placement === 'misc' ? undefined : group.type;
        if (!place(base, path, token, groupType)) continue;
        pool.push({
          path,
          type: group.type,
          index: pool.length,
          literal: !aliasTarget,
          value,
          ownType: token.$type !== undefined,
        });
      }

      const theme = (specs: typeof light): TTokenGroup => {
        const tree: TTokenGroup = {};
        for (const spec of specs) {
          if (pool.length === 0) break;
          if (spec.mode === 'new') {
            const target = pool[spec.pick % pool.length];
            if (target) place(tree, ['theme-only', spec.name], { $value: toAlias(target.path) });
            continue;
          }
          const overridden = pool[spec.target % pool.length];
          if (!overridden) continue;
          // Only earlier tokens: no cycle, whatever the other overrides do.
          const earlier = pool.filter(
            (token) => token.index < overridden.index && token.type === overridden.type,
          );
          const candidates = spec.mode === 'literal' ? earlier.filter((token) => token.literal) : earlier;
          const source = candidates[spec.pick % Math.max(1, candidates.length)];
          if (!source) continue;
          const value = spec.mode === 'literal' ? structuredClone(source.value) : toAlias(source.path);
          const token: TToken = { $value: value as TToken['$value'] };
          // A theme token replaces the base token whole: keep its own $type (the group may have none).
          if (overridden.ownType) token.$type = overridden.type;
          place(tree, overridden.path, token);
        }
        return tree;
      };
      const themes: Record<TThemeName, TTokenGroup> = { light: theme(light), dark: theme(dark) };
      return { base, themes };
    });
}
