// A client that goes away mid-request must not surface as `uncaughtException: Error: aborted`.
// Next 16 clones a POST/PUT/DELETE body for proxy.ts and then copies a plain Readable's internals
// (its `_events`, `destroy`) onto the IncomingMessage (`getCloneableBody().finalize()` in
// next/dist/server/body-streams.js). When the socket closes before the response is done, Node
// destroys that request with `ECONNRESET aborted`, and the error is emitted with no listener left.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from 'node:http';

type TGuardGlobal = { __lumenforgeClientAbortGuard?: boolean };
const guardGlobal = globalThis as typeof globalThis & TGuardGlobal;

/** Node's error for a request whose client closed the connection before it was answered. */
export function isClientAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ECONNRESET' &&
    error.message === 'aborted'
  );
}

function ignoreClientAbort(error: unknown): void {
  // Anything else is a real fault: leave it uncaught, as it was without this listener.
  if (!isClientAbort(error)) throw error;
}

function guardRequest(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket;
  if (!socket) return;
  // Node's own close handler (registered first) destroys the request; the error is emitted on the
  // next tick, so a listener added here, on the request's current event table, is in time.
  const onClose = () => request.on('error', ignoreClientAbort);
  socket.once('close', onClose);
  // An answered request is not destroyed; a keep-alive socket must not collect one listener per request.
  response.once('finish', () => socket.off('close', onClose));
}

/**
 * Makes every `node:http` server of this process (Next's standalone server, `next dev`, test servers)
 * treat a client's disconnect mid-request as the end of that request, not an uncaught exception.
 * Idempotent; `startAppRuntime` calls it at boot. The hook sits on `http.Server.prototype`.
 */
export function installClientAbortGuard(): void {
  if (guardGlobal.__lumenforgeClientAbortGuard) return;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithClientAbortGuard(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === 'request' && args[0] && args[1])
      guardRequest(args[0] as IncomingMessage, args[1] as ServerResponse);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  guardGlobal.__lumenforgeClientAbortGuard = true;
}
