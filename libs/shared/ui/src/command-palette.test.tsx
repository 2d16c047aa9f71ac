import type { TShellUser } from '@lumenforge/shell-contracts';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AppShell } from './app-shell';
import { CommandPalette, Highlighted, PaletteResults, paletteOptionId } from './command-palette';
import {
  initPaletteState,
  paletteReducer,
  selectPaletteView,
  SEARCH_UNAVAILABLE,
  type TPaletteAction,
  type TSearchResult,
} from './command-palette-model';
import { SystemDocument } from './system-document';
import type { TSwitcherSystem } from './system-switcher';

const SYSTEMS: TSwitcherSystem[] = [
  { id: 'landing', name: 'Landing', url: 'https://lumenforge.io', tagline: 'front door' },
  { id: 'slate', name: 'Slate', url: 'https://slate.lumenforge.io', tagline: 'tokens' },
  { id: 'spark', name: 'Spark', url: 'https://spark.lumenforge.io', tagline: 'components' },
];

const USER: TShellUser = {
  name: 'Dana Designer',
  email: 'dana@example.com',
  role: 'designer',
  accountUrl: 'https://lumenforge.io/account',
  adminUrl: null,
  signOutUrl: 'https://lumenforge.io/api/auth/sign-out',
  signOutEverywhereUrl: 'https://lumenforge.io/api/auth/sign-out-everywhere',
};

const TOKEN: TSearchResult = {
  kind: 'token',
  id: 'tok-1',
  title: 'color.slate.500',
  subtitle: 'Slate palette',
  url: 'https://slate.lumenforge.io/tokens/color.slate.500',
};
const COMPONENT: TSearchResult = {
  kind: 'component',
  id: 'cmp-1',
  title: 'SlateCard',
  subtitle: null,
  url: 'https://spark.lumenforge.io/components/cmp-1',
};

function renderResults(actions: TPaletteAction[]) {
  const state = actions.reduce(paletteReducer, initPaletteState(SYSTEMS));
  return renderToStaticMarkup(
    <PaletteResults state={state} view={selectPaletteView(state)} idPrefix="p" listboxId="p-listbox" />,
  );
}

/** The options' data-kind, active flag and href, in order. */
function options(html: string) {
  return [
    ...html.matchAll(
      /<a id="([^"]+)" href="([^"]+)" role="option" aria-selected="(true|false)"[^>]*data-kind="([a-z]+)"/g,
    ),
  ].map((match) => ({ id: match[1], href: match[2], isSelected: match[3] === 'true', kind: match[4] }));
}

describe('CommandPalette (server render)', () => {
  it('renders only the search button, with the hint left blank until the platform is known', () => {
    const html = renderToString(<CommandPalette systems={SYSTEMS} />);
    expect(html).toContain('data-testid="search-button"');
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('aria-keyshortcuts="Control+K Meta+K"');
    expect(html).toMatch(/>Search<\/span>/);
    // The hint's space is kept but hidden: server and hydrating client render the same markup.
    expect(html).toMatch(
      /<kbd aria-hidden="true" data-testid="search-shortcut" class="[^"]*invisible[^"]*">Ctrl K<\/kbd>/,
    );
    expect(html).not.toContain('role="dialog"');
    expect(html).not.toContain('<dialog');
  });
});

describe('PaletteResults', () => {
  it('shows the systems as "Jump to" entries and a hint to type when nothing is typed', () => {
    const html = renderResults([]);
    expect(html).toContain('role="listbox"');
    expect(html).toContain('>Jump to</div>');
    expect(html).toContain('data-testid="search-hint"');
    expect(options(html)).toEqual([
      { id: 'p-option-0', href: 'https://lumenforge.io', isSelected: true, kind: 'system' },
      { id: 'p-option-1', href: 'https://slate.lumenforge.io', isSelected: false, kind: 'system' },
      { id: 'p-option-2', href: 'https://spark.lumenforge.io', isSelected: false, kind: 'system' },
    ]);
  });

  it('groups results under labelled headings in the fixed order, with links and tab stops only on the input', () => {
    const html = renderResults([
      { type: 'query', query: 'slate' },
      { type: 'results', query: 'slate', results: [TOKEN, COMPONENT] },
      { type: 'move', key: 'ArrowDown' },
    ]);
    const headings = [
      ...html.matchAll(
        /role="group" aria-labelledby="([^"]+)"[^>]*><div id="([^"]+)" role="presentation"[^>]*>([^<]+)</g,
      ),
    ];
    expect(headings.map((m) => m[3])).toEqual(['Systems', 'Components', 'Tokens']);
    for (const m of headings) expect(m[1]).toBe(m[2]);
    expect(options(html)).toEqual([
      { id: 'p-option-0', href: 'https://slate.lumenforge.io', isSelected: false, kind: 'system' },
      { id: 'p-option-1', href: COMPONENT.url, isSelected: true, kind: 'component' },
      { id: 'p-option-2', href: TOKEN.url, isSelected: false, kind: 'token' },
    ]);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(3);
    expect(html).toContain('data-testid="search-result"');
    expect(html).not.toContain('search-hint');
    expect(html).toContain('role="status" aria-live="polite" class="sr-only">3 results</div>');
  });

  it('highlights matches and shows token paths in monospace', () => {
    const html = renderResults([
      { type: 'query', query: 'slate' },
      { type: 'results', query: 'slate', results: [TOKEN] },
    ]);
    expect(html).toMatch(
      /<span class="block truncate font-mono[^"]*">color\.<mark[^>]*>slate<\/mark>\.500<\/span>/,
    );
    expect(html).toMatch(/<mark[^>]*>Slate<\/mark> palette/);
  });

  it('says "No results for “…”" once the server found nothing', () => {
    const html = renderResults([
      { type: 'query', query: 'zzz' },
      { type: 'results', query: 'zzz', results: [] },
    ]);
    expect(html).toContain('data-testid="search-empty"');
    expect(html).toContain('No results for “<span class="font-medium break-all text-fg">zzz</span>”');
    expect(options(html)).toEqual([]);
  });

  it('says it is searching instead of a blank panel while the first answer loads', () => {
    const html = renderResults([{ type: 'query', query: 'zzz' }]);
    expect(html).toContain('Searching…');
    expect(html).toContain('aria-busy="true"');
    expect(html).not.toContain('search-empty');
  });

  it('shows the error message, keeping the matching systems', () => {
    const html = renderResults([
      { type: 'query', query: 'spa' },
      { type: 'failed', query: 'spa', message: SEARCH_UNAVAILABLE },
    ]);
    expect(html).toContain(`data-testid="search-error">${SEARCH_UNAVAILABLE}</p>`);
    expect(options(html).map((o) => o.href)).toEqual(['https://spark.lumenforge.io']);
    expect(html).not.toContain('search-empty');
  });

  it('escapes server text (no markup injection)', () => {
    const html = renderResults([
      { type: 'query', query: 'x' },
      {
        type: 'results',
        query: 'x',
        results: [{ ...COMPONENT, title: '<img src=x onerror=alert(1)>', subtitle: '"quoted" & <b>' }],
      },
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;img src=<mark class="rounded-sm bg-accent-surface text-accent-text">x</mark>',
    );
  });
});

describe('Highlighted', () => {
  it('wraps the matches in <mark>', () => {
    expect(renderToStaticMarkup(<Highlighted text="Button group" query="butt" />)).toBe(
      '<mark class="rounded-sm bg-accent-surface text-accent-text">Butt</mark>on group',
    );
  });

  it('option ids do not depend on server ids', () => {
    expect(paletteOptionId(':r1:', 4)).toBe(':r1:-option-4');
  });
});

describe('search in the shell', () => {
  it('AppShell puts the search button left of the switcher when a search path is given', () => {
    const html = renderToStaticMarkup(
      <AppShell current="slate" systems={SYSTEMS} searchPath="/api/search">
        x
      </AppShell>,
    );
    const button = html.indexOf('data-testid="search-button"');
    expect(button).toBeGreaterThan(0);
    expect(button).toBeLessThan(html.indexOf('aria-label="LumenForge systems"'));
  });

  it('AppShell has no search without a search path', () => {
    const html = renderToStaticMarkup(
      <AppShell current="slate" systems={SYSTEMS}>
        x
      </AppShell>,
    );
    expect(html).not.toContain('search-button');
  });

  it('SystemDocument offers search to a signed-in user only, and can turn it off', () => {
    const signedIn = renderToStaticMarkup(
      <SystemDocument system="spark" systems={SYSTEMS} user={USER}>
        x
      </SystemDocument>,
    );
    expect(signedIn).toContain('data-testid="search-button"');

    const signedOut = renderToStaticMarkup(
      <SystemDocument system="spark" systems={SYSTEMS} user={null} signInUrl="https://lumenforge.io/sign-in">
        x
      </SystemDocument>,
    );
    expect(signedOut).not.toContain('search-button');

    const off = renderToStaticMarkup(
      <SystemDocument system="spark" systems={SYSTEMS} user={USER} searchPath={null}>
        x
      </SystemDocument>,
    );
    expect(off).not.toContain('search-button');
  });
});
