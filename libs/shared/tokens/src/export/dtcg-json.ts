/**
 * A token set as one DTCG JSON document (a bundle of the base and the theme files) and back.
 * Import accepts that bundle, a single DTCG token file, or a DTCG Resolver document, and reports
 * problems as issues instead of throwing.
 */
import { parseResolverDocument } from '../resolver-document';
import { TokenSetError, type TTokenIssue } from '../token-set.schema';
import { validateTokenSet } from '../token-validation';
import type { TTokenSet } from '../token.types';
import { isPlainObject } from '../token-tree.utils';
import { findJsonSyntaxError } from './json-syntax';

/**
 * `$schema` of the bundle SLATE exports: an identifier of this document shape (not fetched). The
 * `base` and each theme are DTCG 2025.10 token files and keep their own `$schema`.
 */
export const TOKEN_BUNDLE_SCHEMA = 'https://lumenforge.dev/schemas/slate/token-bundle-1.json';

export type TTokenBundle = {
  $schema: typeof TOKEN_BUNDLE_SCHEMA;
  base: TTokenSet['base'];
  themes: TTokenSet['themes'];
};

export type TImportResult = { set: TTokenSet | null; issues: TTokenIssue[] };

/**
 * The set as one pretty-printed JSON document: `{ "$schema", "base", "themes": { light, dark } }`,
 * everything kept as written (descriptions, deprecations, extensions, aliases, group `$type`s).
 */
export function exportDtcgJson(set: TTokenSet): string {
  const bundle: TTokenBundle = { $schema: TOKEN_BUNDLE_SCHEMA, base: set.base, themes: set.themes };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

const BUNDLE_KEYS = new Set(['$schema', '$description', 'base', 'themes']);

/** The DTCG Resolver module's document: it lists `sets` and `modifiers` in a `resolutionOrder`. */
function isResolverDocument(document: Record<string, unknown>): boolean {
  return 'resolutionOrder' in document;
}

function isBundle(document: Record<string, unknown>): boolean {
  return 'base' in document && 'themes' in document && isPlainObject(document.themes);
}

const documentIssue = (message: string, path = ''): TTokenIssue => ({
  path,
  message,
  rule: 'shape',
  severity: 'error',
});

function importResolverDocument(document: Record<string, unknown>): TImportResult {
  try {
    return { set: parseResolverDocument(document), issues: [] };
  } catch (error) {
    if (!(error instanceof TokenSetError)) throw error;
    return { set: null, issues: [...error.issues] };
  }
}

function parseDocument(text: string): { document: unknown } | { issue: TTokenIssue } {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { document: JSON.parse(source) };
  } catch {
    let found: ReturnType<typeof findJsonSyntaxError>;
    try {
      found = findJsonSyntaxError(source);
    } catch {
      found = undefined; // nested too deeply for the scanner: no position
    }
    const where = found ? ` at line ${found.line}, column ${found.column}` : '';
    return { issue: documentIssue(`JSON syntax error${where}: ${found?.message ?? 'invalid JSON'}`) };
  }
}

/**
 * Reads a token set from JSON text: the bundle `exportDtcgJson` writes, a single DTCG token file
 * (taken as the base, with empty themes), or a DTCG Resolver document (`parseResolverDocument`: a
 * base set, then a `theme` modifier with `light` and `dark`). Never throws: JSON syntax errors (with line and column)
 * and validation problems (`validateTokenSet`: shape, types, aliases, declared contrast pairs)
 * come back as issues, with `set: null`.
 */
export function importDtcgJson(text: string): TImportResult {
  try {
    const parsed = parseDocument(text);
    if ('issue' in parsed) return { set: null, issues: [parsed.issue] };
    const { document } = parsed;
    if (!isPlainObject(document)) {
      return { set: null, issues: [documentIssue('Expected a JSON object (a DTCG token document)')] };
    }
    if (isResolverDocument(document)) {
      return importResolverDocument(document);
    }
    if (isBundle(document)) {
      const unknown = Object.keys(document).filter((key) => !BUNDLE_KEYS.has(key));
      if (unknown.length > 0) {
        return {
          set: null,
          issues: unknown.map((key) =>
            documentIssue(
              `Unknown property of a token bundle (expected ${[...BUNDLE_KEYS].join(', ')})`,
              key,
            ),
          ),
        };
      }
      return validateTokenSet({ base: document.base, themes: document.themes });
    }
    return validateTokenSet({ base: document, themes: { light: {}, dark: {} } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { set: null, issues: [documentIssue(`Could not import the tokens: ${message}`)] };
  }
}
