import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMR, GIF, JPEG, MP3, MP4, PNG, multipart, type Part } from '../../../testing/media-fixtures';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown> & { errcode: number; errmsg: string };
const MiB = 1024 * 1024;

describe.each(TEST_DIALECTS)('temporary media: media/upload, media/get, uploadimg, uploadvideo, uploadnews (%s)', (dialect) => {
  let t: TestApp;
  let at: string;
  let other: string;
  const account = { appid: '', secret: '' };

  const upload = async (path: string, parts: Part[], query = '') => {
    const { payload, headers } = multipart(parts);
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${encodeURIComponent(at)}${query}`,
      payload,
      headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json<Json>();
  };
  const uploadMedia = (type: string, filename: string, data: Buffer) =>
    upload('/cgi-bin/media/upload', [{ name: 'media', filename, data }], `&type=${type}`);
  const getMedia = (mediaId: string, token = at) =>
    t.app.inject({
      method: 'GET',
      url: `/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`,
    });
  const post = async (path: string, body: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${encodeURIComponent(at)}`,
      payload: JSON.stringify(body),
    });
    return res.json<Json>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(account, await seedAccount(t.services));
    at = await fetchToken(t.app, account.appid, account.secret);
    const second = await seedAccount(t.services, { name: 'Other Account' });
    other = await fetchToken(t.app, second.appid, second.secret);
  });
  afterAll(() => t.close());

  it('uploads an image and downloads the same bytes with its Content-Type and file name', async () => {
    const bytes = JPEG(5000);
    const res = await uploadMedia('image', 'photo.jpg', bytes);
    expect(res).toMatchObject({ errcode: 0, type: 'image', created_at: Math.floor(t.services.clock.nowMs() / 1000) });
    expect(res.media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);

    const got = await getMedia(res.media_id as string);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${res.media_id as string}.jpg"`);
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('answers thumb uploads under thumb_media_id, and takes png, gif, amr and mp3 by their types', async () => {
    const thumb = await uploadMedia('thumb', 'cover.JPG', JPEG(1000));
    expect(thumb).toMatchObject({ errcode: 0, type: 'thumb', item: [] });
    expect(thumb.thumb_media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(thumb).not.toHaveProperty('media_id');

    for (const [type, name, data, contentType] of [
      ['image', 'a.png', PNG(), 'image/png'],
      ['image', 'a.gif', GIF(), 'image/gif'],
      ['voice', 'a.amr', AMR(), 'audio/amr'],
      ['voice', 'a.mp3', MP3(), 'audio/mpeg'],
    ] as const) {
      const res = await uploadMedia(type, name, data);
      expect(res, name).toMatchObject({ errcode: 0, type });
      const got = await getMedia(res.media_id as string);
      expect(got.headers['content-type'], name).toBe(contentType);
      expect(got.rawPayload.equals(data), name).toBe(true);
    }
  });

  it('answers media/get of a video with {video_url}, which a browser can fetch', async () => {
    const bytes = MP4(4000);
    const res = await uploadMedia('video', 'clip.mp4', bytes);
    const got = await getMedia(res.media_id as string);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    const { video_url } = got.json<{ video_url: string }>();
    expect(video_url).toMatch(/^http:\/\/gzh\.test\/mmbiz\/[A-Za-z0-9_-]{32}$/);
    const file = await t.app.inject({ method: 'GET', url: new URL(video_url).pathname });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('video/mp4');
    expect(file.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses a wrong or missing type with 40004 and a missing media part with 41005', async () => {
    expect((await uploadMedia('news', 'a.jpg', JPEG())).errcode).toBe(40004);
    expect((await uploadMedia('IMAGE', 'a.jpg', JPEG())).errcode).toBe(40004);
    expect((await upload('/cgi-bin/media/upload', [{ name: 'media', filename: 'a.jpg', data: JPEG() }])).errcode).toBe(40004);
    expect(
      (await upload('/cgi-bin/media/upload', [{ name: 'file', filename: 'a.jpg', data: JPEG() }], '&type=image')).errcode,
    ).toBe(41005);
    expect((await upload('/cgi-bin/media/upload', [{ name: 'media', data: 'not a file' }], '&type=image')).errcode).toBe(41005);
    const raw = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/media/upload?access_token=${at}&type=image`,
      headers: { 'content-type': 'image/jpeg' },
      payload: JPEG(),
    });
    expect(raw.json<Json>().errcode).toBe(41005);
    const noBoundary = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/media/upload?access_token=${at}&type=image`,
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'garbage',
    });
    expect(noBoundary.json<Json>().errcode).toBe(41005);
  });

  it('checks the extension and the bytes (40005), and an empty file (44001)', async () => {
    expect((await uploadMedia('image', 'notes.txt', JPEG())).errcode).toBe(40005);
    expect((await uploadMedia('image', 'noextension', JPEG())).errcode).toBe(40005);
    const fake = await uploadMedia('image', 'fake.jpg', Buffer.from('this is text, not a JPEG at all'));
    expect(fake.errcode).toBe(40005);
    expect(fake.errmsg).toMatch(/^invalid file type/);
    // A thumb must be a JPEG: a PNG, even named .jpg, is refused.
    expect((await uploadMedia('thumb', 'cover.jpg', PNG())).errcode).toBe(40005);
    expect((await uploadMedia('thumb', 'cover.png', PNG())).errcode).toBe(40005);
    expect((await uploadMedia('voice', 'song.wav', AMR())).errcode).toBe(40005);
    expect((await uploadMedia('video', 'clip.mp4', JPEG())).errcode).toBe(40005);
    expect((await uploadMedia('image', 'empty.jpg', Buffer.alloc(0))).errcode).toBe(44001);
  });

  it('refuses files over their type limit with 40009–40012', async () => {
    expect((await uploadMedia('thumb', 'big.jpg', JPEG(64 * 1024 + 1))).errcode).toBe(40012);
    expect((await uploadMedia('thumb', 'ok.jpg', JPEG(64 * 1024))).errcode).toBe(0);
    expect((await uploadMedia('voice', 'big.mp3', MP3(2 * MiB + 1))).errcode).toBe(40010);
    expect((await uploadMedia('image', 'big.png', PNG(10 * MiB + 1))).errcode).toBe(40009);
    expect((await uploadMedia('video', 'big.mp4', MP4(10 * MiB + 1))).errcode).toBe(40011);
  });

  it('answers 45001 to an upload past the body limit over a real connection, without resetting it', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const { payload, headers } = multipart([{ name: 'media', filename: 'huge.jpg', data: JPEG(24 * MiB) }]);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/cgi-bin/media/upload?access_token=${encodeURIComponent(at)}&type=image`,
          headers: { ...headers, 'content-length': String(payload.length) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ errcode: 45001 });
  });

  it('answers 40007 for unknown, foreign and expired ids; temporary media last 3 days', async () => {
    const { media_id } = await uploadMedia('image', 'a.jpg', JPEG());
    expect((await getMedia('no-such-media')).json<Json>().errcode).toBe(40007);
    expect((await getMedia('')).json<Json>().errcode).toBe(40007);
    expect((await getMedia(media_id as string, other)).json<Json>().errcode).toBe(40007);

    t.time.advance(3 * 86_400_000 - 60_000);
    at = await fetchToken(t.app, account.appid, account.secret);
    expect((await getMedia(media_id as string)).statusCode).toBe(200);
    expect((await getMedia(media_id as string)).headers['content-type']).toBe('image/jpeg');
    t.time.advance(60_000);
    const expired = await getMedia(media_id as string);
    expect(expired.headers['content-type']).toMatch(/^application\/json/);
    expect(expired.json<Json>()).toMatchObject({ errcode: 40007 });
    expect(expired.json<Json>().errmsg).toMatch(/^invalid media_id/);
  });

  it('is GET-only for media/get (43001) and POST-only for uploads (43002)', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/cgi-bin/media/get?access_token=${at}&media_id=x` });
    expect(res.json<Json>().errcode).toBe(43001);
    const get = await t.app.inject({ method: 'GET', url: `/cgi-bin/media/upload?access_token=${at}&type=image` });
    expect(get.json<Json>().errcode).toBe(43002);
  });

  it('uploadimg: jpg/png up to 1 MB → a public URL, not a material; other formats 40005, larger 40009', async () => {
    const bytes = PNG(3000);
    const res = await upload('/cgi-bin/media/uploadimg', [{ name: 'media', filename: 'inline.png', data: bytes }]);
    expect(res.errcode).toBe(0);
    expect(res.url).toMatch(/^http:\/\/gzh\.test\/mmbiz\/[A-Za-z0-9_-]{32}$/);
    const file = await t.app.inject({ method: 'GET', url: new URL(res.url as string).pathname });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['cache-control']).toMatch(/max-age/);
    expect(file.rawPayload.equals(bytes)).toBe(true);

    expect((await upload('/cgi-bin/media/uploadimg', [{ name: 'media', filename: 'a.gif', data: GIF() }])).errcode).toBe(40005);
    expect((await upload('/cgi-bin/media/uploadimg', [{ name: 'media', filename: 'a.jpg', data: JPEG(MiB + 1) }])).errcode).toBe(
      40009,
    );
    expect((await upload('/cgi-bin/media/uploadimg', [])).errcode).toBe(41005);
    const counts = await t.app.inject({ method: 'GET', url: `/cgi-bin/material/get_materialcount?access_token=${at}` });
    expect(counts.json()).toMatchObject({ image_count: 0 });
  });

  it('uploadvideo turns an uploaded video into a broadcast video with title and description', async () => {
    const { media_id } = await uploadMedia('video', 'clip.mp4', MP4(2000));
    const res = await post('/cgi-bin/media/uploadvideo', { media_id, title: '发布会', description: '全程回顾' });
    expect(res).toMatchObject({ errcode: 0, type: 'video', created_at: Math.floor(t.services.clock.nowMs() / 1000) });
    expect(res.media_id).not.toBe(media_id);
    const ref = await t.services.media.resolve((await t.services.accounts.getByAppId(account.appid))!.id, res.media_id as string);
    expect(ref).toMatchObject({ type: 'video', title: '发布会', description: '全程回顾', permanent: false });

    const { media_id: image } = await uploadMedia('image', 'a.jpg', JPEG());
    expect((await post('/cgi-bin/media/uploadvideo', { media_id: image, title: 'x' })).errcode).toBe(40007);
    expect((await post('/cgi-bin/media/uploadvideo', { media_id: 'nope' })).errcode).toBe(40007);
    expect((await post('/cgi-bin/media/uploadvideo', { media_id, title: 5 })).errcode).toBe(47001);
    expect((await post('/cgi-bin/media/uploadvideo', { media_id, title: 'x'.repeat(65) })).errcode).toBe(45003);
  });

  it('uploadnews stores legacy news for broadcasts and validates its articles', async () => {
    const { thumb_media_id } = await uploadMedia('thumb', 't.jpg', JPEG());
    const article = {
      thumb_media_id,
      author: 'gzh',
      title: '标题',
      content_source_url: 'https://example.com',
      content: '<p>正文</p>',
      digest: '摘要',
      show_cover_pic: 1,
    };
    const res = await post('/cgi-bin/media/uploadnews', { articles: [article] });
    expect(res).toMatchObject({ errcode: 0, type: 'news' });
    const accountId = (await t.services.accounts.getByAppId(account.appid))!.id;
    const news = await t.services.media.newsMaterial(accountId, res.media_id as string);
    expect(news).toEqual([
      expect.objectContaining({
        title: '标题',
        thumbMediaId: thumb_media_id,
        showCoverPic: true,
        contentSourceUrl: 'https://example.com',
      }),
    ]);
    expect(news![0]!.thumbUrl).toMatch(/^http:\/\/gzh\.test\/mmbiz\//);
    // News is not a file: resolve() does not hand it out as one.
    expect(await t.services.media.resolve(accountId, res.media_id as string)).toBeUndefined();

    expect((await post('/cgi-bin/media/uploadnews', {})).errcode).toBe(44003);
    expect((await post('/cgi-bin/media/uploadnews', { articles: [] })).errcode).toBe(44003);
    expect((await post('/cgi-bin/media/uploadnews', { articles: Array(9).fill(article) })).errcode).toBe(45008);
    expect((await post('/cgi-bin/media/uploadnews', { articles: [{ ...article, thumb_media_id: 'x' }] })).errcode).toBe(40007);
    expect((await post('/cgi-bin/media/uploadnews', { articles: [{ ...article, title: '' }] })).errcode).toBe(44003);
    expect((await post('/cgi-bin/media/uploadnews', { articles: 'x' })).errcode).toBe(47001);
    expect((await post('/cgi-bin/media/uploadnews', { articles: [{ ...article, show_cover_pic: 7 }] })).errcode).toBe(47001);
  });
});
