import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (we could bind it), false when it is taken. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolvePromise(false);
      else reject(error);
    });
    server.once('listening', () => server.close(() => resolvePromise(true)));
    server.listen(port, host);
  });
}

export class PortInUseError extends Error {
  constructor(readonly taken: ReadonlyArray<{ name: string; port: number }>) {
    super(
      taken
        .map(({ name, port }) => `Port ${port} is already in use, so ${name} cannot start on it.`)
        .join('\n') +
        '\nIs LumenForge (or another server) already running? Stop it, then start again. ' +
        `To see what holds a port: lsof -i :${taken[0]?.port ?? ''}`,
    );
    this.name = 'PortInUseError';
  }
}

/** Throws one error naming every app whose port is taken. */
export async function assertPortsFree(
  wanted: ReadonlyArray<{ name: string; port: number }>,
  host: string,
): Promise<void> {
  const results = await Promise.all(
    wanted.map(async (entry) => ({ ...entry, isFree: await isPortFree(entry.port, host) })),
  );
  const taken = results.filter((entry) => !entry.isFree);
  if (taken.length > 0) throw new PortInUseError(taken);
}
