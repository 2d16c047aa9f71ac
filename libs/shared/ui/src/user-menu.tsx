import type { TAccessDenied, TShellUser } from '@lumenforge/shell-contracts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

/**
 * The user slot of the shell: who is signed in, in which role, and the way out. A native
 * <details> menu (keyboard and screen-reader friendly without script); sign-out is a form POST to
 * LANDING, which revokes the session for all six apps.
 */
export function UserMenu({ user }: { user: TShellUser }) {
  return (
    <details className="group relative" data-testid="user-menu">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden="true"
          className="grid size-7 place-items-center rounded-full bg-accent-100 text-xs font-semibold text-accent-800 dark:bg-accent-900 dark:text-accent-100"
        >
          {initials(user.name)}
        </span>
        {/* The name from lg up (the menu shows it anyway); the role badge always, phones included. */}
        <span className="hidden max-w-40 truncate font-medium lg:inline">{user.name}</span>
        <span
          className="rounded-full border border-border px-2 py-0.5 text-xs text-fg-muted"
          data-testid="user-role"
        >
          {user.role}
        </span>
      </summary>
      <div className="absolute right-0 z-50 mt-2 w-64 rounded-lg border border-border bg-surface p-2 text-sm shadow-lg">
        <div className="border-b border-border px-2 pb-2">
          <p className="truncate font-medium">{user.name}</p>
          <p className="truncate text-fg-muted">{user.email}</p>
        </div>
        <nav aria-label="Account" className="flex flex-col py-1">
          <a className="rounded-md px-2 py-1.5 hover:bg-surface-sunken" href={user.accountUrl}>
            Account, sessions and API tokens
          </a>
          {user.adminUrl ? (
            <a className="rounded-md px-2 py-1.5 hover:bg-surface-sunken" href={user.adminUrl}>
              Administration
            </a>
          ) : null}
        </nav>
        <form method="post" action={user.signOutUrl} className="border-t border-border pt-1">
          <button
            type="submit"
            className="w-full rounded-md px-2 py-1.5 text-left font-medium hover:bg-surface-sunken"
          >
            Sign out
          </button>
        </form>
        <form method="post" action={user.signOutEverywhereUrl}>
          <button
            type="submit"
            className="w-full rounded-md px-2 py-1.5 text-left text-fg-muted hover:bg-surface-sunken"
          >
            Sign out everywhere
          </button>
        </form>
      </div>
    </details>
  );
}

/** Shown instead of a page the role may not use (the server refuses its data too). */
export function AccessDenied({ systemName, role, homeUrl }: TAccessDenied) {
  return (
    <section
      className="mx-auto max-w-lg rounded-xl border border-border bg-surface p-8 text-center"
      data-testid="access-denied"
    >
      <h1 className="text-xl font-semibold">No access to {systemName}</h1>
      <p className="mt-3 text-fg-muted">
        Your role (<strong>{role}</strong>) cannot use {systemName}. Ask an administrator if you need it.
      </p>
      <a
        className="mt-6 inline-block rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700"
        href={homeUrl}
      >
        Back to LumenForge
      </a>
    </section>
  );
}

/**
 * Every app's `forbidden.tsx` (HTTP 403, after `auth.pageAccess()` called Next's `forbidden()`): the
 * system-level denial when the role may not use the system at all, otherwise this page is refused.
 */
export function ForbiddenPage({ denial }: { denial: TAccessDenied | null }) {
  if (denial) return <AccessDenied {...denial} />;
  return (
    <section className="mx-auto max-w-lg p-8 text-center" data-testid="access-denied">
      <h1 className="text-xl font-semibold">You don’t have access to this page</h1>
      <p className="mt-3 text-fg-muted">Your role does not allow it. Ask an administrator if you need it.</p>
    </section>
  );
}
