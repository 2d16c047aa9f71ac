import { describe, expect, it } from 'vitest';
import { auditContrast, formatContrastCheck, type TContrastCheck } from './contrast.audit';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { STATUS_PALETTES, SYSTEM_PALETTES } from './system-palettes';
import { THEME_NAMES, type TToken } from './token.types';

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
