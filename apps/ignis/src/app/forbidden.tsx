import { AccessDenied } from '@lumenforge/ui/user-menu';
import { auth } from '../auth';

/**
 * What a page the role may not use shows, with HTTP 403 (`auth.pageAccess()` calls Next's
 * `forbidden()` before anything is sent): which system, which role, and the way back.
 */
export default async function Forbidden() {
  const denial = await auth.systemAccessDenial();
  if (denial) return <AccessDenied {...denial} />;
  return (
    <section className="mx-auto max-w-lg p-8 text-center" data-testid="access-denied">
      <h1 className="text-xl font-semibold">You don’t have access to this page</h1>
      <p className="mt-3 text-fg-muted">Your role does not allow it. Ask an administrator if you need it.</p>
    </section>
  );
}
