import { TokenExplorer } from '@lumenforge/slate-feature-tokens/explorer';
import { SlateNav } from '@lumenforge/slate-feature-tokens/nav';
import { tokenEntries } from '@lumenforge/tokens';
import { queryToObject } from '@lumenforge/runtime/server';
import { auth } from '../auth';
import { publishedOrNull } from './_components/published';

export const metadata = { title: { absolute: 'Tokens · Slate · LumenForge' } };

/** The published tokens: palettes, semantic colours, type, spacing, radii, shadows, motion. */
export default async function ExplorerPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { q = '' } = queryToObject(await searchParams);
  const { principal } = await auth.pageAccess();
  const published = await publishedOrNull(principal.workspaceId);
  const entries = published
    ? {
        light: tokenEntries(published.set, { theme: 'light', resolved: true }),
        dark: tokenEntries(published.set, { theme: 'dark', resolved: true }),
      }
    : { light: [], dark: [] };
  return (
    <>
      <SlateNav current="explorer" />
      <TokenExplorer
        version={published?.version ?? null}
        entries={entries}
        canWrite={auth.can(principal, 'tokens.write')}
        initialQuery={q.slice(0, 200)}
      />
    </>
  );
}
