import { FOCUS } from '@lumenforge/ui/page-parts';

export type TSlatePage = 'explorer' | 'editor' | 'versions';

export const SLATE_PAGES: ReadonlyArray<{ id: TSlatePage; href: string; label: string }> = [
  { id: 'explorer', href: '/', label: 'Explorer' },
  { id: 'editor', href: '/editor', label: 'Editor' },
  { id: 'versions', href: '/versions', label: 'History' },
];

/** SLATE's sub-navigation under the shell header: explorer, editor, version history. */
export function SlateNav({ current }: { current: TSlatePage | null }) {
  return (
    <nav aria-label="Tokens" className="-mt-4 mb-6 border-b border-border" data-testid="slate-nav">
      <ul className="flex gap-1">
        {SLATE_PAGES.map((page) => {
          const isCurrent = page.id === current;
          return (
            <li key={page.id}>
              <a
                href={page.href}
                aria-current={isCurrent ? 'page' : undefined}
                className={`-mb-px inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${FOCUS} ${
                  isCurrent
                    ? 'border-accent-500 text-fg'
                    : 'border-transparent text-fg-muted hover:border-border-strong hover:text-fg'
                }`}
              >
                {page.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
