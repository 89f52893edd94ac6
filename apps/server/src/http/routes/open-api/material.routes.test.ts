import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AMR, BMP, JPEG, MP3, MP4, PNG, multipart, type Part } from '../../../testing/media-fixtures';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown> & { errcode: number; errmsg: string };
interface NewsItem {
  title: string;
  thumb_media_id: string;
  thumb_url: string;
  show_cover_pic: number;
  need_open_comment: number;
  only_fans_can_comment: number;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  url: string;
}

describe.each(TEST_DIALECTS)('permanent materials: material/* (%s)', (dialect) => {
  let t: TestApp;
  let at: string;
  let accountId: string;
  let otherAt: string;
  let credentials: { appid: string; secret: string };

  const addMaterial = async (type: string, filename: string, data: Buffer, extra: Part[] = [], query = '') => {
    const { payload, headers } = multipart([{ name: 'media', filename, data }, ...extra]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/material/add_material?access_token=${encodeURIComponent(at)}&type=${type}${query}`,
      payload,
      headers,
    });
    return res.json<Json>();
  };
  const post = async (path: string, body: unknown, token = at) =>
    t.app.inject({ method: 'POST', url: `${path}?access_token=${encodeURIComponent(token)}`, payload: JSON.stringify(body) });
  const postJson = async (path: string, body: unknown, token = at) => (await post(path, body, token)).json<Json>();
  const counts = async () =>
    (
      await t.app.inject({ method: 'GET', url: `/cgi-bin/material/get_materialcount?access_token=${encodeURIComponent(at)}` })
    ).json<Json>();
  const batch = (body: unknown) => postJson('/cgi-bin/material/batchget_material', body);
  const video = (title: string) => ({ name: 'description', data: JSON.stringify({ title, introduction: '介绍' }) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());
  // Each test gets fresh accounts: counts and listings start from zero.
  beforeEach(async () => {
    const account = await seedAccount(t.services, { name: `Materials ${Math.random()}` });
    accountId = account.accountId;
    credentials = account;
    at = await fetchToken(t.app, account.appid, account.secret);
    const other = await seedAccount(t.services, { name: `Other ${Math.random()}` });
    otherAt = await fetchToken(t.app, other.appid, other.secret);
  });

  it('adds image, thumb, voice and video materials and reads them back with get_material', async () => {
    const image = await addMaterial('image', 'photo.png', PNG(4000));
    expect(image.errcode).toBe(0);
    expect(image.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(image.url).toMatch(/^http:\/\/gzh\.test\/mmbiz\/[A-Za-z0-9_-]{32}$/);
    const thumb = await addMaterial('thumb', 'cover.jpg', JPEG());
    expect(thumb.url).toMatch(/^http:\/\/gzh\.test\/mmbiz\//);
    const voice = await addMaterial('voice', 'hello.mp3', MP3());
    expect(voice).not.toHaveProperty('url');
    const clip = MP4(3000);
    const vid = await addMaterial('video', 'clip.mp4', clip, [video('发布会')]);
    expect(vid.errcode).toBe(0);

    const gotImage = await post('/cgi-bin/material/get_material', { media_id: image.media_id });
    expect(gotImage.headers['content-type']).toBe('image/png');
    expect(gotImage.headers['content-disposition']).toBe(`attachment; filename="${image.media_id as string}.png"`);
    expect(gotImage.rawPayload.equals(PNG(4000))).toBe(true);
    expect((await post('/cgi-bin/material/get_material', { media_id: voice.media_id })).headers['content-type']).toBe(
      'audio/mpeg',
    );

    const gotVideo = await postJson('/cgi-bin/material/get_material', { media_id: vid.media_id });
    expect(gotVideo).toMatchObject({ errcode: 0, title: '发布会', description: '介绍' });
    const file = await t.app.inject({ method: 'GET', url: new URL(gotVideo.down_url as string).pathname });
    expect(file.rawPayload.equals(clip)).toBe(true);

    // The public URL of an image material is what a browser loads.
    const pub = await t.app.inject({ method: 'GET', url: new URL(image.url as string).pathname });
    expect(pub.headers['content-type']).toBe('image/png');
    expect(pub.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts material formats that temporary media do not (bmp, wav-free amr) and the wechatpy query-string description', async () => {
    expect((await addMaterial('image', 'scan.bmp', BMP())).errcode).toBe(0);
    expect((await addMaterial('voice', 'memo.amr', AMR())).errcode).toBe(0);
    const q = `&description=${encodeURIComponent(JSON.stringify({ title: 'from query', introduction: '' }))}`;
    const vid = await addMaterial('video', 'clip.mp4', MP4(), [], q);
    expect(vid.errcode).toBe(0);
    expect(await postJson('/cgi-bin/material/get_material', { media_id: vid.media_id })).toMatchObject({ title: 'from query' });
  });

  it('refuses bad uploads with the errcodes of media/upload, and a video without description with 47001', async () => {
    expect((await addMaterial('news', 'a.jpg', JPEG())).errcode).toBe(40004);
    expect((await addMaterial('image', 'a.txt', JPEG())).errcode).toBe(40005);
    expect((await addMaterial('image', 'a.jpg', Buffer.from('plain text'))).errcode).toBe(40005);
    expect((await addMaterial('thumb', 'a.jpg', JPEG(70_000))).errcode).toBe(40012);
    expect((await addMaterial('voice', 'a.mp3', Buffer.alloc(0))).errcode).toBe(44001);
    expect((await addMaterial('video', 'clip.mp4', MP4())).errcode).toBe(47001);
    expect((await addMaterial('video', 'clip.mp4', MP4(), [{ name: 'description', data: '{not json' }])).errcode).toBe(47001);
    expect((await addMaterial('video', 'clip.mp4', MP4(), [{ name: 'description', data: '{"introduction":"x"}' }])).errcode).toBe(
      47001,
    );
    expect((await addMaterial('video', 'clip.mp4', MP4(), [video('t'.repeat(65))])).errcode).toBe(45003);
    const { payload, headers } = multipart([{ name: 'other', filename: 'a.jpg', data: JPEG() }]);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/material/add_material?access_token=${at}&type=image`,
      payload,
      headers,
    });
    expect(missing.json<Json>().errcode).toBe(41005);
    expect((await counts()).image_count).toBe(0);
  });

  it('answers 40007 for unknown, foreign, temporary and deleted ids', async () => {
    const image = await addMaterial('image', 'a.jpg', JPEG());
    expect((await postJson('/cgi-bin/material/get_material', { media_id: 'nope' })).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/get_material', {})).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/get_material', { media_id: image.media_id }, otherAt)).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/del_material', { media_id: image.media_id }, otherAt)).errcode).toBe(40007);
    const { payload, headers } = multipart([{ name: 'media', filename: 'a.jpg', data: JPEG() }]);
    const temp = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/media/upload?access_token=${at}&type=image`,
      payload,
      headers,
    });
    const tempId = temp.json<Json>().media_id;
    expect((await postJson('/cgi-bin/material/get_material', { media_id: tempId })).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/del_material', { media_id: tempId })).errcode).toBe(40007);
    // …and media/get does not serve permanent materials.
    const viaGet = await t.app.inject({
      method: 'GET',
      url: `/cgi-bin/media/get?access_token=${at}&media_id=${image.media_id as string}`,
    });
    expect(viaGet.json<Json>().errcode).toBe(40007);
    // Materials do not expire.
    t.time.advance(30 * 86_400_000);
    at = await fetchToken(t.app, credentials.appid, credentials.secret);
    expect((await post('/cgi-bin/material/get_material', { media_id: image.media_id })).headers['content-type']).toBe(
      'image/jpeg',
    );
  });

  it('counts materials by kind (thumbs as images) and pages them newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await addMaterial('image', `img${i}.jpg`, JPEG())).media_id as string);
      t.time.advance(1000);
    }
    const thumb = (await addMaterial('thumb', 'thumb.jpg', JPEG())).media_id as string;
    await addMaterial('voice', 'v.amr', AMR());
    expect(await counts()).toMatchObject({ errcode: 0, image_count: 6, voice_count: 1, video_count: 0, news_count: 0 });

    const first = await batch({ type: 'image', offset: 0, count: 4 });
    expect(first).toMatchObject({ errcode: 0, total_count: 6, item_count: 4 });
    const items = first.item as { media_id: string; name: string; update_time: number; url: string }[];
    expect(items.map((i) => i.media_id)).toEqual([thumb, ids[4], ids[3], ids[2]]);
    expect(items[1]).toEqual({
      media_id: ids[4],
      name: 'img4.jpg',
      update_time: expect.any(Number) as number,
      url: expect.stringMatching(/^http:\/\/gzh\.test\/mmbiz\//) as string,
    });
    const second = await batch({ type: 'image', offset: '4', count: '20' });
    expect((second.item as { media_id: string }[]).map((i) => i.media_id)).toEqual([ids[1], ids[0]]);
    expect(await batch({ type: 'image', offset: 10, count: 5 })).toMatchObject({ total_count: 6, item_count: 0, item: [] });
    expect(await batch({ type: 'voice', count: 20 })).toMatchObject({ total_count: 1, item_count: 1 });
  });

  it('validates batchget type (40004) and paging (40097)', async () => {
    expect((await batch({ type: 'thumb', offset: 0, count: 1 })).errcode).toBe(40004);
    expect((await batch({ type: 'file', offset: 0, count: 1 })).errcode).toBe(40004);
    expect((await batch({ offset: 0, count: 1 })).errcode).toBe(40004);
    expect((await batch({ type: 'image', offset: 0, count: 0 })).errcode).toBe(40097);
    expect((await batch({ type: 'image', offset: 0, count: 21 })).errcode).toBe(40097);
    expect((await batch({ type: 'image', offset: -1, count: 1 })).errcode).toBe(40097);
    expect((await batch({ type: 'image', offset: 0 })).errcode).toBe(40097);
    expect((await batch({ type: 'image', offset: 1.5, count: 1 })).errcode).toBe(40097);
    expect((await postJson('/cgi-bin/material/batchget_material', 'not json')).errcode).toBe(47001);
  });

  it('adds, lists, reads and updates news materials', async () => {
    const cover = (await addMaterial('image', 'cover.jpg', JPEG())).media_id as string;
    const article = (title: string) => ({
      title,
      thumb_media_id: cover,
      author: '作者',
      digest: '摘要',
      show_cover_pic: 1,
      content: '<p>正文</p>',
      content_source_url: 'https://example.com/a',
      need_open_comment: 1,
      only_fans_can_comment: 0,
    });
    const added = await postJson('/cgi-bin/material/add_news', { articles: [article('第一篇'), article('第二篇')] });
    expect(added.errcode).toBe(0);
    expect(added.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const got = await postJson('/cgi-bin/material/get_material', { media_id: added.media_id });
    const items = got.news_item as NewsItem[];
    expect(items.map((i) => i.title)).toEqual(['第一篇', '第二篇']);
    expect(items[0]).toMatchObject({
      thumb_media_id: cover,
      show_cover_pic: 1,
      need_open_comment: 1,
      only_fans_can_comment: 0,
      author: '作者',
      content_source_url: 'https://example.com/a',
    });
    expect(items[0]!.thumb_url).toMatch(/^http:\/\/gzh\.test\/mmbiz\//);

    t.time.advance(5000);
    expect(
      (await postJson('/cgi-bin/material/update_news', { media_id: added.media_id, index: 1, articles: article('改过的') }))
        .errcode,
    ).toBe(0);
    const after = await postJson('/cgi-bin/material/get_material', { media_id: added.media_id });
    expect((after.news_item as NewsItem[]).map((i) => i.title)).toEqual(['第一篇', '改过的']);
    expect(after.update_time as number).toBeGreaterThan(after.create_time as number);

    expect(await counts()).toMatchObject({ news_count: 1, image_count: 1 });
    const listed = await batch({ type: 'news', offset: 0, count: 20 });
    expect(listed).toMatchObject({ total_count: 1, item_count: 1 });
    const entry = (
      listed.item as {
        media_id: string;
        content: { news_item: NewsItem[]; create_time: number; update_time: number };
        update_time: number;
      }[]
    )[0]!;
    expect(entry.media_id).toBe(added.media_id);
    expect(entry.content.news_item).toHaveLength(2);
    expect(entry.update_time).toBe(entry.content.update_time);
  });

  it('refuses bad news with draft-style errcodes', async () => {
    const cover = (await addMaterial('image', 'cover.jpg', JPEG())).media_id as string;
    const good = { title: 't', thumb_media_id: cover, content: 'c' };
    const { payload, headers } = multipart([{ name: 'media', filename: 'a.jpg', data: JPEG() }]);
    const temp = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/media/upload?access_token=${at}&type=thumb`,
      payload,
      headers,
    });
    const cases: [unknown, number][] = [
      [{}, 44003],
      [{ articles: [] }, 44003],
      [{ articles: Array(9).fill(good) }, 45008],
      [{ articles: [{ ...good, title: '' }] }, 44003],
      [{ articles: [{ ...good, content: ' ' }] }, 44003],
      [{ articles: [{ ...good, title: 'x'.repeat(65) }] }, 45003],
      [{ articles: [{ ...good, author: 'x'.repeat(65) }] }, 45110],
      [{ articles: [{ ...good, digest: 'x'.repeat(129) }] }, 45004],
      [{ articles: [{ ...good, content: 'x'.repeat(20_000) }] }, 45002],
      [{ articles: [{ ...good, content_source_url: 'javascript:alert(1)' }] }, 47003],
      [{ articles: [{ ...good, thumb_media_id: undefined }] }, 40007],
      [{ articles: [{ ...good, thumb_media_id: 'unknown' }] }, 40007],
      // add_news covers must be materials, not temporary thumbs.
      [{ articles: [{ ...good, thumb_media_id: temp.json<Json>().thumb_media_id }] }, 40007],
      [{ articles: [{ ...good, need_open_comment: 'yes' }] }, 47001],
      [{ articles: [{ ...good, title: 42 }] }, 47001],
      [{ articles: { title: 't' } }, 47001],
    ];
    for (const [body, errcode] of cases)
      expect((await postJson('/cgi-bin/material/add_news', body)).errcode, JSON.stringify(body).slice(0, 80)).toBe(errcode);
    expect((await counts()).news_count).toBe(0);

    const news = (await postJson('/cgi-bin/material/add_news', { articles: [good] })).media_id;
    expect((await postJson('/cgi-bin/material/update_news', { media_id: news, index: 1, articles: good })).errcode).toBe(40114);
    expect((await postJson('/cgi-bin/material/update_news', { media_id: news, index: -1, articles: good })).errcode).toBe(40114);
    expect((await postJson('/cgi-bin/material/update_news', { media_id: news, articles: good })).errcode).toBe(40114);
    expect((await postJson('/cgi-bin/material/update_news', { media_id: news, index: 0 })).errcode).toBe(44003);
    expect((await postJson('/cgi-bin/material/update_news', { media_id: cover, index: 0, articles: good })).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/update_news', { media_id: news, index: 0, articles: good }, otherAt)).errcode).toBe(
      40007,
    );
  });

  it('deletes materials: file gone, count down; 48005 while a menu or an auto-reply uses one', async () => {
    const image = await addMaterial('image', 'a.jpg', JPEG());
    const voice = await addMaterial('voice', 'v.mp3', MP3());
    const news = await postJson('/cgi-bin/material/add_news', {
      articles: [{ title: 't', thumb_media_id: image.media_id, content: 'c' }],
    });

    await t.services.menus.create(accountId, [
      { name: '资料', sub_button: [{ type: 'media_id', name: '图文', media_id: news.media_id }] },
    ]);
    await t.services.replies.create(accountId, {
      kind: 'keyword',
      name: '语音',
      keywords: [{ text: 'hi', match: 'exact' }],
      replies: [{ type: 'voice', mediaId: voice.media_id as string }],
    });
    const inMenu = await postJson('/cgi-bin/material/del_material', { media_id: news.media_id });
    expect(inMenu.errcode).toBe(48005);
    expect(inMenu.errmsg).toMatch(/menu/);
    const inReply = await postJson('/cgi-bin/material/del_material', { media_id: voice.media_id });
    expect(inReply.errcode).toBe(48005);
    expect(inReply.errmsg).toMatch(/auto-reply rule "语音"/);
    expect(await counts()).toMatchObject({ image_count: 1, voice_count: 1, news_count: 1 });

    const publicPath = new URL(image.url as string).pathname;
    expect((await postJson('/cgi-bin/material/del_material', { media_id: image.media_id })).errcode).toBe(0);
    expect((await postJson('/cgi-bin/material/get_material', { media_id: image.media_id })).errcode).toBe(40007);
    expect((await postJson('/cgi-bin/material/del_material', { media_id: image.media_id })).errcode).toBe(40007);
    expect((await t.app.inject({ method: 'GET', url: publicPath })).statusCode).toBe(404);
    expect(await counts()).toMatchObject({ image_count: 0 });

    await t.services.menus.delete(accountId);
    expect((await postJson('/cgi-bin/material/del_material', { media_id: news.media_id })).errcode).toBe(0);
    expect(await counts()).toMatchObject({ news_count: 0, voice_count: 1 });
  });
});
