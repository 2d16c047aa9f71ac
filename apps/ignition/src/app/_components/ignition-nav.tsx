import { SubNav, type TSubNavPage } from '@lumenforge/ui/sub-nav';

export type TIgnitionPage = 'overview' | 'templates' | 'new' | 'projects';

const IGNITION_PAGES: ReadonlyArray<TSubNavPage<TIgnitionPage>> = [
  { id: 'overview', href: '/', label: 'Overview' },
  { id: 'templates', href: '/templates', label: 'Templates' },
  { id: 'new', href: '/new', label: 'New' },
  { id: 'projects', href: '/projects', label: 'Projects' },
];

/** IGNITION's sub-navigation under the shell header. */
export function IgnitionNav({ current }: { current: TIgnitionPage | null }) {
  return <SubNav label="Ignition" pages={IGNITION_PAGES} current={current} />;
}
