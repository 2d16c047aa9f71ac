// The entry of a check worker thread (src/check-pool.ts starts it): plain JavaScript so any Node
// runs it (a Next standalone server, Vitest, tsx scripts) with no build step. It teaches this
// thread's module loader to read the lib's TypeScript sources (transpiled by the `typescript`
// package the checks need anyway), then runs the worker's code from src/.
import { register } from 'node:module';

register('./typescript-sources.mjs', import.meta.url);
await import('../src/check-worker.ts');
