import { SlateNav } from '@lumenforge/slate-feature-tokens/nav';
import { VersionHistory } from '@lumenforge/slate-feature-tokens/versions';
import { AccessDenied } from '@lumenforge/ui/user-menu';
import { auth } from '../../auth';
import { tokenService } from '../../tokens';

export const metadata = { title: 'Version history' };

/** Every published version: compare two, restore an old one. */
export default async function VersionsPage() {
  const { principal, denied } = await auth.pageAccess();
  if (denied) return <AccessDenied {...denied} />;
  const versions = await tokenService().versions(principal.workspaceId);
  return (
    <>
      <SlateNav current="versions" />
      <VersionHistory versions={versions} canWrite={auth.can(principal, 'tokens.write')} />
    </>
  );
}
