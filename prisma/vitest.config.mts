import { defineProjectConfig } from '@lumenforge/vitest-config';
import { defineConfig } from 'vitest/config';

// The shared config assumes libs/<scope>/<lib> depth for its cache dir; this project sits at the root.
const shared = defineProjectConfig(import.meta.dirname);
export default defineConfig(async (env) => ({
  ...(await shared(env)),
  cacheDir: `${import.meta.dirname}/../node_modules/.vite/prisma`,
}));
