// `nx build tokens`: checks the default token set's contrast matrix, then writes dist/theme.css
// (the Tailwind v4 theme every app imports) and dist/tokens.json (every token, flattened and resolved).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditContrast, formatContrastCheck } from '../contrast.audit';
import { loadDefaultTokenSet } from '../default-token-set.loader';
import { resolveAllTokens } from '../flatten-tokens';
import { generateThemeCss } from '../theme-css.generator';
import { THEME_NAMES } from '../token.types';
import { pathToName, resolveThemeTree } from '../token-tree.utils';

const distDir = join(import.meta.dirname, '../../dist');

const set = loadDefaultTokenSet();

const failures = auditContrast(set).filter((check) => !check.passes);
if (failures.length > 0) {
  console.error(
    `Contrast below WCAG 2.2 minimums; theme not written:\n${failures.map(formatContrastCheck).join('\n')}`,
  );
  process.exit(1);
}

const themes = Object.fromEntries(
  THEME_NAMES.map((theme) => [
    theme,
    resolveAllTokens(resolveThemeTree(set, theme)).map(({ path, type, value, description }) => ({
      name: pathToName(path),
      type,
      value,
      ...(description ? { description } : {}),
    })),
  ]),
);
const tokenCount = new Set(Object.values(themes).flatMap((tokens) => tokens.map(({ name }) => name))).size;

mkdirSync(distDir, { recursive: true });
const cssPath = join(distDir, 'theme.css');
writeFileSync(cssPath, generateThemeCss(set));
writeFileSync(join(distDir, 'tokens.json'), `${JSON.stringify({ themes }, null, 2)}\n`);
console.log(`Wrote ${relative(process.cwd(), cssPath)} (${tokenCount} tokens)`);
