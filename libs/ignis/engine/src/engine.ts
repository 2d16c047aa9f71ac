import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TDbClient } from '@lumenforge/db/server';
import { describeIsolation } from '@lumenforge/ignis-sandbox';
import {
  contentBytes,
  FileTooLargeError,
  ignisPaths,
  isWorkspaceError,
  materialise,
  MAX_TREE_BYTES,
  removeWorkFile,
  THEME_CSS_FILE,
  TOKENS_CSS_FILE,
  validateFilePath,
  validateFileSize,
  workspaceTokenCss,
  writeWorkFile,
  type TMaterialiseSource,
  type TTokenCss,
} from '@lumenforge/ignis-workspace/server';
import { z } from 'zod';
import { isAuthorized } from './engine-secret';
import { PreviewSession, spawnSandboxedSession, type TSpawnSession } from './preview-session';
import { PREVIEW_HEADERS, proxyHttp, proxyUpgrade } from './proxy';

export type TEngineOptions = {
  /** LUMENFORGE_HOME (work dirs and the shared install live under `<home>/ignis/`). */
  home: string;
  /** Needed to materialise projects and components and to read the workspace's tokens. */
  db?: TDbClient;
  /** Bearer secret of `/_engine/*`. */
  secret: string;
  /** The browser-facing origin of previews, e.g. http://127.0.0.1:24678. */
  previewOrigin: string;
  /** At most this many sessions run at once; one more is a 429. */
  maxSessions?: number;
  /** A session with no request and no open socket for this long is stopped. */
  idleTimeoutMs?: number;
  /**
   * At the session limit, the least recently used session that no page has open (no HMR socket)
   * and that nothing has used for this long is stopped to make room, instead of refusing (default 10 s).
   */
  unwatchedGraceMs?: number;
  /** How long a dev server may take to start. */
  readyTimeoutMs?: number;
  spawnSession?: TSpawnSession;
  logger?: { info: (message: string) => void; error: (message: string) => void };
};

export type TEngine = {
  server: Server;
  listen: (port: number, host: string) => Promise<number>;
  close: () => Promise<void>;
  sessions: () => PreviewSession[];
  /** Restyles every session of `workspaceId` (all sessions for null) with the workspace's current tokens. */
  applyTokens: (workspaceId: string | null, tokens?: TTokenCss) => Promise<number>;
  /** Stops sessions idle for longer than the timeout (also run by a timer). */
  sweepIdle: () => Promise<number>;
};

const ZSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.uuid() }),
  z.object({ kind: z.literal('component'), componentId: z.uuid(), version: z.int().positive().optional() }),
  z.object({
    kind: z.literal('files'),
    files: z.record(z.string(), z.string()),
    entry: z.string().min(1),
    workspaceId: z.uuid().optional(),
  }),
]);
const ZOpenPreview = z.object({ source: ZSource });
const ZUpdateFiles = z.object({ files: z.record(z.string(), z.string().nullable()) });

/** A request the engine answers with a 4xx/5xx and a message. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// A body may hold a whole 50 MB tree as JSON; more is refused before it is buffered.
const MAX_BODY_BYTES = MAX_TREE_BYTES + 2 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new FileTooLargeError('tree', declared, MAX_TREE_BYTES);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FileTooLargeError('tree', size, MAX_TREE_BYTES);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendPreviewText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...PREVIEW_HEADERS });
  res.end(text);
}

function sessionKey(source: z.infer<typeof ZSource>, previewId: string): string {
  if (source.kind === 'project') return `project-${source.projectId}`;
  if (source.kind === 'component') return `component-${source.componentId}-v${source.version ?? 'latest'}`;
  return `files-${previewId}`;
}

/**
 * IGNIS's engine: the preview origin (`/p/<previewId>/…`, proxied with its HMR WebSocket to the
 * session's Vite dev server, every answer with `Content-Security-Policy: sandbox allow-scripts`)
 * and the control API under `/_engine/*` (Bearer secret) that the ignis app calls.
 */
export function createEngine(options: TEngineOptions): TEngine {
  const maxSessions = options.maxSessions ?? 8;
  const idleTimeoutMs = options.idleTimeoutMs ?? 15 * 60_000;
  const unwatchedGraceMs = options.unwatchedGraceMs ?? 10_000;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const spawnSession = options.spawnSession ?? spawnSandboxedSession;
  const logger = options.logger ?? { info: () => undefined, error: () => undefined };
  const origin = new URL(options.previewOrigin);
  const clientPort = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
  const clientProtocol = origin.protocol === 'https:' ? 'wss' : 'ws';
  const workRoot = ignisPaths(options.home).work;

  const byId = new Map<string, PreviewSession>();
  const byKey = new Map<string, PreviewSession>();
  // Sessions being created count against the limit too (two requests at once cannot both slip in).
  let pendingStarts = 0;

  const forget = (session: PreviewSession) => {
    if (byId.get(session.id) === session) byId.delete(session.id);
    if (byKey.get(session.key) === session) byKey.delete(session.key);
  };

  const describe = (session: PreviewSession) => ({
    id: session.id,
    url: new URL(session.base, options.previewOrigin).toString(),
    key: session.key,
    state: session.state,
    isolation: session.isolation,
    workspaceId: session.workspaceId,
  });

  async function openPreview(body: unknown) {
    const parsed = ZOpenPreview.safeParse(body);
    if (!parsed.success)
      throw new HttpError(400, `Invalid preview request: ${parsed.error.issues[0]?.message ?? 'bad body'}.`);
    const { source } = parsed.data;
    if (source.kind !== 'files' && !options.db)
      throw new HttpError(503, 'The engine has no database connection.');
    const existingKey = source.kind === 'files' ? null : sessionKey(source, '');
    const existing = existingKey ? byKey.get(existingKey) : undefined;
    if (existing && existing.state !== 'stopped') {
      existing.touch();
      return { status: 200, body: { ...describe(existing), reused: true } };
    }
    // At the limit, a preview no page has open makes room (tabs closed, pages left): each SPARK
    // generation and each editor visit opens one, and waiting out the idle timeout would refuse
    // everyone meanwhile.
    let evicted: PreviewSession | undefined;
    if (byId.size + pendingStarts >= maxSessions) {
      evicted = leastRecentlyUsedUnwatched();
      if (!evicted)
        throw new HttpError(
          429,
          `IGNIS is running its maximum of ${maxSessions} preview sessions, all in use. Close a preview tab, or try again in a moment.`,
        );
      forget(evicted);
    }
    pendingStarts += 1;
    try {
      if (evicted) {
        await evicted.stop('closed to make room for a new preview: no page had it open');
        logger.info(`preview ${evicted.id} (${evicted.key}) stopped to make room: no page had it open`);
      }
      const placeholderId = 'pending';
      const key = sessionKey(source, placeholderId);
      const materialised = await materialise(source as TMaterialiseSource, {
        home: options.home,
        ...(options.db ? { db: options.db } : {}),
        ...(source.kind === 'files' ? {} : { key }),
      });
      if ('missing' in materialised.dependencies) {
        throw new HttpError(
          409,
          'This project asks for dependencies the shared install does not have; run a build once to install them, then open the preview again.',
        );
      }
      const sizes = new Map<string, number>();
      for (const path of materialised.files) sizes.set(path, 0);
      const session = new PreviewSession(
        source.kind === 'files' ? `files-${materialised.inputDigest.slice(0, 16)}` : key,
        materialised.dir,
        materialised.workspaceId,
        sizes,
      );
      if (source.kind === 'files')
        for (const [path, content] of Object.entries(source.files)) sizes.set(path, contentBytes(content));
      byId.set(session.id, session);
      byKey.set(session.key, session);
      try {
        await session.start(spawnSession, {
          allowedRoot: workRoot,
          clientPort,
          clientProtocol,
          readyTimeoutMs,
          onExit: (ended) => {
            forget(ended);
            logger.info(`preview ${ended.id} (${ended.key}) stopped: ${ended.stopReason ?? 'exited'}`);
          },
        });
      } catch (error) {
        forget(session);
        await session.stop('it failed to start');
        throw new HttpError(502, `The preview's dev server did not start: ${(error as Error).message}`);
      }
      logger.info(
        `preview ${session.id} (${session.key}) ready on 127.0.0.1:${session.port} [${session.isolation} isolation]`,
      );
      return { status: 201, body: { ...describe(session), reused: false } };
    } finally {
      pendingStarts -= 1;
    }
  }

  async function updateFiles(session: PreviewSession, body: unknown) {
    const parsed = ZUpdateFiles.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'Expected { "files": { "<path>": "<content>" | null } }.');
    const changes = Object.entries(parsed.data.files);
    // Everything is validated before anything is written: a refused update changes nothing.
    let total = [...session.sizes.values()].reduce((sum, size) => sum + size, 0);
    for (const [path, content] of changes) {
      validateFilePath(path);
      const size = content === null ? 0 : validateFileSize(content);
      total += size - (session.sizes.get(path) ?? 0);
    }
    if (total > MAX_TREE_BYTES) throw new FileTooLargeError('tree', total, MAX_TREE_BYTES);
    // New files first, then changed ones, deletions last: the dev server's watcher sees each write
    // as it lands, and a module must exist before an edit imports it and stay until none does (a
    // generated component replaced by another under a new name), or the hot update fails half way.
    const order = ([path, content]: (typeof changes)[number]) =>
      content === null ? 2 : session.sizes.has(path) ? 1 : 0;
    changes.sort((left, right) => order(left) - order(right));
    const updated: string[] = [];
    for (const [path, content] of changes) {
      if (content === null) {
        await removeWorkFile(session.dir, path);
        session.sizes.delete(path);
        updated.push(path);
      } else {
        if (await writeWorkFile(session.dir, path, content)) updated.push(path);
        session.sizes.set(path, contentBytes(content));
      }
    }
    session.touch();
    return { updated };
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string) {
    if (!isAuthorized(req.headers.authorization, options.secret)) {
      sendJson(res, 401, { error: 'The engine control API needs the engine secret.' });
      return;
    }
    try {
      if (req.method === 'GET' && path === '/_engine/previews') {
        sendJson(res, 200, {
          previews: [...byId.values()].map(describe),
          isolation: describeIsolation(),
          maxSessions,
        });
        return;
      }
      if (req.method === 'POST' && path === '/_engine/previews') {
        const result = await openPreview(await readJson(req));
        sendJson(res, result.status, result.body);
        return;
      }
      if (req.method === 'POST' && path === '/_engine/tokens') {
        const body = z.object({ workspaceId: z.uuid().nullable() }).safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, 'Expected { "workspaceId": "<uuid>" | null }.');
        sendJson(res, 200, { restyled: await applyTokens(body.data.workspaceId) });
        return;
      }
      const match = /^\/_engine\/previews\/([0-9a-f]{24})(\/files)?$/.exec(path);
      const session = match ? byId.get(match[1] ?? '') : undefined;
      if (match && !session)
        throw new HttpError(404, 'This preview does not exist or was stopped; open it again.');
      if (session && match?.[2] && req.method === 'PUT') {
        sendJson(res, 200, await updateFiles(session, await readJson(req)));
        return;
      }
      if (session && !match?.[2] && req.method === 'GET') {
        sendJson(res, 200, { ...describe(session), log: session.log.slice(-50) });
        return;
      }
      if (session && !match?.[2] && req.method === 'DELETE') {
        forget(session);
        await session.stop('closed through the API');
        res.writeHead(204).end();
        return;
      }
      throw new HttpError(404, `No engine route ${req.method} ${path}.`);
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else if (isWorkspaceError(error))
        sendJson(res, error.status, { error: error.message, code: error.code });
      else {
        logger.error(`engine ${req.method} ${path}: ${(error as Error).stack ?? String(error)}`);
        sendJson(res, 500, { error: `The engine failed: ${(error as Error).message}` });
      }
    }
  }

  function previewOf(url: string): { session: PreviewSession | undefined; id: string } | null {
    const match = /^\/p\/([0-9a-f]{24})(?:\/|$)/.exec(url);
    return match ? { id: match[1] ?? '', session: byId.get(match[1] ?? '') } : null;
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok', sessions: byId.size, maxSessions });
      return;
    }
    if (path.startsWith('/_engine/')) {
      void handleControl(req, res, path);
      return;
    }
    const preview = previewOf(url);
    if (!preview) {
      sendPreviewText(res, 404, 'IGNIS preview origin: open a preview from IGNIS.');
      return;
    }
    const { session } = preview;
    if (!session || session.state === 'stopped') {
      sendPreviewText(
        res,
        410,
        'This preview was stopped (idle, closed or crashed); open it again from IGNIS.',
      );
      return;
    }
    if (url === `/p/${preview.id}`) {
      res.writeHead(308, { location: `/p/${preview.id}/`, ...PREVIEW_HEADERS }).end();
      return;
    }
    session.touch();
    proxyHttp(req, res, session.port, (error) => logger.error(`preview ${session.id}: ${error.message}`));
  });

  server.on('upgrade', (req, socket, head) => {
    const preview = previewOf(req.url ?? '/');
    const session = preview?.session;
    if (!session || session.state !== 'ready') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    session.openSockets += 1;
    session.touch();
    proxyUpgrade(req, socket, head, session.port, () => {
      session.openSockets -= 1;
      session.touch();
    });
  });

  async function applyTokens(workspaceId: string | null, tokens?: TTokenCss): Promise<number> {
    const targets = [...byId.values()].filter(
      (session) => session.state === 'ready' && (workspaceId === null || session.workspaceId === workspaceId),
    );
    // One lookup per workspace, all at once.
    const cssByWorkspace = new Map<string | null, Promise<TTokenCss | undefined>>();
    const cssOf = (id: string | null) => {
      let css = cssByWorkspace.get(id);
      if (!css) {
        css = tokens
          ? Promise.resolve(tokens)
          : options.db
            ? workspaceTokenCss(options.db, id)
            : Promise.resolve(undefined);
        cssByWorkspace.set(id, css);
      }
      return css;
    };
    const updates = await Promise.all(
      targets.map(async (session) => ({ session, css: await cssOf(session.workspaceId) })),
    );
    // Every session gets the new stylesheet first (one line to its worker, which pushes it to its
    // previews as a hot update); nothing on disk stands between a publish and the restyle…
    for (const { session, css } of updates) if (css) session.sendTokens(css.runtimeCss);
    // …then the files, for builds and restarts (the dev server's watcher ignores the tokens file;
    // a changed theme file lets Tailwind regenerate the utilities, after the restyle).
    await Promise.all(
      updates.map(({ session, css }) =>
        css
          ? Promise.all([
              writeWorkFile(session.dir, TOKENS_CSS_FILE, css.runtimeCss),
              writeWorkFile(session.dir, THEME_CSS_FILE, css.themeCss),
            ])
          : undefined,
      ),
    );
    return targets.length;
  }

  function leastRecentlyUsedUnwatched(): PreviewSession | undefined {
    const now = Date.now();
    return [...byId.values()]
      .filter(
        (session) =>
          session.state === 'ready' &&
          session.openSockets === 0 &&
          now - session.lastActivityAt > unwatchedGraceMs,
      )
      .sort((a, b) => a.lastActivityAt - b.lastActivityAt)[0];
  }

  async function sweepIdle(): Promise<number> {
    const now = Date.now();
    const idle = [...byId.values()].filter(
      (session) =>
        session.state === 'ready' &&
        session.openSockets === 0 &&
        now - session.lastActivityAt > idleTimeoutMs,
    );
    for (const session of idle) {
      forget(session);
      await session.stop(`idle for ${Math.round(idleTimeoutMs / 1000)} s`);
      logger.info(
        `preview ${session.id} (${session.key}) stopped after ${Math.round(idleTimeoutMs / 1000)} s idle`,
      );
    }
    return idle.length;
  }
  const sweepTimer = setInterval(
    () => void sweepIdle(),
    Math.min(30_000, Math.max(1_000, idleTimeoutMs / 4)),
  );
  sweepTimer.unref();

  return {
    server,
    sessions: () => [...byId.values()],
    applyTokens,
    sweepIdle,
    listen: async (port, host) => {
      await mkdir(workRoot, { recursive: true });
      await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolveListen();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    close: async () => {
      clearInterval(sweepTimer);
      const all = [...byId.values()];
      byId.clear();
      byKey.clear();
      await Promise.all(all.map((session) => session.stop('the engine stopped')));
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
