'use client';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import {
  buildSearchUrl,
  highlightSegments,
  initPaletteState,
  isNewTabModifier,
  isPaletteShortcut,
  normalizeQuery,
  paletteReducer,
  parseSearchResponse,
  SEARCH_DEBOUNCE_MS,
  SEARCH_LIMIT,
  SEARCH_UNAVAILABLE,
  selectPaletteView,
  shortcutHint,
  type TNavigationKey,
  type TPaletteItem,
  type TPaletteKind,
  type TPaletteState,
  type TPaletteView,
} from './command-palette-model';
import { SYSTEM_DOT_CLASS, type TSystemAccentId } from './system-accent';
import type { TSwitcherSystem } from './system-switcher';

export type CommandPaletteProps = {
  /** The six systems (the shell's `systems`): matched locally; "Jump to" entries before typing. */
  systems: readonly TSwitcherSystem[];
  /** Same-origin search endpoint: `GET <searchPath>?q=…&limit=…` (contract in the README). */
  searchPath?: string;
  /** Results per kind asked of the server (1–20, default 8). */
  limit?: number;
};

/** The dialog's accessible name (and the input's). */
export const PALETTE_LABEL = 'Search LumenForge';

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';

// The platform is only known in the browser: the server and the hydrating render show no hint (its
// space is kept), so the markup matches, and the right hint appears right after hydration.
const subscribeNothing = () => () => undefined;
function platformName(): string {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return nav.userAgentData?.platform || nav.platform || nav.userAgent;
}
function useShortcutHint(): string | null {
  return useSyncExternalStore(
    subscribeNothing,
    () => shortcutHint(platformName()),
    () => null,
  );
}

/**
 * The shell header's "Search" button and the Ctrl-K / ⌘-K command palette it opens: the systems
 * (local) and the components, tokens, projects and deployments the signed-in user may see (from
 * `searchPath`). Render it for signed-in users only.
 */
export function CommandPalette({
  systems,
  searchPath = '/api/search',
  limit = SEARCH_LIMIT,
}: CommandPaletteProps) {
  const [isOpen, setIsOpen] = useState(false);
  const openerRef = useRef<HTMLElement | null>(null);
  const hint = useShortcutHint();

  const open = useCallback(() => {
    const active = document.activeElement;
    openerRef.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setIsOpen(true);
  }, []);

  const close = useCallback(() => {
    setIsOpen(false);
    const opener = openerRef.current;
    openerRef.current = null;
    // Once the dialog has left the DOM, so focus is not pulled back into it.
    requestAnimationFrame(() => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    });
  }, []);

  useEffect(() => {
    // Capture phase: the palette sees the shortcut before page widgets (editors) can swallow it.
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.isComposing || !isPaletteShortcut(event)) return;
      event.preventDefault(); // not the browser's own Ctrl-K (focus its search bar)
      if (isOpen) close();
      else open();
    };
    window.addEventListener('keydown', handleKeyDown, true);
    return () => window.removeEventListener('keydown', handleKeyDown, true);
  }, [isOpen, open, close]);

  return (
    <>
      <button
        type="button"
        onClick={open}
        data-testid="search-button"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        aria-keyshortcuts="Control+K Meta+K"
        className={`flex shrink-0 items-center gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg-muted transition-colors duration-150 hover:bg-surface-sunken hover:text-fg sm:px-2.5 ${FOCUS}`}
      >
        <SearchIcon className="size-4" />
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd
          aria-hidden="true"
          data-testid="search-shortcut"
          className={`hidden min-w-11 rounded border border-border bg-surface-sunken px-1.5 py-px text-center font-sans text-xs text-fg-subtle md:inline-block ${hint ? '' : 'invisible'}`}
        >
          {hint ?? 'Ctrl K'}
        </kbd>
      </button>
      {isOpen
        ? createPortal(
            <PaletteDialog
              systems={systems}
              searchPath={searchPath}
              limit={limit}
              modifierLabel={hint === '⌘K' ? '⌘' : 'Ctrl'}
              onClose={close}
            />,
            document.body,
          )
        : null}
    </>
  );
}

type PaletteDialogProps = {
  systems: readonly TSwitcherSystem[];
  searchPath: string;
  limit: number;
  modifierLabel: string;
  onClose: () => void;
};

const NAVIGATION_KEYS: ReadonlySet<string> = new Set<TNavigationKey>(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/** The DOM id of the option at `index` (for `aria-activedescendant`; server ids may hold any character). */
export const paletteOptionId = (idPrefix: string, index: number) => `${idPrefix}-option-${index}`;

/** Same tab: the palette goes away as the next page loads. */
function navigate(url: string, onClose: () => void) {
  window.location.assign(url);
  onClose();
}

function PaletteDialog({ systems, searchPath, limit, modifierLabel, onClose }: PaletteDialogProps) {
  const [state, dispatch] = useReducer(paletteReducer, systems, initPaletteState);
  const view = selectPaletteView(state);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const isKeyboardMoveRef = useRef(false);
  const idPrefix = useId();
  const listboxId = `${idPrefix}-listbox`;
  const query = normalizeQuery(state.query);
  const activeDomId = view.activeIndex >= 0 ? paletteOptionId(idPrefix, view.activeIndex) : undefined;

  useEffect(() => {
    dispatch({ type: 'systems', systems });
  }, [systems]);

  // Before paint: a modal in the top layer (the page behind inert), input focused, page not scrolling.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute('open', '');
      }
    }
    inputRef.current?.focus();
    const root = document.documentElement;
    const previous = { overflow: root.style.overflow, paddingRight: root.style.paddingRight };
    const scrollbarWidth = window.innerWidth - root.clientWidth;
    root.style.overflow = 'hidden';
    if (scrollbarWidth > 0) root.style.paddingRight = `${scrollbarWidth}px`;
    return () => {
      root.style.overflow = previous.overflow;
      root.style.paddingRight = previous.paddingRight;
    };
  }, []);

  // Ask the server ~150 ms after the last keystroke; a newer query aborts the older request.
  useEffect(() => {
    if (query === '') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const response = await fetch(buildSearchUrl(searchPath, query, limit), {
            credentials: 'same-origin',
            headers: { accept: 'application/json' },
            signal: controller.signal,
          });
          const outcome = parseSearchResponse(response.status, await response.text());
          if (controller.signal.aborted) return;
          dispatch(
            outcome.ok
              ? { type: 'results', query, results: outcome.results }
              : { type: 'failed', query, message: outcome.message },
          );
        } catch {
          if (!controller.signal.aborted) dispatch({ type: 'failed', query, message: SEARCH_UNAVAILABLE });
        }
      })();
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, searchPath, limit]);

  // Keep the active option in view when the keyboard moves it (the pointer is already on it).
  useEffect(() => {
    if (!isKeyboardMoveRef.current || !activeDomId) return;
    isKeyboardMoveRef.current = false;
    // The first option: back to the very top, so its group heading shows too.
    if (view.activeIndex === 0) scrollerRef.current?.scrollTo({ top: 0 });
    else document.getElementById(activeDomId)?.scrollIntoView({ block: 'nearest' });
  }, [activeDomId, view.activeIndex]);

  const handleInputKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (NAVIGATION_KEYS.has(event.key)) {
      // Shift-Home/End select text in the input instead.
      if ((event.key === 'Home' || event.key === 'End') && event.shiftKey) return;
      event.preventDefault();
      isKeyboardMoveRef.current = true;
      dispatch({ type: 'move', key: event.key as TNavigationKey });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = view.activeItem;
      if (!item) return;
      if (isNewTabModifier(event)) window.open(item.url, '_blank', 'noopener,noreferrer');
      else navigate(item.url, onClose);
    }
  };

  // Focus stays in the dialog: Tab cycles through its own controls.
  const handleDialogKeyDown = (event: ReactKeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('input, button')].filter(
      (element) => element.getClientRects().length > 0,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      aria-label={PALETTE_LABEL}
      aria-modal="true"
      data-testid="command-palette"
      onCancel={(event) => {
        // Esc: closed through React state (also the only way the dialog ever closes).
        event.preventDefault();
        onClose();
      }}
      onClose={onClose}
      onKeyDown={handleDialogKeyDown}
      className="fixed inset-0 m-0 h-full max-h-none w-full max-w-none items-start justify-center overflow-hidden bg-transparent p-0 text-fg backdrop:bg-transparent open:flex sm:px-4 sm:pt-[12dvh]"
    >
      {/* The backdrop: a click outside the panel closes the palette. */}
      <div
        aria-hidden="true"
        data-testid="command-palette-backdrop"
        onClick={onClose}
        className="fixed inset-0 bg-neutral-950/50"
      />
      <div className="relative flex h-dvh w-full flex-col overflow-hidden bg-surface shadow-xl sm:h-auto sm:max-h-[min(36rem,76dvh)] sm:max-w-2xl sm:rounded-xl sm:border sm:border-border">
        <div className="flex shrink-0 items-center gap-2 border-b border-border px-3 sm:px-4">
          <SearchIcon className="size-4 shrink-0 text-fg-subtle" />
          <input
            ref={inputRef}
            type="text"
            role="combobox"
            aria-label={PALETTE_LABEL}
            aria-expanded={view.items.length > 0}
            aria-controls={listboxId}
            aria-activedescendant={activeDomId}
            aria-autocomplete="list"
            data-testid="search-input"
            value={state.query}
            onChange={(event) => dispatch({ type: 'query', query: event.target.value })}
            onKeyDown={handleInputKeyDown}
            placeholder="Search systems, components, tokens, projects, deployments…"
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="go"
            className="h-12 min-w-0 flex-1 bg-transparent text-base text-fg outline-none placeholder:text-fg-subtle sm:h-14"
          />
          <LoadingIndicator isLoading={state.status === 'loading'} />
          <kbd
            aria-hidden="true"
            className="hidden rounded border border-border bg-surface-sunken px-1.5 py-px font-sans text-xs text-fg-subtle sm:inline-block"
          >
            Esc
          </kbd>
          <button
            type="button"
            onClick={onClose}
            className={`rounded-md px-2 py-1 text-sm font-medium text-accent-text hover:bg-surface-sunken sm:hidden ${FOCUS}`}
          >
            Cancel
          </button>
        </div>

        <div ref={scrollerRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-2">
          <PaletteResults
            state={state}
            view={view}
            idPrefix={idPrefix}
            listboxId={listboxId}
            onHover={(key) => dispatch({ type: 'hover', key })}
            onNavigate={(url) => navigate(url, onClose)}
          />
        </div>

        <div
          aria-hidden="true"
          className="hidden shrink-0 items-center gap-4 border-t border-border px-4 py-2 text-xs text-fg-subtle sm:flex"
        >
          <span>
            <Key>↑</Key> <Key>↓</Key> to move
          </span>
          <span>
            <Key>↵</Key> to open
          </span>
          <span>
            <Key>{modifierLabel}</Key> <Key>↵</Key> in a new tab
          </span>
        </div>
      </div>
    </dialog>
  );
}

export type PaletteResultsProps = {
  state: TPaletteState;
  view: TPaletteView;
  idPrefix: string;
  listboxId: string;
  onHover?: (key: string) => void;
  onNavigate?: (url: string) => void;
};

/** The palette's body: grouped options, the hint, searching, empty and error states, and what a screen reader hears. */
export function PaletteResults({
  state,
  view,
  idPrefix,
  listboxId,
  onHover,
  onNavigate,
}: PaletteResultsProps) {
  const query = normalizeQuery(state.query);
  const announcement = state.error
    ? state.error
    : view.isNoResults
      ? `No results for “${query}”`
      : state.status === 'ready'
        ? `${view.items.length} ${view.items.length === 1 ? 'result' : 'results'}`
        : '';
  return (
    <>
      <div id={listboxId} role="listbox" aria-label="Results" aria-busy={state.status === 'loading'}>
        {view.groups.map((group) => {
          const headingId = `${idPrefix}-group-${group.kind}`;
          return (
            <div key={group.kind} role="group" aria-labelledby={headingId} className="pb-1">
              <div
                id={headingId}
                role="presentation"
                className="px-2 pt-2 pb-1 text-xs font-medium text-fg-muted"
              >
                {group.label}
              </div>
              {group.items.map((item) => {
                const index = view.items.indexOf(item);
                return (
                  <PaletteOption
                    key={item.key}
                    id={paletteOptionId(idPrefix, index)}
                    item={item}
                    query={query}
                    isActive={index === view.activeIndex}
                    onHover={onHover}
                    onNavigate={onNavigate}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
      {view.isEmptyQuery ? (
        <p className="px-2 py-3 text-sm text-fg-muted" data-testid="search-hint">
          Type to search components, tokens, projects and deployments.
        </p>
      ) : null}
      {view.isSearchingWithNothingShown ? (
        <p className="px-2 py-6 text-center text-sm text-fg-muted">Searching…</p>
      ) : null}
      {view.isNoResults ? (
        <p className="px-2 py-6 text-center text-sm text-fg-muted" data-testid="search-empty">
          No results for “<span className="font-medium break-all text-fg">{query}</span>”
        </p>
      ) : null}
      {state.error ? (
        <p
          className="m-2 rounded-md border border-danger-500/40 bg-danger-surface px-3 py-2 text-sm text-danger-text"
          data-testid="search-error"
        >
          {state.error}
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </>
  );
}

const OPTION_ICON: Record<Exclude<TPaletteKind, 'system'>, ReactNode> = {
  component: <path d="M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" />,
  token: <path d="M9 4 7 20M17 4l-2 16M4 9h16M3 15h16" />,
  project: (
    <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" />
  ),
  deployment: <path d="M12 20V8M7 13l5-5 5 5M5 4h14" />,
};

type PaletteOptionProps = {
  id: string;
  item: TPaletteItem;
  query: string;
  isActive: boolean;
  onHover?: (key: string) => void;
  onNavigate?: (url: string) => void;
};

const isPlainClick = (event: ReactMouseEvent) =>
  event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;

/** One result: a real link (middle-click, Ctrl-click, copy link) acting as a listbox option. */
function PaletteOption({ id, item, query, isActive, onHover, onNavigate }: PaletteOptionProps) {
  return (
    <a
      id={id}
      href={item.url}
      role="option"
      aria-selected={isActive}
      tabIndex={-1}
      data-testid="search-result"
      data-kind={item.kind}
      // mousemove, not mouseenter: a list scrolled under a resting pointer must not move the selection.
      onMouseMove={isActive || !onHover ? undefined : () => onHover(item.key)}
      onClick={(event) => {
        // A plain click navigates like Enter; modified clicks keep the browser's own behaviour.
        if (!onNavigate || !isPlainClick(event)) return;
        event.preventDefault();
        onNavigate(item.url);
      }}
      className={`flex min-h-10 items-center gap-3 rounded-md px-2 py-1.5 text-sm text-fg ${isActive ? 'bg-surface-sunken' : ''}`}
    >
      <span
        aria-hidden="true"
        className="grid size-6 shrink-0 place-items-center rounded-md border border-border bg-surface text-fg-muted"
      >
        {item.kind === 'system' ? (
          <span
            className={`size-2 rounded-full ${SYSTEM_DOT_CLASS[item.id as TSystemAccentId] ?? 'bg-accent'}`}
          />
        ) : (
          <svg
            viewBox="0 0 24 24"
            className="size-3.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            {OPTION_ICON[item.kind]}
          </svg>
        )}
      </span>
      <span className="min-w-0 flex-1">
        <span
          className={`block truncate ${item.kind === 'token' ? 'font-mono text-[0.8125rem]' : 'font-medium'}`}
        >
          <Highlighted text={item.title} query={query} />
        </span>
        {item.subtitle ? (
          <span className="block truncate text-xs text-fg-muted">
            <Highlighted text={item.subtitle} query={query} />
          </span>
        ) : null}
      </span>
      <kbd
        aria-hidden="true"
        className={`shrink-0 rounded border border-border px-1 font-sans text-xs text-fg-subtle ${isActive ? '' : 'invisible'}`}
      >
        ↵
      </kbd>
    </a>
  );
}

/** `text` with the query's words in `<mark>`. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightSegments(text, query).map((segment, index) =>
        segment.isMatch ? (
          <mark key={index} className="rounded-sm bg-accent-surface text-accent-text">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

/** Fades in only when a search takes a moment (delayed), so quick answers never flash it. */
function LoadingIndicator({ isLoading }: { isLoading: boolean }) {
  return (
    <span
      aria-hidden="true"
      data-testid="search-loading"
      data-loading={isLoading ? '' : undefined}
      className={`size-4 shrink-0 animate-spin rounded-full border-2 border-border border-t-accent transition-opacity ${
        isLoading ? 'opacity-100 delay-300 duration-200' : 'opacity-0 delay-0 duration-100'
      }`}
    />
  );
}

function Key({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-border bg-surface-sunken px-1 py-px font-sans text-[0.6875rem]">
      {children}
    </kbd>
  );
}

function SearchIcon({ className }: { className: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}
