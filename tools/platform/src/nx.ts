import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './env';

export type TNxRun = { code: number; output: string };

/**
 * Runs the workspace's Nx with its output streamed to ours (and captured for parsing).
 * The terminal UI is off so the output stays a plain, prefixable log.
 */
export function runNx(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; quiet?: boolean } = {},
): Promise<TNxRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [join(WORKSPACE_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          ...process.env,
          ...options.env,
          NX_TUI: 'false',
          NX_NO_CLOUD: 'true',
          FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const collect = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) sink.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}
