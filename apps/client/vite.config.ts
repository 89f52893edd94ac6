import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The follower client is served by the gzh server under `/phone/`; in development the Vite dev
 * server proxies the follower API to a gzh server on the default port.
 */
export default defineConfig({
  base: '/phone/',
  plugins: [react()],
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
