// Tailwind classes against the token vocabulary: a class that sets colour, spacing, type, radius,
// shadow or motion must name a SLATE token; arbitrary values (`bg-[#fff]`, `p-[13px]`) never pass.
// Layout and behaviour utilities (`flex`, `items-center`, `sr-only`, …) are not the tokens' business.
import type { TCheckRule } from './check-problem';
import { type TThemeNamespace, type TTokenVocabulary, vocabularyKeys } from './vocabulary';

export type TClassProblem = { rule: TCheckRule; message: string };

/** Utilities whose value is a colour (some also take another kind of value: `text-sm`, `border-2`). */
const COLOUR_UTILITIES = new Set([
  'bg',
  'text',
  'border',
  'border-x',
  'border-y',
  'border-t',
  'border-r',
  'border-b',
  'border-l',
  'border-s',
  'border-e',
  'ring',
  'ring-offset',
  'outline',
  'fill',
  'stroke',
  'decoration',
  'divide',
  'placeholder',
  'caret',
  'accent',
  'from',
  'via',
  'to',
  'shadow',
  'inset-shadow',
]);

const COLOUR_KEYWORDS = new Set(['transparent', 'current', 'inherit']);
const WIDTH = String.raw`(?:\d+)?`;
const LINE_STYLE = 'solid|dashed|dotted|double|hidden|none';
/**
 * What the colour utilities take besides a colour (`text-center`, `border-2`, `bg-cover`): any other
 * value of theirs is a colour, and must be a token's.
 */
const NON_COLOUR_VALUES: Readonly<Record<string, RegExp>> = {
  bg: /^(?:fixed|local|scroll|clip-.+|origin-.+|repeat.*|no-repeat|cover|contain|auto|center|top|bottom|left|right|(?:left|right)-(?:top|bottom)|none|gradient-to-.+|linear-.+|radial.*|conic.*|blend-.+)$/,
  text: /^(?:left|center|right|justify|start|end|wrap|nowrap|balance|pretty|ellipsis|clip|xs|sm|base|lg|\d?xl)$/,
  border: new RegExp(`^(?:${WIDTH}|${LINE_STYLE}|collapse|separate|spacing.*|x|y|t|r|b|l|s|e)$`),
  ring: new RegExp(`^(?:${WIDTH}|inset)$`),
  'ring-offset': new RegExp(`^${WIDTH}$`),
  outline: new RegExp(`^(?:${WIDTH}|${LINE_STYLE}|offset-.+)$`),
  fill: /^none$/,
  stroke: new RegExp(`^(?:${WIDTH}|none)$`),
  decoration: new RegExp(`^(?:${WIDTH}|${LINE_STYLE}|wavy|from-font|auto|clone|slice)$`),
  divide: new RegExp(`^(?:x|y|x-\\d+|y-\\d+|reverse|x-reverse|y-reverse|${LINE_STYLE})$`),
  accent: /^auto$/,
  from: /^\d+%$/,
  via: /^\d+%$/,
  to: /^\d+%$/,
  shadow: /^(?:2xs|xs|sm|md|lg|xl|2xl|inner|none)$/,
  'inset-shadow': /^(?:2xs|xs|sm|none)$/,
};

const SPACING_UTILITIES = new Set([
  'p', 'px', 'py', 'pt', 'pr', 'pb', 'pl', 'ps', 'pe',
  'm', 'mx', 'my', 'mt', 'mr', 'mb', 'ml', 'ms', 'me',
  'gap', 'gap-x', 'gap-y', 'space-x', 'space-y',
  'inset', 'inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end',
  'w', 'h', 'size', 'min-w', 'min-h', 'max-w', 'max-h', 'basis',
  'translate-x', 'translate-y', 'indent', 'scroll-m', 'scroll-p',
]); // prettier-ignore
/** Sizes that may be a hairline (`w-px`): a 1px rule is not a spacing decision. */
const HAIRLINE_UTILITIES = new Set(['w', 'h', 'size', 'min-w', 'min-h', 'max-w', 'max-h', 'basis']);

const TEXT_SIZE = /^(?:xs|sm|base|lg|\d?xl)$/;
const SHADOW_SIZE = /^(?:2xs|xs|sm|md|lg|xl|2xl|inner)$/;
const FONT_WEIGHT = /^(?:thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/;
const FONT_FAMILY = /^(?:sans|serif|mono)$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** `hover:md:!-mt-4` → `-mt-4`: variants and the important mark say when, not what. */
export function utilityOf(className: string): string {
  let depth = 0;
  let start = 0;
  for (let index = 0; index < className.length; index += 1) {
    const char = className[index];
    if (char === '[' || char === '(') depth += 1;
    else if (char === ']' || char === ')') depth -= 1;
    else if (char === ':' && depth === 0) start = index + 1;
  }
  return className.slice(start).replace(/^!|!$/g, '');
}

/** `[prefix, value]` of a utility, the longest known prefix first (`border-t-2` → `border-t`, `2`). */
function split(utility: string, prefixes: ReadonlySet<string>): [string, string] | undefined {
  const parts = utility.split('-');
  for (let count = parts.length - 1; count >= 1; count -= 1) {
    const prefix = parts.slice(0, count).join('-');
    if (prefixes.has(prefix)) return [prefix, parts.slice(count).join('-')];
  }
  return undefined;
}

function suggest(vocabulary: TTokenVocabulary, namespace: TThemeNamespace, prefix: string): string {
  const keys = [...vocabularyKeys(vocabulary, namespace)].slice(0, 6).map((key) => `${prefix}-${key}`);
  return keys.length > 0 ? ` (e.g. ${keys.join(', ')})` : '';
}

function themeVariableProblem(
  className: string,
  value: string,
  vocabulary: TTokenVocabulary,
): TClassProblem | null {
  // `bg-(--color-surface)`: Tailwind v4's shorthand for var(); the variable must be a token's.
  const variable = /^\((--[\w-]+)\)$/.exec(value)?.[1];
  if (variable === undefined || vocabulary.variables.has(variable)) return null;
  return { rule: 'token-class', message: `\`${className}\` uses ${variable}, which no SLATE token defines.` };
}

/**
 * Why a class may not be used, or null when it may. `className` is one class as written, with
 * its variants (`hover:bg-accent`).
 */
export function classProblem(className: string, vocabulary: TTokenVocabulary): TClassProblem | null {
  const utility = utilityOf(className);
  if (utility.includes('[')) {
    return {
      rule: 'arbitrary-value',
      message: `\`${className}\` is an arbitrary value: style with the SLATE tokens' utilities instead.`,
    };
  }
  const positive = utility.replace(/^-/, '');

  const colour = split(positive, COLOUR_UTILITIES);
  if (colour) {
    const [prefix, rawValue] = colour;
    const value = rawValue.replace(/\/\d+$/, ''); // `bg-accent/50`: opacity of a token colour
    const variableProblem = themeVariableProblem(className, value, vocabulary);
    if (value.startsWith('(')) return variableProblem;
    if (vocabularyKeys(vocabulary, 'color').has(value) || COLOUR_KEYWORDS.has(value)) return null;
    const sidePrefix = prefix.startsWith('border-') ? 'border' : prefix;
    if (!(NON_COLOUR_VALUES[sidePrefix]?.test(value) ?? false)) {
      return {
        rule: 'token-colour',
        message: `\`${className}\` is not a SLATE colour token${suggest(vocabulary, 'color', prefix)}.`,
      };
    }
    if (prefix === 'text' && TEXT_SIZE.test(value) && !vocabularyKeys(vocabulary, 'text').has(value))
      return {
        rule: 'token-class',
        message: `\`${className}\` is not a SLATE type size${suggest(vocabulary, 'text', 'text')}.`,
      };
    if (prefix === 'shadow' && SHADOW_SIZE.test(value) && !vocabularyKeys(vocabulary, 'shadow').has(value))
      return {
        rule: 'token-class',
        message: `\`${className}\` is not a SLATE shadow${suggest(vocabulary, 'shadow', 'shadow')}.`,
      };
    return null;
  }

  const radius = /^rounded(?:-(?:t|r|b|l|s|e|tl|tr|br|bl|ss|se|es|ee))?(?:-(.+))?$/.exec(positive);
  if (radius) {
    const value = radius[1];
    if (value === undefined)
      return {
        rule: 'token-class',
        message: `\`${className}\` is Tailwind's fixed radius: name a SLATE radius${suggest(vocabulary, 'radius', 'rounded')}.`,
      };
    if (value.startsWith('(')) return themeVariableProblem(className, value, vocabulary);
    if (value === 'none' || vocabularyKeys(vocabulary, 'radius').has(value)) return null;
    return {
      rule: 'token-class',
      message: `\`${className}\` is not a SLATE radius${suggest(vocabulary, 'radius', 'rounded')}.`,
    };
  }

  const font = /^font-(.+)$/.exec(positive)?.[1];
  if (font !== undefined && (FONT_WEIGHT.test(font) || FONT_FAMILY.test(font))) {
    const namespace = FONT_WEIGHT.test(font) ? 'font-weight' : 'font';
    if (vocabularyKeys(vocabulary, namespace).has(font)) return null;
    return {
      rule: 'token-class',
      message: `\`${className}\` is not a SLATE ${namespace === 'font' ? 'font family' : 'font weight'}.`,
    };
  }

  const motion = /^(duration|delay|ease)-(.+)$/.exec(positive);
  if (motion) {
    const [, kind, value = ''] = motion;
    if (value.startsWith('(')) return themeVariableProblem(className, value, vocabulary);
    if (kind === 'ease' && (value === 'linear' || vocabularyKeys(vocabulary, 'ease').has(value))) return null;
    const tokens =
      kind === 'ease'
        ? suggest(vocabulary, 'ease', 'ease')
        : ` (e.g. ${kind}-(--duration-${[...vocabularyKeys(vocabulary, 'duration')][0] ?? 'normal'}))`;
    return {
      rule: 'token-class',
      message: `\`${className}\` is a fixed ${kind === 'ease' ? 'easing' : 'time'}: motion comes from the SLATE tokens${tokens}.`,
    };
  }

  const spacing = split(positive, SPACING_UTILITIES);
  if (spacing) {
    const [prefix, value] = spacing;
    if (value.startsWith('(')) return themeVariableProblem(className, value, vocabulary);
    if (value === 'px' && !HAIRLINE_UTILITIES.has(prefix))
      return {
        rule: 'token-length',
        message: `\`${className}\` is a fixed 1px: use a SLATE spacing step${suggest(vocabulary, 'spacing', prefix)}.`,
      };
    if (NUMBER.test(value) && value !== '0' && !vocabularyKeys(vocabulary, 'spacing').has(value))
      return {
        rule: 'token-length',
        message: `\`${className}\` is not on the SLATE spacing scale${suggest(vocabulary, 'spacing', prefix)}.`,
      };
  }
  return null;
}
