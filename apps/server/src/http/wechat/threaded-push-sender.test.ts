import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushAccount } from '../../modules/callbacks/push-sender';
import type { Push } from '../../modules/callbacks/push.types';
import { ThreadedPushSender } from './threaded-push-sender';

/** A frozen instant, far from the real time, so the push's timestamp shows whose clock it used. */
const FROZEN_MS = Date.UTC(2031, 0, 2, 3, 4, 5);

/**
 * The threaded sender against a real HTTP server: pushes leave from the threads signed with the
 * caller's clock, the per-account limit holds across threads, and a thread that dies fails only
 * its own calls and is replaced.
 */
describe('ThreadedPushSender', () => {
  let server: http.Server;
  let url: string;
  let inFlight = 0;
  let peak = 0;
  let holdMs = 0;
  const queries: URLSearchParams[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      queries.push(new URL(req.url ?? '/', 'http://x').searchParams);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      req.resume();
      setTimeout(() => {
        inFlight -= 1;
        res.end('success');
      }, holdMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const account = (id: string): PushAccount => ({
    id,
    appid: 'wx0123456789abcdef',
    originalId: 'gh_0123456789ab',
    callback: { url, token: 'token123', encodingAesKey: null, mode: 'plain', enabled: true },
  });

  const push = (n: number): Push => ({
    id: `msg-${n}`,
    accountId: 'acc',
    openid: 'oTESTopenid0000000000000000',
    createTime: Math.floor(FROZEN_MS / 1000),
    messageId: n,
    payload: { kind: 'message', msgid: String(1_000_000_000_000_000_000n + BigInt(n)), body: { type: 'text', content: 'hi' } },
  });

  it('sends from a thread, signed with the caller’s clock', async () => {
    const sender = new ThreadedPushSender({ clock: { nowMs: () => FROZEN_MS }, threads: 1, timeoutMs: 2000 });
    try {
      queries.length = 0;
      const attempt = await sender.send(account('acc'), push(1));
      expect(attempt).toMatchObject({ outcome: 'ack', httpStatus: 200, responseBody: 'success', mode: 'plain' });
      expect(attempt.plainBody).toContain('<Content><![CDATA[hi]]></Content>');
      expect(queries[0]?.get('timestamp')).toBe(String(Math.floor(FROZEN_MS / 1000)));
      expect(queries[0]?.get('openid')).toBe('oTESTopenid0000000000000000');
    } finally {
      await sender.close();
    }
  });

  it('keeps the per-account limit across threads', async () => {
    const sender = new ThreadedPushSender({ clock: { nowMs: () => FROZEN_MS }, threads: 2, perAccountConcurrency: 2 });
    try {
      holdMs = 50;
      peak = 0;
      const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => sender.send(account('one-account'), push(i))));
      expect(attempts.every((a) => a.outcome === 'ack')).toBe(true);
      expect(peak).toBe(2);
    } finally {
      holdMs = 0;
      await sender.close();
    }
  });

  it('fails the calls of a thread that dies and carries on with a new one', async () => {
    const sender = new ThreadedPushSender({ clock: { nowMs: () => FROZEN_MS }, threads: 1 });
    try {
      holdMs = 200;
      const pending = sender.send(account('acc'), push(1));
      // Let the call reach the thread, then take the thread away under it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const threads = (sender as unknown as { threads: { worker: Worker }[] }).threads;
      await threads[0]!.worker.terminate();
      await expect(pending).rejects.toThrow(/push thread/);
      holdMs = 0;
      await expect(sender.send(account('acc'), push(2))).resolves.toMatchObject({ outcome: 'ack' });
    } finally {
      holdMs = 0;
      await sender.close();
    }
  });

  it('finishes its close in a process that has nothing else left to do', async () => {
    // A CLI command or a stopping server: once the close is under way nothing else holds the
    // event loop, and a close waiting on an unreferenced thread would end the process midway.
    const module = new URL('./threaded-push-sender.ts', import.meta.url).href;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-push-close-'));
    const script = path.join(dir, 'close.mjs');
    fs.writeFileSync(
      script,
      [
        `import { ThreadedPushSender } from ${JSON.stringify(module)};`,
        'const sender = new ThreadedPushSender({ clock: { nowMs: () => 0 }, threads: 1 });',
        // Long enough for the thread to have started, as in a server that has been running.
        'await new Promise((resolve) => setTimeout(resolve, 2000));',
        'await sender.close();',
        "console.log('closed');",
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { timeout: 30_000 }).finally(() =>
      fs.rmSync(dir, { recursive: true, force: true }),
    );
    expect(stdout.trim()).toBe('closed');
  });

  it('refuses pushes once closed', async () => {
    const sender = new ThreadedPushSender({ clock: { nowMs: () => FROZEN_MS }, threads: 1 });
    await sender.close();
    await expect(sender.send(account('acc'), push(1))).rejects.toThrow(/closed/);
    await sender.close(); // twice is fine
  });
});
