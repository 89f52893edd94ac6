import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

describe.each(TEST_DIALECTS)('access tokens (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let secret: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const token = async () =>
    (await get(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json<{
      access_token: string;
      expires_in: number;
    }>();
  const tagsWith = async (at: string) =>
    (await get(`/cgi-bin/tags/get?access_token=${encodeURIComponent(at)}`)).json<{ errcode: number; errmsg: string }>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, secret } = await seedAccount(t.services));
  });
  afterAll(() => t.close());

  it('issues a 7200 s token in WeChat shape, with a JSON content type and no errcode', async () => {
    const res = await get(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in']);
    expect(body.expires_in).toBe(7200);
    expect(String(body.access_token).length).toBeGreaterThan(100);
  });

  it('rejects bad credentials with the errcodes WeChat gives', async () => {
    const cases: [string, number][] = [
      [`/cgi-bin/token?grant_type=password&appid=${appid}&secret=${secret}`, 40002],
      [`/cgi-bin/token?grant_type=client_credential&secret=${secret}`, 41002],
      [`/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=${secret}`, 40013],
      [`/cgi-bin/token?grant_type=client_credential&appid=nonsense&secret=${secret}`, 40013],
      [`/cgi-bin/token?grant_type=client_credential&appid=${appid}`, 41004],
      [`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=wrong`, 40125],
    ];
    for (const [url, errcode] of cases) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ errcode: number; errmsg: string }>();
      expect(body.errcode, url).toBe(errcode);
      expect(body.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    }
  });

  it('keeps the previous token valid for 5 minutes after a new one, then answers 40001', async () => {
    const first = await token();
    const second = await token();
    expect(second.access_token).not.toBe(first.access_token);
    expect((await tagsWith(first.access_token)).errcode).toBe(0);
    t.time.advance(299_000);
    expect((await tagsWith(first.access_token)).errcode).toBe(0);
    t.time.advance(2_000);
    expect((await tagsWith(first.access_token)).errcode).toBe(40001);
    expect((await tagsWith(second.access_token)).errcode).toBe(0);
  });

  it('answers 42001 "access_token expired" after 7200 s and 41001 without a token', async () => {
    const { access_token } = await token();
    t.time.advance(7_200_000);
    const expired = await tagsWith(access_token);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toContain('access_token expired');
    expect((await get('/cgi-bin/tags/get')).json<{ errcode: number }>().errcode).toBe(41001);
    expect((await tagsWith('garbage')).errcode).toBe(40001);
  });

  it('stable_token returns the same token until 5 minutes remain, independent of cgi-bin/token', async () => {
    const post = (body: unknown) => t.app.inject({ method: 'POST', url: '/cgi-bin/stable_token', payload: JSON.stringify(body) });
    const req = { grant_type: 'client_credential', appid, secret };
    const a = (await post(req)).json<{ access_token: string; expires_in: number }>();
    expect(a.expires_in).toBe(7200);
    t.time.advance(3_600_000);
    const b = (await post(req)).json<{ access_token: string; expires_in: number }>();
    expect(b.access_token).toBe(a.access_token);
    expect(b.expires_in).toBe(3600);
    await token(); // minting a legacy token does not touch the stable family
    expect((await tagsWith(a.access_token)).errcode).toBe(0);
    t.time.advance(3_400_000);
    const c = (await post(req)).json<{ access_token: string; expires_in: number }>();
    expect(c.access_token).not.toBe(a.access_token);
    expect(c.expires_in).toBe(7200);
    const forced = (await post({ ...req, force_refresh: true })).json<{ access_token: string }>();
    expect(forced.access_token).toBe(c.access_token); // < 30 s since the last one
    t.time.advance(31_000);
    const forced2 = (await post({ ...req, force_refresh: true })).json<{ access_token: string }>();
    expect(forced2.access_token).not.toBe(c.access_token);
    expect((await post({ ...req, secret: 'bad' })).json<{ errcode: number }>().errcode).toBe(40125);
    expect((await post('not json')).json<{ errcode: number }>().errcode).toBe(47001);
  });

  it('enforces the IP whitelist with 40164', async () => {
    const { appid: a2, secret: s2, accountId } = await seedAccount(t.services, { name: 'Walled' });
    await t.services.accounts.updateProfile(accountId, { ipWhitelist: ['10.1.2.0/24'] });
    const res = await get(`/cgi-bin/token?grant_type=client_credential&appid=${a2}&secret=${s2}`);
    expect(res.json<{ errcode: number }>().errcode).toBe(40164);
    await t.services.accounts.updateProfile(accountId, { ipWhitelist: ['127.0.0.1'] });
    expect((await get(`/cgi-bin/token?grant_type=client_credential&appid=${a2}&secret=${s2}`)).json()).toHaveProperty(
      'access_token',
    );
  });
});
