// The only reader of process.env in e2e/ops: the environment of the `ops` child processes.

/** The current environment plus `overrides`, for the CLI under test. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
