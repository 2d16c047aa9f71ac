import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // node_modules is IGNIS's shared read-only install: Vite's and Vitest's caches live beside the sources.
  cacheDir: '.ignis/vite-cache',
  build: { sourcemap: true },
});
