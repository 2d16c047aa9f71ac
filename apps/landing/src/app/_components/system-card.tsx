import type { TRole } from '@lumenforge/auth';
import type { TSystem } from '@lumenforge/config';
import type { TCardSystemId } from '@lumenforge/landing-monitoring';
import { FOCUS } from '@lumenforge/ui/page-parts';
import { SYSTEM_BAR_CLASS } from '@lumenforge/ui/system-accent';
import { LiveHealthBadge, LiveHealthMeta, LiveLifecycle } from '../live-health';

/**
 * One system on the home page: name (a link to the app, stretched over the card), purpose, live
 * health and lifecycle state. A system the role may not use is muted, not a link, says so, and
 * shows its health only (its data is not the role's to read).
 */
export function SystemCard({
  system,
  url,
  isAvailable,
  role,
}: {
  system: TSystem & { id: TCardSystemId };
  url: string;
  isAvailable: boolean;
  role: TRole;
}) {
  return (
    <article
      data-testid={`card-${system.id}`}
      data-available={isAvailable}
      aria-labelledby={`card-${system.id}-name`}
      className={`relative flex h-full flex-col overflow-hidden rounded-xl border border-border ${
        isAvailable
          ? 'bg-surface shadow-xs transition-shadow duration-150 hover:shadow-md'
          : 'bg-surface-sunken'
      }`}
    >
      <span
        aria-hidden="true"
        className={`block h-1 bg-gradient-to-r ${isAvailable ? SYSTEM_BAR_CLASS[system.id] : 'from-neutral-300 to-neutral-400'}`}
      />
      <div className="flex flex-1 flex-col p-4">
        <div className="flex items-baseline justify-between gap-2">
          <h3 id={`card-${system.id}-name`} className="font-semibold">
            {isAvailable ? (
              <a href={url} className={`rounded-sm after:absolute after:inset-0 hover:underline ${FOCUS}`}>
                {system.name}
              </a>
            ) : (
              <span className="text-fg-muted">{system.name}</span>
            )}
          </h3>
          <span className="font-mono text-xs text-fg-muted">:{system.port}</span>
        </div>
        <p className="mt-1 text-sm text-fg-muted">{system.tagline}</p>
        <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1">
          <span data-testid={`status-${system.id}`}>
            <LiveHealthBadge system={system.id} />
          </span>
          <LiveHealthMeta system={system.id} />
        </div>
        {isAvailable ? (
          <LiveLifecycle system={system.id} systemUrl={url} />
        ) : (
          <p
            className="mt-3 border-t border-border pt-3 text-sm text-fg-muted"
            data-testid={`card-unavailable-${system.id}`}
          >
            Not available to {role}
          </p>
        )}
      </div>
    </article>
  );
}
