import { SubNav, type TSubNavPage } from '@lumenforge/ui/sub-nav';

export type TIgnitionPage = 'overview' | 'projects';

const IGNITION_PAGES: ReadonlyArray<TSubNavPage<TIgnitionPage>> = [
  { id: 'overview', href: '/', label: 'Overview' },
  { id: 'projects', href: '/projects', label: 'Projects' },
];

/** IGNITION's sub-navigation under the shell header. */
export function IgnitionNav({ current }: { current: TIgnitionPage | null }) {
  return <SubNav label="Ignition" pages={IGNITION_PAGES} current={current} />;
}
