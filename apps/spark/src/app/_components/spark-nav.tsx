import { SubNav, type TSubNavPage } from '@lumenforge/ui/sub-nav';

export type TSparkPage = 'overview' | 'components';

const SPARK_PAGES: ReadonlyArray<TSubNavPage<TSparkPage>> = [
  { id: 'overview', href: '/', label: 'Overview' },
  { id: 'components', href: '/components', label: 'Components' },
];

/** SPARK's sub-navigation under the shell header: the system's overview and its component library. */
export function SparkNav({ current }: { current: TSparkPage | null }) {
  return <SubNav label="Spark" pages={SPARK_PAGES} current={current} />;
}
