import { defineProjectConfig } from '@lumenforge/vitest-config';
export default defineProjectConfig(import.meta.dirname);
