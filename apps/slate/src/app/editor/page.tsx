import { TokenEditor } from '@lumenforge/slate-feature-tokens/editor';
import { SlateNav } from '@lumenforge/slate-feature-tokens/nav';
import { auth } from '../../auth';
import { tokenService } from '../../tokens';
import { publishedOrNull } from '../_components/published';

export const metadata = { title: 'Editor' };

/** The workspace's draft: edit tokens, review the changes, publish a version. */
export default async function EditorPage() {
  const { principal } = await auth.pageAccess();
  const [draft, published] = await Promise.all([
    tokenService().draft(principal.workspaceId),
    publishedOrNull(principal.workspaceId),
  ]);
  return (
    <>
      <SlateNav current="editor" />
      <TokenEditor
        draft={draft}
        published={published?.version ?? null}
        canWrite={auth.can(principal, 'tokens.write')}
        role={principal.role}
      />
    </>
  );
}
