import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config';
import { startServer, type RunningServer } from '../../apps/server/src/main';

/**
 * The `gzh` binary, run as a user would (`node apps/server/bin/gzh.js …`), against the same data
 * directory as a server that is running: accounts, persons and follows made by the CLI are seen
 * by the server's open API, and `gzh clock advance` moves the running server's clock.
 */
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../apps/server/bin/gzh.js');

describe('gzh CLI against a running server on the same data', () => {
  let dataDir: string;
  let server: RunningServer;
  const gzh = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--data', dataDir], {
        env: { ...process.env, GZH_LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const json = async <T>(...args: string[]): Promise<T> => {
    const res = await gzh(...args, '--json');
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as T;
  };
  const api = async <T>(pathAndQuery: string, body?: unknown): Promise<T> => {
    const res = await fetch(
      `${server.url}${pathAndQuery}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    );
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-cli-'));
    server = await startServer(
      loadConfig({ dataDir, port: 0, logLevel: 'silent', demo: false, adminPassword: 'cli-test-password' }, {}),
      {
        print: () => undefined,
      },
    );
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates an account, a person and a follow that the running server sees', async () => {
    const account = await json<{ appid: string; secret: string; originalId: string }>(
      'account',
      'create',
      '--org',
      'Acme',
      '--type',
      'service',
      '--name',
      'Acme 服务号',
      '--verified',
    );
    expect(account.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(account.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(account.originalId).toMatch(/^gh_[0-9a-f]{12}$/);
    const person = await json<{ id: string }>('follower', 'create', '--nickname', '小明');
    const { openid } = await json<{ openid: string }>('follower', 'follow', '--person', person.id, '--appid', account.appid);
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);

    const { access_token } = await api<{ access_token: string }>(
      `/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`,
    );
    const list = await api<{ data: { openid: string[] } }>(`/cgi-bin/user/get?access_token=${access_token}`);
    expect(list.data.openid).toEqual([openid]);

    // Follow by scanning a QR code made through the open API.
    const qr = await api<{ ticket: string }>(`/cgi-bin/qrcode/create?access_token=${access_token}`, {
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'poster-7' } },
    });
    const scanner = await json<{ id: string }>('follower', 'create');
    const scanned = await json<{ openid: string; scene: string }>(
      'follower',
      'follow',
      '--person',
      scanner.id,
      '--appid',
      account.appid,
      '--qr',
      qr.ticket,
    );
    expect(scanned.scene).toBe('ADD_SCENE_QR_CODE');
    const info = await api<{ qr_scene_str: string }>(`/cgi-bin/user/info?access_token=${access_token}&openid=${scanned.openid}`);
    expect(info.qr_scene_str).toBe('poster-7');

    const seeded = await json<{ seeded: number }>('follower', 'seed', '--appid', account.appid, '--count', '500');
    expect(seeded.seeded).toBe(500);
    const total = await api<{ total: number }>(`/cgi-bin/user/get?access_token=${access_token}`);
    expect(total.total).toBe(502);

    // The sandbox clock moved by the CLI is the running server's clock: the token expires.
    await json('clock', 'advance', '3h');
    await new Promise((r) => setTimeout(r, 1_500));
    const expired = await api<{ errcode: number }>(`/cgi-bin/user/get?access_token=${access_token}`);
    expect(expired.errcode).toBe(42001);
    const shown = await json<{ offsetMs: number }>('clock', 'show');
    expect(shown.offsetMs).toBeGreaterThanOrEqual(3 * 3_600_000 - 1_000);
    await json('clock', 'reset');
  });

  it("broadcasts from the CLI and follows the running server's fan-out to the end", async () => {
    const account = await json<{ appid: string }>(
      'account',
      'create',
      '--org',
      'Acme',
      '--type',
      'service',
      '--name',
      '群发',
      '--verified',
    );
    await json('follower', 'seed', '--appid', account.appid, '--count', '300');
    const sent = await json<{ msgId: number; status: string; sentCount: number; totalCount: number }>(
      'broadcast',
      'send',
      '--appid',
      account.appid,
      '--text',
      '周末活动',
      '--wait',
    );
    expect(sent).toMatchObject({ status: 'SEND_SUCCESS', sentCount: 300, totalCount: 300 });
    const status = await json<{ msgId: number; status: string }>(
      'broadcast',
      'status',
      '--appid',
      account.appid,
      '--msg-id',
      String(sent.msgId),
    );
    expect(status).toMatchObject({ msgId: sent.msgId, status: 'SEND_SUCCESS' });
    const list = await json<{ msgId: number }[]>('broadcast', 'list', '--appid', account.appid);
    expect(list.map((b) => b.msgId)).toEqual([sent.msgId]);
    const unverified = await json<{ appid: string }>(
      'account',
      'create',
      '--org',
      'Acme',
      '--type',
      'service',
      '--name',
      '未认证',
    );
    const refused = await gzh('broadcast', 'send', '--appid', unverified.appid, '--text', 'x', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'account.api_unauthorized' } });
  });

  it('fails with a clear message and a non-zero exit code on bad input', async () => {
    const badType = await gzh('account', 'create', '--org', 'Acme', '--type', 'personal', '--name', 'x');
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain('--type must be subscription or service');
    const unknownPerson = await gzh('follower', 'follow', '--person', 'p_nobody', '--appid', 'wx0000000000000000', '--json');
    expect(unknownPerson.code).toBe(1);
    expect(JSON.parse(unknownPerson.stdout)).toMatchObject({ error: { code: 'account.not_found' } });
    const badDuration = await gzh('clock', 'advance', 'soon');
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toContain('cannot read duration');
    const missing = await gzh('account', 'create', '--type', 'service');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/required option/);
    const badSeed = await gzh('follower', 'seed', '--appid', 'wx0000000000000000', '--count', 'lots');
    expect(badSeed.code).toBe(1);
  });
});

describe('gzh start', () => {
  it('prints first-run credentials, serves, and exits cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-start-'));
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data', dataDir, '--log-level', 'silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(out).toMatch(/password: \S+/);
    expect(out).toMatch(/subscription .*AppID wx[0-9a-f]{16}/);
    expect(out).toMatch(/service .*AppID wx[0-9a-f]{16}/);
    expect(((await (await fetch(`${url}/healthz`)).json()) as { ok: boolean }).ok).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'gzh.sqlite'))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports every configuration problem and exits non-zero', async () => {
    const res = await run(process.execPath, [bin, 'start', '--port', 'abc', '--database-url', 'mysql://x'], {
      env: process.env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect((res as { code: number }).code).toBe(2);
    expect((res as { stderr: string }).stderr).toMatch(/port/);
    expect((res as { stderr: string }).stderr).toMatch(/databaseUrl/);
  });
});

describe('gzh template library', () => {
  const gzh = (...args: string[]) =>
    run(process.execPath, [bin, 'template', 'library', ...args], { env: { ...process.env, GZH_LOG_LEVEL: 'silent' } }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  interface Entry {
    shortId: string;
    title: string;
    industryId: number;
    primaryIndustry: string;
    deputyIndustry: string;
    content: string;
    keywords: { name: string }[];
  }

  it('prints the catalogue with short ids, filtered by industry, as api_add_template takes them', async () => {
    const all = JSON.parse((await gzh('--json')).stdout) as { templates: Entry[] };
    expect(all.templates.length).toBeGreaterThanOrEqual(40);
    expect(all.templates.find((t) => t.shortId === 'TM00015')).toMatchObject({
      title: '订单支付成功',
      industryId: 1,
      primaryIndustry: 'IT科技',
      deputyIndustry: '互联网|电子商务',
    });
    const express = JSON.parse((await gzh('--industry', '13', '--json')).stdout) as { templates: Entry[] };
    expect(express.templates.map((t) => t.shortId)).toEqual(['OPENTM202243318', 'OPENTM401201865', '49533']);
    expect(express.templates.every((t) => t.deputyIndustry === '快递')).toBe(true);
    expect(express.templates[2]!.keywords.map((k) => k.name)).toContain('取件码');

    const text = (await gzh('--industry', '13')).stdout;
    expect(text).toContain('OPENTM202243318');
    expect(text).toContain('快递签收提醒');
  });

  it('refuses an industry code outside 1-41 with a clear message and exit code 1', async () => {
    const bad = (await gzh('--industry', '42', '--json')) as { code: number; stdout: string; stderr: string };
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'template.industry_invalid' } });
    expect(bad.stderr).toContain('invalid industry id 42');
  });
});
