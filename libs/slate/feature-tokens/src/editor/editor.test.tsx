import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TIssue, TTokenDraft } from '../lib/types';
import { changeSummary } from '../testing/fixtures';
import { colorFromHex, colorFromOklch, fieldsFromColor, normalizeHex } from './color-model';
import {
  aliasCandidates,
  draftRows,
  formFromRow,
  groupRows,
  introducedIssues,
  isFormDirty,
  pathProblem,
  searchRows,
  setOperation,
} from './draft-model';
import { publishBlocker, PublishPanel } from './publish-panel';
import { TokenEditor } from './token-editor';
import { parseJsonValue } from './value-editors';

const set = loadDefaultTokenSet();
const rows = draftRows(set);
const row = (id: string) => {
  const found = rows.find((item) => item.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};

const DRAFT: TTokenDraft = {
  set,
  basedOn: 2,
  updatedAt: '2026-11-23T10:00:00.000Z',
  updatedBy: { id: 'u1', name: 'Dana Designer' },
  issues: [],
  diff: {
    changes: [
      {
        kind: 'removed',
        path: 'radius.xs',
        theme: null,
        before: { type: 'dimension', value: { value: 2, unit: 'px' } },
      },
    ],
    summary: changeSummary({ removed: 1 }),
    bump: 'major',
    isBreaking: true,
  },
  proposedSemver: '2.0.0',
  hasChanges: true,
};

describe('draft rows', () => {
  it('lists every token of base and both themes, with inherited types and aliases', () => {
    expect(row('base:color.neutral.50').type).toBe('color');
    expect(row('light:color.bg').aliasOf).toBe('color.neutral.50');
    expect(row('dark:color.bg').layer).toBe('dark');
    expect(row('light:color.bg').type).toBe('color');
    const groups = groupRows(rows);
    expect(groups.find((group) => group.id === 'base:color.neutral')?.rows).toHaveLength(11);
  });

  it('searches path, value and description', () => {
    expect(searchRows(rows, 'pills').map((item) => item.path)).toEqual(['radius.full']);
    expect(searchRows(rows, 'dark bg').map((item) => item.id)).toContain('dark:color.bg');
  });

  it('offers alias targets of the same type only', () => {
    const candidates = aliasCandidates(rows, 'color', 'color.bg');
    expect(candidates).toContain('color.neutral.50');
    expect(candidates).not.toContain('color.bg');
    expect(candidates).not.toContain('spacing.4');
  });
});

describe('inspector form → operation', () => {
  it('is clean until something changes, then sets the token in the chosen layer', () => {
    const neutral = row('base:color.neutral.500');
    const form = formFromRow(neutral);
    expect(isFormDirty(form, neutral)).toBe(false);
    const edited = { ...form, value: { colorSpace: 'oklch', components: [0.6, 0.02, 265], hex: '#80848e' } };
    expect(isFormDirty(edited, neutral)).toBe(true);
    expect(setOperation(neutral.path, edited, neutral.token)).toEqual({
      op: 'set',
      path: 'color.neutral.500',
      theme: null,
      token: { $value: edited.value },
    });
  });

  it('writes aliases, descriptions and deprecation; a theme edit goes to that theme', () => {
    const bg = row('light:color.bg');
    const form = {
      ...formFromRow(bg),
      layer: 'dark' as const,
      alias: 'color.neutral.900',
      deprecated: true,
      deprecatedReason: 'Use surface',
    };
    const operation = setOperation(bg.path, form, bg.token);
    expect(operation).toMatchObject({
      op: 'set',
      theme: 'dark',
      token: { $value: '{color.neutral.900}', $description: 'Page background.', $deprecated: 'Use surface' },
    });
  });

  it('checks new paths', () => {
    expect(pathProblem('color.brand.500')).toBeNull();
    expect(pathProblem('')).toMatch(/Enter a token path/);
    expect(pathProblem('color..x')).toMatch(/single dots/);
    expect(pathProblem('color.{x}')).toMatch(/\{/);
    expect(pathProblem('color.bg', ['color.bg'])).toBe('color.bg already exists.');
  });

  it('finds the issues an edit introduced', () => {
    const before: TIssue[] = [
      { path: 'color.fg', message: 'low contrast', rule: 'contrast', severity: 'error' } as TIssue,
    ];
    const added = {
      path: 'color.fg-muted',
      message: 'fg-muted on bg is 3.1:1',
      theme: 'dark',
      rule: 'contrast',
      severity: 'error',
    } as TIssue;
    expect(introducedIssues(before, [...before, added])).toEqual([added]);
  });
});

describe('colour fields', () => {
  it('normalises hex', () => {
    expect(normalizeHex('ABC')).toBe('#aabbcc');
    expect(normalizeHex('#3B82F6')).toBe('#3b82f6');
    expect(normalizeHex('#12345')).toBeNull();
  });

  it('reads a token colour and round-trips hex → oklch → hex', () => {
    expect(fieldsFromColor({ colorSpace: 'oklch', components: [0.985, 0.002, 265], hex: '#f9fafb' })).toEqual(
      {
        hex: '#f9fafb',
        l: '0.985',
        c: '0.002',
        h: '265',
        alpha: '1',
      },
    );
    const fromHex = colorFromHex({ hex: '#3b82f6', l: '', c: '', h: '', alpha: '1' });
    if (!fromHex.ok) throw new Error(fromHex.error);
    expect(fromHex.value.hex).toBe('#3b82f6');
    expect(fromHex.value).not.toHaveProperty('alpha');
    const back = colorFromOklch({ ...fromHex.fields });
    if (!back.ok) throw new Error(back.error);
    expect(back.value.hex).toBe('#3b82f6');
  });

  it('explains bad input', () => {
    expect(colorFromHex({ hex: 'blue', l: '0', c: '0', h: '0', alpha: '1' })).toEqual({
      ok: false,
      error: 'Enter a hex colour like #3b82f6.',
    });
    expect(colorFromOklch({ hex: '', l: '1.5', c: '0', h: '0', alpha: '1' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/L/),
    });
    expect(colorFromOklch({ hex: '', l: '0.5', c: '0', h: '0', alpha: '2' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Alpha/),
    });
    const translucent = colorFromOklch({ hex: '', l: '0.5', c: '0', h: '0', alpha: '0.5' });
    expect(translucent.ok && translucent.value.alpha).toBe(0.5);
  });

  it('parses composite values as JSON with a message', () => {
    expect(parseJsonValue('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonValue('{a:1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not valid JSON/),
    });
  });
});

describe('publishing', () => {
  it('says why Publish is disabled', () => {
    const ok = { hasChanges: true, blockingIssues: 0, semverError: null, changelog: 'Warmer greys' };
    expect(publishBlocker(ok)).toBeNull();
    expect(publishBlocker({ ...ok, hasChanges: false })).toMatch(/same as the published/);
    expect(publishBlocker({ ...ok, blockingIssues: 2 })).toMatch(/Fix the issues/);
    expect(publishBlocker({ ...ok, changelog: '  ' })).toMatch(/changelog/);
    expect(publishBlocker({ ...ok, semverError: 'too low' })).toBe('too low');
  });

  it('renders the diff, the breaking report, the proposed version and a disabled Publish until a changelog is written', () => {
    const html = renderToStaticMarkup(<PublishPanel draft={DRAFT} canWrite onPublished={() => undefined} />);
    expect(html).toContain('data-testid="breaking-report"');
    expect(html).toContain('data-breaking="true"');
    expect(html).toContain('value="2.0.0"');
    expect(html).toContain('Version (at least 2.0.0)');
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*data-testid="publish-button"/);
    expect(html).toContain('Write a changelog');
  });
});

describe('TokenEditor', () => {
  it('shows engineers a read-only notice and no editing controls', () => {
    const html = renderToStaticMarkup(
      <TokenEditor draft={DRAFT} published={null} canWrite={false} role="engineer" />,
    );
    expect(html).toContain('data-testid="read-only-notice"');
    expect(html).toContain('your role: engineer');
    expect(html).not.toContain('data-testid="add-token"');
    expect(html).not.toContain('data-testid="publish-button"');
    expect(html).not.toContain('data-testid="discard-draft"');
    expect(html).toContain('data-testid="token-item-color.neutral.50"');
    expect(html).toContain('data-testid="token-item-color.bg@dark"');
  });

  it('gives designers the add, publish, import and discard controls', () => {
    const html = renderToStaticMarkup(
      <TokenEditor draft={DRAFT} published={null} canWrite role="designer" />,
    );
    for (const id of ['add-token', 'publish-button', 'import-submit', 'discard-draft', 'export-css-dark'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Select a token to inspect it');
  });
});
