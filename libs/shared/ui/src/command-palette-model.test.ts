import { describe, expect, it } from 'vitest';
import {
  buildSearchUrl,
  filterSystems,
  groupItems,
  highlightSegments,
  initPaletteState,
  isApplePlatform,
  isPaletteShortcut,
  isSafeResultUrl,
  JUMP_TO_LABEL,
  moveIndex,
  normalizeQuery,
  paletteReducer,
  parseSearchResponse,
  parseSearchResult,
  queryTerms,
  SEARCH_UNAVAILABLE,
  selectPaletteView,
  shortcutHint,
  type TPaletteAction,
  type TPaletteState,
  type TSearchResult,
} from './command-palette-model';
import type { TSwitcherSystem } from './system-switcher';

const SYSTEMS: TSwitcherSystem[] = [
  { id: 'landing', name: 'Landing', url: 'https://lumenforge.io', tagline: 'The front door and status' },
  { id: 'slate', name: 'Slate', url: 'https://slate.lumenforge.io', tagline: 'Design tokens' },
  { id: 'ignition', name: 'Ignition', url: 'https://ignition.lumenforge.io', tagline: 'Project scaffolding' },
  { id: 'spark', name: 'Spark', url: 'https://spark.lumenforge.io', tagline: 'Component library' },
  { id: 'ignis', name: 'Ignis', url: 'https://ignis.lumenforge.io', tagline: 'Builds and previews' },
  {
    id: 'waypoint',
    name: 'Waypoint',
    url: 'https://waypoint.lumenforge.io',
    tagline: 'Deployments (and spark plugs)',
  },
];

const result = (kind: TSearchResult['kind'], id: string, title = id): TSearchResult => ({
  kind,
  id,
  title,
  subtitle: null,
  url: `https://${kind}.lumenforge.io/${id}`,
});

const run = (actions: TPaletteAction[], state: TPaletteState = initPaletteState(SYSTEMS)) =>
  actions.reduce(paletteReducer, state);

const keys = (state: TPaletteState) => selectPaletteView(state).items.map((item) => item.key);
const activeKey = (state: TPaletteState) => selectPaletteView(state).activeItem?.key ?? null;

describe('query helpers', () => {
  it('normalizes whitespace and splits into unique lower-case terms', () => {
    expect(normalizeQuery('  Button   primary \t')).toBe('Button primary');
    expect(queryTerms('  Button  button PRIMARY ')).toEqual(['button', 'primary']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('builds the search URL with an encoded, normalized query and the limit', () => {
    expect(buildSearchUrl('/api/search', '  color.accent & "x" ', 20)).toBe(
      '/api/search?q=color.accent+%26+%22x%22&limit=20',
    );
    expect(buildSearchUrl('/api/search?scope=all', 'a', 5)).toBe('/api/search?scope=all&q=a&limit=5');
  });

  it('keeps the limit within what the server accepts (1–20 per kind)', () => {
    expect(buildSearchUrl('/s', 'a')).toBe('/s?q=a&limit=8');
    expect(buildSearchUrl('/s', 'a', 50)).toBe('/s?q=a&limit=20');
    expect(buildSearchUrl('/s', 'a', 0)).toBe('/s?q=a&limit=1');
    expect(buildSearchUrl('/s', 'a', 2.7)).toBe('/s?q=a&limit=2');
    expect(buildSearchUrl('/s', 'a', Number.NaN)).toBe('/s?q=a&limit=8');
  });
});

describe('filterSystems', () => {
  it('returns every system, in order, for an empty query', () => {
    expect(filterSystems(SYSTEMS, '  ').map((s) => s.id)).toEqual(SYSTEMS.map((s) => s.id));
  });

  it('matches name or tagline case-insensitively', () => {
    expect(filterSystems(SYSTEMS, 'SLA').map((s) => s.id)).toEqual(['slate']);
    expect(filterSystems(SYSTEMS, 'tokens').map((s) => s.id)).toEqual(['slate']);
    // "Design tokens" contains "ign" too: name matches first.
    expect(filterSystems(SYSTEMS, 'ign').map((s) => s.id)).toEqual(['ignition', 'ignis', 'slate']);
  });

  it('ranks name matches before tagline-only matches', () => {
    // "spark" is Spark's name and only in Waypoint's tagline, which comes first in the list.
    expect(filterSystems(SYSTEMS, 'spark').map((s) => s.id)).toEqual(['spark', 'waypoint']);
  });

  it('needs every word of the query, in name or tagline', () => {
    expect(filterSystems(SYSTEMS, 'spark library').map((s) => s.id)).toEqual(['spark']);
    expect(filterSystems(SYSTEMS, 'spark nothing').map((s) => s.id)).toEqual([]);
  });

  it('treats regular-expression characters literally', () => {
    expect(filterSystems(SYSTEMS, '(and').map((s) => s.id)).toEqual(['waypoint']);
    expect(filterSystems(SYSTEMS, '.*')).toEqual([]);
  });
});

describe('isSafeResultUrl', () => {
  it('accepts http(s) URLs and same-origin paths', () => {
    expect(isSafeResultUrl('https://spark.lumenforge.io/components/button')).toBe(true);
    expect(isSafeResultUrl('http://localhost:3003/x')).toBe(true);
    expect(isSafeResultUrl('/components/button')).toBe(true);
  });

  it('rejects script, data, protocol-relative and unparsable URLs', () => {
    expect(isSafeResultUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeResultUrl('JavaScript:alert(1)')).toBe(false);
    expect(isSafeResultUrl('data:text/html,<b>x</b>')).toBe(false);
    expect(isSafeResultUrl('//evil.example/x')).toBe(false);
    expect(isSafeResultUrl('/\\evil.example')).toBe(false);
    expect(isSafeResultUrl('not a url')).toBe(false);
    expect(isSafeResultUrl('')).toBe(false);
  });
});

describe('parseSearchResult', () => {
  const valid = { kind: 'token', id: 't1', title: 'color.accent', subtitle: 'Slate', url: 'https://x.io/t1' };

  it('keeps a valid result and only its known fields', () => {
    expect(parseSearchResult({ ...valid, score: 3 })).toEqual(valid);
  });

  it('turns missing, empty or non-string subtitles into null and numeric ids into strings', () => {
    expect(parseSearchResult({ ...valid, subtitle: undefined })?.subtitle).toBeNull();
    expect(parseSearchResult({ ...valid, subtitle: '  ' })?.subtitle).toBeNull();
    expect(parseSearchResult({ ...valid, subtitle: 42 })?.subtitle).toBeNull();
    expect(parseSearchResult({ ...valid, id: 7 })?.id).toBe('7');
  });

  it('drops unknown kinds, missing ids, titles or URLs, and unsafe URLs', () => {
    expect(parseSearchResult({ ...valid, kind: 'user' })).toBeNull();
    expect(parseSearchResult({ ...valid, kind: 'system' })).toBeNull();
    expect(parseSearchResult({ ...valid, id: '' })).toBeNull();
    expect(parseSearchResult({ ...valid, id: Number.NaN })).toBeNull();
    expect(parseSearchResult({ ...valid, title: ' ' })).toBeNull();
    expect(parseSearchResult({ ...valid, url: undefined })).toBeNull();
    expect(parseSearchResult({ ...valid, url: 'javascript:void(0)' })).toBeNull();
    expect(parseSearchResult(null)).toBeNull();
    expect(parseSearchResult(['token'])).toBeNull();
    expect(parseSearchResult('token')).toBeNull();
  });
});

describe('parseSearchResponse', () => {
  const body = (value: unknown) => JSON.stringify(value);

  it('parses a 200 answer, keeping the server order', () => {
    const outcome = parseSearchResponse(
      200,
      body({
        query: 'btn',
        results: [result('component', 'b'), result('token', 't'), result('component', 'a')],
      }),
    );
    expect(outcome).toEqual({
      ok: true,
      query: 'btn',
      results: [result('component', 'b'), result('token', 't'), result('component', 'a')],
    });
  });

  it('skips bad entries and duplicates instead of failing the whole answer', () => {
    const outcome = parseSearchResponse(
      200,
      body({
        query: 'x',
        results: [
          result('project', 'p'),
          { kind: 'nope' },
          'junk',
          null,
          result('project', 'p'),
          result('deployment', 'd'),
        ],
      }),
    );
    expect(outcome.ok && outcome.results.map((r) => `${r.kind}:${r.id}`)).toEqual([
      'project:p',
      'deployment:d',
    ]);
  });

  it('tolerates a missing query field', () => {
    expect(parseSearchResponse(200, body({ results: [] }))).toEqual({ ok: true, query: null, results: [] });
  });

  it('rejects a 200 that is not JSON or has no results array', () => {
    for (const text of [
      '',
      '<!doctype html><p>proxy error',
      'null',
      '[]',
      body({ results: 'x' }),
      body({ query: 'x' }),
    ])
      expect(parseSearchResponse(200, text)).toEqual({ ok: false, message: SEARCH_UNAVAILABLE });
  });

  it("shows the server's message for 400, 401 and 403", () => {
    expect(
      parseSearchResponse(
        400,
        body({ error: 'invalid_request', message: 'q must be at most 200 characters' }),
      ),
    ).toEqual({
      ok: false,
      message: 'q must be at most 200 characters',
    });
    expect(parseSearchResponse(401, body({ error: 'Not signed in' }))).toEqual({
      ok: false,
      message: 'Not signed in',
    });
    expect(parseSearchResponse(403, body({ error: 'Forbidden' }))).toEqual({
      ok: false,
      message: 'Forbidden',
    });
  });

  it('falls back to a fixed message when a 4xx has no usable error', () => {
    expect(parseSearchResponse(400, 'Bad Request')).toEqual({ ok: false, message: SEARCH_UNAVAILABLE });
    expect(parseSearchResponse(401, '')).toEqual({ ok: false, message: 'Sign in again to search' });
    expect(parseSearchResponse(403, body({ error: 3 }))).toEqual({
      ok: false,
      message: 'You are not allowed to search',
    });
    expect(parseSearchResponse(429, body({ error: '  ' }))).toEqual({
      ok: false,
      message: SEARCH_UNAVAILABLE,
    });
  });

  it('never shows server text for 5xx or unexpected statuses', () => {
    expect(parseSearchResponse(500, body({ error: 'TypeError: cannot read x of undefined' }))).toEqual({
      ok: false,
      message: SEARCH_UNAVAILABLE,
    });
    expect(parseSearchResponse(502, '<html>Bad gateway</html>')).toEqual({
      ok: false,
      message: SEARCH_UNAVAILABLE,
    });
    expect(parseSearchResponse(302, '')).toEqual({ ok: false, message: SEARCH_UNAVAILABLE });
  });

  it('shortens a very long server message', () => {
    const outcome = parseSearchResponse(400, body({ error: 'x'.repeat(1000) }));
    expect(!outcome.ok && outcome.message.length).toBe(300);
  });
});

describe('groupItems', () => {
  it('orders groups Systems, Components, Tokens, Projects, Deployments and leaves out empty ones', () => {
    const groups = groupItems(
      SYSTEMS,
      [result('deployment', 'd1'), result('token', 't1'), result('component', 'c1'), result('token', 't2')],
      'slate',
    );
    expect(groups.map((g) => g.label)).toEqual(['Systems', 'Components', 'Tokens', 'Deployments']);
    expect(groups.map((g) => g.items.map((i) => i.key))).toEqual([
      ['system:slate'],
      ['component:c1'],
      ['token:t1', 'token:t2'],
      ['deployment:d1'],
    ]);
  });

  it('labels the systems "Jump to" while nothing is typed', () => {
    const groups = groupItems(SYSTEMS, [], '');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.label).toBe(JUMP_TO_LABEL);
    expect(groups[0]?.items.map((i) => i.url)).toEqual(SYSTEMS.map((s) => s.url));
  });

  it('maps systems to options with tagline subtitles and keeps duplicate server results once', () => {
    const groups = groupItems(
      SYSTEMS,
      [result('project', 'p'), result('project', 'p', 'Again')],
      'spark lib',
    );
    expect(groups[0]?.items).toEqual([
      {
        key: 'system:spark',
        kind: 'system',
        id: 'spark',
        title: 'Spark',
        subtitle: 'Component library',
        url: 'https://spark.lumenforge.io',
      },
    ]);
    expect(groups[1]?.items.map((i) => i.title)).toEqual(['p']);
  });

  it('returns no groups when nothing matches', () => {
    expect(groupItems(SYSTEMS, [], 'zzz')).toEqual([]);
  });
});

describe('moveIndex', () => {
  it('wraps ArrowDown and ArrowUp', () => {
    expect(moveIndex(0, 3, 'ArrowDown')).toBe(1);
    expect(moveIndex(2, 3, 'ArrowDown')).toBe(0);
    expect(moveIndex(0, 3, 'ArrowUp')).toBe(2);
    expect(moveIndex(1, 3, 'ArrowUp')).toBe(0);
  });

  it('goes to the ends with Home and End', () => {
    expect(moveIndex(1, 3, 'Home')).toBe(0);
    expect(moveIndex(1, 3, 'End')).toBe(2);
  });

  it('starts from nothing selected and stays at -1 for an empty list', () => {
    expect(moveIndex(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveIndex(-1, 3, 'ArrowUp')).toBe(2);
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End'] as const)
      expect(moveIndex(-1, 0, key)).toBe(-1);
  });

  it('stays put in a list of one', () => {
    expect(moveIndex(0, 1, 'ArrowDown')).toBe(0);
    expect(moveIndex(0, 1, 'ArrowUp')).toBe(0);
  });
});

describe('paletteReducer and selectPaletteView', () => {
  it('starts with the systems as "Jump to" entries, the first one active', () => {
    const state = initPaletteState(SYSTEMS);
    const view = selectPaletteView(state);
    expect(view.isEmptyQuery).toBe(true);
    expect(view.isNoResults).toBe(false);
    expect(view.items).toHaveLength(6);
    expect(view.activeIndex).toBe(0);
    expect(view.activeItem?.key).toBe('system:landing');
  });

  it('filters systems at once and waits for the server (loading) after typing', () => {
    const state = run([{ type: 'query', query: 'sla' }]);
    expect(state.status).toBe('loading');
    expect(keys(state)).toEqual(['system:slate']);
    expect(selectPaletteView(state).isNoResults).toBe(false);
  });

  it('adds server results after the systems when they arrive', () => {
    const state = run([
      { type: 'query', query: 'sla' },
      { type: 'results', query: 'sla', results: [result('token', 'slate.bg'), result('project', 'slab')] },
    ]);
    expect(state.status).toBe('ready');
    expect(keys(state)).toEqual(['system:slate', 'token:slate.bg', 'project:slab']);
  });

  it('ignores answers to an older query (a race the abort lost)', () => {
    const typed = run([
      { type: 'query', query: 'sl' },
      { type: 'query', query: 'sla' },
    ]);
    const after = paletteReducer(typed, { type: 'results', query: 'sl', results: [result('token', 'old')] });
    expect(after).toBe(typed);
    expect(paletteReducer(typed, { type: 'failed', query: 'sl', message: 'x' })).toBe(typed);
  });

  it('matches answers by the normalized query', () => {
    const state = run([
      { type: 'query', query: ' sla ' },
      { type: 'results', query: 'sla', results: [result('token', 't')] },
    ]);
    expect(state.status).toBe('ready');
  });

  it('does not search again (nor wait for an answer) when only whitespace changed', () => {
    const ready = run([
      { type: 'query', query: 'sla' },
      { type: 'results', query: 'sla', results: [result('token', 't')] },
      { type: 'move', key: 'End' },
    ]);
    const spaced = paletteReducer(ready, { type: 'query', query: 'sla ' });
    expect(spaced.query).toBe('sla ');
    expect(spaced.status).toBe('ready');
    expect(spaced.results).toBe(ready.results);
    expect(activeKey(spaced)).toBe('token:t');
    expect(paletteReducer(initPaletteState(SYSTEMS), { type: 'query', query: '   ' }).status).toBe('idle');
  });

  it('ignores an answer that arrives after the query was cleared', () => {
    const cleared = run([
      { type: 'query', query: 'sla' },
      { type: 'query', query: '' },
    ]);
    expect(paletteReducer(cleared, { type: 'results', query: '', results: [result('token', 't')] })).toBe(
      cleared,
    );
    expect(cleared.results).toEqual([]);
    expect(selectPaletteView(cleared).isEmptyQuery).toBe(true);
  });

  it('keeps the previous results on screen while the next query loads (no flicker)', () => {
    const state = run([
      { type: 'query', query: 'but' },
      { type: 'results', query: 'but', results: [result('component', 'button')] },
      { type: 'query', query: 'butt' },
    ]);
    expect(state.status).toBe('loading');
    expect(keys(state)).toEqual(['component:button']);
    expect(selectPaletteView(state).isSearchingWithNothingShown).toBe(false);
  });

  it('says it is searching rather than showing an empty panel', () => {
    const state = run([{ type: 'query', query: 'zzz' }]);
    const view = selectPaletteView(state);
    expect(view.items).toEqual([]);
    expect(view.isSearchingWithNothingShown).toBe(true);
    expect(view.isNoResults).toBe(false);
  });

  it('reports no results only once the server has answered with nothing and no system matches', () => {
    const state = run([
      { type: 'query', query: 'zzz' },
      { type: 'results', query: 'zzz', results: [] },
    ]);
    const view = selectPaletteView(state);
    expect(view.isNoResults).toBe(true);
    expect(view.activeIndex).toBe(-1);
    expect(view.activeItem).toBeNull();
  });

  it('is not empty when only systems match', () => {
    const state = run([
      { type: 'query', query: 'slate' },
      { type: 'results', query: 'slate', results: [] },
    ]);
    expect(selectPaletteView(state).isNoResults).toBe(false);
  });

  it('keeps the matching systems and drops server results on error', () => {
    const state = run([
      { type: 'query', query: 'spa' },
      { type: 'results', query: 'spa', results: [result('component', 'spacer')] },
      { type: 'query', query: 'spar' },
      { type: 'failed', query: 'spar', message: SEARCH_UNAVAILABLE },
    ]);
    expect(state.status).toBe('error');
    expect(state.error).toBe(SEARCH_UNAVAILABLE);
    expect(keys(state)).toEqual(['system:spark', 'system:waypoint']);
    expect(selectPaletteView(state).isNoResults).toBe(false);
  });

  it('clears the error when the query changes', () => {
    const state = run([
      { type: 'query', query: 'x' },
      { type: 'failed', query: 'x', message: 'bad' },
      { type: 'query', query: 'xy' },
    ]);
    expect(state.error).toBeNull();
    expect(state.status).toBe('loading');
  });

  it('moves with the keyboard across groups, wrapping, with Home and End', () => {
    let state = run([
      { type: 'query', query: 'sla' },
      { type: 'results', query: 'sla', results: [result('component', 'c'), result('token', 't')] },
    ]);
    expect(activeKey(state)).toBe('system:slate');
    state = run([{ type: 'move', key: 'ArrowDown' }], state);
    expect(activeKey(state)).toBe('component:c');
    state = run(
      [
        { type: 'move', key: 'ArrowDown' },
        { type: 'move', key: 'ArrowDown' },
      ],
      state,
    );
    expect(activeKey(state)).toBe('system:slate');
    state = run([{ type: 'move', key: 'ArrowUp' }], state);
    expect(activeKey(state)).toBe('token:t');
    state = run([{ type: 'move', key: 'Home' }], state);
    expect(activeKey(state)).toBe('system:slate');
    state = run([{ type: 'move', key: 'End' }], state);
    expect(activeKey(state)).toBe('token:t');
  });

  it('does nothing on moves in an empty list', () => {
    const state = run([
      { type: 'query', query: 'zzz' },
      { type: 'results', query: 'zzz', results: [] },
    ]);
    expect(paletteReducer(state, { type: 'move', key: 'ArrowDown' })).toBe(state);
  });

  it('lets the pointer pick the active option', () => {
    const state = run([{ type: 'hover', key: 'system:spark' }]);
    expect(activeKey(state)).toBe('system:spark');
    expect(paletteReducer(state, { type: 'hover', key: 'system:spark' })).toBe(state);
  });

  it('selects the first option again after typing', () => {
    const state = run([
      { type: 'move', key: 'End' },
      { type: 'query', query: 'i' },
    ]);
    expect(state.activeKey).toBeNull();
    expect(selectPaletteView(state).activeIndex).toBe(0);
  });

  it('keeps the active option when new results still list it, else falls back to the first', () => {
    let state = run([
      { type: 'query', query: 'sla' },
      { type: 'results', query: 'sla', results: [result('component', 'c'), result('token', 't')] },
      { type: 'move', key: 'End' },
    ]);
    expect(activeKey(state)).toBe('token:t');
    // A repeated answer (same query) keeps it.
    state = paletteReducer(state, {
      type: 'results',
      query: 'sla',
      results: [result('token', 't'), result('component', 'c')],
    });
    expect(activeKey(state)).toBe('token:t');
    state = paletteReducer(state, { type: 'results', query: 'sla', results: [result('component', 'c')] });
    expect(state.activeKey).toBeNull();
    expect(activeKey(state)).toBe('system:slate');
  });

  it('falls back to the first option when the active key is not listed', () => {
    const state = run([{ type: 'hover', key: 'token:gone' }]);
    expect(selectPaletteView(state).activeIndex).toBe(0);
  });

  it('returns the same state for a query that did not change and for the same systems', () => {
    const state = run([{ type: 'query', query: 'a' }]);
    expect(paletteReducer(state, { type: 'query', query: 'a' })).toBe(state);
    expect(paletteReducer(state, { type: 'systems', systems: SYSTEMS })).toBe(state);
  });

  it('takes new systems', () => {
    const state = run([{ type: 'systems', systems: SYSTEMS.slice(0, 2) }]);
    expect(keys(state)).toEqual(['system:landing', 'system:slate']);
  });
});

describe('highlightSegments', () => {
  const marked = (text: string, query: string) =>
    highlightSegments(text, query)
      .map((s) => (s.isMatch ? `[${s.text}]` : s.text))
      .join('');

  it('marks every case-insensitive occurrence of the query', () => {
    expect(marked('Button / ButtonGroup', 'button')).toBe('[Button] / [Button]Group');
    expect(marked('color.accent.spark', 'ACC')).toBe('color.[acc]ent.spark');
  });

  it('marks each word of a multi-word query and merges overlaps', () => {
    expect(marked('Primary button', 'button prim')).toBe('[Prim]ary [button]');
    expect(marked('abcdef', 'abc bcd')).toBe('[abcd]ef');
    expect(marked('abcdef', 'abc def')).toBe('[abcdef]');
  });

  it('returns the text unmarked for an empty or unmatched query', () => {
    expect(highlightSegments('Slate', '')).toEqual([{ text: 'Slate', isMatch: false }]);
    expect(highlightSegments('Slate', 'zzz')).toEqual([{ text: 'Slate', isMatch: false }]);
    expect(highlightSegments('', 'a')).toEqual([]);
  });

  it('treats regular-expression characters literally', () => {
    expect(marked('a.b (c) [d] $e^ *f+ ?g|h \\i', '(c) [d] $e^ *f+ ?g|h \\i .')).toBe(
      'a[.]b [(c)] [[d]] [$e^] [*f+] [?g|h] [\\i]',
    );
  });

  it('always joins back to the original text', () => {
    for (const [text, query] of [
      ['Ünïcödé Straße', 'straße ünï'],
      ['emoji 🎨 palette 🎨', '🎨'],
      ['aaaa', 'aa'],
      ['spacing.4', 'spacing. .4'],
    ] as const) {
      const segments = highlightSegments(text, query);
      expect(segments.map((s) => s.text).join('')).toBe(text);
      expect(segments.some((s) => s.isMatch)).toBe(true);
      // No two runs of the same kind side by side.
      segments.forEach((s, i) => expect(s.isMatch).not.toBe(segments[i + 1]?.isMatch));
    }
  });
});

describe('keyboard shortcut', () => {
  const key = (overrides: Partial<Parameters<typeof isPaletteShortcut>[0]>) => ({
    key: 'k',
    code: 'KeyK',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...overrides,
  });

  it('accepts Ctrl-K and ⌘-K', () => {
    expect(isPaletteShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key({ metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key({ key: 'K', ctrlKey: true }))).toBe(true); // Caps Lock
  });

  it('refuses K alone, other modifiers and other keys', () => {
    expect(isPaletteShortcut(key({}))).toBe(false);
    expect(isPaletteShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteShortcut(key({ key: 'j', code: 'KeyJ', ctrlKey: true }))).toBe(false);
  });

  it('follows the physical K key on non-Latin layouts, but not a Latin letter moved there', () => {
    expect(isPaletteShortcut(key({ key: 'л', ctrlKey: true }))).toBe(true); // Russian
    expect(isPaletteShortcut(key({ key: 't', ctrlKey: true }))).toBe(false); // Dvorak: K's place types t
  });

  it('names the shortcut per platform', () => {
    expect(isApplePlatform('MacIntel')).toBe(true);
    expect(isApplePlatform('macOS')).toBe(true);
    expect(isApplePlatform('iPhone')).toBe(true);
    expect(isApplePlatform('Win32')).toBe(false);
    expect(isApplePlatform('Linux x86_64')).toBe(false);
    expect(shortcutHint('MacIntel')).toBe('⌘K');
    expect(shortcutHint('Windows')).toBe('Ctrl K');
    expect(shortcutHint('')).toBe('Ctrl K');
  });
});
