// Component checks off the caller's event loop: a type check takes hundreds of milliseconds on an
// idle core (seconds on a busy one), all of it synchronous compiler work, so a server that ran it
// on its own thread would answer nobody meanwhile. A few worker threads, started on first use,
// each parse the declarations once and then check one batch at a time.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import type { TCheckProblem } from './check-problem';
import type { TComponentCheck, TComponentSources } from './check-component';
import { installRoot } from './type-check';
import type { TTokenVocabulary } from './vocabulary';

/** What the pool sends a worker: one batch. */
export type TCheckRequest = { sourcesList: TComponentSources[]; vocabulary: TTokenVocabulary };
/** What a worker sends back: once `ready` after its warm-up, then one `checked` per batch. */
export type TWorkerMessage =
  | { type: 'ready'; warmUpProblems: TCheckProblem[] }
  | { type: 'checked'; checks: TComponentCheck[] };

/**
 * The checks could not run (a worker crashed, ran out of memory or could not start): an outage of
 * this server, not a problem of the checked code. Servers answer it with 503 and its message.
 */
export class CheckUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CheckUnavailableError';
  }
}

export type TCheckPool = {
  /** {@link checkComponents} in a worker: one result per component, in order. */
  check: (
    sourcesList: readonly TComponentSources[],
    vocabulary: TTokenVocabulary,
  ) => Promise<TComponentCheck[]>;
  /** Starts every worker now and resolves when each has parsed the declarations. */
  warmUp: () => Promise<void>;
  /** Ends every worker; pending and later checks reject. */
  close: () => Promise<void>;
  /** How many workers run now (at most `size`). */
  readonly running: number;
  readonly size: number;
};

export type TCheckPoolOptions = {
  /** Workers at most; default: one per core but one (for the server's own thread), 1 to 4. */
  size?: number;
  /** The worker's entry (tests start one that crashes on demand); default worker/check-worker.mjs. */
  workerFile?: string;
  /** Heap limit of each worker: a runaway check ends its worker, not the server. */
  maxHeapMb?: number;
};

type TJob = {
  request: TCheckRequest;
  resolve: (checks: TComponentCheck[]) => void;
  reject: (error: Error) => void;
};
type TSlot = { worker: Worker; job: TJob | null; ready: boolean; failure: Error | null };

/** One worker per core but one, at least one, at most four (each holds ~200 MB of declarations). */
export function defaultCheckPoolSize(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/**
 * The worker entry's path: beside this file's sources when they run as files (tsx, Vitest), else
 * in the folder whose node_modules holds the compiler (the workspace under `next dev`; a Next
 * standalone server's root, whose config traces the file there, see `checkWorkerFileGlobs`).
 * Found with string operations and the compiler's `fileExists`, which bundlers do not analyse: a
 * path Turbopack cannot resolve statically makes it trace, and try to bundle, the whole workspace.
 */
export function checkWorkerFile(): string {
  const here = import.meta.url;
  const besideSources = /^file:.*\/src\/check-pool\.[cm]?[jt]s$/.test(here)
    ? fileURLToPath(here.replace(/\/src\/check-pool\.[cm]?[jt]s$/, '/worker/check-worker.mjs'))
    : null;
  const inInstall = join(installRoot(), 'libs', 'spark', 'checks', 'worker', 'check-worker.mjs');
  for (const file of [besideSources, inInstall]) if (file && ts.sys.fileExists(file)) return file;
  throw new CheckUnavailableError(`The component checker is not installed on this server (no ${inInstall}).`);
}

export function createCheckPool(options: TCheckPoolOptions = {}): TCheckPool {
  const size = Math.max(1, options.size ?? defaultCheckPoolSize());
  const maxHeapMb = options.maxHeapMb ?? 1_024;
  const slots = new Set<TSlot>();
  const queue: TJob[] = [];
  const readyWaiters = new Set<{ slot: TSlot; resolve: () => void; reject: (error: Error) => void }>();
  let closed = false;
  let workerFile = options.workerFile;

  function start(): TSlot {
    workerFile ??= checkWorkerFile();
    // Constructed indirectly: Turbopack reads `new Worker(path)` as a module to bundle.
    const worker: Worker = Reflect.construct(Worker, [
      workerFile,
      { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } },
    ]);
    const slot: TSlot = { worker, job: null, ready: false, failure: null };
    // An idle worker does not keep a process alive; a busy one does (its caller awaits it).
    worker.unref();
    worker.on('message', (message: TWorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        for (const waiter of readyWaiters)
          if (waiter.slot === slot) {
            readyWaiters.delete(waiter);
            waiter.resolve();
          }
        return;
      }
      const { job } = slot;
      slot.job = null;
      worker.unref();
      job?.resolve(message.checks);
      dispatch();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (code) => {
      slots.delete(slot);
      if (closed) return;
      const reason = slot.failure ? slot.failure.message : `exit code ${code}`;
      const failure = slot.ready
        ? new CheckUnavailableError(
            `The component check crashed (${reason}); the checker was restarted, try again.`,
            { cause: slot.failure ?? undefined },
          )
        : new CheckUnavailableError(`The component checker could not start (${reason}).`, {
            cause: slot.failure ?? undefined,
          });
      slot.job?.reject(failure);
      for (const waiter of readyWaiters)
        if (waiter.slot === slot) {
          readyWaiters.delete(waiter);
          waiter.reject(failure);
        }
      if (slot.ready) {
        // Replaced at once, so the next check finds a warm worker.
        start();
        dispatch();
      } else {
        // One that cannot even start would fail again: the waiting checks fail now, with why.
        for (const job of queue.splice(0)) job.reject(failure);
      }
    });
    slots.add(slot);
    return slot;
  }

  function dispatch(): void {
    while (queue.length > 0) {
      let slot = [...slots].find((candidate) => candidate.job === null);
      if (!slot && slots.size < size) slot = start();
      if (!slot) return;
      const job = queue.shift() as TJob;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  const closedError = () => new CheckUnavailableError('The component checker was shut down.');

  return {
    size,
    get running() {
      return slots.size;
    },
    check: (sourcesList, vocabulary) => {
      if (closed) return Promise.reject(closedError());
      if (sourcesList.length === 0) return Promise.resolve([]);
      return new Promise<TComponentCheck[]>((resolve, reject) => {
        queue.push({ request: { sourcesList: [...sourcesList], vocabulary }, resolve, reject });
        try {
          dispatch();
        } catch (error) {
          queue.splice(0).forEach((job) => job.reject(error as Error));
        }
      });
    },
    warmUp: async () => {
      if (closed) throw closedError();
      while (slots.size < size) start();
      await Promise.all(
        [...slots]
          .filter((slot) => !slot.ready)
          .map((slot) => new Promise<void>((resolve, reject) => readyWaiters.add({ slot, resolve, reject }))),
      );
    },
    close: async () => {
      closed = true;
      const error = closedError();
      for (const job of queue.splice(0)) job.reject(error);
      for (const waiter of readyWaiters.values()) waiter.reject(error);
      readyWaiters.clear();
      await Promise.all(
        [...slots].map((slot) => {
          slot.job?.reject(error);
          return slot.worker.terminate();
        }),
      );
      slots.clear();
    },
  };
}

const globalForChecks = globalThis as typeof globalThis & { lumenforgeCheckPool?: TCheckPool };

/** The process's pool (Next bundles routes separately: kept on globalThis), started on first use. */
export function defaultCheckPool(): TCheckPool {
  globalForChecks.lumenforgeCheckPool ??= createCheckPool();
  return globalForChecks.lumenforgeCheckPool;
}

/**
 * {@link checkComponents} on the process's worker pool, off the caller's event loop: what a server
 * calls on its request path. Rejects with {@link CheckUnavailableError} when the checks cannot run.
 */
export function checkComponentsAsync(
  sourcesList: readonly TComponentSources[],
  vocabulary: TTokenVocabulary,
): Promise<TComponentCheck[]> {
  return defaultCheckPool().check(sourcesList, vocabulary);
}

/** {@link checkComponent} on the process's worker pool. */
export async function checkComponentAsync(
  sources: TComponentSources,
  vocabulary: TTokenVocabulary,
): Promise<TComponentCheck> {
  const [check] = await checkComponentsAsync([sources], vocabulary);
  if (!check) throw new CheckUnavailableError('The component checker returned no result.');
  return check;
}

/** Starts the process's check workers and waits until each has parsed the declarations (call after boot). */
export function warmUpCheckPool(): Promise<void> {
  return defaultCheckPool().warmUp();
}

/** Ends the process's check workers (scripts and tests; a server's exit ends them by itself). */
export async function closeCheckPool(): Promise<void> {
  const pool = globalForChecks.lumenforgeCheckPool;
  globalForChecks.lumenforgeCheckPool = undefined;
  await pool?.close();
}
