import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import { AdminAccessDenied } from './_components/admin-access-denied';

/** `/admin`: to the first admin page the role may open. */
export default async function AdminIndexPage() {
  const principal = await auth.requirePagePrincipal();
  if (principal.permissions.includes('users.manage')) redirect('/admin/users');
  if (principal.permissions.includes('audit.read')) redirect('/admin/audit');
  return <AdminAccessDenied role={principal.role} permission="users.manage" />;
}
