import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown>;

describe.each(TEST_DIALECTS)('follower API (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let secret: string;
  let token: string;
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) => {
    const res = await t.app.inject({
      method,
      url: `/api/follower${url}`,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<Json>() };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, secret } = await seedAccount(t.services, { name: '深圳天气' }));
    await seedAccount(t.services, { name: '北京新闻', type: 'subscription' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/follower/persons',
      payload: { nickname: '小红', platform: 2 },
    });
    expect(created.statusCode).toBe(200);
    token = created.json<{ token: string }>().token;
  });
  afterAll(() => t.close());

  it('searches accounts, follows one, and the developer sees the follower through the open API', async () => {
    const found = await call('GET', `/accounts?q=${encodeURIComponent('天气')}`);
    expect((found.body.accounts as Json[]).map((a) => a.name)).toEqual(['深圳天气']);
    const followed = await call('POST', `/accounts/${appid}/follow`);
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ alreadyFollowing: false, account: { following: true } });
    const openid = followed.body.openid as string;
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    const at = await fetchToken(t.app, appid, secret);
    const list = (await t.app.inject({ method: 'GET', url: `/cgi-bin/user/get?access_token=${at}` })).json<Json>();
    expect(list.data).toEqual({ openid: [openid] });
    const follows = await call('GET', '/follows');
    expect((follows.body.accounts as Json[]).map((a) => a.appid)).toEqual([appid]);
    expect((await call('POST', `/accounts/${appid}/follow`)).body.alreadyFollowing).toBe(true);
  });

  it('unfollows, and following again keeps the same openid', async () => {
    const profile = await call('GET', `/accounts/${appid}`);
    const openid = (profile.body.account as Json).openid;
    expect((await call('POST', `/accounts/${appid}/unfollow`)).body.account).toMatchObject({ following: false });
    expect((await call('POST', `/accounts/${appid}/unfollow`)).status).toBe(404);
    expect((await call('GET', '/follows')).body.accounts).toEqual([]);
    expect((await call('POST', `/accounts/${appid}/follow`)).body.openid).toBe(openid);
  });

  it('lists and picks persons in sandbox mode', async () => {
    const persons = await call('GET', '/persons?q=小红');
    const person = (persons.body.persons as Json[])[0]!;
    expect(person).toMatchObject({ nickname: '小红', platform: 2 });
    const session = await t.app.inject({ method: 'POST', url: `/api/follower/persons/${String(person.id)}/session` });
    const newToken = session.json<{ token: string }>().token;
    expect((await call('GET', '/me', undefined, newToken)).body.person).toMatchObject({ nickname: '小红' });
    // The picked session replaces the older one.
    expect((await call('GET', '/me')).status).toBe(401);
    token = newToken;
  });

  it('rejects missing sessions, unknown accounts and bad input with clear errors', async () => {
    expect((await call('GET', '/me', undefined, 'nope')).status).toBe(401);
    expect((await call('POST', '/accounts/wx0000000000000000/follow')).status).toBe(404);
    expect((await call('POST', '/scan', {})).status).toBe(400);
    expect((await call('POST', '/scan', { ticket: 'not-a-ticket' })).status).toBe(400);
    expect((await call('POST', '/scan', { url: 'http://example.com/nothing' })).status).toBe(400);
    const bad = await t.app.inject({ method: 'POST', url: '/api/follower/persons', payload: { platform: 9 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toBeTruthy();
  });
});
