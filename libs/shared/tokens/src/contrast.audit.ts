/**
 * The accessibility matrix of a token set: WCAG 2.2 contrast of every text/background and
 * control/background pairing the theme CSS creates, in both themes and for every system accent.
 * The build refuses to write a theme that fails it, and SLATE refuses to publish one
 * (`contrastAuditIssues`, on top of the pairs a set declares itself).
 */
import { resolveTokenInTree } from './alias.resolver';
import { contrastRatio } from './color';
import { STATUS_PALETTES, SYSTEM_PALETTES, type TSystemPalette } from './system-palettes';
import {
  THEME_NAMES,
  type TColorValue,
  type TThemeName,
  type TTokenGroup,
  type TTokenSet,
} from './token.types';
import type { TTokenIssue } from './token-set.schema';
import { resolveThemeTree } from './token-tree.utils';
import { declaredContrastPairs } from './token-validation';

/** WCAG 2.2 minimums: 7:1 AAA body text, 4.5:1 AA text, 3:1 non-text (1.4.11) and focus indicators. */
export const CONTRAST_MINIMUMS = { body: 7, text: 4.5, nonText: 3 } as const;

export type TContrastCheck = {
  /** Stable name of the rule, e.g. `accent-text/surface`. */
  rule: string;
  theme: TThemeName;
  /** Set for accent checks. */
  system?: TSystemPalette;
  /** Token paths, dotted. */
  foreground: string;
  background: string;
  ratio: number;
  minimum: number;
  passes: boolean;
};

type TPair = {
  rule: string;
  foreground: string;
  background: string;
  minimum: number;
  system?: TSystemPalette;
};

const SURFACES = ['bg', 'surface', 'surface-raised', 'surface-sunken'] as const;

function pairs(): TPair[] {
  const { body, text, nonText } = CONTRAST_MINIMUMS;
  const color = (name: string) => `color.${name}`;
  const list: TPair[] = [];
  for (const surface of SURFACES) {
    list.push({ rule: `fg/${surface}`, foreground: color('fg'), background: color(surface), minimum: body });
    list.push({
      rule: `fg-muted/${surface}`,
      foreground: color('fg-muted'),
      background: color(surface),
      minimum: text,
    });
    // Subtle text carries information too (shortcut hints, empty values, table notes): AA on every surface.
    list.push({
      rule: `fg-subtle/${surface}`,
      foreground: color('fg-subtle'),
      background: color(surface),
      minimum: text,
    });
  }
  for (const surface of ['bg', 'surface'] as const) {
    list.push({
      rule: `border-strong/${surface}`,
      foreground: color('border-strong'),
      background: color(surface),
      minimum: nonText,
    });
    list.push({
      rule: `focus/${surface}`,
      foreground: color('focus'),
      background: color(surface),
      minimum: nonText,
    });
  }
  for (const status of STATUS_PALETTES) {
    for (const background of ['bg', 'surface', `${status}-surface`]) {
      list.push({
        rule: `${status}-text/${background}`,
        foreground: color(`${status}-text`),
        background: color(background),
        minimum: text,
      });
    }
  }
  for (const system of SYSTEM_PALETTES) {
    const role = (name: string) => `color.accent.${system}.${name}`;
    for (const background of ['bg', 'surface']) {
      list.push({
        rule: `accent-text/${background}`,
        foreground: role('text'),
        background: color(background),
        minimum: text,
        system,
      });
    }
    list.push({
      rule: 'accent-text/accent-surface',
      foreground: role('text'),
      background: role('surface'),
      minimum: text,
      system,
    });
    list.push({
      rule: 'accent-fg/accent',
      foreground: role('fg'),
      background: role('$root'),
      minimum: text,
      system,
    });
    list.push({
      rule: 'accent-fg/accent-hover',
      foreground: role('fg'),
      background: role('hover'),
      minimum: text,
      system,
    });
  }
  return list;
}

function colorAt(tree: TTokenGroup, path: string): TColorValue {
  const resolved = resolveTokenInTree(tree, path);
  if (resolved.type !== 'color') throw new Error(`${path} is a ${resolved.type} token, not a color`);
  return resolved.value as TColorValue;
}

function check(tree: TTokenGroup, theme: TThemeName, pair: TPair): TContrastCheck {
  const ratio = contrastRatio(colorAt(tree, pair.foreground), colorAt(tree, pair.background));
  const result: TContrastCheck = {
    rule: pair.rule,
    theme,
    foreground: pair.foreground,
    background: pair.background,
    ratio,
    minimum: pair.minimum,
    passes: ratio >= pair.minimum,
  };
  if (pair.system) result.system = pair.system;
  return result;
}

/** Every contrast check, in both themes. Filter on `passes` to find failures. Throws on a missing colour. */
export function auditContrast(set: TTokenSet): TContrastCheck[] {
  return THEME_NAMES.flatMap((theme) => {
    const tree = resolveThemeTree(set, theme);
    return pairs().map((pair) => check(tree, theme, pair));
  });
}

const ratioText = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/**
 * The audit's failures as validation issues (rule `contrast`, on the foreground token), for SLATE's
 * draft and publish: a set may not drop below the pairings the apps' theme creates, whatever pairs
 * it declares. Pairs the set declares itself with at least the same minimum are left out (its
 * validation already reports them). A colour the audit needs but the set lacks is an issue too.
 */
export function contrastAuditIssues(set: TTokenSet): TTokenIssue[] {
  const declared = declaredContrastPairs(set);
  const isDeclared = (pair: TPair, theme: TThemeName) =>
    declared.some(
      (own) =>
        own.foreground === pair.foreground &&
        own.background === pair.background &&
        own.minimum >= pair.minimum &&
        (own.themes ?? THEME_NAMES).includes(theme),
    );
  const issues: TTokenIssue[] = [];
  for (const theme of THEME_NAMES) {
    const tree = resolveThemeTree(set, theme);
    for (const pair of pairs()) {
      if (isDeclared(pair, theme)) continue;
      const label = `${pair.foreground} on ${pair.background}`;
      let result: TContrastCheck;
      try {
        result = check(tree, theme, pair);
      } catch (error) {
        const message = `${label}: ${(error as Error).message}`;
        issues.push({ path: pair.foreground, message, theme, rule: 'contrast', severity: 'error' });
        continue;
      }
      if (result.passes) continue;
      issues.push({
        path: pair.foreground,
        message: `${label} is ${ratioText(result.ratio)} in ${theme}; WCAG 2.2 needs ${pair.minimum}:1 (the apps' theme uses this pairing)`,
        theme,
        rule: 'contrast',
        severity: 'error',
      });
    }
  }
  return issues;
}

/** One line per check, e.g. `dark  spark  accent-text/bg  7.21 ≥ 4.5  ok`. */
export function formatContrastCheck(check: TContrastCheck): string {
  return [
    check.theme.padEnd(5),
    (check.system ?? '').padEnd(8),
    check.rule.padEnd(28),
    `${check.ratio.toFixed(2)} ≥ ${check.minimum}`.padEnd(12),
    check.passes ? 'ok' : 'FAIL',
  ].join(' ');
}
