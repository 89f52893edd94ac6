import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { statusOf } from './errors';
import { DOMAIN_ERRCODES, WIRE_ERRORS } from './routes/open-api/errcodes';

/**
 * docs/errors.md is the contract developers read; this test keeps it equal to what the code
 * emits, in both directions.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const srcRoot = path.resolve(here, '..');
const doc = fs.readFileSync(path.resolve(here, '../../../../docs/errors.md'), 'utf8');

/** Codes produced by the transports themselves rather than thrown by modules. */
const TRANSPORT_CODES = ['common.invalid_request', 'common.bad_request', 'common.internal'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(srcRoot)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/new AppError\(\s*'([a-z_]+\.[a-z_.]+)'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('docs/errors.md', () => {
  it('lists exactly the open-API errcodes the code can emit', () => {
    const emitted = new Set([...Object.values(WIRE_ERRORS), ...Object.values(DOMAIN_ERRCODES)].map((w) => w.errcode));
    const documented = new Set([...doc.matchAll(/^\| (-?\d+) \|/gm)].map((m) => Number(m[1])));
    expect(
      [...emitted].filter((c) => !documented.has(c)),
      'emitted but undocumented',
    ).toEqual([]);
    expect(
      [...documented].filter((c) => !emitted.has(c)),
      'documented but never emitted',
    ).toEqual([]);
  });

  it('documents every console/follower error code with the HTTP status the code uses', () => {
    const thrown = thrownCodes();
    const rows = new Map([...doc.matchAll(/^\| `([a-z_.]+)` \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])]));
    const undocumented = [...thrown].filter((code) => !DOMAIN_ERRCODES[code] && !rows.has(code));
    expect(undocumented, 'thrown codes with neither an errcode mapping nor a docs row').toEqual([]);
    for (const [code, status] of rows) {
      expect(thrown.has(code) || TRANSPORT_CODES.includes(code), `${code} is documented but never thrown`).toBe(true);
      if (!TRANSPORT_CODES.includes(code)) expect(statusOf(code), code).toBe(status);
    }
  });

  it('maps no domain code that nothing throws', () => {
    const thrown = thrownCodes();
    expect(Object.keys(DOMAIN_ERRCODES).filter((code) => !thrown.has(code))).toEqual([]);
  });
});
