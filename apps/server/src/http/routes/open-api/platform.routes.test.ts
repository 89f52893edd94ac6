import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Body = Record<string, unknown> & { errcode: number; errmsg: string };

describe.each(TEST_DIALECTS)('quotas, rids and platform endpoints (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let secret: string;
  let accountId: string;
  let at: string;
  const post = async (path: string, body: unknown, token = at) =>
    (await t.app.inject({ method: 'POST', url: `${path}?access_token=${token}`, payload: JSON.stringify(body) })).json<Body>();
  const get = async (path: string) => (await t.app.inject({ method: 'GET', url: `${path}?access_token=${at}` })).json<Body>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, secret, accountId } = await seedAccount(t.services));
    at = await fetchToken(t.app, appid, secret);
  });
  afterAll(() => t.close());

  it('counts calls per API and reports them through openapi/quota/get', async () => {
    await get('/cgi-bin/tags/get');
    await get('/cgi-bin/tags/get');
    const res = await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/tags/get' });
    expect(res.errcode).toBe(0);
    expect(res.quota).toEqual({ daily_limit: 1_000_000, used: 2, remain: 999_998 });
    const token = await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/token' });
    expect(token.quota).toEqual({ daily_limit: 2000, used: 1, remain: 1999 });
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/nope' })).errcode).toBe(76021);
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: 'cgi-bin/tags/get' })).errcode).toBe(76021);
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: '/sns/userinfo' })).errcode).toBe(76022);
  });

  it('answers 45009 once the daily quota is used and resets at Beijing midnight', async () => {
    // user/get allows 500 calls a day.
    for (let i = 0; i < 499; i++) await t.services.quotas.consume(accountId, '/cgi-bin/user/get');
    expect((await get('/cgi-bin/user/get')).errcode).toBe(0);
    const over = await get('/cgi-bin/user/get');
    expect(over.errcode).toBe(45009);
    expect(over.errmsg).toContain('reach max api daily quota limit');
    // 02:00 UTC = 10:00 Beijing; 14 h later it is midnight in Beijing and the counter restarts.
    t.time.advance(14 * 3_600_000);
    at = await fetchToken(t.app, appid, secret);
    expect((await get('/cgi-bin/user/get')).errcode).toBe(0);
  });

  it('clear_quota resets counters, 10 times a month, then 48006', async () => {
    for (let i = 0; i < 499; i++) await t.services.quotas.consume(accountId, '/cgi-bin/user/get');
    expect((await get('/cgi-bin/user/get')).errcode).toBe(45009);
    expect((await post('/cgi-bin/clear_quota', { appid })).errcode).toBe(0);
    expect((await get('/cgi-bin/user/get')).errcode).toBe(0);
    expect((await post('/cgi-bin/clear_quota', { appid: 'wx0000000000000000' })).errcode).toBe(40013);
    for (let i = 1; i < 10; i++) expect((await post('/cgi-bin/clear_quota', { appid })).errcode).toBe(0);
    expect((await post('/cgi-bin/clear_quota', { appid })).errcode).toBe(48006);
    const v2 = await t.app.inject({ method: 'POST', url: `/cgi-bin/clear_quota/v2?appid=${appid}&appsecret=${secret}` });
    expect(v2.json<Body>().errcode).toBe(48006);
    const v2bad = await t.app.inject({
      method: 'POST',
      url: '/cgi-bin/clear_quota/v2',
      payload: JSON.stringify({ appid, appsecret: 'x' }),
    });
    expect(v2bad.json<Body>().errcode).toBe(40125);
  });

  it('records failed requests under their rid for openapi/rid/get, per account', async () => {
    const failed = await post('/cgi-bin/tags/create', { tag: { name: '' } });
    const rid = /rid: (\S+)$/.exec(failed.errmsg)![1]!;
    await new Promise((r) => setTimeout(r, 50));
    const found = await post('/cgi-bin/openapi/rid/get', { rid });
    expect(found.errcode).toBe(0);
    const request = found.request as Record<string, unknown>;
    expect(request.request_body).toBe(JSON.stringify({ tag: { name: '' } }));
    expect(String(request.response_body)).toContain('45157');
    expect(String(request.request_url)).toContain('access_token=***');
    expect((await post('/cgi-bin/openapi/rid/get', { rid: 'nonsense' })).errcode).toBe(76002);
    expect((await post('/cgi-bin/openapi/rid/get', { rid: '00000000-00000000-00000000' })).errcode).toBe(76001);
    const other = await seedAccount(t.services, { name: 'Other' });
    const otherToken = await fetchToken(t.app, other.appid, other.secret);
    expect((await post('/cgi-bin/openapi/rid/get', { rid }, otherToken)).errcode).toBe(76003);
  });

  it('lists server addresses for get_api_domain_ip and getcallbackip', async () => {
    for (const path of ['/cgi-bin/get_api_domain_ip', '/cgi-bin/getcallbackip']) {
      const res = await get(path);
      expect(res.ip_list).toContain('127.0.0.1');
    }
  });
});
