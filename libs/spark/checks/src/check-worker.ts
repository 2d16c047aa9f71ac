// A check worker thread's work (worker/check-worker.mjs loads it): it parses the declarations
// once (warm-up), says it is ready, then checks one batch of components per message. A check that
// throws crashes the thread on purpose: the pool rejects that batch and starts a fresh worker
// rather than trusting a compiler whose state an internal error may have left broken.
import { parentPort } from 'node:worker_threads';
import { checkComponents } from './check-component';
import type { TCheckRequest, TWorkerMessage } from './check-pool';
import { warmUpTypeCheck } from './type-check';

const port = parentPort;
if (!port) throw new Error('check-worker runs in a worker thread (see check-pool.ts)');

const post = (message: TWorkerMessage) => port.postMessage(message);

post({ type: 'ready', warmUpProblems: warmUpTypeCheck() });
port.on('message', (request: TCheckRequest) => {
  post({ type: 'checked', checks: checkComponents(request.sourcesList, request.vocabulary) });
});
