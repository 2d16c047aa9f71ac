import 'server-only';
import type { TPrincipal } from '@lumenforge/auth';
import type { TAuditContext } from '@lumenforge/db';
import {
  NpmRegistryClient,
  runCreateProjectTask,
  TemplateRepository,
  type TRunCreateTaskOptions,
} from '@lumenforge/ignition-data-access';
import type { TTemplate, TWizardCredentials } from '@lumenforge/ignition-templates';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';

/** What IGNITION's routes use besides the runtime; tests give their own registry URL and built-ins. */
export type TIgnitionServices = {
  templates: TemplateRepository;
  npm: NpmRegistryClient;
  /** Stores the built-in templates into the workspace once per process (cheap and idempotent after). */
  ensureBuiltIns: (workspaceId: string) => Promise<void>;
  /** Runs a queued task in this process, in the background. */
  startTask: (
    taskId: string,
    principal: TPrincipal,
    credentials: TWizardCredentials,
    context: TAuditContext,
  ) => void;
  /** Aborts a task running in this process (a cancel from another replica reaches it through the heartbeat). */
  abortTask: (taskId: string) => void;
};

export type TIgnitionServiceOptions = {
  /** Default: registry.npmjs.org. */
  npmRegistryUrl?: string;
  /** Default: the templates of `@lumenforge/ignition-templates/built-in`. */
  loadBuiltIns?: () => Promise<TTemplate[]>;
};

async function loadBuiltInTemplatesOfApp(): Promise<TTemplate[]> {
  // Imported on first use, not at module load: `@lumenforge/ignition-templates/built-in` reads
  // `import.meta.dirname` when it is evaluated, which Turbopack leaves undefined in a server bundle;
  // a failure here is logged by ensureBuiltIns instead of taking every IGNITION route down.
  const { loadAppBuiltInTemplates } = await import('./built-in-templates');
  return loadAppBuiltInTemplates();
}

/** The commit author and event actor of a principal (agents have no mailbox: the platform's address). */
export function runIdentity(principal: TPrincipal): Pick<TRunCreateTaskOptions, 'actor' | 'author'> {
  const email = /^[^\s<>@]+@[^\s<>@]+$/.test(principal.email)
    ? principal.email
    : 'ignition@lumenforge.invalid';
  return {
    actor: {
      userId: principal.userId,
      name: principal.name,
      type: principal.role === 'agent' ? 'agent' : 'user',
    },
    author: { name: principal.name.trim() || email, email },
  };
}

/** IGNITION's services over a runtime, made once per runtime. */
export function createIgnitionServices(
  getRuntime: () => TPlatformRuntime,
  options: TIgnitionServiceOptions = {},
): () => TIgnitionServices {
  let services: TIgnitionServices | null = null;
  return () => {
    if (services) return services;
    const runtime = getRuntime();
    const templates = new TemplateRepository(runtime.db, runtime.cache);
    const loadBuiltIns = options.loadBuiltIns ?? loadBuiltInTemplatesOfApp;
    let builtIns: Promise<TTemplate[]> | null = null;
    const storedFor = new Map<string, Promise<void>>();
    const running = new Map<string, AbortController>();
    services = {
      templates,
      npm: new NpmRegistryClient({
        ...(options.npmRegistryUrl ? { baseUrl: options.npmRegistryUrl } : {}),
        cache: runtime.cache,
      }),
      ensureBuiltIns: (workspaceId) => {
        let stored = storedFor.get(workspaceId);
        if (!stored) {
          // A missing templates folder (a build that did not trace it) must not break the gallery:
          // the db seed stores the built-ins too. It is logged, and the next process tries again.
          builtIns ??= loadBuiltIns().catch((error: unknown) => {
            runtime.logger.error({ err: error }, 'IGNITION built-in templates could not be read');
            return [];
          });
          stored = builtIns.then((list) => templates.storeBuiltIns(workspaceId, list));
          // A failure (PostgreSQL away) is retried by the next request.
          stored.catch(() => storedFor.delete(workspaceId));
          storedFor.set(workspaceId, stored);
        }
        return stored;
      },
      startTask: (taskId, principal, credentials, context) => {
        const controller = new AbortController();
        running.set(taskId, controller);
        const run = runCreateProjectTask(
          { db: runtime.db, bus: runtime.bus, templates, logger: runtime.logger },
          taskId,
          {
            credentials,
            signal: controller.signal,
            context: { ip: context.ip, userAgent: context.userAgent, correlationId: context.correlationId },
            ...runIdentity(principal),
          },
        );
        void run
          .catch((error: unknown) =>
            // PostgreSQL went away mid-run: the task stays running until it is taken for orphaned.
            runtime.logger.error({ err: error, taskId }, 'IGNITION task runner stopped'),
          )
          .finally(() => running.delete(taskId));
      },
      abortTask: (taskId) => running.get(taskId)?.abort(),
    };
    return services;
  };
}
