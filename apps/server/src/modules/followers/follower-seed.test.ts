import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../testing/test-context';

describe.each(TEST_DIALECTS)('bulk follower seeding (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, secret } = await seedAccount(t.services));
  });
  afterAll(() => t.close());

  it('adds followers that user/get pages 10,000 at a time, and reports progress', async () => {
    const progress: number[] = [];
    const seeded = await t.services.followerSeed.seed(appid, 10_005, (done) => progress.push(done));
    expect(seeded).toBe(10_005);
    expect(progress.at(-1)).toBe(10_005);
    const at = await fetchToken(t.app, appid, secret);
    const page = async (next = '') =>
      (await t.app.inject({ method: 'GET', url: `/cgi-bin/user/get?access_token=${at}&next_openid=${next}` })).json<{
        total: number;
        count: number;
        data?: { openid: string[] };
        next_openid: string;
      }>();
    const first = await page();
    expect(first.total).toBe(10_005);
    expect(first.count).toBe(10_000);
    expect(first.data!.openid.every((o) => /^o[A-Za-z0-9_-]{27}$/.test(o))).toBe(true);
    expect([...first.data!.openid].sort()).toEqual(first.data!.openid);
    const second = await page(first.next_openid);
    expect(second.count).toBe(5);
    const third = await page(second.next_openid);
    expect(third).toMatchObject({ count: 0, next_openid: '' });
    expect(third.data).toBeUndefined();
    const all = new Set([...first.data!.openid, ...second.data!.openid]);
    expect(all.size).toBe(10_005);
  });

  it('seeded followers behave like real ones in user/info', async () => {
    const at = await fetchToken(t.app, appid, secret);
    const list = (await t.app.inject({ method: 'GET', url: `/cgi-bin/user/get?access_token=${at}` })).json<{
      data: { openid: string[] };
    }>();
    const info = (
      await t.app.inject({ method: 'GET', url: `/cgi-bin/user/info?access_token=${at}&openid=${list.data.openid[0]}` })
    ).json<{
      subscribe: number;
      subscribe_time: number;
    }>();
    expect(info.subscribe).toBe(1);
    expect(info.subscribe_time).toBeLessThanOrEqual(Math.floor(t.services.clock.nowMs() / 1000));
  });

  it('rejects counts out of range and unknown accounts', async () => {
    await expect(t.services.followerSeed.seed(appid, 0)).rejects.toMatchObject({ code: 'person.invalid' });
    await expect(t.services.followerSeed.seed(appid, 1.5)).rejects.toMatchObject({ code: 'person.invalid' });
    await expect(t.services.followerSeed.seed('wx0000000000000000', 10)).rejects.toMatchObject({ code: 'account.not_found' });
  });
});
