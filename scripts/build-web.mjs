// Builds the two web apps (console and follower client) with Vite.
// `--if-stale` skips an app whose dist/index.html is newer than every source file, so `npm start`
// and the e2e run only pay for a build when something changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const apps = ['apps/console', 'apps/client'];
const ifStale = process.argv.includes('--if-stale');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

for (const app of apps) {
  const dir = path.join(root, app);
  const index = path.join(dir, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(dir, 'src')),
    newestMtime(path.join(root, 'packages/contracts/src')),
    fs.statSync(path.join(dir, 'index.html')).mtimeMs,
  );
  if (ifStale && fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) continue;
  process.stdout.write(`building ${app} …\n`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(`building ${app} failed\n`);
    process.exit(result.status ?? 1);
  }
}
