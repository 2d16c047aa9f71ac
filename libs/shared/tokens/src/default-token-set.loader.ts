/** The Luminera default token set shipped with this package (`src/default/`). */
import base from './default/luminera.tokens.json';
import dark from './default/themes/dark.tokens.json';
import light from './default/themes/light.tokens.json';
import { parseTokenSet } from './token-validation';
import type { TTokenSet } from './token.types';

/**
 * The default token set (base + light and dark themes), validated. Returns a fresh copy on every
 * call, so callers may modify it (SLATE starts new workspaces from it).
 */
export function loadDefaultTokenSet(): TTokenSet {
  return parseTokenSet(structuredClone({ base, themes: { light, dark } }));
}
