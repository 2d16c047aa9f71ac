/** The six LumenForge systems: one Next.js app each. The single source for names, ports and hosts. */
export const SYSTEM_IDS = ['landing', 'slate', 'ignition', 'spark', 'ignis', 'waypoint'] as const;
export type TSystemId = (typeof SYSTEM_IDS)[number];

export type TSystem = {
  id: TSystemId;
  name: string;
  /** One line under the name: what the system is. */
  tagline: string;
  /** Two or three sentences: what a user comes here to do. */
  purpose: string;
  /** What the system does, as short verb phrases. */
  capabilities: readonly string[];
  port: number;
  /** Subdomain of the production domain; `null` for the apex (landing). */
  subdomain: string | null;
  heliosNode: 'helios-control' | 'helios-compute';
};

export const SYSTEMS: Readonly<Record<TSystemId, TSystem>> = {
  landing: {
    id: 'landing',
    name: 'Landing',
    tagline: 'The front door: sign-in, the six systems at a glance, administration',
    purpose:
      'Sign in once and reach every LumenForge system. See whether each system is healthy and what state the work is in, follow activity across the platform, and manage users, roles and the audit log.',
    capabilities: [
      'Single sign-on with MFA for all six systems',
      'Live health and lifecycle state of every system',
      'Activity feed of platform events',
      'Users, roles and audit log for admins',
    ],
    port: 3000,
    subdomain: null,
    heliosNode: 'helios-control',
  },
  slate: {
    id: 'slate',
    name: 'Slate',
    tagline: 'Design tokens: the single source of the Luminera design system',
    purpose:
      'Explore, edit, validate and version the design tokens every LumenForge app is styled with. Tokens follow the W3C DTCG format; publishing detects breaking changes and restyles the platform live.',
    capabilities: [
      'Token explorer: palettes, type scale, spacing, radii, shadows, motion',
      'Editor with validation, aliases and contrast checks',
      'Breaking-change detection and semantic versions',
      'Exports to CSS variables, Tailwind, TypeScript and DTCG JSON',
    ],
    port: 3001,
    subdomain: 'slate',
    heliosNode: 'helios-compute',
  },
  ignition: {
    id: 'ignition',
    name: 'Ignition',
    tagline: 'Project scaffolding: from template to first commit',
    purpose:
      'Start a new project from a template in five steps. Ignition generates the code, pushes it to Git and registers the project with the rest of the platform.',
    capabilities: [
      'Template gallery',
      'Five-step project wizard',
      'Generated project with the workspace design tokens',
      'Git push and project registration',
    ],
    port: 3002,
    subdomain: 'ignition',
    heliosNode: 'helios-control',
  },
  spark: {
    id: 'spark',
    name: 'Spark',
    tagline: 'AI components: from a prompt to a tested component',
    purpose:
      'Describe a component and an expert router (design, logic, performance) generates it with tests and stories. Edit it in the browser, preview it live and keep every version.',
    capabilities: [
      'Prompt to component, tests and stories',
      'In-browser editor with type checking',
      'Live preview through Ignis',
      'Component versions, publishing and deprecation',
    ],
    port: 3003,
    subdomain: 'spark',
    heliosNode: 'helios-compute',
  },
  ignis: {
    id: 'ignis',
    name: 'Ignis',
    tagline: 'Builds and previews with hot reload',
    purpose:
      'Bundle and type-check components and projects, serve previews with hot module reload, and keep the history and metrics of every build.',
    capabilities: [
      'Bundling and type-checking',
      'Previews with hot reload over WebSocket',
      'Build history with duration and bundle size',
      'Build metrics over time',
    ],
    port: 3004,
    subdomain: 'ignis',
    heliosNode: 'helios-control',
  },
  waypoint: {
    id: 'waypoint',
    name: 'Waypoint',
    tagline: 'Deployments: dev, staging and production',
    purpose:
      'Ship builds to dev, staging and production. Waypoint builds OCI images, pushes them to the registry, deploys to Kubernetes or locally, checks health and rolls back when it fails.',
    capabilities: [
      'Environments with approvals for staging and production',
      'OCI images pushed to the registry',
      'Health-checked rollouts with rollback',
      'Deployment history per environment',
    ],
    port: 3005,
    subdomain: 'waypoint',
    heliosNode: 'helios-compute',
  },
};

/** IGNIS serves hot-module-reload over its own WebSocket port. */
export const IGNIS_HMR_PORT = 24678;
/** The IGNIS engine's control-API secret in LUMENFORGE_HOME (when IGNIS_ENGINE_SECRET is unset). */
export const IGNIS_ENGINE_SECRET_FILE = 'ignis-engine-secret';

export function isSystemId(value: string): value is TSystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}
