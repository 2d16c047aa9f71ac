import { PERMISSION_LABELS, type TPermission } from '@lumenforge/auth';
import Link from 'next/link';
import { LINK } from '@lumenforge/ui/page-parts';

export type AdminAccessDeniedProps = { role: string; permission: TPermission };

/** Shown instead of an admin page the role may not use (its API refuses the data with 403 too). */
export function AdminAccessDenied({ role, permission }: AdminAccessDeniedProps) {
  return (
    <section
      className="mx-auto mt-4 max-w-lg rounded-xl border border-border bg-surface p-8 text-center"
      aria-labelledby="access-denied-title"
      data-testid="access-denied"
    >
      <p className="font-mono text-xs text-fg-subtle">403</p>
      <h1 id="access-denied-title" className="mt-1 text-xl font-semibold">
        You don’t have access to this page
      </h1>
      <p className="mt-3 text-sm text-fg-muted">
        It needs the “{PERMISSION_LABELS[permission]}” permission (
        <code className="font-mono text-xs">{permission}</code>), which your role (<strong>{role}</strong>)
        does not have. Ask an administrator if you need it.
      </p>
      <p className="mt-6 flex justify-center gap-6 text-sm">
        <Link className={LINK} href="/">
          Back to LumenForge
        </Link>
        <Link className={LINK} href="/account">
          Your account
        </Link>
      </p>
    </section>
  );
}
