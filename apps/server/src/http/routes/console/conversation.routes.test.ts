import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown>;

/** A minimal developer server: checks the signature, echoes the verification, answers `success`. */
function developerServer(token: string): Promise<{ url: string; close(): Promise<void>; bodies: string[] }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const signature = createHash('sha1')
      .update([token, q.get('timestamp') ?? '', q.get('nonce') ?? ''].sort().join(''))
      .digest('hex');
    if (signature !== q.get('signature')) {
      res.writeHead(403).end('bad signature');
      return;
    }
    if (req.method === 'GET') {
      res.end(q.get('echostr'));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('success');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`,
        bodies,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe.each(TEST_DIALECTS)('console: developer configuration, ledger and auto-replies (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let secret: string;
  let cookie: string;
  let csrf: string;
  let dev: Awaited<ReturnType<typeof developerServer>>;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const res = await t.app.inject({
      method,
      url: `/api/console${url}`,
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<Json>() };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    dev = await developerServer('devtoken1');
    const org = await t.services.organisations.ensure('Acme');
    await t.services.auth.createUser({ organisationId: org.id, username: 'owner', password: 'correct horse', role: 'owner' });
    ({ appid, accountId, secret } = await seedAccount(t.services, { org: 'Acme' }));
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/console/auth/login',
      payload: { username: 'owner', password: 'correct horse' },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    csrf = login.json<{ csrfToken: string }>().csrfToken;
  });
  afterAll(async () => {
    await t.close();
    await dev.close();
  });

  it('saves an enabled developer server only after its URL check passes, and says why it failed', async () => {
    const config = { url: dev.url, token: 'wrongtoken', encodingAesKey: null, mode: 'plain', enabled: true };
    const refused = await call('PUT', `/accounts/${appid}/developer`, config);
    expect(refused.status).toBe(400);
    expect((refused.body.error as Json).code).toBe('callback.verify_failed');
    expect((refused.body.error as Json).message).toContain('HTTP 403');
    expect((await t.services.accounts.getById(accountId))!.callback.enabled).toBe(false);
    const unreachable = await call('PUT', `/accounts/${appid}/developer`, {
      ...config,
      url: 'http://127.0.0.1:9/none',
      token: 'devtoken1',
    });
    expect(String((unreachable.body.error as Json).message)).toContain('refused');
    const probe = await call('POST', `/accounts/${appid}/developer/verify`, { url: dev.url, token: 'devtoken1' });
    expect(probe.body.ok).toBe(true);
    const saved = await call('PUT', `/accounts/${appid}/developer`, { ...config, token: 'devtoken1' });
    expect(saved.status).toBe(200);
    expect((saved.body.account as Json).developer).toMatchObject({ enabled: true, url: dev.url });
  });

  it('probes the callback host through cgi-bin/callback/check', async () => {
    const at = await fetchToken(t.app, appid, secret);
    const check = async (body: unknown) =>
      (
        await t.app.inject({ method: 'POST', url: `/cgi-bin/callback/check?access_token=${at}`, payload: JSON.stringify(body) })
      ).json<Json>();
    const all = await check({ action: 'all', check_operator: 'DEFAULT' });
    expect(all.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'UNICOM' }]);
    expect((all.ping as Json[])[0]).toMatchObject({ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%' });
    expect((await check({ action: 'dns', check_operator: 'CAP' })).ping).toBeUndefined();
    expect((await check({ action: 'traceroute' })).errcode).toBe(40202);
    expect((await check({ action: 'all', check_operator: 'MARS' })).errcode).toBe(40203);
  });

  it('records every push in the ledger and replays it to compare answers', async () => {
    const { person } = await t.services.followers.createPerson({ nickname: 'ledger' });
    await t.services.followers.follow(person.id, appid);
    let deliveries: Json[] = [];
    for (let i = 0; i < 50 && !deliveries.length; i++) {
      deliveries = (await call('GET', `/accounts/${appid}/deliveries`)).body.deliveries as Json[];
      if (!deliveries.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(deliveries[0]).toMatchObject({ kind: 'subscribe', outcome: 'ack', attempt: 1, httpStatus: 200, mode: 'plain' });
    expect(String(deliveries[0]!.plainBody)).toContain('<Event><![CDATA[subscribe]]></Event>');
    expect(String(deliveries[0]!.query)).toMatch(/^signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+&openid=o/);
    const id = String(deliveries[0]!.id);
    const detail = await call('GET', `/accounts/${appid}/deliveries/${id}`);
    expect((detail.body.attempts as Json[]).length).toBe(1);
    const replay = await call('POST', `/accounts/${appid}/deliveries/${id}/replay`, {});
    expect(replay.body.delivery).toMatchObject({ kind: 'replay', outcome: 'ack', replayOf: id });
    const elsewhere = await call('POST', `/accounts/${appid}/deliveries/${id}/replay`, { url: 'http://127.0.0.1:9/x' });
    expect((elsewhere.body.delivery as Json).outcome).toBe('refused');
    expect(dev.bodies.length).toBe(2); // the original push and the replay to the same server
    const filtered = await call('GET', `/accounts/${appid}/deliveries?outcome=refused`);
    expect((filtered.body.deliveries as Json[]).map((d) => d.kind)).toEqual(['replay']);
    expect((await call('GET', `/accounts/${appid}/deliveries/dlv_nope`)).status).toBe(404);
  });

  it('pushes LOCATION when the account asks followers to report their location', async () => {
    const { person, token } = await t.services.followers.createPerson({ nickname: 'walker' });
    await t.services.followers.follow(person.id, appid);
    const report = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/follower/accounts/${appid}/location`,
        headers: { authorization: `Bearer ${token}` },
        payload: { latitude: 23.1291, longitude: 113.2644, precision: 65 },
      });
    expect((await report()).json<Json>()).toEqual({ reported: false });
    await call('PATCH', `/accounts/${appid}`, { reportLocation: true });
    expect((await report()).json<Json>()).toEqual({ reported: true });
    for (let i = 0; i < 50 && !dev.bodies.some((b) => b.includes('LOCATION')); i++) await new Promise((r) => setTimeout(r, 50));
    const pushed = dev.bodies.find((b) => b.includes('<Event><![CDATA[LOCATION]]></Event>'));
    expect(pushed).toContain('<Latitude>23.1291</Latitude><Longitude>113.2644</Longitude><Precision>65</Precision>');
  });

  it('manages auto-reply rules with WeChat’s limits', async () => {
    const created = await call('POST', `/accounts/${appid}/replies`, {
      kind: 'keyword',
      name: '价格',
      keywords: [{ text: '价格', match: 'contains' }],
      replies: [{ type: 'text', content: '请看价目表' }],
    });
    expect(created.status).toBe(200);
    const id = String((created.body.rule as Json).id);
    const updated = await call('PUT', `/accounts/${appid}/replies/${id}`, {
      kind: 'keyword',
      name: '价格',
      keywords: [{ text: '多少钱', match: 'contains' }],
      replies: [{ type: 'text', content: '请看价目表' }],
      replyMode: 'random',
    });
    expect((updated.body.rule as Json).replyMode).toBe('random');
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ text: `k${i}`, match: 'exact' }));
    expect(
      (
        await call('POST', `/accounts/${appid}/replies`, {
          kind: 'keyword',
          name: 'x',
          keywords: tooMany,
          replies: [{ type: 'text', content: 'a' }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('POST', `/accounts/${appid}/replies`, {
          kind: 'keyword',
          name: 'x',
          keywords: [],
          replies: [{ type: 'text', content: 'a' }],
        })
      ).status,
    ).toBe(400);
    const six = Array.from({ length: 6 }, () => ({ type: 'text', content: 'a' }));
    expect((await call('POST', `/accounts/${appid}/replies`, { kind: 'default', name: 'x', replies: six })).status).toBe(400);
    expect(
      (
        await call('POST', `/accounts/${appid}/replies`, {
          kind: 'default',
          name: 'd',
          replies: [{ type: 'text', content: 'a' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('POST', `/accounts/${appid}/replies`, {
          kind: 'default',
          name: 'd2',
          replies: [{ type: 'text', content: 'b' }],
        })
      ).status,
    ).toBe(409);
    expect(((await call('GET', `/accounts/${appid}/replies`)).body.rules as Json[]).length).toBe(2);
    expect((await call('DELETE', `/accounts/${appid}/replies/${id}`)).status).toBe(200);
    expect((await call('DELETE', `/accounts/${appid}/replies/${id}`)).status).toBe(404);
  });

  it('saves the menu from the visual editor with menu/create’s validation', async () => {
    const saved = await call('PUT', `/accounts/${appid}/menus`, { button: [{ type: 'click', name: '菜单', key: 'K' }] });
    expect((saved.body.menu as Json).button).toEqual([{ type: 'click', name: '菜单', key: 'K', sub_button: [] }]);
    const bad = await call('PUT', `/accounts/${appid}/menus`, {
      button: [{ type: 'click', name: '一二三四五六七八九', key: 'K' }],
    });
    expect(bad.status).toBe(400);
    expect((await call('DELETE', `/accounts/${appid}/menus`)).body.menu).toBeNull();
  });
});
