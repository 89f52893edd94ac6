import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, seedFollowers, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown>;

describe.each(TEST_DIALECTS)('console API (%s)', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let csrf: string;
  let appid: string;
  let foreignAppid: string;
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await t.app.inject({
      method,
      url: `/api/console${url}`,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<Json>() };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const org = await t.services.organisations.ensure('Acme');
    await t.services.auth.createUser({ organisationId: org.id, username: 'owner', password: 'correct horse', role: 'owner' });
    await t.services.auth.createUser({ organisationId: org.id, username: 'analyst', password: 'correct horse', role: 'analyst' });
    ({ appid } = await seedAccount(t.services, { org: 'Acme', name: 'Acme 服务号' }));
    await seedFollowers(t.services, appid, 3);
    ({ appid: foreignAppid } = await seedAccount(t.services, { org: 'Elsewhere', name: 'Not yours' }));
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/console/auth/login',
      payload: { username: 'owner', password: 'correct horse' },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    cookie = setCookie.split(';')[0]!;
    csrf = login.json<{ csrfToken: string }>().csrfToken;
  });
  afterAll(() => t.close());

  it('rejects wrong passwords and rate-limits repeated failures', async () => {
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/console/auth/login',
        payload: { username: 'analyst', password },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    const limited = await attempt('correct horse');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await t.app.inject({ method: 'POST', url: '/api/console/auth/login', payload: { username: 'x' } })).statusCode).toBe(
      400,
    );
  });

  it('requires a session, and the CSRF token on writes', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/console/accounts' })).statusCode).toBe(401);
    const noCsrf = await call('POST', '/accounts', { name: 'X', type: 'service' }, { 'x-csrf-token': 'nope' });
    expect(noCsrf.status).toBe(403);
    expect((noCsrf.body.error as Json).code).toBe('auth.csrf');
    const me = await call('GET', '/auth/me');
    expect((me.body.user as Json).username).toBe('owner');
  });

  it('lists only the organisation’s accounts and hides other organisations’ accounts', async () => {
    const list = await call('GET', '/accounts');
    const accounts = list.body.accounts as Json[];
    expect(accounts.map((a) => a.appid)).toEqual([appid]);
    expect(accounts[0]).toMatchObject({ name: 'Acme 服务号', type: 'service', followerCount: 3 });
    expect(JSON.stringify(list.body)).not.toMatch(/secret_hash|openid_salt|secretHash/);
    expect((await call('GET', `/accounts/${foreignAppid}`)).status).toBe(404);
    expect((await call('GET', `/accounts/${foreignAppid}/followers`)).status).toBe(404);
  });

  it('creates accounts, shows the secret once, resets it and retires old tokens', async () => {
    const created = await call('POST', '/accounts', { name: '新订阅号', type: 'subscription' });
    expect(created.status).toBe(200);
    const newAppid = (created.body.account as Json).appid as string;
    const secret = created.body.secret as string;
    expect(newAppid).toMatch(/^wx[0-9a-f]{16}$/);
    expect((created.body.account as Json).originalId).toMatch(/^gh_[0-9a-f]{12}$/);
    const token = await t.app.inject({
      method: 'GET',
      url: `/cgi-bin/token?grant_type=client_credential&appid=${newAppid}&secret=${secret}`,
    });
    const at = token.json<{ access_token: string }>().access_token;
    const reset = await call('POST', `/accounts/${newAppid}/secret`);
    const newSecret = reset.body.secret as string;
    expect(newSecret).not.toBe(secret);
    const old = await t.app.inject({
      method: 'GET',
      url: `/cgi-bin/token?grant_type=client_credential&appid=${newAppid}&secret=${secret}`,
    });
    expect(old.json<{ errcode: number }>().errcode).toBe(40125);
    const used = await t.app.inject({ method: 'GET', url: `/cgi-bin/tags/get?access_token=${at}` });
    expect(used.json<{ errcode: number }>().errcode).not.toBe(0);
    expect((await call('POST', '/accounts', { name: '', type: 'service' })).status).toBe(400);
    expect((await call('POST', '/accounts', { name: 'x', type: 'personal' })).status).toBe(400);
  });

  it('edits the profile and the developer configuration with format checks', async () => {
    const patched = await call('PATCH', `/accounts/${appid}`, { intro: '新的介绍', ipWhitelist: ['10.0.0.0/8'] });
    expect(patched.body.account).toMatchObject({ intro: '新的介绍', ipWhitelist: ['10.0.0.0/8'] });
    const badIp = await call('PATCH', `/accounts/${appid}`, { ipWhitelist: ['999.1.1.1'] });
    expect(badIp.status).toBe(400);
    const dev = { url: 'http://127.0.0.1:9/wx', token: 'abc123', encodingAesKey: 'a'.repeat(43), mode: 'safe', enabled: false };
    expect((await call('PUT', `/accounts/${appid}/developer`, dev)).body.account).toMatchObject({ developer: dev });
    expect((await call('PUT', `/accounts/${appid}/developer`, { ...dev, token: 'x' })).status).toBe(400);
    expect((await call('PUT', `/accounts/${appid}/developer`, { ...dev, encodingAesKey: 'short' })).status).toBe(400);
  });

  it('lists followers with search and paging, edits remarks, tags and the blacklist', async () => {
    const page1 = await call('GET', `/accounts/${appid}/followers?limit=2`);
    const followers = page1.body.followers as Json[];
    expect(followers).toHaveLength(2);
    expect(page1.body.total).toBe(3);
    const page2 = await call('GET', `/accounts/${appid}/followers?limit=2&after=${String(page1.body.nextCursor)}`);
    expect((page2.body.followers as Json[]).length).toBe(1);
    expect(page2.body.nextCursor).toBeNull();
    const openid = followers[0]!.openid as string;
    const edited = await call('PATCH', `/accounts/${appid}/followers/${openid}`, { remark: 'VIP', blacklisted: true });
    expect(edited.body.follower).toMatchObject({ remark: 'VIP', blacklisted: true });
    const search = await call('GET', `/accounts/${appid}/followers?q=vip`);
    expect((search.body.followers as Json[]).map((f) => f.openid)).toEqual([openid]);
    const blocked = await call('GET', `/accounts/${appid}/followers?blacklisted=true`);
    expect((blocked.body.followers as Json[]).length).toBe(1);
    const tag = (await call('POST', `/accounts/${appid}/tags`, { name: '重要' })).body.tag as Json;
    const tagged = await call('POST', `/accounts/${appid}/followers/${openid}/tags`, { tagId: tag.id });
    expect((tagged.body.follower as Json).tagIds).toEqual([tag.id]);
    const byTag = await call('GET', `/accounts/${appid}/followers?tagId=${String(tag.id)}`);
    expect((byTag.body.followers as Json[]).length).toBe(1);
    expect((await call('POST', `/accounts/${appid}/tags`, { name: '重要' })).status).toBe(409);
    expect((await call('DELETE', `/accounts/${appid}/followers/${openid}/tags/${String(tag.id)}`)).status).toBe(200);
    expect((await call('PATCH', `/accounts/${appid}/tags/${String(tag.id)}`, { name: '很重要' })).status).toBe(200);
    expect((await call('DELETE', `/accounts/${appid}/tags/${String(tag.id)}`)).status).toBe(200);
    expect((await call('PATCH', `/accounts/${appid}/followers/not-an-openid`, { remark: 'x' })).status).toBe(400);
  });

  it('lets an analyst read but not write', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/console/auth/login',
      payload: { username: 'analyst', password: 'correct horse' },
    });
    const analystCookie = String(login.headers['set-cookie']).split(';')[0]!;
    const analystCsrf = login.json<{ csrfToken: string }>().csrfToken;
    const headers = { cookie: analystCookie, 'x-csrf-token': analystCsrf, 'content-type': 'application/json' };
    expect((await t.app.inject({ method: 'GET', url: '/api/console/accounts', headers })).statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/console/accounts',
      headers,
      payload: JSON.stringify({ name: 'n', type: 'service' }),
    });
    expect(write.statusCode).toBe(403);
  });

  it('owners create console users in their own organisation', async () => {
    const created = await call('POST', '/users', { username: 'operator1', password: 'long enough', role: 'operator' });
    expect(created.body.user).toMatchObject({ username: 'operator1', role: 'operator', organisationName: 'Acme' });
    expect((await call('POST', '/users', { username: 'operator1', password: 'long enough', role: 'operator' })).status).toBe(409);
    expect((await call('POST', '/users', { username: 'x', password: 'short', role: 'operator' })).status).toBe(400);
    const users = (await call('GET', '/users')).body.users as Json[];
    expect(users.map((u) => u.username)).toEqual(['owner', 'analyst', 'operator1']);
  });

  it('API keys authenticate without cookies and can be revoked', async () => {
    const created = await call('POST', '/api-keys', { name: 'ci' });
    const key = created.body.key as string;
    expect(key).toMatch(/^gzh_/);
    const viaKey = await t.app.inject({
      method: 'GET',
      url: '/api/console/accounts',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(viaKey.statusCode).toBe(200);
    await call('DELETE', `/api-keys/${String((created.body.apiKey as Json).id)}`);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/console/accounts',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('controls the sandbox clock', async () => {
    const before = (await call('GET', '/clock')).body;
    const frozen = await call('POST', '/clock', { action: 'freeze' });
    expect(frozen.body.frozen).toBe(true);
    const advanced = await call('POST', '/clock', { action: 'advance', by: '2h' });
    expect((advanced.body.nowMs as number) - (frozen.body.nowMs as number)).toBe(7_200_000);
    expect((await call('POST', '/clock', { action: 'advance', by: 'soon' })).status).toBe(400);
    expect((await call('POST', '/clock', { action: 'explode' })).status).toBe(400);
    const reset = await call('POST', '/clock', { action: 'reset' });
    expect(reset.body.frozen).toBe(false);
    expect(before.sandbox).toBe(true);
  });

  it('shows the menu the account has set through the open API', async () => {
    expect((await call('GET', `/accounts/${appid}/menus`)).body).toEqual({ menu: null, conditionalmenu: [] });
    const account = await t.services.accounts.getByAppId(appid);
    await t.services.menus.create(account!.id, [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }]);
    const view = await call('GET', `/accounts/${appid}/menus`);
    expect(view.body.menu).toMatchObject({
      button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] }],
    });
  });

  it('unknown console paths are JSON 404s', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/console/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json<Json>().error).toBeDefined();
  });
});
