import { FOCUS } from './page-parts';

export type TSubNavPage<TId extends string> = { id: TId; href: string; label: string };

/** A system's sub-navigation under the shell header (SLATE: explorer, editor, history; SPARK: overview, components). */
export function SubNav<TId extends string>({
  label,
  pages,
  current,
  testId,
}: {
  /** The navigation landmark's name. */
  label: string;
  pages: readonly TSubNavPage<TId>[];
  current: TId | null;
  testId?: string;
}) {
  return (
    <nav aria-label={label} className="-mt-4 mb-6 border-b border-border" data-testid={testId}>
      <ul className="flex gap-1">
        {pages.map((page) => {
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
