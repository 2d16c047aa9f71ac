import { ForbiddenPage } from '@lumenforge/ui/user-menu';
import { auth } from '../auth';

/** What a page the role may not use shows, with HTTP 403: which system, which role, and the way back. */
export default async function Forbidden() {
  return <ForbiddenPage denial={await auth.systemAccessDenial()} />;
}
