import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken, startWechatServer, type WechatDeveloperServer } from './support/developer-server';
import { waitFor } from './support/gateway';

/**
 * The durable fan-out, the hard way: a real `gzh start` process broadcasting to 3,000 followers
 * is killed with SIGKILL in the middle of its fan-out, started again on the same data directory,
 * and must finish with every follower holding exactly one delivery and the developer server (the
 * node-webot `wechat` middleware) told MASSSENDJOBFINISH exactly once, with the right counts.
 */
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../apps/server/bin/gzh.js');
const FOLLOWERS = 3_000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('broadcast fan-out survives a killed server', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | undefined;
  let developer: WechatDeveloperServer;
  const token = newToken();

  const gzh = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [bin, ...args, '--data', dataDir, '--json'], {
      env: { ...process.env, GZH_LOG_LEVEL: 'silent' },
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  };
  /** `gzh start` as an operator runs it; small pages and a short job lease make the test quick. */
  const start = async () => {
    child = spawn(process.execPath, [bin, 'start', '--port', String(port), '--data', dataDir], {
      env: {
        ...process.env,
        GZH_LOG_LEVEL: 'silent',
        GZH_DEMO: 'false',
        GZH_ADMIN_PASSWORD: 'restart-test-password',
        GZH_MASS_PAGE_SIZE: '100',
        GZH_JOB_LEASE_MS: '1500',
      },
      stdio: 'ignore',
    });
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/cgi-bin/getcallbackip`)
          .then((r) => r.ok)
          .catch(() => false),
      'gzh to listen',
      60_000,
    );
  };
  const api = async (pathAndQuery: string, body: unknown) =>
    (await (
      await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, { method: 'POST', body: JSON.stringify(body) })
    ).json()) as Record<string, unknown>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-restart-'));
    port = await freePort();
    developer = await startWechatServer({ token }, (_message, res) => res.reply(''));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await developer.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with exactly one copy per follower and one MASSSENDJOBFINISH', { timeout: 120_000 }, async () => {
    await start();
    const account = await gzh('account', 'create', '--org', 'Restart', '--type', 'service', '--name', '重启测试', '--verified');
    const appid = String(account.appid);
    await gzh('follower', 'seed', '--appid', appid, '--count', String(FOLLOWERS));
    await gzh('account', 'callback', '--appid', appid, '--url', developer.url, '--token', token, '--mode', 'plain');
    const minted = (await (
      await fetch(
        `http://127.0.0.1:${port}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${String(account.secret)}`,
      )
    ).json()) as { access_token: string };
    const at = `?access_token=${minted.access_token}`;
    // The slowest documented speed (100,000 a minute) stretches 3,000 followers over ~2 s.
    expect((await api(`/cgi-bin/message/mass/speed/set${at}`, { speed: 4 })).errcode).toBe(0);
    const sent = await api(`/cgi-bin/message/mass/sendall${at}`, {
      filter: { is_to_all: true },
      msgtype: 'text',
      text: { content: '停电通知' },
    });
    expect(sent.errcode).toBe(0);
    const msgId = Number(sent.msg_id);

    // Kill the server once some, but not all, deliveries are written.
    const db = new Database(path.join(dataDir, 'gzh.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const progress = () =>
        db.prepare('SELECT sent_count AS n, status FROM broadcasts WHERE id = ?').get(msgId) as { n: number; status: string };
      await waitFor(async () => progress().n > 0, 'the fan-out to start', 30_000);
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      const atKill = progress();
      expect(atKill.status).toBe('SENDING');
      expect(atKill.n).toBeGreaterThan(0);
      expect(atKill.n).toBeLessThan(FOLLOWERS);

      await start();
      await waitFor(async () => progress().status === 'SEND_SUCCESS', 'the resumed fan-out to finish', 60_000);
      const deliveries = db
        .prepare('SELECT count(*) AS n, count(DISTINCT follower_id) AS d FROM broadcast_deliveries WHERE broadcast_id = ?')
        .get(msgId) as { n: number; d: number };
      expect(deliveries).toEqual({ n: FOLLOWERS, d: FOLLOWERS });
      expect(progress().n).toBe(FOLLOWERS);
    } finally {
      db.close();
    }
    const finish = await waitFor(
      async () => developer.pushes.find((p) => p.message.Event === 'MASSSENDJOBFINISH'),
      'MASSSENDJOBFINISH',
      20_000,
    );
    expect(finish.message).toMatchObject({
      MsgType: 'event',
      MsgID: String(msgId),
      Status: 'send success',
      TotalCount: String(FOLLOWERS),
      FilterCount: String(FOLLOWERS),
      SentCount: String(FOLLOWERS),
      ErrorCount: '0',
    });
    // Housekeeping and the resumed job must not report it twice.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(developer.pushes.filter((p) => p.message.Event === 'MASSSENDJOBFINISH')).toHaveLength(1);
  });
});
