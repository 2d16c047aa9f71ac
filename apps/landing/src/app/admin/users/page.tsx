import { hasFreshMfa, ROLES } from '@lumenforge/auth';
import { USER_STATUSES } from '@lumenforge/db';
import { auth, landingUrl } from '../../../auth';
import { listUsersForAdmin } from '../../../lib/admin-data';
import { ZUserListQuerySchema } from '../../../lib/admin-schemas';
import { stepUpSignInUrl } from '../../../lib/step-up';
import {
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  INPUT,
  LABEL,
  LINK,
  Notice,
  PageHeader,
} from '@lumenforge/ui/page-parts';
import { CursorPager, FilterSelect } from '../../../lib/page-parts';
import { parseQuery, queryToObject } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';
import { UsersTable } from './_components/users-table';

export const metadata = { title: 'Users · Administration · LumenForge' };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

const PATH = '/admin/users';

/** `/admin/users?search=&role=&status=` with the extra parameters given (the filters are kept). */
function usersUrl(filters: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['search', 'role', 'status', 'limit'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${PATH}?${query}` : PATH;
}

/** Admins: the workspace's users, their roles and status; change a role, deactivate or reactivate. */
export default async function AdminUsersPage({ searchParams }: { searchParams: TSearchParams }) {
  const principal = await auth.requirePagePermission('users.manage');

  const runtime = getRuntime();
  const params = await searchParams;
  const raw = queryToObject(params);
  const parsed = parseQuery(ZUserListQuerySchema, params);
  const page = parsed.success ? await listUsersForAdmin(runtime.db, principal, parsed.data) : null;
  const hasFilters = Boolean(raw['search'] || raw['role'] || raw['status']);
  const isStepUpFresh = hasFreshMfa(principal, { stepUpMaxAgeSeconds: runtime.auth.stepUpMaxAgeSeconds });
  const hereUrl = landingUrl(usersUrl(raw, raw['cursor'] ? { cursor: raw['cursor'] } : {}));

  return (
    <div className="space-y-5">
      <PageHeader
        title="Users"
        description="Everyone with a role in this workspace. Roles come from your identity provider’s groups at each sign-in when a group is mapped; a change here applies at once, in all six systems."
      />

      {!isStepUpFresh ? (
        <Notice tone="info" testId="step-up-hint">
          Changing roles and deactivating users needs a sign-in with your second factor in the last{' '}
          {Math.round(runtime.auth.stepUpMaxAgeSeconds / 60)} minutes; you will be asked when you save.{' '}
          <a className={`${LINK} underline`} href={stepUpSignInUrl(hereUrl)} data-testid="step-up-now">
            Sign in again now
          </a>
        </Notice>
      ) : null}

      <form
        method="get"
        action={PATH}
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter users"
        data-testid="users-filters"
      >
        <div className="w-64">
          <label htmlFor="users-search" className={LABEL}>
            Name or email
          </label>
          <input
            id="users-search"
            name="search"
            type="search"
            defaultValue={raw['search'] ?? ''}
            placeholder="Search"
            className={`${INPUT} mt-1`}
            data-testid="users-search"
          />
        </div>
        <FilterSelect
          id="users-role"
          name="role"
          label="Role"
          value={raw['role']}
          anyLabel="Any role"
          options={ROLES.map((role) => ({ value: role, label: role }))}
          className="w-36"
          testId="users-role-filter"
        />
        <FilterSelect
          id="users-status"
          name="status"
          label="Status"
          value={raw['status']}
          anyLabel="Any status"
          options={USER_STATUSES.map((status) => ({
            value: status,
            label: status === 'active' ? 'Active' : 'Deactivated',
          }))}
          className="w-36"
          testId="users-status-filter"
        />
        <button type="submit" className={BUTTON_PRIMARY} data-testid="users-apply-filters">
          Apply
        </button>
        {hasFilters ? (
          <a className={BUTTON_SECONDARY} href={PATH}>
            Clear filters
          </a>
        ) : null}
      </form>

      {!parsed.success ? (
        <Notice tone="danger" testId="users-filter-error">
          {parsed.message}.{' '}
          <a className={`${LINK} underline`} href={PATH}>
            Show all users
          </a>
        </Notice>
      ) : null}

      {page ? (
        <>
          <UsersTable users={page.users} roles={ROLES} now={new Date().toISOString()} />
          <CursorPager
            summary={
              page.users.length === 0
                ? 'No users'
                : `Showing ${page.users.length} user${page.users.length === 1 ? '' : 's'}${raw['cursor'] ? ', after earlier pages' : ''}, by email`
            }
            firstHref={raw['cursor'] ? usersUrl(raw) : null}
            nextHref={page.nextCursor ? usersUrl(raw, { cursor: page.nextCursor }) : null}
            testIdPrefix="users"
          />
        </>
      ) : null}
    </div>
  );
}
