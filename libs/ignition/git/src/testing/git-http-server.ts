import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBaseEnv } from '../git-process.env';
import { runGit } from '../run-git';

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export type GitHttpServerOptions = {
  /** The token every request must carry as Basic auth (any username). */
  token: string;
  /** Milliseconds to hold each push (receive-pack POST) before git-http-backend runs: for cancel tests. */
  pushDelayMs?: number;
};

export type GitHttpRequestRecord = { method: string; path: string; status: number; isChunked: boolean };

export type GitHttpServer = {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Where the bare repositories live (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** Creates an empty bare repository and returns its clone URL. */
  createRepository(name: string): Promise<string>;
  /** Installs a pre-receive hook that refuses every push with this message (null removes it). */
  refusePushes(repositoryName: string, message: string | null): Promise<void>;
  /** Requests seen, without their credentials: method, path, status, whether the body came chunked. */
  readonly requests: ReadonlyArray<GitHttpRequestRecord>;
  close(): Promise<void>;
};

/**
 * A real smart-HTTP Git server: Debian's `git http-backend` run as a CGI program behind Node's HTTP
 * server, with Basic authentication checked against one token. Pushes are allowed because
 * REMOTE_USER is set for authenticated requests.
 */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const projectRoot = await mkdtemp(join(tmpdir(), 'lf-git-server-'));
  const requests: GitHttpRequestRecord[] = [];
  const children = new Set<ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const isChunked = request.headers['transfer-encoding'] === 'chunked';
    const record = (status: number) => requests.push({ method: request.method ?? 'GET', path: url.pathname, status, isChunked });
    const user = authenticatedUser(request, options.token);
    if (!user) {
      record(401);
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="lumenforge-test-git"', 'Content-Type': 'text/plain' });
      response.end('Authentication required\n');
      return;
    }
    const run = () => runHttpBackend(request, response, url, user, projectRoot, children, record);
    const isPush = request.method === 'POST' && url.pathname.endsWith('/git-receive-pack');
    if (isPush && options.pushDelayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, options.pushDelayMs);
      timers.add(timer);
      response.on('close', () => clearTimeout(timer));
    } else {
      run();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    projectRoot,
    requests,
    async createRepository(name) {
      const dir = join(projectRoot, `${name}.git`);
      await mkdir(dir, { recursive: true });
      await runGit(['init', '--quiet', '--bare', '--initial-branch=main'], { cwd: dir });
      return `${baseUrl}/${name}.git`;
    },
    async refusePushes(repositoryName, message) {
      const hook = join(projectRoot, `${repositoryName}.git`, 'hooks', 'pre-receive');
      if (message === null) return rm(hook, { force: true });
      await writeFile(hook, `#!/bin/sh\ncat >/dev/null\necho ${shellQuote(message)} >&2\nexit 1\n`);
      await chmod(hook, 0o755);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const child of children) child.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(projectRoot, { recursive: true, force: true });
    },
  };
}

function authenticatedUser(request: IncomingMessage, token: string): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0 || decoded.slice(separator + 1) !== token) return null;
  return decoded.slice(0, separator) || 'git';
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Runs git-http-backend per RFC 3875 (CGI): request meta-variables in, `Status:` + headers + body out. */
function runHttpBackend(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  user: string,
  projectRoot: string,
  children: Set<ChildProcess>,
  record: (status: number) => void,
): void {
  const env: Record<string, string> = {
    ...gitBaseEnv(),
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    REMOTE_USER: user,
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
  };
  if (request.headers['content-length']) env['CONTENT_LENGTH'] = request.headers['content-length'];
  if (request.headers['content-encoding']) env['HTTP_CONTENT_ENCODING'] = request.headers['content-encoding'];
  if (request.headers['git-protocol']) env['GIT_PROTOCOL'] = String(request.headers['git-protocol']);

  const child = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.on('close', () => children.delete(child));
  child.stdin.on('error', () => undefined);
  child.stderr.resume();
  request.pipe(child.stdin);
  // The response (not the request, whose 'close' only means its body was read) closes early when the client goes away.
  response.on('close', () => {
    if (!response.writableFinished) child.kill('SIGKILL');
  });

  let head = Buffer.alloc(0);
  let isHeadDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (isHeadDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
    if (end < 0) return;
    const separatorLength = end === crlf ? 4 : 2;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    isHeadDone = true;
    record(status);
    response.writeHead(status, headers);
    response.write(head.subarray(end + separatorLength));
  });
  child.stdout.on('end', () => {
    if (!isHeadDone) {
      record(502);
      response.writeHead(502, { 'Content-Type': 'text/plain' });
    }
    response.end();
  });
}
