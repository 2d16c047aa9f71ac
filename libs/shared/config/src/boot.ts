// Node-only: imported from each app's instrumentation.node.ts, never from code the Edge runtime bundles.
/**
 * Called from instrumentation.ts at server start: invalid configuration stops the process with a
 * message naming each variable, instead of failing on the first request.
 */
export function validateEnvAtBoot(getEnv: () => unknown): void {
  try {
    getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
