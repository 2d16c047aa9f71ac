import { SYSTEMS } from '@lumenforge/config';
import { plural } from '@lumenforge/ui/format';
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from '@lumenforge/ui/page-parts';
import { SystemHome } from '@lumenforge/ui/system-home';
import { auth } from '../auth';
import { componentLibrary } from '../components';
import { health } from '../health';
import { getRuntime } from '../runtime';
import { SparkNav } from './_components/spark-nav';

/** How many components the workspace has; null when the database cannot say (the health view still shows). */
async function componentCount(workspaceId: string): Promise<number | null> {
  try {
    return await componentLibrary().count(workspaceId);
  } catch (error) {
    getRuntime().logger.error({ err: error, workspaceId }, 'component count unavailable on the home page');
    return null;
  }
}

export default async function HomePage() {
  const { principal } = await auth.pageAccess();
  const [report, count] = await Promise.all([health.report(), componentCount(principal.workspaceId)]);
  const canCreate = auth.can(principal, 'components.generate');
  return (
    <>
      <SparkNav current="overview" />
      <SystemHome system={SYSTEMS.spark} health={report}>
        <section
          aria-labelledby="library-title"
          className="mt-10 rounded-lg border border-border bg-surface p-4"
        >
          <h2 id="library-title" className="text-sm font-semibold">
            Component library
          </h2>
          <p className="mt-1 text-sm text-fg-muted">
            {count === null
              ? 'Your workspace’s components, their source and every version.'
              : count === 0
                ? 'No components yet: save the first one and it becomes version 1.'
                : `${plural(count, 'component')} in your workspace, with their source and every version.`}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <a href="/components" className={BUTTON_PRIMARY}>
              Open the component library
            </a>
            {canCreate ? (
              <a href="/components/new" className={BUTTON_SECONDARY}>
                New component
              </a>
            ) : null}
          </div>
        </section>
      </SystemHome>
    </>
  );
}
