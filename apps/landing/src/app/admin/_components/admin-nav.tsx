'use client';
import { usePathname } from 'next/navigation';

export type TAdminNavItem = { href: string; label: string; testId: string };

export type AdminNavProps = { items: readonly TAdminNavItem[] };

/** Users | Audit log, with the current page marked for assistive technology (`aria-current`). */
export function AdminNav({ items }: AdminNavProps) {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="border-b border-border" data-testid="admin-nav">
      <ul className="-mb-px flex gap-1">
        {items.map((item) => {
          const isCurrent = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={isCurrent ? 'page' : undefined}
                className={`block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus ${
                  isCurrent
                    ? 'border-accent-600 text-fg'
                    : 'border-transparent text-fg-muted hover:border-border-strong hover:text-fg'
                }`}
                data-testid={item.testId}
              >
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
