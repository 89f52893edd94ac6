import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

describe.each(TEST_DIALECTS)('follower API: template notice switch (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let token: string;
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) => {
    const res = await t.app.inject({
      method,
      url: `/api/follower${url}`,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid } = await seedAccount(t.services, { name: '通知服务号' }));
    ({ token } = await t.services.followers.createPerson({ nickname: '小红' }));
  });
  afterAll(() => t.close());

  it('exists only for a person who follows or followed the account', async () => {
    expect(await call('GET', `/accounts/${appid}/notices`)).toMatchObject({
      status: 404,
      body: { error: { code: 'follower.not_following' } },
    });
    expect((await call('POST', `/accounts/wx0000000000000000/notices`, { blocked: true })).status).toBe(404);
    expect((await call('GET', `/accounts/${appid}/notices`, undefined, 'bad-token')).status).toBe(401);
  });

  it('switches the account’s notices off and on, and keeps the choice across an unfollow', async () => {
    await call('POST', `/accounts/${appid}/follow`);
    expect(await call('GET', `/accounts/${appid}/notices`)).toEqual({ status: 200, body: { blocked: false } });
    expect(await call('POST', `/accounts/${appid}/notices`, { blocked: true })).toEqual({ status: 200, body: { blocked: true } });
    await call('POST', `/accounts/${appid}/unfollow`);
    await call('POST', `/accounts/${appid}/follow`);
    expect((await call('GET', `/accounts/${appid}/notices`)).body).toEqual({ blocked: true });
    expect((await call('POST', `/accounts/${appid}/notices`, { blocked: false })).body).toEqual({ blocked: false });
    expect((await call('POST', `/accounts/${appid}/notices`, { blocked: 'no' })).status).toBe(400);
  });
});
