import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defer } from './cleanup';

/**
 * One temporary root per bench run under `os.tmpdir()`; every scenario's data directory lives
 * inside it, so a single removal at the end (or on exit) cleans up everything.
 */
export function createTempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-bench-'));
  const remove = () => fs.rmSync(root, { recursive: true, force: true });
  defer(`remove ${root}`, remove, remove);
  return root;
}

/** A fresh directory inside the run's temporary root. */
export function tempDir(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
