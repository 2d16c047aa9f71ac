import { SYSTEM_DOT_CLASS, type TSystemAccentId } from './system-accent';

export type TSwitcherSystem = { id: TSystemAccentId; name: string; url: string; tagline: string };

export type SystemSwitcherProps = { systems: readonly TSwitcherSystem[]; current: TSystemAccentId };

/** Links to the six systems; the current one is marked for assistive technology and visually. */
export function SystemSwitcher({ systems, current }: SystemSwitcherProps) {
  return (
    <nav aria-label="LumenForge systems" className="min-w-0 overflow-x-auto">
      <ul className="flex items-center gap-1">
        {systems.map((system) => {
          const isCurrent = system.id === current;
          return (
            <li key={system.id}>
              <a
                href={system.url}
                title={system.tagline}
                aria-current={isCurrent ? 'page' : undefined}
                className={
                  'flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap transition-colors duration-150 ' +
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus ' +
                  (isCurrent
                    ? 'bg-surface-sunken font-medium text-fg'
                    : 'text-fg-muted hover:bg-surface-sunken hover:text-fg')
                }
              >
                <span aria-hidden="true" className={`size-2 rounded-full ${SYSTEM_DOT_CLASS[system.id]}`} />
                {system.name}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
