/** Runs once at server start; the Node-only part is imported only in the Node runtime. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation.node');
}
