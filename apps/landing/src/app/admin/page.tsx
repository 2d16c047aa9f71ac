import { forbidden, redirect } from 'next/navigation';
import { auth } from '../../auth';

/** `/admin`: to the first admin page the role may open, else 403 (`forbidden.tsx` says why). */
export default async function AdminIndexPage() {
  const principal = await auth.requirePagePrincipal();
  if (principal.permissions.includes('users.manage')) redirect('/admin/users');
  if (principal.permissions.includes('audit.read')) redirect('/admin/audit');
  forbidden();
}
