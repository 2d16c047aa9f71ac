// The running platform's control channel: HTTP on the Unix socket ${LUMENFORGE_HOME}/platform.sock
// (0600: only this user may stop apps), answering for the supervisor. Routes, JSON in and out:
//
//   GET  /apps                     { apps: TAppStatus[] }
//   POST /apps/{id}/stop           { app } once it exited; it stays stopped
//   POST /apps/{id}/start          { app } once its /api/health is ok; 504 after LUMENFORGE_READY_TIMEOUT
//   POST /apps/{id}/restart        stop, then start
//
// Errors are { error, app?, lastProbe? }: 404 unknown app or route, 405 wrong method, 409 the
// platform is stopping, 502 the app exited before it became healthy, 504 not healthy in time.
import { lstat, chmod, mkdir, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { HealthTimeoutError } from './app-processes';
import {
  APP_ACTIONS,
  controlSocketPath,
  type TAppAction,
  type TAppResponse,
  type TAppsResponse,
  type TControlErrorBody,
} from './control-client';
import { SupervisorConflictError, type Supervisor, UnknownAppError } from './supervisor';

/** sun_path is 108 bytes on Linux and 104 on macOS, with the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 103;
const APP_ROUTE = /^\/apps\/([^/]+)\/([^/]+)$/;
const ROUTES = 'GET /apps, POST /apps/{id}/start, POST /apps/{id}/stop, POST /apps/{id}/restart';

export type TControlServer = {
  socketPath: string;
  /** Stops answering (open requests are cut) and removes the socket file. */
  close(): Promise<void>;
};

/** True when something accepts connections on the socket. */
function isAnswering(socketPath: string): Promise<boolean> {
  return new Promise((resolveCheck) => {
    const socket = connect(socketPath);
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('error', () => resolveCheck(false));
  });
}

/** A socket file left by a platform that did not stop cleanly is removed; a live one is refused. */
async function removeStaleSocket(socketPath: string, home: string): Promise<void> {
  const stats = await lstat(socketPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stats) return;
  if (!stats.isSocket()) throw new Error(`${socketPath} exists and is not a socket; move it out of the way.`);
  if (await isAnswering(socketPath)) {
    throw new Error(
      `Another LumenForge platform is running from LUMENFORGE_HOME=${home} (it answers on ${socketPath}); ` +
        'stop it first, or use another LUMENFORGE_HOME.',
    );
  }
  await unlink(socketPath);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}

function sendError(
  response: ServerResponse,
  status: number,
  body: TControlErrorBody,
  headers?: Record<string, string>,
) {
  send(response, status, body, headers);
}

/** Serves the control channel for `supervisor` on `${home}/platform.sock` until closed. */
export async function startControlServer(options: {
  home: string;
  supervisor: Supervisor;
}): Promise<TControlServer> {
  const { home, supervisor } = options;
  const socketPath = controlSocketPath(home);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(
      `The control socket path ${socketPath} is too long for a Unix socket (${MAX_SOCKET_PATH_BYTES} bytes at most); use a shorter LUMENFORGE_HOME.`,
    );
  }
  await mkdir(dirname(socketPath), { recursive: true });
  await removeStaleSocket(socketPath, home);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://platform').pathname.replace(/(.)\/$/, '$1');
    if (path === '/apps') {
      if (request.method !== 'GET')
        return sendError(response, 405, { error: `${request.method} /apps: use GET.` }, { allow: 'GET' });
      return send(response, 200, { apps: supervisor.list() } satisfies TAppsResponse);
    }
    const match = APP_ROUTE.exec(path);
    const action = match?.[2] as TAppAction | undefined;
    if (!match?.[1] || !action || !APP_ACTIONS.includes(action))
      return sendError(response, 404, {
        error: `No route ${request.method} ${path}; the routes are ${ROUTES}.`,
      });
    const id = decodeURIComponent(match[1]);
    if (!supervisor.has(id))
      return sendError(response, 404, { error: new UnknownAppError(id, supervisor.ids).message });
    if (request.method !== 'POST')
      return sendError(response, 405, { error: `${request.method} ${path}: use POST.` }, { allow: 'POST' });

    try {
      const app = await supervisor[action](id);
      send(response, 200, { app } satisfies TAppResponse);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof UnknownAppError) return sendError(response, 404, { error: message });
      if (error instanceof SupervisorConflictError) return sendError(response, 409, { error: message });
      const app = supervisor.status(id);
      if (error instanceof HealthTimeoutError)
        return sendError(response, 504, {
          error: message,
          app,
          lastProbe: [...error.lastProbes.values()][0] ?? null,
        });
      sendError(response, 502, { error: message, app });
    }
  };

  const server = createServer((request, response) => {
    // Request bodies are not used; drain them so the connection can answer.
    request.resume();
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendError(response, 500, { error: error instanceof Error ? error.message : String(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  await chmod(socketPath, 0o600);

  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close: () =>
      (closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }).then(() =>
        unlink(socketPath).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        }),
      )),
  };
}
