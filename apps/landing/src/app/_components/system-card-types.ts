import type { TLifecycleBySystem } from '@lumenforge/landing-monitoring';

/** The cards' lifecycle state as the page may show it: `null` for a system the role may not use. */
export type TVisibleLifecycle = { [K in keyof TLifecycleBySystem]: TLifecycleBySystem[K] | null };
