/**
 * Interop: the unchanged `wechat-api` SDK (node-webot/wechat-api 1.35, from npm) against a gzh
 * server listening on a real port.
 *
 * What it proves: a developer who already uses `wechat-api` points it at gzh by setting the SDK's
 * own public base-URL properties and nothing else, and then gets tokens, menus, followers, user
 * info, tags and QR codes with the same method names and result shapes as against
 * api.weixin.qq.com; WeChat errcodes arrive as the SDK's `WeChatAPIError` with `code` set; and
 * the token rules the SDK depends on hold (cache until expiry; 40001 for a token gzh no longer
 * accepts, which is the only errcode this SDK retries on).
 *
 * How the SDK is pointed at gzh (read from node_modules/wechat-api/lib/api_common.js): every API
 * URL is `this.endpoint + '/cgi-bin/…'` (default `https://api.weixin.qq.com`), `showQRCodeURL`
 * is `this.mpPrefix + 'showqrcode?ticket=…'`, and the two legacy uploads (`uploadImage` for cards,
 * `uploadMPVideo`) use `this.fileServerPrefix`. The SDK's `setEndpoint(domain)` forces `https://`,
 * so the plain-HTTP test server is set through the `endpoint` property directly. Nothing in the
 * files driven here (api_common, api_menu, api_user, api_tag, api_qrcode) is hard-coded to
 * api.weixin.qq.com, so no endpoint had to be skipped.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WechatAPI from 'wechat-api';
import type { AccessToken, Callback, MenuButton, MenuResult, Ok, OpenIdPage, QrTicket, Tag, UserInfo } from 'wechat-api';
import { buildApp } from '../../apps/server/src/http/app';
import { createTestContext, seedAccount, seedFollowers, type TestContext } from '../../apps/server/src/testing/test-context';

/** Runs one callback-style SDK method as a promise (the SDK predates promises). */
function call<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
}

/** A token store in the shape of the SDK's documented `getToken`/`saveToken` hooks. */
interface TokenStore {
  token: AccessToken | undefined;
}

let ctx: TestContext;
let app: FastifyInstance;
let baseUrl: string;
/** Every request the server received, as `URL`s, so tests can count what the SDK really sent. */
const received: URL[] = [];

const sent = (path: string): URL[] => received.filter((u) => u.pathname === path);

/** A fresh SDK instance, as a developer would configure it for gzh. */
function sdk(account: { appid: string; secret: string }, store?: TokenStore): WechatAPI {
  const api = store
    ? new WechatAPI(
        account.appid,
        account.secret,
        (done) => done(null, store.token),
        (token, done) => {
          store.token = token;
          done(null);
        },
      )
    : new WechatAPI(account.appid, account.secret);
  api.endpoint = baseUrl;
  api.mpPrefix = `${baseUrl}/cgi-bin/`;
  api.fileServerPrefix = `${baseUrl}/cgi-bin/`;
  return api;
}

beforeAll(async () => {
  ctx = await createTestContext('sqlite');
  app = await buildApp({ services: ctx.services, logger: false, webRoot: { console: '/nonexistent', client: '/nonexistent' } });
  app.addHook('onRequest', async (request) => {
    received.push(new URL(request.url, 'http://gzh.invalid'));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

beforeEach(() => {
  received.length = 0;
});

describe('wechat-api against a listening gzh: access token', () => {
  it('fetches a token from /cgi-bin/token once and reuses it for later calls', async () => {
    const account = await seedAccount(ctx.services, { name: 'Token Cache' });
    const api = sdk(account);

    const before = Date.now();
    const token = await call<AccessToken>((done) => api.getLatestToken(done));
    expect(token.accessToken).toMatch(/^\d{2}_[\w-]{150}$/);
    // The SDK caches for expires_in (7200 s) minus 10 s.
    expect(token.expireTime).toBeGreaterThanOrEqual(before + 7190_000);
    expect(token.expireTime).toBeLessThanOrEqual(Date.now() + 7190_000);

    await call<OpenIdPage>((done) => api.getFollowers(done));
    await call<{ tags: Tag[] }>((done) => api.getTags(done));
    expect(await call<AccessToken>((done) => api.getLatestToken(done))).toEqual(token);

    expect(sent('/cgi-bin/token')).toHaveLength(1);
    expect(sent('/cgi-bin/token')[0]!.searchParams.get('appid')).toBe(account.appid);
    const apiCalls = [...sent('/cgi-bin/user/get'), ...sent('/cgi-bin/tags/get')];
    expect(apiCalls).toHaveLength(2);
    for (const url of apiCalls) expect(url.searchParams.get('access_token')).toBe(token.accessToken);
  });

  it('refuses a wrong AppSecret with 40125 as an SDK error', async () => {
    const account = await seedAccount(ctx.services, { name: 'Wrong Secret' });
    const api = sdk({ appid: account.appid, secret: 'f'.repeat(32) });
    await expect(call<OpenIdPage>((done) => api.getFollowers(done))).rejects.toMatchObject({
      name: 'WeChatAPIError',
      code: 40125,
    });
  });
});

describe('wechat-api against a listening gzh: custom menu', () => {
  const menu: { button: MenuButton[] } = {
    button: [
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
        ],
      },
    ],
  };
  let api: WechatAPI;

  beforeAll(async () => {
    api = sdk(await seedAccount(ctx.services, { name: 'Menus' }));
  });

  it('creates a menu, reads it back as WeChat shapes it, and deletes it (then getMenu is 46003)', async () => {
    await expect(call<MenuResult>((done) => api.getMenu(done))).rejects.toMatchObject({ name: 'WeChatAPIError', code: 46003 });

    expect(await call<Ok>((done) => api.createMenu(menu, done))).toMatchObject({ errcode: 0, errmsg: 'ok' });

    const got = await call<MenuResult>((done) => api.getMenu(done));
    // menu/get lists `sub_button: []` on every leaf, which is what SDK users iterate over.
    expect(got.menu.button).toEqual([
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
        ],
      },
    ]);

    expect(await call<Ok>((done) => api.removeMenu(done))).toMatchObject({ errcode: 0 });
    const afterRemove = call<MenuResult>((done) => api.getMenu(done));
    await expect(afterRemove).rejects.toMatchObject({ name: 'WeChatAPIError', code: 46003 });
    await expect(afterRemove).rejects.toThrow(/menu no exist/);
  });

  it('rejects a menu with four top-level buttons with 40016 and keeps no menu', async () => {
    const four = { button: [1, 2, 3, 4].map((n) => ({ type: 'click', name: `b${n}`, key: `K${n}` })) };
    await expect(call<Ok>((done) => api.createMenu(four, done))).rejects.toMatchObject({ code: 40016 });
    await expect(call<MenuResult>((done) => api.getMenu(done))).rejects.toMatchObject({ code: 46003 });
  });
});

describe('wechat-api against a listening gzh: followers and user info', () => {
  let api: WechatAPI;
  let openids: string[];
  let followedAt: number;

  beforeAll(async () => {
    const account = await seedAccount(ctx.services, { name: 'Followers' });
    followedAt = Math.floor(ctx.services.clock.nowMs() / 1000);
    openids = await seedFollowers(ctx.services, account.appid, 3);
    api = sdk(account);
  });

  it('pages user/get: every follower on the first page, then an empty page after next_openid', async () => {
    const first = await call<OpenIdPage>((done) => api.getFollowers(done));
    expect(first.total).toBe(3);
    expect(first.count).toBe(3);
    expect([...first.data!.openid].sort()).toEqual([...openids].sort());
    expect(first.next_openid).toBe(first.data!.openid[2]);

    const after = await call<OpenIdPage>((done) => api.getFollowers(first.next_openid, done));
    expect(after).toMatchObject({ total: 3, count: 0, next_openid: '' });
    // WeChat leaves `data` out of the page after the last one (what paging loops stop on).
    expect(after.data).toBeUndefined();
    expect(sent('/cgi-bin/user/get').map((u) => u.searchParams.get('next_openid'))).toEqual(['', first.next_openid]);
  });

  it('returns user/info of a follower with the post-2021 fields', async () => {
    const info = await call<UserInfo>((done) => api.getUser(openids[0]!, done));
    expect(info).toMatchObject({
      subscribe: 1,
      openid: openids[0],
      subscribe_time: followedAt,
      remark: '',
      groupid: 0,
      tagid_list: [],
    });
    expect(typeof info.subscribe_scene).toBe('string');
    // The SDK asks for lang=en when given a bare openid.
    expect(sent('/cgi-bin/user/info')[0]!.searchParams.get('lang')).toBe('en');
  });

  it('returns user/info/batchget in the order asked', async () => {
    const asked = [openids[2]!, openids[0]!];
    const { user_info_list } = await call<{ user_info_list: UserInfo[] }>((done) => api.batchGetUsers(asked, done));
    expect(user_info_list.map((u) => u.openid)).toEqual(asked);
    expect(user_info_list.every((u) => u.subscribe === 1)).toBe(true);
  });

  it('answers an unknown openid with 40003', async () => {
    const stranger = `o${'A'.repeat(27)}`;
    await expect(call<UserInfo>((done) => api.getUser(stranger, done))).rejects.toMatchObject({
      name: 'WeChatAPIError',
      code: 40003,
    });
  });
});

describe('wechat-api against a listening gzh: tags', () => {
  let api: WechatAPI;
  let openids: string[];

  beforeAll(async () => {
    const account = await seedAccount(ctx.services, { name: 'Tags' });
    openids = await seedFollowers(ctx.services, account.appid, 3);
    api = sdk(account);
  });

  it('creates, renames, tags, lists, untags and deletes a tag', async () => {
    const { tag } = await call<{ tag: Tag }>((done) => api.createTag('VIP 客户', done));
    expect(tag.name).toBe('VIP 客户');
    expect(tag.id).toBeGreaterThanOrEqual(100);

    let { tags } = await call<{ tags: Tag[] }>((done) => api.getTags(done));
    expect(tags).toContainEqual({ id: tag.id, name: 'VIP 客户', count: 0 });
    // WeChat's star group is always listed.
    expect(tags).toContainEqual(expect.objectContaining({ id: 2, name: '星标组' }));

    await call<Ok>((done) => api.editTag(tag.id, '高价值客户', done));
    await call<Ok>((done) => api.membersBatchtagging(tag.id, [openids[0]!, openids[1]!], done));

    ({ tags } = await call<{ tags: Tag[] }>((done) => api.getTags(done)));
    expect(tags).toContainEqual({ id: tag.id, name: '高价值客户', count: 2 });
    expect(await call<{ tagid_list: number[] }>((done) => api.getUserTags(openids[0]!, done))).toMatchObject({
      tagid_list: [tag.id],
    });
    expect(await call<{ tagid_list: number[] }>((done) => api.getUserTags(openids[2]!, done))).toMatchObject({ tagid_list: [] });
    expect(await call<UserInfo>((done) => api.getUser(openids[1]!, done))).toMatchObject({
      tagid_list: [tag.id],
      groupid: tag.id,
    });

    const members = await call<OpenIdPage>((done) => api.getTagUsers(tag.id, '', done));
    expect(members.count).toBe(2);
    expect([...members.data!.openid].sort()).toEqual([openids[0]!, openids[1]!].sort());
    expect(members.next_openid).toBe(members.data!.openid[1]);

    await call<Ok>((done) => api.membersBatchuntagging(tag.id, [openids[1]!], done));
    expect(await call<OpenIdPage>((done) => api.getTagUsers(tag.id, '', done))).toMatchObject({
      count: 1,
      data: { openid: [openids[0]] },
    });

    await call<Ok>((done) => api.deleteTag(tag.id, done));
    ({ tags } = await call<{ tags: Tag[] }>((done) => api.getTags(done)));
    expect(tags.map((t) => t.id)).not.toContain(tag.id);
    expect(await call<{ tagid_list: number[] }>((done) => api.getUserTags(openids[0]!, done))).toMatchObject({ tagid_list: [] });
  });

  it('reports WeChat tag errors as SDK errors: duplicate name 45157, unknown tag 45159', async () => {
    await call<{ tag: Tag }>((done) => api.createTag('重复', done));
    await expect(call<{ tag: Tag }>((done) => api.createTag('重复', done))).rejects.toMatchObject({ code: 45157 });
    await expect(call<Ok>((done) => api.deleteTag(9999, done))).rejects.toMatchObject({ code: 45159 });
  });
});

describe('wechat-api against a listening gzh: QR codes', () => {
  let api: WechatAPI;

  beforeAll(async () => {
    api = sdk(await seedAccount(ctx.services, { name: 'QR Codes' }));
  });

  /** Fetches the SDK's showqrcode URL like an <img> would; returns the PNG and what it scans to. */
  async function image(ticket: string): Promise<{ png: Buffer; scansTo: string | undefined }> {
    const url = api.showQRCodeURL(ticket);
    expect(url.startsWith(`${baseUrl}/cgi-bin/showqrcode?ticket=`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/png/);
    const png = Buffer.from(await res.arrayBuffer());
    const decoded = PNG.sync.read(png);
    return { png, scansTo: jsQR(new Uint8ClampedArray(decoded.data), decoded.width, decoded.height)?.data };
  }

  it('creates a temporary code whose showqrcode image is a PNG that scans to its url', async () => {
    const qr = await call<QrTicket>((done) => api.createTmpQRCode(123, 600, done));
    expect(qr.ticket).toBeTruthy();
    expect(qr.expire_seconds).toBe(600);

    const { png, scansTo } = await image(qr.ticket);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(scansTo).toBe(qr.url);

    // A person who scans it follows with the code's scene, which user/info reports.
    const { person } = await ctx.services.followers.createPerson({ nickname: 'scanner' });
    const { follower } = await ctx.services.followers.scan(person.id, qr.ticket);
    expect(await call<UserInfo>((done) => api.getUser(follower.openid, done))).toMatchObject({
      subscribe: 1,
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 123,
    });
  });

  it('creates a permanent string-scene code without expire_seconds, with a PNG image', async () => {
    const qr = await call<QrTicket>((done) => api.createLimitQRCode('spring-campaign', done));
    expect(qr.ticket).toBeTruthy();
    expect(qr).not.toHaveProperty('expire_seconds');

    const { png, scansTo } = await image(qr.ticket);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(scansTo).toBe(qr.url);

    const { person } = await ctx.services.followers.createPerson({ nickname: 'campaign scanner' });
    const { follower } = await ctx.services.followers.scan(person.id, qr.ticket);
    expect(await call<UserInfo>((done) => api.getUser(follower.openid, done))).toMatchObject({ qr_scene_str: 'spring-campaign' });
  });

  it('answers showqrcode for an unknown ticket with a 404, not an image', async () => {
    const res = await fetch(api.showQRCodeURL('gQNoSuchTicket'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toMatch(/image/);
  });
});

// Last, because it moves the server clock forward.
describe('wechat-api against a listening gzh: token invalidation', () => {
  it('after revokeAll the SDK gets 40001, retries once, and recovers with a new token once its store drops the old one', async () => {
    const account = await seedAccount(ctx.services, { name: 'Token Revoke' });
    const store: TokenStore = { token: undefined };
    const api = sdk(account, store);
    await call<OpenIdPage>((done) => api.getFollowers(done));
    const revoked = store.token!.accessToken;

    await ctx.services.tokens.revokeAll(account.accountId);
    received.length = 0;
    await expect(call<OpenIdPage>((done) => api.getFollowers(done))).rejects.toMatchObject({
      name: 'WeChatAPIError',
      code: 40001,
    });
    // wechat-api retries a 40001 once, but its retry re-reads `getToken` rather than fetching a new
    // token, so while the store still holds the revoked one the retry sends it again.
    expect(sent('/cgi-bin/user/get')).toHaveLength(2);
    expect(sent('/cgi-bin/token')).toHaveLength(0);

    // Once the store no longer offers the revoked token (a shared store cleared on revocation, or
    // the SDK's own copy reaching expireTime), the next call fetches a fresh token and succeeds.
    store.token = undefined;
    received.length = 0;
    expect(await call<OpenIdPage>((done) => api.getFollowers(done))).toMatchObject({ total: 0, count: 0 });
    expect(sent('/cgi-bin/token')).toHaveLength(1);
    expect(store.token!.accessToken).not.toBe(revoked);
  });

  it('keeps a superseded token working for 5 minutes, then answers 40001 (which the SDK retries once)', async () => {
    const account = await seedAccount(ctx.services, { name: 'Token Supersede' });
    // Two processes with their own in-memory stores: the second one's token supersedes the first's.
    const first = sdk(account);
    const second = sdk(account);
    await call<OpenIdPage>((done) => first.getFollowers(done));
    await call<OpenIdPage>((done) => second.getFollowers(done));
    expect(second.token!.accessToken).not.toBe(first.token!.accessToken);

    await call<OpenIdPage>((done) => first.getFollowers(done));
    ctx.time.advance(301_000);
    received.length = 0;
    await expect(call<OpenIdPage>((done) => first.getFollowers(done))).rejects.toMatchObject({
      name: 'WeChatAPIError',
      code: 40001,
    });
    expect(sent('/cgi-bin/user/get')).toHaveLength(2);
    expect(await call<OpenIdPage>((done) => second.getFollowers(done))).toMatchObject({ total: 0 });
  });
});
