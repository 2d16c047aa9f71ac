import { describe, expect, it } from 'vitest';
import {
  auditContrast,
  contrastAuditIssues,
  formatContrastCheck,
  type TContrastCheck,
} from './contrast.audit';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { STATUS_PALETTES, SYSTEM_PALETTES } from './system-palettes';
import { THEME_NAMES, type TToken, type TTokenSet } from './token.types';
import { CONTRAST_EXTENSION, validateTokenSet } from './token-validation';

const checks = auditContrast(loadDefaultTokenSet());

const find = (theme: string, rule: string, system?: string): TContrastCheck => {
  const check = checks.find((c) => c.theme === theme && c.rule === rule && c.system === system);
  if (!check) throw new Error(`no check ${theme} ${system ?? ''} ${rule}`);
  return check;
};

describe('accessibility matrix of the default token set', () => {
  it('covers both themes and every system', () => {
    for (const theme of THEME_NAMES) {
      for (const system of SYSTEM_PALETTES) {
        for (const rule of [
          'accent-text/bg',
          'accent-text/surface',
          'accent-fg/accent',
          'accent-fg/accent-hover',
        ]) {
          expect(find(theme, rule, system)).toBeDefined();
        }
      }
    }
  });

  describe.each(THEME_NAMES)('%s theme', (theme) => {
    it('fg on bg ≥ 7:1', () => {
      expect(find(theme, 'fg/bg').ratio).toBeGreaterThanOrEqual(7);
    });

    it('fg-muted on bg and surface ≥ 4.5:1', () => {
      expect(find(theme, 'fg-muted/bg').ratio).toBeGreaterThanOrEqual(4.5);
      expect(find(theme, 'fg-muted/surface').ratio).toBeGreaterThanOrEqual(4.5);
    });

    it.each(['bg', 'surface', 'surface-raised', 'surface-sunken'])(
      'fg-subtle on %s ≥ 4.5:1 (hints, empty values, shortcut keys carry information)',
      (surface) => {
        expect(find(theme, `fg-subtle/${surface}`).ratio).toBeGreaterThanOrEqual(4.5);
      },
    );

    it('border-strong and focus on bg ≥ 3:1', () => {
      expect(find(theme, 'border-strong/bg').ratio).toBeGreaterThanOrEqual(3);
      expect(find(theme, 'focus/bg').ratio).toBeGreaterThanOrEqual(3);
    });

    it.each(STATUS_PALETTES)('%s-text on bg ≥ 4.5:1', (status) => {
      expect(find(theme, `${status}-text/bg`).ratio).toBeGreaterThanOrEqual(4.5);
    });

    it.each(SYSTEM_PALETTES)(
      '%s: accent-text on bg and surface, accent-fg on accent and hover ≥ 4.5:1',
      (system) => {
        expect(find(theme, 'accent-text/bg', system).ratio).toBeGreaterThanOrEqual(4.5);
        expect(find(theme, 'accent-text/surface', system).ratio).toBeGreaterThanOrEqual(4.5);
        expect(find(theme, 'accent-fg/accent', system).ratio).toBeGreaterThanOrEqual(4.5);
        expect(find(theme, 'accent-fg/accent-hover', system).ratio).toBeGreaterThanOrEqual(4.5);
      },
    );
  });

  it('every check passes, including the extra surfaces', () => {
    const failures = checks.filter((check) => !check.passes).map(formatContrastCheck);
    expect(failures).toEqual([]);
  });
});

describe('auditContrast', () => {
  it('reports a failure when a token is made unreadable', () => {
    const set = loadDefaultTokenSet();
    const themeColors = set.themes.light.color as Record<string, TToken>;
    themeColors['fg-muted'] = { $value: '{color.neutral.300}' };
    const failing = auditContrast(set).filter((check) => !check.passes);
    expect(failing.map((check) => `${check.theme} ${check.rule}`)).toContain('light fg-muted/bg');
    expect(failing.every((check) => check.theme === 'light' && check.foreground === 'color.fg-muted')).toBe(
      true,
    );
  });
});

/** The default set with subtle text back at the old neutral.500 (3.45–3.79:1 on the light surfaces). */
function withOldSubtleText(): TTokenSet {
  const set = loadDefaultTokenSet();
  (set.themes.light.color as Record<string, TToken>)['fg-subtle'] = { $value: '{color.neutral.500}' };
  return set;
}

describe('contrastAuditIssues (what SLATE refuses to publish)', () => {
  it('is empty for the default set', () => {
    expect(contrastAuditIssues(loadDefaultTokenSet())).toEqual([]);
  });

  it('refuses subtle text below 4.5:1 on each surface, even when the set declares no pairs', () => {
    const set = withOldSubtleText();
    delete set.base.$extensions;
    expect(validateTokenSet(set).issues).toEqual([]);
    const issues = contrastAuditIssues(set);
    expect(issues.map((issue) => `${issue.theme} ${issue.path} ${issue.rule}`)).toEqual(
      Array(4).fill('light color.fg-subtle contrast'),
    );
    expect(issues[0]?.message).toMatch(
      /^color\.fg-subtle on color\.bg is 3\.6\d:1 in light; WCAG 2\.2 needs 4\.5:1/,
    );
  });

  it('leaves pairs the set declares to its own validation (no duplicates), which refuses them too', () => {
    const set = withOldSubtleText();
    const declared = validateTokenSet(set).issues;
    expect(declared.map((issue) => issue.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^color\.fg-subtle on color\.surface-sunken is 3\.4\d:1 in light/),
      ]),
    );
    expect(declared.filter((issue) => issue.path === 'color.fg-subtle')).toHaveLength(4);
    expect(contrastAuditIssues(set)).toEqual([]);
    expect(set.base.$extensions?.[CONTRAST_EXTENSION]).toBeDefined();
  });

  it('reports a colour the theme needs but the set lacks', () => {
    const set = loadDefaultTokenSet();
    delete (set.themes.dark.color as Record<string, TToken>)['fg-subtle'];
    delete set.base.$extensions;
    const issues = contrastAuditIssues(set).filter((issue) => issue.theme === 'dark');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.path === 'color.fg-subtle' && issue.rule === 'contrast')).toBe(true);
  });
});
