import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys in Debian's Chromium (never a downloaded browser). The web server is a real
 * `gzh start` on a fresh SQLite directory with a known admin password.
 */
const port = Number(process.env.GZH_E2E_PORT ?? 3456);
const dataDir = path.join(os.tmpdir(), `gzh-e2e-${process.pid}`);
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.GZH_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node apps/server/bin/gzh.js start --port ${port} --data ${dataDir} --log-level warn`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { GZH_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, GZH_PUBLIC_URL: `http://127.0.0.1:${port}` },
  },
});
