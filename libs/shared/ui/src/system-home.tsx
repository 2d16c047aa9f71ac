import type { ReactNode } from 'react';
import { HealthPanel, type THealthPanelReport } from './health-panel';

export type TSystemSummary = {
  name: string;
  tagline: string;
  purpose: string;
  capabilities: readonly string[];
};

export type SystemHomeProps = { system: TSystemSummary; health: THealthPanelReport; children?: ReactNode };

/** A system's home: what it is for, what it does, and its own live health. */
export function SystemHome({ system, health, children }: SystemHomeProps) {
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0">
        <p className="text-sm font-medium text-accent-text">LumenForge · {system.name}</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          {system.tagline}
        </h1>
        <p className="mt-4 max-w-2xl text-base text-fg-muted">{system.purpose}</p>
        <h2 className="mt-10 text-sm font-semibold">What {system.name} does</h2>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {system.capabilities.map((capability) => (
            <li
              key={capability}
              className="flex items-start gap-2 rounded-lg border border-border bg-surface px-3 py-2.5 text-sm"
            >
              <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-accent-500" />
              {capability}
            </li>
          ))}
        </ul>
        {children}
      </div>
      <aside aria-label={`${system.name} status`}>
        <HealthPanel report={health} />
      </aside>
    </div>
  );
}
