import { defineProjectConfig } from '@lumenforge/vitest-config';
import { defineConfig } from 'vitest/config';

const base = defineProjectConfig(import.meta.dirname);
// The starter fixture's own test (src/__fixtures__/starter) belongs to the starter, not to this lib.
export default defineConfig((env) => {
  const config = base(env);
  config.test = { ...config.test, exclude: [...(config.test?.exclude ?? []), 'src/__fixtures__/**'] };
  return config;
});
