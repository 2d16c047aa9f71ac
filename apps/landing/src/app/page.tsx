import { SYSTEM_IDS, SYSTEMS, systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { HealthPanel } from '@lumenforge/ui/health-panel';
import { LINK } from '@lumenforge/ui/page-parts';
import { SYSTEM_BAR_CLASS } from '@lumenforge/ui/system-accent';
import { auth } from '../auth';
import { getEnv } from '../env';
import { health } from '../health';
import { currentSystemStatuses } from '../system-status';
import { RecentActivity } from './activity/_components/recent-activity';
import { LiveHealthBadge, LiveHealthProvider, LiveIndicator } from './live-health';

export default async function HomePage() {
  const principal = await auth.requirePagePrincipal();
  const urlOptions = urlOptionsFromEnv(getEnv());
  const systems = SYSTEM_IDS.filter((id) => id !== 'landing').map((id) => SYSTEMS[id]);
  const [statuses, report] = await Promise.all([currentSystemStatuses(), health.report()]);
  return (
    <LiveHealthProvider initial={statuses}>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0">
          <p className="text-sm font-medium text-accent-text">LumenForge</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            Design tokens, components, previews, projects and deployments in one place
          </h1>
          <p className="mt-4 max-w-2xl text-base text-fg-muted">{SYSTEMS.landing.purpose}</p>
          <div className="mt-10 flex items-baseline justify-between gap-4">
            <h2 className="text-sm font-semibold">Systems</h2>
            <span className="flex items-baseline gap-4 text-sm">
              <LiveIndicator />
              <a className={LINK} href="/status">
                System status
              </a>
            </span>
          </div>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {systems.map((system) => (
              <li key={system.id}>
                <a
                  href={systemUrl(system.id, urlOptions)}
                  className="group block h-full overflow-hidden rounded-xl border border-border bg-surface shadow-xs transition-shadow duration-150 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
                >
                  <span
                    aria-hidden="true"
                    className={`block h-1 bg-gradient-to-r ${SYSTEM_BAR_CLASS[system.id]}`}
                  />
                  <span className="block p-4">
                    <span className="flex items-baseline justify-between gap-2">
                      <span className="font-semibold group-hover:underline">{system.name}</span>
                      <span className="font-mono text-xs text-fg-muted">:{system.port}</span>
                    </span>
                    <span className="mt-1 block text-sm text-fg-muted">{system.tagline}</span>
                    <span className="mt-3 block" data-testid={`status-${system.id}`}>
                      <LiveHealthBadge system={system.id} />
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <div className="mt-10">
            <RecentActivity principal={principal} />
          </div>
        </div>
        <aside aria-label="Landing status">
          <HealthPanel report={report} />
        </aside>
      </div>
    </LiveHealthProvider>
  );
}
