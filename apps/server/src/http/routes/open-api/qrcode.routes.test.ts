import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

interface Created {
  errcode: number;
  errmsg: string;
  ticket: string;
  expire_seconds?: number;
  url: string;
}

/** Reads the QR code in a PNG the way a phone camera would. */
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe.each(TEST_DIALECTS)('QR codes and short links (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let secret: string;
  let at: string;
  const post = async <T = Record<string, unknown>>(path: string, body: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${encodeURIComponent(at)}`,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.statusCode).toBe(200);
    return res.json<T & { errcode: number; errmsg: string }>();
  };
  const create = (body: unknown) => post<Created>('/cgi-bin/qrcode/create', body);
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, secret } = await seedAccount(t.services));
    at = await fetchToken(t.app, appid, secret);
  });
  afterAll(() => t.close());

  it('creates codes for all four actions in WeChat shape', async () => {
    const cases = [
      { action_name: 'QR_SCENE', expire_seconds: 604800, action_info: { scene: { scene_id: 123 } } },
      { action_name: 'QR_STR_SCENE', expire_seconds: 604800, action_info: { scene: { scene_str: 'test' } } },
      { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100000 } } },
      { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: '渠道-A' } } },
    ];
    for (const body of cases) {
      const res = await create(body);
      expect(res.errcode, body.action_name).toBe(0);
      expect(res.ticket).toMatch(/^gQH[A-Za-z0-9+/]+=*$/);
      expect(res.url).toMatch(/^http:\/\/gzh\.test\/q\/[A-Za-z0-9_-]{22}$/);
      if (body.action_name.startsWith('QR_LIMIT')) expect(res).not.toHaveProperty('expire_seconds');
      else expect(res.expire_seconds).toBe(604800);
    }
  });

  it('defaults temporary codes to 60 s and clamps lifetimes to 30 days', async () => {
    expect((await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } })).expire_seconds).toBe(60);
    expect(
      (await create({ action_name: 'QR_STR_SCENE', expire_seconds: 99_999_999, action_info: { scene: { scene_str: 'a' } } }))
        .expire_seconds,
    ).toBe(2_592_000);
    const bad = await create({ action_name: 'QR_SCENE', expire_seconds: -5, action_info: { scene: { scene_id: 1 } } });
    expect(bad.errcode).toBe(47001);
  });

  it('answers 40052 for an unknown action and 40053 for a scene out of range, never a 500', async () => {
    const cases: [unknown, number][] = [
      [{ action_name: 'QR_NOPE', action_info: { scene: { scene_id: 1 } } }, 40052],
      [{ action_name: 42, action_info: { scene: { scene_id: 1 } } }, 40052],
      [{ action_info: { scene: { scene_id: 1 } } }, 40052],
      [{ action_name: 'QR_SCENE' }, 40053],
      [{ action_name: 'QR_SCENE', action_info: 'scene' }, 40053],
      [{ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }, 40053],
      [{ action_name: 'QR_SCENE', action_info: { scene: { scene_id: -1 } } }, 40053],
      [{ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 4_294_967_296 } } }, 40053],
      [{ action_name: 'QR_SCENE', action_info: { scene: { scene_id: { n: 1 } } } }, 40053],
      [{ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100_001 } } }, 40053],
      [{ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: '' } } }, 40053],
      [{ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } }, 40053],
      [{ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: ['x'] } } }, 40053],
      ['not json', 47001],
      ['[1,2]', 47001],
      ['', 44002],
    ];
    for (const [body, errcode] of cases) {
      const res = await create(body);
      expect(res.errcode, JSON.stringify(body)).toBe(errcode);
      expect(res.errmsg).toMatch(/ rid: /);
    }
  });

  it('returns the same ticket for a permanent scene created again, a new one for temporary codes', async () => {
    const body = { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'again' } } };
    const first = await create(body);
    const second = await create(body);
    expect(second.ticket).toBe(first.ticket);
    expect(second.url).toBe(first.url);
    const temp = { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'again' } } };
    expect((await create(temp)).ticket).not.toBe((await create(temp)).ticket);
  });

  it('serves a scannable PNG of the code URL at showqrcode, without a token', async () => {
    const created = await create({ action_name: 'QR_SCENE', expire_seconds: 300, action_info: { scene: { scene_id: 77 } } });
    // WxJava appends an access_token; it is ignored.
    const res = await get(`/cgi-bin/showqrcode?ticket=${encodeURIComponent(created.ticket)}&access_token=whatever`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(decodeQr(res.rawPayload)).toBe(created.url);
  });

  it('answers 404 with text for unknown and expired tickets', async () => {
    const unknown = await get('/cgi-bin/showqrcode?ticket=gQHnothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/plain/);
    expect((await get('/cgi-bin/showqrcode')).statusCode).toBe(404);

    const created = await create({ action_name: 'QR_SCENE', expire_seconds: 30, action_info: { scene: { scene_id: 5 } } });
    const url = `/cgi-bin/showqrcode?ticket=${encodeURIComponent(created.ticket)}`;
    expect((await get(url)).statusCode).toBe(200);
    t.time.advance(30_000);
    const expired = await get(url);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('expired');
    expect((await get(new URL(created.url).pathname)).statusCode).toBe(404);
  });

  it('redirects the code URL to the follower client with the ticket', async () => {
    const created = await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 8 } } });
    const res = await get(new URL(created.url).pathname);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/phone/?scan=${encodeURIComponent(created.ticket)}`);
    expect((await get('/q/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await get('/q/nope')).statusCode).toBe(404);
  });

  it('follows by scan with subscribe_scene ADD_SCENE_QR_CODE and the scene in user/info', async () => {
    const byId = await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 4321 } } });
    const byStr = await create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'poster' } } });
    const info = async (openid: string) =>
      (await get(`/cgi-bin/user/info?access_token=${encodeURIComponent(at)}&openid=${openid}`)).json<Record<string, unknown>>();

    const { person: p1 } = await t.services.followers.createPerson({ nickname: 'scanner 1' });
    const s1 = await t.services.followers.scan(p1.id, byId.ticket);
    expect(s1.account.appid).toBe(appid);
    expect(s1.event.alreadyFollowing).toBe(false);
    expect(await info(s1.follower.openid)).toMatchObject({
      subscribe: 1,
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 4321,
      qr_scene_str: '',
    });

    // Scanning the URL the camera reads (the follower API passes `code:<code>`).
    const { person: p2, token } = await t.services.followers.createPerson({ nickname: 'scanner 2' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/follower/scan',
      headers: { authorization: `Bearer ${token}` },
      payload: { url: byStr.url },
    });
    expect(res.statusCode).toBe(200);
    const openid = res.json<{ openid: string }>().openid;
    expect(await info(openid)).toMatchObject({ subscribe_scene: 'ADD_SCENE_QR_CODE', qr_scene: 0, qr_scene_str: 'poster' });
    expect((await t.services.followers.scan(p2.id, byStr.ticket)).event.alreadyFollowing).toBe(true);

    // An expired code cannot be followed by (HTTP 400 on the follower API).
    t.time.advance(60_000);
    const { token: late } = await t.services.followers.createPerson({ nickname: 'late' });
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/follower/scan',
      headers: { authorization: `Bearer ${late}` },
      payload: { ticket: byId.ticket },
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('qrcode.expired');
  });

  it('shortens URLs and redirects /s/<key> to them', async () => {
    const res = await post<{ short_url: string }>('/cgi-bin/shorturl', {
      action: 'long2short',
      long_url: 'https://example.com/路径?q=1',
    });
    expect(res.errcode).toBe(0);
    expect(res.short_url).toMatch(/^http:\/\/gzh\.test\/s\/[A-Za-z0-9]{7}$/);
    const hop = await get(new URL(res.short_url).pathname);
    expect(hop.statusCode).toBe(302);
    expect(hop.headers.location).toBe('https://example.com/%E8%B7%AF%E5%BE%84?q=1');
    expect((await get('/s/zzzzzzz')).statusCode).toBe(404);

    expect((await post('/cgi-bin/shorturl', { action: 'short2long', long_url: 'https://example.com' })).errcode).toBe(40052);
    expect((await post('/cgi-bin/shorturl', { action: 'long2short', long_url: 'javascript:alert(1)' })).errcode).toBe(47003);
    expect((await post('/cgi-bin/shorturl', { action: 'long2short' })).errcode).toBe(47003);
  });

  it('stores and fetches shorten data with its remaining lifetime and errcodes', async () => {
    const gen = await post<{ short_key: string }>('/cgi-bin/shorten/gen', { long_data: 'loooooong data', expire_seconds: 86400 });
    expect(gen.errcode).toBe(0);
    expect(gen.short_key).toMatch(/^[A-Za-z0-9]{15}$/);
    const created = Math.floor(t.services.clock.nowMs() / 1000);
    t.time.advance(400_000);
    const fetched = await post('/cgi-bin/shorten/fetch', { short_key: gen.short_key });
    expect(fetched).toEqual({
      errcode: 0,
      errmsg: 'ok',
      long_data: 'loooooong data',
      create_time: created,
      expire_seconds: 86000,
    });

    const def = await post<{ short_key: string }>('/cgi-bin/shorten/gen', { long_data: 'x' });
    expect((await post('/cgi-bin/shorten/fetch', { short_key: def.short_key })).expire_seconds).toBe(2_592_000);

    expect((await post('/cgi-bin/shorten/gen', { long_data: 'x'.repeat(4097) })).errcode).toBe(9410010);
    expect((await post('/cgi-bin/shorten/gen', { long_data: 'x', expire_seconds: 2_592_001 })).errcode).toBe(9410011);
    expect((await post('/cgi-bin/shorten/gen', { long_data: 'x', expire_seconds: 'never' })).errcode).toBe(47003);
    expect((await post('/cgi-bin/shorten/gen', {})).errcode).toBe(47003);
    expect((await post('/cgi-bin/shorten/fetch', { short_key: 'AAAAAAAAAAAAAAA' })).errcode).toBe(9410012);
    expect((await post('/cgi-bin/shorten/fetch', { short_key: 12 })).errcode).toBe(47003);

    t.time.advance(86_000_000);
    at = await fetchToken(t.app, appid, secret); // the old token died with the day
    expect((await post('/cgi-bin/shorten/fetch', { short_key: gen.short_key })).errcode).toBe(9410012);
    // A shorten key is data, not a link.
    expect((await get(`/s/${def.short_key}`)).statusCode).toBe(404);
  });
});
