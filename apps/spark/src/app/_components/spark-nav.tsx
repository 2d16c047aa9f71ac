import { SubNav, type TSubNavPage } from '@lumenforge/ui/sub-nav';

export type TSparkPage = 'overview' | 'components' | 'generate';

const SPARK_PAGES: ReadonlyArray<TSubNavPage<TSparkPage>> = [
  { id: 'overview', href: '/', label: 'Overview' },
  { id: 'components', href: '/components', label: 'Components' },
  { id: 'generate', href: '/generate', label: 'Generate' },
];

/** SPARK's sub-navigation under the shell header: the system's overview, its component library and the generator. */
export function SparkNav({ current }: { current: TSparkPage | null }) {
  return <SubNav label="Spark" pages={SPARK_PAGES} current={current} />;
}
