import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { PluginOption } from 'vite';

/**
 * The follower client is served by the gzh server under `/phone/`; in development the Vite dev
 * server proxies the follower API to a gzh server on the default port.
 *
 * The workspace holds two Vite majors (this app's 7 and vitest's 8, which the hoisted
 * @vitejs/plugin-react types against), so the plugin is passed through `PluginOption` here.
 */
export default defineConfig({
  base: '/phone/',
  plugins: [react() as unknown as PluginOption],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
