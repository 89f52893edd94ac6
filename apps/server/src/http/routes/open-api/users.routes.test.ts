import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  fetchToken,
  seedAccount,
  seedFollowers,
  TEST_DIALECTS,
  type TestApp,
} from '../../../testing/test-context';

type Body = Record<string, unknown> & { errcode?: number; errmsg?: string };

describe.each(TEST_DIALECTS)('users, tags and blacklist (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let at: string;
  let openids: string[];
  let foreignOpenId: string;
  const get = async (path: string) =>
    (await t.app.inject({ method: 'GET', url: `${path}${path.includes('?') ? '&' : '?'}access_token=${at}` })).json<Body>();
  const post = async (path: string, body: unknown) =>
    (
      await t.app.inject({
        method: 'POST',
        url: `${path}?access_token=${at}`,
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      })
    ).json<Body>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const account = await seedAccount(t.services);
    appid = account.appid;
    at = await fetchToken(t.app, appid, account.secret);
    openids = (await seedFollowers(t.services, appid, 5)).sort();
    const other = await seedAccount(t.services, { name: 'Other' });
    foreignOpenId = (await seedFollowers(t.services, other.appid, 1))[0]!;
  });
  afterAll(() => t.close());

  it('user/get pages openids in order and omits data on the page after the last', async () => {
    const first = await get('/cgi-bin/user/get');
    expect(first).toMatchObject({ total: 5, count: 5, data: { openid: openids }, next_openid: openids[4] });
    const after = await get(`/cgi-bin/user/get?next_openid=${openids[4]}`);
    expect(after).toEqual({ errcode: 0, errmsg: 'ok', total: 5, count: 0, next_openid: '' });
    expect('data' in after).toBe(false);
    const middle = await get(`/cgi-bin/user/get?next_openid=${openids[1]}`);
    expect(middle.data).toEqual({ openid: openids.slice(2) });
    expect((await get('/cgi-bin/user/get?next_openid=bad')).errcode).toBe(40003);
  });

  it('user/info returns the post-2021 profile and 40003 for foreign or malformed openids', async () => {
    const info = await get(`/cgi-bin/user/info?openid=${openids[0]}&lang=zh_CN`);
    expect(info).toMatchObject({
      subscribe: 1,
      openid: openids[0],
      subscribe_scene: 'ADD_SCENE_SEARCH',
      remark: '',
      groupid: 0,
      tagid_list: [],
      qr_scene: 0,
      qr_scene_str: '',
    });
    expect(info.subscribe_time).toBe(Math.floor(t.services.clock.nowMs() / 1000));
    expect(String(info.unionid)).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect('nickname' in info).toBe(false);
    expect((await get(`/cgi-bin/user/info?openid=${foreignOpenId}`)).errcode).toBe(40003);
    expect((await get('/cgi-bin/user/info?openid=nope')).errcode).toBe(40003);
    expect((await get('/cgi-bin/user/info')).errcode).toBe(40003);
  });

  it('an unfollowed follower shows subscribe 0, and re-following keeps the openid', async () => {
    const { person } = await t.services.followers.createPerson({ nickname: 'leaver' });
    const { follower } = await t.services.followers.follow(person.id, appid);
    await t.services.followers.unfollow(person.id, appid);
    const info = await get(`/cgi-bin/user/info?openid=${follower.openid}`);
    expect(info).toEqual({ errcode: 0, errmsg: 'ok', subscribe: 0, openid: follower.openid, unionid: follower.unionid });
    const again = await t.services.followers.follow(person.id, appid);
    expect(again.follower.openid).toBe(follower.openid);
    await t.services.followers.unfollow(person.id, appid);
  });

  it('batchget answers up to 100 users, all or nothing', async () => {
    const res = await post('/cgi-bin/user/info/batchget', {
      user_list: openids.slice(0, 2).map((openid) => ({ openid, lang: 'zh_CN' })),
    });
    expect((res.user_info_list as Body[]).map((u) => u.openid)).toEqual(openids.slice(0, 2));
    const tooMany = Array.from({ length: 101 }, () => ({ openid: openids[0] }));
    expect((await post('/cgi-bin/user/info/batchget', { user_list: tooMany })).errcode).toBe(40032);
    expect((await post('/cgi-bin/user/info/batchget', { user_list: [{ openid: foreignOpenId }] })).errcode).toBe(40003);
    expect((await post('/cgi-bin/user/info/batchget', { user_list: 'x' })).errcode).toBe(40032);
  });

  it('updateremark stores a remark under 30 characters', async () => {
    expect((await post('/cgi-bin/user/info/updateremark', { openid: openids[0], remark: '大客户' })).errcode).toBe(0);
    expect((await get(`/cgi-bin/user/info?openid=${openids[0]}`)).remark).toBe('大客户');
    expect((await post('/cgi-bin/user/info/updateremark', { openid: openids[0], remark: 'x'.repeat(30) })).errcode).toBe(47003);
    expect((await post('/cgi-bin/user/info/updateremark', { openid: foreignOpenId, remark: 'a' })).errcode).toBe(40003);
  });

  it('tags: create, list with counts, rename, tag, untag, getidlist, members, delete', async () => {
    const created = await post('/cgi-bin/tags/create', { tag: { name: '广东' } });
    const id = (created.tag as { id: number }).id;
    expect(created.tag).toEqual({ id: 100, name: '广东' });
    expect((await post('/cgi-bin/tags/create', { tag: { name: '广东' } })).errcode).toBe(45157);
    expect((await post('/cgi-bin/tags/create', { tag: { name: '一二三四五六七八九十一' } })).errcode).toBe(45158);
    expect((await post('/cgi-bin/tags/create', { tag: { name: '' } })).errcode).toBe(45157);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: id, openid_list: openids.slice(0, 3) })).errcode).toBe(0);
    const list = (await get('/cgi-bin/tags/get')).tags as { id: number; name: string; count: number }[];
    expect(list).toContainEqual({ id, name: '广东', count: 3 });
    expect(list).toContainEqual({ id: 2, name: '星标组', count: 0 });
    expect((await post('/cgi-bin/tags/getidlist', { openid: openids[0] })).tagid_list).toEqual([id]);
    expect((await get(`/cgi-bin/user/info?openid=${openids[0]}`)).tagid_list).toEqual([id]);
    const members = await post('/cgi-bin/user/tag/get', { tagid: id, next_openid: '' });
    expect(members).toMatchObject({ count: 3, data: { openid: openids.slice(0, 3) } });
    expect((await post('/cgi-bin/tags/members/batchuntagging', { tagid: id, openid_list: [openids[0]] })).errcode).toBe(0);
    expect((await post('/cgi-bin/tags/getidlist', { openid: openids[0] })).tagid_list).toEqual([]);
    expect((await post('/cgi-bin/tags/update', { tag: { id, name: '广州' } })).errcode).toBe(0);
    expect((await post('/cgi-bin/tags/update', { tag: { id: 2, name: 'x' } })).errcode).toBe(45058);
    expect((await post('/cgi-bin/tags/delete', { tag: { id: 1 } })).errcode).toBe(45058);
    expect((await post('/cgi-bin/tags/delete', { tag: { id } })).errcode).toBe(0);
    expect((await post('/cgi-bin/tags/delete', { tag: { id } })).errcode).toBe(45159);
  });

  it('tag limits: 50 openids a call, foreign openids, 20 tags per follower, 100 tags per account', async () => {
    const { tag } = (await post('/cgi-bin/tags/create', { tag: { name: 'limits' } })) as { tag: { id: number } };
    const fifty = Array.from({ length: 51 }, () => openids[0]);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: tag.id, openid_list: fifty })).errcode).toBe(40032);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: tag.id, openid_list: [] })).errcode).toBe(40032);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: tag.id, openid_list: [foreignOpenId] })).errcode).toBe(
      49003,
    );
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: tag.id, openid_list: ['bad'] })).errcode).toBe(40003);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: 99999, openid_list: [openids[0]] })).errcode).toBe(45159);
    expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: 'abc', openid_list: [openids[0]] })).errcode).toBe(45159);
    const ids = [tag.id];
    for (let i = 0; i < 19; i++)
      ids.push(((await post('/cgi-bin/tags/create', { tag: { name: `t${i}` } })).tag as { id: number }).id);
    for (const id of ids)
      expect((await post('/cgi-bin/tags/members/batchtagging', { tagid: id, openid_list: [openids[4]] })).errcode).toBe(0);
    const extra = ((await post('/cgi-bin/tags/create', { tag: { name: 'twenty-first' } })).tag as { id: number }).id;
    const over = await post('/cgi-bin/tags/members/batchtagging', { tagid: extra, openid_list: [openids[3], openids[4]] });
    expect(over.errcode).toBe(45059);
    expect((await post('/cgi-bin/tags/getidlist', { openid: openids[3] })).tagid_list).toEqual([]); // nothing half-done
    let created = ((await get('/cgi-bin/tags/get')).tags as unknown[]).length - 1;
    while (created < 100) {
      expect((await post('/cgi-bin/tags/create', { tag: { name: `fill${created}` } })).errcode).toBe(0);
      created++;
    }
    expect((await post('/cgi-bin/tags/create', { tag: { name: 'one too many' } })).errcode).toBe(45056);
  });

  it('blacklist: add up to 20, page, remove', async () => {
    expect((await post('/cgi-bin/tags/members/batchblacklist', { openid_list: [openids[1], openids[2]] })).errcode).toBe(0);
    const page = await post('/cgi-bin/tags/members/getblacklist', { begin_openid: '' });
    expect(page).toMatchObject({ total: 2, count: 2, data: { openid: [openids[1], openids[2]] }, next_openid: openids[2] });
    const empty = await t.app.inject({ method: 'POST', url: `/cgi-bin/tags/members/getblacklist?access_token=${at}` });
    expect(empty.json<Body>().total).toBe(2);
    const twentyOne = Array.from({ length: 21 }, () => openids[0]);
    expect((await post('/cgi-bin/tags/members/batchblacklist', { openid_list: twentyOne })).errcode).toBe(40032);
    expect((await post('/cgi-bin/tags/members/batchblacklist', { openid_list: [foreignOpenId] })).errcode).toBe(49003);
    expect((await post('/cgi-bin/tags/members/batchunblacklist', { openid_list: [openids[1]] })).errcode).toBe(0);
    expect((await post('/cgi-bin/tags/members/getblacklist', {})).total).toBe(1);
  });

  it('bad input gets WeChat errcodes, never a 500', async () => {
    const raw = (method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, payload, headers });
    const cases: [Awaited<ReturnType<typeof raw>>, number][] = [
      [await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, '{"tag":'), 47001],
      [await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, '[1,2]'), 47001],
      [await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, ''), 44002],
      [
        await raw('POST', `/cgi-bin/tags/getidlist?access_token=${at}`, JSON.stringify({ openid: openids[0] }), {
          'content-type': 'text/plain',
        }),
        0,
      ],
      // The account already has 100 tags here: 45056 proves the form-typed body was read as JSON.
      [
        await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, '{"tag":{"name":"y"}}', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        45056,
      ],
      [await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, '{"tag":"oops"}'), 45159],
      [await raw('GET', `/cgi-bin/tags/create?access_token=${at}`), 43002],
      [await raw('POST', `/cgi-bin/tags/get?access_token=${at}`, '{}'), 43001],
      [await raw('GET', `/cgi-bin/no/such/api?access_token=${at}`), 48001],
      [
        await raw('POST', `/cgi-bin/tags/create?access_token=${at}`, JSON.stringify({ tag: { name: 'x'.repeat(3_000_000) } })),
        47001,
      ],
      [await raw('POST', `/cgi-bin/tags/create`, '{}'), 41001],
    ];
    for (const [res, errcode] of cases) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json<Body>().errcode).toBe(errcode);
    }
  });
});
