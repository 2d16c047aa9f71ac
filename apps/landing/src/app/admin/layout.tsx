import type { ReactNode } from 'react';
import { auth } from '../../auth';
import { LINK } from '@lumenforge/ui/page-parts';
import { AdminNav, type TAdminNavItem } from './_components/admin-nav';

/**
 * The admin area's frame: the sub-navigation (only the parts the role may open) and a link to the
 * account page. Not an access check: every page and API below checks again.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const principal = await auth.requirePagePrincipal();
  const items: TAdminNavItem[] = [
    ...(principal.permissions.includes('users.manage')
      ? [{ href: '/admin/users', label: 'Users', testId: 'admin-nav-users' }]
      : []),
    ...(principal.permissions.includes('audit.read')
      ? [{ href: '/admin/audit', label: 'Audit log', testId: 'admin-nav-audit' }]
      : []),
  ];
  return (
    <div className="space-y-6">
      {items.length > 0 ? (
        <div className="flex items-end justify-between gap-4">
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-accent-text">Administration</p>
            <div className="mt-2">
              <AdminNav items={items} />
            </div>
          </div>
          <a className={`${LINK} mb-2 shrink-0 text-sm`} href="/account" data-testid="admin-account-link">
            Your account
          </a>
        </div>
      ) : null}
      {children}
    </div>
  );
}
