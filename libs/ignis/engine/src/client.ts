// Entry `@lumenforge/ignis-engine/client`: how the ignis app talks to the engine's control API.
// Server code only (it holds the engine secret).

export type TPreviewSource =
  | { kind: 'project'; projectId: string }
  | { kind: 'component'; componentId: string; version?: number }
  | { kind: 'files'; files: Record<string, string>; entry: string; workspaceId?: string };

export type TPreviewInfo = {
  id: string;
  url: string;
  key: string;
  state: 'starting' | 'ready' | 'stopped';
  isolation: 'container' | 'process';
  workspaceId: string | null;
  reused?: boolean;
};

export type TEngineIsolation = {
  mode: 'container' | 'process';
  summary: string;
  mechanisms: string[];
  limitations: string[];
};

/** The engine is not running or not reachable: the API answers 503 with this message. */
export class EngineUnavailableError extends Error {
  readonly status = 503;
  constructor(cause: unknown) {
    super(
      'The IGNIS engine is not running, so previews are unavailable; it is restarted automatically, try again shortly.',
      {
        cause,
      },
    );
    this.name = 'EngineUnavailableError';
  }
}

/** The engine refused the request (400, 404, 409, 413, 429…) with a message meant for the user. */
export class EngineRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

export type TEngineClient = ReturnType<typeof createEngineClient>;

/** A client of the engine at `url` (e.g. http://127.0.0.1:24678) with the engine secret. */
export function createEngineClient(options: { url: string; secret: string; timeoutMs?: number }) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, options.url), {
        method,
        headers: {
          authorization: `Bearer ${options.secret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 90_000),
      });
    } catch (error) {
      throw new EngineUnavailableError(error);
    }
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as ({ error?: string } & T) | null;
    if (!response.ok) {
      throw new EngineRequestError(
        response.status,
        payload?.error ?? `The engine answered ${response.status}.`,
      );
    }
    return payload as T;
  };
  return {
    openPreview: (source: TPreviewSource) => call<TPreviewInfo>('POST', '/_engine/previews', { source }),
    updateFiles: (previewId: string, files: Record<string, string | null>) =>
      call<{ updated: string[] }>('PUT', `/_engine/previews/${encodeURIComponent(previewId)}/files`, {
        files,
      }),
    getPreview: (previewId: string) =>
      call<TPreviewInfo & { log: string[] }>('GET', `/_engine/previews/${encodeURIComponent(previewId)}`),
    closePreview: (previewId: string) =>
      call<void>('DELETE', `/_engine/previews/${encodeURIComponent(previewId)}`),
    listPreviews: () =>
      call<{ previews: TPreviewInfo[]; isolation: TEngineIsolation; maxSessions: number }>(
        'GET',
        '/_engine/previews',
      ),
    applyTokens: (workspaceId: string | null) =>
      call<{ restyled: number }>('POST', '/_engine/tokens', { workspaceId }),
  };
}

/** The env fragment of an app that calls the engine (composed into the app's env.ts). */
export { ZIgnisEngineClientEnv, resolveEngineSecret, type TIgnisEngineClientEnv } from './client-env';
