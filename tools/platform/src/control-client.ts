// The platform's control channel: HTTP with JSON bodies on the Unix socket
// ${LUMENFORGE_HOME}/platform.sock, served by a running `npm start` / `npm run dev`
// (control-server.ts). This file is its wire format and its client; the CLI (`npm run apps`,
// `npm run app -- stop <id>`) and the end-to-end tests use it. Node built-ins only, so the e2e
// project can import it (`@lumenforge/platform/control-client`).
import { request } from 'node:http';
import { join } from 'node:path';

/** The socket's file name inside LUMENFORGE_HOME. */
export const CONTROL_SOCKET_NAME = 'platform.sock';

/**
 * An app's state under the supervisor: `starting` until its /api/health is ok, `running`,
 * `stopping` (asked to stop), `stopped` (not running and not restarted), `restarting` (it exited
 * unexpectedly; waiting out the backoff), `failed` (too many unexpected exits; not restarted).
 */
export type TAppState = 'starting' | 'running' | 'stopping' | 'stopped' | 'restarting' | 'failed';

export type TAppExit = { code: number | null; signal: string | null; at: string };

/** One supervised process (an app or an engine process) as `GET /apps` describes it. */
export type TAppStatus = {
  id: string;
  name: string;
  /** null for a worker that serves no port. */
  port: number | null;
  url: string | null;
  state: TAppState;
  pid: number | null;
  /** How often it was restarted after an unexpected exit (a stop or start asked for is not counted). */
  restarts: number;
  /** When it entered its current state (ISO 8601). */
  since: string;
  lastExit: TAppExit | null;
};

export type TAppAction = 'start' | 'stop' | 'restart';
export const APP_ACTIONS: readonly TAppAction[] = ['start', 'stop', 'restart'];

/** `GET /apps`. */
export type TAppsResponse = { apps: TAppStatus[] };
/** A successful `POST /apps/{id}/{action}`: the app afterwards. */
export type TAppResponse = { app: TAppStatus };
/** Every error answer; `app` when the request concerned one, `lastProbe` on a start's 504. */
export type TControlErrorBody = { error: string; app?: TAppStatus; lastProbe?: unknown };

/** Where a platform started with this LUMENFORGE_HOME listens. */
export function controlSocketPath(home: string): string {
  return join(home, CONTROL_SOCKET_NAME);
}

/** Nothing answers on the socket: no platform runs from this LUMENFORGE_HOME. */
export class PlatformNotRunningError extends Error {
  constructor(
    readonly home: string,
    cause?: unknown,
  ) {
    super(`No LumenForge platform is running from LUMENFORGE_HOME=${home}; start it with npm start.`, {
      cause,
    });
    this.name = 'PlatformNotRunningError';
  }
}

/** The platform answered with an error status (404 unknown app, 504 not healthy in time, …). */
export class ControlRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: TControlErrorBody,
  ) {
    super(body.error);
    this.name = 'ControlRequestError';
  }
}

export type TControlOptions = {
  /** The platform's LUMENFORGE_HOME (the socket is `<home>/platform.sock`). */
  home: string;
  /** Give up after this long; a start waits for the app's health (LUMENFORGE_READY_TIMEOUT). Default 10 min. */
  timeoutMs?: number;
};

/** One request on the control socket; resolves with the status and the parsed JSON body. */
export function requestControl(
  method: 'GET' | 'POST',
  path: string,
  options: TControlOptions,
): Promise<{ status: number; body: unknown }> {
  const socketPath = controlSocketPath(options.home);
  return new Promise((resolveRequest, reject) => {
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: { accept: 'application/json' },
        timeout: options.timeoutMs ?? 600_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolveRequest({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            reject(
              new Error(
                `The platform answered ${method} ${path} with a non-JSON body: ${text.slice(0, 200)}`,
              ),
            );
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer from ${socketPath}`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // No socket file, or a stale one nobody listens on.
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')
        reject(new PlatformNotRunningError(options.home, error));
      else reject(error);
    });
    req.end();
  });
}

async function expectOk<T>(method: 'GET' | 'POST', path: string, options: TControlOptions): Promise<T> {
  const { status, body } = await requestControl(method, path, options);
  if (status < 200 || status >= 300) {
    const error =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? (body as TControlErrorBody)
        : { error: `HTTP ${status}` };
    throw new ControlRequestError(status, error);
  }
  return body as T;
}

/** Every app of the running platform and its state. */
export async function listApps(options: TControlOptions): Promise<TAppStatus[]> {
  return (await expectOk<TAppsResponse>('GET', '/apps', options)).apps;
}

/**
 * Stops, starts or restarts one app of the running platform. `stop` resolves once it exited (it is
 * then not restarted); `start` and `restart` once its /api/health is ok. Rejects with
 * {@link ControlRequestError} on an error answer, {@link PlatformNotRunningError} when none runs.
 */
export async function controlApp(
  action: TAppAction,
  id: string,
  options: TControlOptions,
): Promise<TAppStatus> {
  return (await expectOk<TAppResponse>('POST', `/apps/${encodeURIComponent(id)}/${action}`, options)).app;
}
