import { auth } from '../../../auth';
import { AdminAccessDenied } from '../_components/admin-access-denied';

/** HTTP 403 for a role without `audit.read` (the page calls Next's `forbidden()`), saying what is missing. */
export default async function Forbidden() {
  const principal = await auth.requirePagePrincipal();
  return <AdminAccessDenied role={principal.role} permission="audit.read" />;
}
