import { canUseSystem } from '@lumenforge/auth';
import { SYSTEMS, systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { CARD_SYSTEMS } from '@lumenforge/landing-monitoring';
import { HealthPanel } from '@lumenforge/ui/health-panel';
import { LINK } from '@lumenforge/ui/page-parts';
import { auth } from '../auth';
import { getEnv } from '../env';
import { health } from '../health';
import { recentSystemsStatus } from '../system-status';
import { RecentActivity } from './activity/_components/recent-activity';
import { SystemCard } from './_components/system-card';
import { visibleLifecycle } from './_components/system-cards-data';
import { LiveHealthProvider, LiveIndicator } from './live-health';

export default async function HomePage() {
  const principal = await auth.requirePagePrincipal();
  const urlOptions = urlOptionsFromEnv(getEnv());
  const [statuses, cards, report] = await Promise.all([
    recentSystemsStatus(principal.workspaceId, CARD_SYSTEMS),
    visibleLifecycle(principal),
    health.report(),
  ]);
  return (
    <LiveHealthProvider
      initial={statuses}
      lifecycle={cards.lifecycle}
      serverNow={new Date().toISOString()}
      systems={CARD_SYSTEMS}
    >
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
            {CARD_SYSTEMS.map((id) => (
              <li key={id}>
                <SystemCard
                  system={{ ...SYSTEMS[id], id }}
                  url={systemUrl(id, urlOptions)}
                  isAvailable={canUseSystem(principal.permissions, id)}
                  role={principal.role}
                />
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
