/**
 * Interop: media and materials through the unchanged `wechat-api` SDK (node-webot/wechat-api 1.35)
 * against a gzh server listening on a real port.
 *
 * What it proves: the SDK's uploads (multipart bodies written by `formstream` from files on disk,
 * part `media`, video `description` as a form field) are accepted; the bytes that come back from
 * `getMedia`, `getMaterial` and the public URLs are the bytes that went up; and the JSON methods
 * (counts, listings, news, deletion, the legacy broadcast uploads) keep their shapes.
 *
 * One SDK quirk is exercised deliberately: `getMedia` and `getMaterial` parse the body as JSON
 * only when the Content-Type is exactly `application/json` (or `text/plain` for getMedia). gzh,
 * like WeChat, labels JSON `application/json; encoding=utf-8`, so a video's `{video_url}`, news
 * and errcodes reach these two methods as a Buffer of JSON, as they do against WeChat.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WechatAPI from 'wechat-api';
import type { Callback, MaterialAdded, MaterialList, MediaUploaded } from 'wechat-api';
import { buildApp } from '../../apps/server/src/http/app';
import { AMR, JPEG, MP3, MP4, PNG } from '../../apps/server/src/testing/media-fixtures';
import { createTestContext, seedAccount, type TestContext } from '../../apps/server/src/testing/test-context';

function call<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
}

let ctx: TestContext;
let app: FastifyInstance;
let baseUrl: string;
let dir: string;
let api: WechatAPI;
let accountId: string;

/** Writes `bytes` to a file the SDK can upload (it streams files from disk). */
function onDisk(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * Fetches a public URL the way a browser would: no token, no cookies. The test services' public
 * URL is `http://gzh.test`, so the path is asked of the listening server.
 */
async function browserGet(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  expect(url.startsWith('http://gzh.test/mmbiz/')).toBe(true);
  const res = await fetch(new URL(new URL(url).pathname, baseUrl));
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  ctx = await createTestContext('sqlite');
  app = await buildApp({ services: ctx.services, logger: false, webRoot: { console: '/nonexistent', client: '/nonexistent' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-media-interop-'));
  const account = await seedAccount(ctx.services, { name: 'Media Interop' });
  accountId = account.accountId;
  api = new WechatAPI(account.appid, account.secret);
  api.endpoint = baseUrl;
  api.mpPrefix = `${baseUrl}/cgi-bin/`;
  api.fileServerPrefix = `${baseUrl}/cgi-bin/`;
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('wechat-api against a listening gzh: temporary media', () => {
  it('uploads an image with uploadMedia and gets the same bytes back with getMedia', async () => {
    const bytes = JPEG(20_000);
    const up = await call<MediaUploaded>((done) => api.uploadMedia(onDisk('photo.jpg', bytes), 'image', done));
    expect(up).toMatchObject({ type: 'image', created_at: expect.any(Number) as number });
    const got = await call<Buffer>((done) => api.getMedia(up.media_id!, done));
    expect(Buffer.isBuffer(got)).toBe(true);
    expect(got.equals(bytes)).toBe(true);
  });

  it('uploads voice and thumbs with the per-type helpers (thumbs answer thumb_media_id)', async () => {
    const voice = AMR(3000);
    const up = await call<MediaUploaded>((done) => api.uploadVoice(onDisk('memo.amr', voice), done));
    expect((await call<Buffer>((done) => api.getMedia(up.media_id!, done))).equals(voice)).toBe(true);
    const thumb = await call<MediaUploaded>((done) => api.uploadThumb(onDisk('cover.jpg', JPEG(4000)), done));
    expect(thumb.type).toBe('thumb');
    expect(thumb.thumb_media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('gets a video as {video_url} whose bytes a browser can fetch', async () => {
    const clip = MP4(50_000);
    const up = await call<MediaUploaded>((done) => api.uploadVideo(onDisk('clip.mp4', clip), done));
    const answer = JSON.parse((await call<Buffer>((done) => api.getMedia(up.media_id!, done))).toString()) as {
      video_url: string;
    };
    const file = await browserGet(answer.video_url);
    expect(file).toMatchObject({ status: 200, type: 'video/mp4' });
    expect(file.bytes.equals(clip)).toBe(true);
  });

  it('surfaces upload errcodes as WeChatAPIError', async () => {
    await expect(call((done) => api.uploadMedia(onDisk('notes.txt', Buffer.from('hello')), 'image', done))).rejects.toMatchObject(
      {
        name: 'WeChatAPIError',
        code: 40005,
      },
    );
    await expect(
      call((done) => api.uploadMedia(onDisk('fake.jpg', Buffer.from('not an image')), 'image', done)),
    ).rejects.toMatchObject({
      code: 40005,
    });
    await expect(call((done) => api.uploadThumb(onDisk('big.jpg', JPEG(70_000)), done))).rejects.toMatchObject({ code: 40012 });
    await expect(call((done) => api.uploadMedia(onDisk('a.jpg', JPEG()), 'file', done))).rejects.toMatchObject({ code: 40004 });
    // getMedia hands errors back as a Buffer of the JSON (the SDK's exact Content-Type check).
    const missing = await call<Buffer>((done) => api.getMedia('no-such-media', done));
    expect(JSON.parse(missing.toString())).toMatchObject({ errcode: 40007 });
  });

  it('uploads content images with uploadImage and serves them to browsers', async () => {
    const png = PNG(8000);
    const { url } = await call<{ url: string }>((done) => api.uploadImage(onDisk('inline.png', png), done));
    const file = await browserGet(url);
    expect(file).toMatchObject({ status: 200, type: 'image/png' });
    expect(file.bytes.equals(png)).toBe(true);
  });
});

describe('wechat-api against a listening gzh: permanent materials', () => {
  it('round-trips image, voice and video materials and counts them', async () => {
    const image = JPEG(30_000);
    const added = await call<MaterialAdded>((done) => api.uploadImageMaterial(onDisk('banner.jpg', image), done));
    expect(added.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call<Buffer>((done) => api.getMaterial(added.media_id, done))).equals(image)).toBe(true);
    expect((await browserGet(added.url!)).bytes.equals(image)).toBe(true);

    const song = MP3(6000);
    const voice = await call<MaterialAdded>((done) => api.uploadVoiceMaterial(onDisk('song.mp3', song), done));
    expect((await call<Buffer>((done) => api.getMaterial(voice.media_id, done))).equals(song)).toBe(true);

    const clip = MP4(40_000);
    const video = await call<MaterialAdded>((done) =>
      api.uploadVideoMaterial(onDisk('launch.mp4', clip), { title: '发布会', introduction: '完整回放' }, done),
    );
    const info = JSON.parse((await call<Buffer>((done) => api.getMaterial(video.media_id, done))).toString()) as Record<
      string,
      string
    >;
    expect(info).toMatchObject({ title: '发布会', description: '完整回放' });
    expect((await browserGet(info.down_url!)).bytes.equals(clip)).toBe(true);

    await call((done) => api.uploadThumbMaterial(onDisk('thumb.jpg', JPEG(2000)), done));
    expect(await call((done) => api.getMaterialCount(done))).toMatchObject({
      image_count: 2,
      voice_count: 1,
      video_count: 1,
      news_count: 0,
    });
    const list = await call<MaterialList>((done) => api.getMaterials('image', 0, 20, done));
    expect(list).toMatchObject({ total_count: 2, item_count: 2 });
    expect(list.item.map((i) => i.name).sort()).toEqual(['banner.jpg', 'thumb.jpg']);
  });

  it('adds, updates, lists and deletes news; refuses to delete a material the menu uses', async () => {
    const cover = await call<MaterialAdded>((done) => api.uploadThumbMaterial(onDisk('news-cover.jpg', JPEG(3000)), done));
    const article = {
      title: '第一篇',
      thumb_media_id: cover.media_id,
      author: 'gzh',
      digest: '摘要',
      show_cover_pic: 1,
      content: '<p>正文</p>',
      content_source_url: 'https://example.com',
    };
    const news = await call<{ media_id: string }>((done) => api.uploadNewsMaterial({ articles: [article] }, done));
    await call((done) =>
      api.updateNewsMaterial({ media_id: news.media_id, index: 0, articles: { ...article, title: '改过的' } }, done),
    );
    const got = JSON.parse((await call<Buffer>((done) => api.getMaterial(news.media_id, done))).toString()) as {
      news_item: { title: string; thumb_url: string }[];
    };
    expect(got.news_item.map((i) => i.title)).toEqual(['改过的']);
    expect((await browserGet(got.news_item[0]!.thumb_url)).status).toBe(200);
    const listed = await call<MaterialList>((done) => api.getMaterials('news', 0, 10, done));
    expect(listed.item[0]!.content!.news_item[0]!.title).toBe('改过的');

    await expect(
      call((done) => api.updateNewsMaterial({ media_id: news.media_id, index: 3, articles: article }, done)),
    ).rejects.toMatchObject({
      code: 40114,
    });
    await expect(
      call((done) => api.uploadNewsMaterial({ articles: [{ ...article, thumb_media_id: 'nope' }] }, done)),
    ).rejects.toMatchObject({
      code: 40007,
    });

    await ctx.services.menus.create(accountId, [{ type: 'media_id', name: '图文', media_id: news.media_id }]);
    await expect(call((done) => api.removeMaterial(news.media_id, done))).rejects.toMatchObject({ code: 48005 });
    await ctx.services.menus.delete(accountId);
    await call((done) => api.removeMaterial(news.media_id, done));
    await expect(call((done) => api.removeMaterial(news.media_id, done))).rejects.toMatchObject({ code: 40007 });
  });

  it('uploads legacy broadcast news and videos (uploadNews, uploadMPVideo on the file host)', async () => {
    const thumb = await call<MediaUploaded>((done) => api.uploadThumb(onDisk('mass-cover.jpg', JPEG(2000)), done));
    const news = await call<MediaUploaded>((done) =>
      api.uploadNews({ articles: [{ title: '群发', thumb_media_id: thumb.thumb_media_id!, content: '<p>hi</p>' }] }, done),
    );
    expect(news).toMatchObject({ type: 'news', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/) as string });
    const video = await call<MediaUploaded>((done) => api.uploadVideo(onDisk('mass.mp4', MP4(9000)), done));
    const mass = await call<MediaUploaded>((done) =>
      api.uploadMPVideo({ media_id: video.media_id!, title: '群发视频', description: '说明' }, done),
    );
    expect(mass).toMatchObject({ type: 'video' });
    expect(mass.media_id).not.toBe(video.media_id);
  });
});
