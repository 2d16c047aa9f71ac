import { SubNav, type TSubNavPage } from '@lumenforge/ui/sub-nav';

export type TSlatePage = 'explorer' | 'editor' | 'versions';

export const SLATE_PAGES: ReadonlyArray<TSubNavPage<TSlatePage>> = [
  { id: 'explorer', href: '/', label: 'Explorer' },
  { id: 'editor', href: '/editor', label: 'Editor' },
  { id: 'versions', href: '/versions', label: 'History' },
];

/** SLATE's sub-navigation under the shell header: explorer, editor, version history. */
export function SlateNav({ current }: { current: TSlatePage | null }) {
  return <SubNav label="Tokens" pages={SLATE_PAGES} current={current} testId="slate-nav" />;
}
