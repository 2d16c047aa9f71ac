import { SlateNav } from '@lumenforge/slate-feature-tokens/nav';
import { VersionHistory } from '@lumenforge/slate-feature-tokens/versions';
import { auth } from '../../auth';
import { tokenService } from '../../tokens';

export const metadata = { title: 'Version history' };

/** Every published version: compare two, restore an old one. */
export default async function VersionsPage() {
  const { principal } = await auth.pageAccess();
  const versions = await tokenService().versions(principal.workspaceId);
  return (
    <>
      <SlateNav current="versions" />
      <VersionHistory versions={versions} canWrite={auth.can(principal, 'tokens.write')} />
    </>
  );
}
