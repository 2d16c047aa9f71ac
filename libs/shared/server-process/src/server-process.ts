import { spawn, type ChildProcess } from 'node:child_process';

export type TServerProcessOptions = {
  /** Shown in errors, e.g. `redis-server on port 6390`. */
  label: string;
  bin: string;
  args: readonly string[];
  /** Output (stdout or stderr) that means the server accepts connections. */
  readyPattern: RegExp;
  startTimeoutMs?: number;
};

export type TServerProcess = {
  /** Kills the server (SIGKILL: an outage, not a graceful shutdown) and waits for it to exit. */
  stop: () => Promise<void>;
  /** Starts it again with the same arguments (same port, same data directory). */
  start: () => Promise<void>;
  isRunning: () => boolean;
  /** SIGSTOP: the server keeps its socket (connects are accepted by the kernel) but never answers. */
  freeze: () => void;
  /** SIGCONT after `freeze()`. */
  thaw: () => void;
  /** Everything the server printed since it last started. */
  output: () => string;
};

const running = new Set<ChildProcess>();
let isExitHookInstalled = false;
function installExitHook(): void {
  if (isExitHookInstalled) return;
  isExitHookInstalled = true;
  // A crashed test run must not leave servers behind.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function spawnUntilReady(
  options: TServerProcessOptions,
  onOutput: (text: string) => void,
): Promise<ChildProcess> {
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const child = spawn(options.bin, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    let isReady = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.label} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      onOutput(text);
      if (!isReady && options.readyPattern.test(output)) {
        isReady = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      if (!isReady)
        reject(new Error(`${options.label} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts a server binary as a child process and resolves once it prints `readyPattern`. For fault
 * tests that stop and restart a server: never do that to the machine's shared services.
 * Children are killed when the test process exits.
 */
export async function startServerProcess(options: TServerProcessOptions): Promise<TServerProcess> {
  installExitHook();
  let output = '';
  const record = (text: string) => {
    output += text;
  };
  let child: ChildProcess | undefined = await spawnUntilReady(options, record);

  const stop = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      current.once('exit', () => resolve());
      current.kill('SIGKILL'); // also ends a frozen (SIGSTOPped) server
    });
  };

  return {
    stop,
    start: async () => {
      if (child) return;
      output = '';
      child = await spawnUntilReady(options, record);
    },
    isRunning: () => child !== undefined,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    output: () => output,
  };
}
