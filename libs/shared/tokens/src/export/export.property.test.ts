import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTokenSet } from '../testing/arbitrary-token-set';
import { THEME_NAMES } from '../token.types';
import { resolveThemeTree, walkTokens } from '../token-tree.utils';
import { cssVariables, exportCssVariables } from './css-variables';
import { exportDtcgJson, importDtcgJson } from './dtcg-json';
import { tokenEntries } from './token-entries';

describe('exports of random valid token sets (fast-check)', () => {
  it('importDtcgJson(exportDtcgJson(set)) gives back the same set, with no issues', () => {
    fc.assert(
      fc.property(arbitraryTokenSet(), (set) => {
        const result = importDtcgJson(exportDtcgJson(set));
        expect(result.issues).toEqual([]);
        expect(result.set).toEqual(set);
      }),
      { numRuns: 200 },
    );
  });

  it('every token becomes one CSS variable and one entry per theme, and nothing throws', () => {
    fc.assert(
      fc.property(arbitraryTokenSet(), (set) => {
        for (const theme of THEME_NAMES) {
          const count = [...walkTokens(resolveThemeTree(set, theme))].length;
          const variables = cssVariables(set, { theme });
          expect(variables).toHaveLength(count);
          for (const { name, value } of variables) {
            expect(name).toMatch(/^--[a-z0-9-]+$/);
            expect(value).not.toMatch(/\[object Object\]|undefined|NaN|[;{}]/);
          }
          expect(exportCssVariables(set, { theme }).match(/^ {2}--/gm) ?? []).toHaveLength(count);
          for (const resolved of [true, false]) {
            const entries = tokenEntries(set, { theme, resolved });
            expect(entries).toHaveLength(count);
            for (const entry of entries) expect(entry.css).not.toMatch(/\[object Object\]|undefined/);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
