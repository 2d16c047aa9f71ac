import { SYSTEM_DOT_CLASS, type TSystemAccentId } from './system-accent';

export type TSwitcherSystem = { id: TSystemAccentId; name: string; url: string; tagline: string };

export type SystemSwitcherProps = { systems: readonly TSwitcherSystem[]; current: TSystemAccentId };

const linkClass = (isCurrent: boolean) =>
  'flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap transition-colors duration-150 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus ' +
  (isCurrent
    ? 'bg-surface-sunken font-medium text-fg'
    : 'text-fg-muted hover:bg-surface-sunken hover:text-fg');

function SystemLinks({ systems, current, vertical }: SystemSwitcherProps & { vertical?: boolean }) {
  return (
    <ul className={vertical ? 'flex flex-col gap-0.5' : 'flex items-center gap-1'}>
      {systems.map((system) => {
        const isCurrent = system.id === current;
        return (
          <li key={system.id}>
            <a
              href={system.url}
              title={system.tagline}
              aria-current={isCurrent ? 'page' : undefined}
              className={linkClass(isCurrent)}
            >
              <span
                aria-hidden="true"
                className={`size-2 shrink-0 rounded-full ${SYSTEM_DOT_CLASS[system.id]}`}
              />
              {system.name}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Links to the six systems; the current one is marked for assistive technology and visually. Wide
 * screens (xl) show the six side by side; narrower ones a menu button with the current system's
 * name that opens the same list, so the header fits a 360 px phone (CSS picks one; the hidden one
 * is `display: none`, out of the accessibility tree).
 */
export function SystemSwitcher({ systems, current }: SystemSwitcherProps) {
  const currentSystem = systems.find((system) => system.id === current);
  return (
    <>
      <nav aria-label="LumenForge systems" className="hidden min-w-0 xl:block" data-testid="system-switcher">
        <SystemLinks systems={systems} current={current} />
      </nav>
      <nav
        aria-label="LumenForge systems"
        className="relative shrink-0 xl:hidden"
        data-testid="system-switcher"
      >
        <details className="group">
          <summary
            className={
              'flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-border px-2 py-1.5 text-sm font-medium whitespace-nowrap ' +
              'hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus [&::-webkit-details-marker]:hidden'
            }
          >
            <span
              aria-hidden="true"
              className={`size-2 shrink-0 rounded-full ${SYSTEM_DOT_CLASS[current]}`}
            />
            {currentSystem?.name ?? 'Systems'}
            <span className="sr-only">: switch system</span>
            <svg
              aria-hidden="true"
              viewBox="0 0 16 16"
              className="size-3.5 text-fg-muted transition-transform group-open:rotate-180"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
            >
              <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </summary>
          {/* Centred under the button: on a 360 px phone either edge would hang off screen for some
              system names. Not displayed while closed (Chrome lays out closed <details> content). */}
          <div className="absolute left-1/2 z-50 mt-2 hidden w-56 -translate-x-1/2 rounded-lg border border-border bg-surface-raised p-1.5 shadow-lg group-open:block">
            <SystemLinks systems={systems} current={current} vertical />
          </div>
        </details>
      </nav>
    </>
  );
}
