import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { waitFor } from '../../../testing/wait-for';

type Wire = Record<string, unknown> & { errcode: number; errmsg: string };
interface NewsItem {
  title: string;
  author: string;
  digest: string;
  content?: string;
  content_source_url: string;
  thumb_media_id: string;
  url: string;
  thumb_url: string;
  is_deleted?: boolean;
  [key: string]: unknown;
}

const PNG_BYTES = PNG.sync.write(new PNG({ width: 2, height: 2 }));

describe.each(TEST_DIALECTS)('drafts and freepublish (%s)', (dialect) => {
  let t: TestApp;
  let at: string;
  let otherAt: string;
  let cover: string;
  let coverUrl: string;
  let foreignCover: string;
  let temporary: string;

  const post = async (path: string, body: unknown, token = at): Promise<Wire> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${encodeURIComponent(token)}`,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    return res.json<Wire>();
  };
  const article = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    author: '编辑部',
    content: `<p>${title}：正文内容</p>`,
    thumb_media_id: cover,
    ...extra,
  });
  const addDraft = async (...articles: unknown[]) => {
    const res = await post('/cgi-bin/draft/add', { articles });
    expect(res.errcode, res.errmsg).toBe(0);
    return res.media_id as string;
  };
  const count = async (token = at) => {
    const res = await t.app.inject({ method: 'GET', url: `/cgi-bin/draft/count?access_token=${encodeURIComponent(token)}` });
    return res.json<Wire>().total_count as number;
  };
  const addError = async (articles: unknown) => (await post('/cgi-bin/draft/add', { articles })).errcode;
  const publish = async (mediaId: string) => {
    const submitted = await post('/cgi-bin/freepublish/submit', { media_id: mediaId });
    expect(submitted.errcode, submitted.errmsg).toBe(0);
    const publishId = submitted.publish_id as string;
    const done = await waitFor(async () => {
      const got = await post('/cgi-bin/freepublish/get', { publish_id: publishId });
      return got.publish_status === 0 && got;
    }, 'the publish job');
    return { publishId, articleId: done.article_id as string, status: done };
  };

  const upload = async (path: string, token: string): Promise<Wire> => {
    const boundary = '----gzh-drafts-test';
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?type=image&access_token=${encodeURIComponent(token)}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="cover.png"\r\n\r\n`),
        PNG_BYTES,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const body = res.json<Wire>();
    expect(body.errcode, body.errmsg).toBe(0);
    return body;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const seeded = await seedAccount(t.services, { name: '草稿号' });
    at = await fetchToken(t.app, seeded.appid, seeded.secret);
    const other = await seedAccount(t.services, { name: '隔壁号' });
    otherAt = await fetchToken(t.app, other.appid, other.secret);
    // Materials are made the way an SDK makes them: multipart uploads to the media endpoints.
    const material = await upload('/cgi-bin/material/add_material', at);
    cover = material.media_id as string;
    coverUrl = material.url as string;
    foreignCover = (await upload('/cgi-bin/material/add_material', otherAt)).media_id as string;
    temporary = (await upload('/cgi-bin/media/upload', at)).media_id as string;
  });
  afterAll(() => t.close());

  it('adds a draft and gets it back in WeChat shape with preview url and thumb_url', async () => {
    const mediaId = await addDraft(
      article('第一篇', {
        content: '<p onclick="steal()">你好<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>',
        content_source_url: 'https://example.com/source',
        need_open_comment: 1,
        pic_crop_235_1: '0_0_1_0.5',
      }),
      article('第二篇', { digest: '自己写的摘要', author: '' }),
    );
    expect(mediaId).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const got = await post('/cgi-bin/draft/get', { media_id: mediaId });
    expect(got.errcode).toBe(0);
    const items = got.news_item as NewsItem[];
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      article_type: 'news',
      title: '第一篇',
      author: '编辑部',
      digest: '你好 链接',
      content: '<p>你好</p><a>链接</a>',
      content_source_url: 'https://example.com/source',
      thumb_media_id: cover,
      show_cover_pic: 0,
      need_open_comment: 1,
      only_fans_can_comment: 0,
      pic_crop_235_1: '0_0_1_0.5',
      pic_crop_1_1: '',
      url: expect.stringMatching(/^http:\/\/gzh\.test\/mp\/s\/[A-Za-z0-9_-]{24}\?idx=1$/) as unknown,
      thumb_url: coverUrl,
    });
    expect(items[1]).toMatchObject({ digest: '自己写的摘要', author: '', url: items[0]!.url.replace('idx=1', 'idx=2') });
    // The preview URL opens the draft's page.
    const preview = await t.app.inject({ method: 'GET', url: new URL(items[1]!.url).pathname + '?idx=2' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('第二篇');
  });

  it('answers each bad article with WeChat’s errcode and stores nothing', async () => {
    const before = await count();
    const cases: [unknown, number][] = [
      [undefined, 44003],
      [[], 44003],
      [Array.from({ length: 9 }, (_, i) => article(`第${i}篇`)), 45008],
      ['articles', 47001],
      [[{ ...article('x'), title: '' }], 47001],
      [[{ ...article('x'), content: 42 }], 47001],
      [[article('x', { need_open_comment: 3 })], 47001],
      [[article('x', { article_type: 'video' })], 47001],
      [[article('x', { article_type: 'newspic' })], 47001],
      [[article('标'.repeat(33))], 45003],
      [[article('x', { author: '作'.repeat(17) })], 45110],
      [[article('x', { digest: '摘'.repeat(129) })], 45004],
      [[article('x', { content: 'a'.repeat(20_000) })], 45002],
      [[article('x', { content: '<script>alert(1)</script><!-- -->' })], 45166],
      [[article('x', { thumb_media_id: undefined })], 40007],
      [[article('x', { thumb_media_id: 'no-such-media' })], 40007],
      [[article('x', { thumb_media_id: foreignCover })], 40007],
      [[article('x', { thumb_media_id: temporary })], 40007],
      [[article('x', { pic_crop_1_1: '0.5_0.5_0.2_1' })], 53402],
      [[article('x', { content_source_url: 'javascript:alert(1)' })], 47003],
    ];
    for (const [articles, errcode] of cases) {
      expect(await addError(articles), String(JSON.stringify(articles)).slice(0, 80)).toBe(errcode);
    }
    expect((await post('/cgi-bin/draft/add', '')).errcode).toBe(44002);
    expect((await post('/cgi-bin/draft/add', '{not json')).errcode).toBe(47001);
    expect(await count()).toBe(before);
  });

  it('updates one article by 0-based index, refusing bad indexes and foreign drafts', async () => {
    const mediaId = await addDraft(article('原标题一'), article('原标题二'));
    const update = (body: Record<string, unknown>, token = at) => post('/cgi-bin/draft/update', body, token);
    expect((await update({ media_id: mediaId, index: 1, articles: article('新标题二') })).errcode).toBe(0);
    const titles = ((await post('/cgi-bin/draft/get', { media_id: mediaId })).news_item as NewsItem[]).map((a) => a.title);
    expect(titles).toEqual(['原标题一', '新标题二']);

    expect((await update({ media_id: mediaId, index: 2, articles: article('x') })).errcode).toBe(40114);
    expect((await update({ media_id: mediaId, index: -1, articles: article('x') })).errcode).toBe(40114);
    expect((await update({ media_id: mediaId, index: 'first', articles: article('x') })).errcode).toBe(40114);
    expect((await update({ media_id: mediaId, index: 0 })).errcode).toBe(44003);
    expect((await update({ media_id: mediaId, index: 0, articles: article('标'.repeat(40)) })).errcode).toBe(45003);
    expect((await update({ media_id: 'nope', index: 0, articles: article('x') })).errcode).toBe(40007);
    expect((await update({ media_id: mediaId, index: 0, articles: article('x') }, otherAt)).errcode).toBe(40007);
  });

  it('counts, pages (newest first, no_content) and deletes drafts', async () => {
    const total = await count();
    expect(total).toBeGreaterThan(0);
    // count is a GET endpoint, as WeChat's is.
    expect((await post('/cgi-bin/draft/count', '')).errcode).toBe(43001);
    t.time.advance(1000);
    const newest = await addDraft(article('最新的草稿'));

    const page = await post('/cgi-bin/draft/batchget', { offset: 0, count: 2, no_content: 1 });
    expect(page).toMatchObject({ errcode: 0, total_count: total + 1, item_count: 2 });
    const items = page.item as {
      media_id: string;
      content: { news_item: NewsItem[]; create_time: number; update_time: number };
      update_time: number;
    }[];
    expect(items[0]!.media_id).toBe(newest);
    expect(items[0]!.update_time).toBe(Math.floor(t.services.clock.nowMs() / 1000));
    expect(items[0]!.content.news_item[0]).not.toHaveProperty('content');
    expect(items[0]!.content.news_item[0]!.title).toBe('最新的草稿');
    expect((await post('/cgi-bin/draft/batchget', { offset: total, count: 20 })).item_count).toBe(1);
    const full = await post('/cgi-bin/draft/batchget', { offset: 0, count: 20 });
    expect(full.item_count).toBe(total + 1);
    for (const item of full.item as typeof items) {
      for (const a of item.content.news_item) expect(a.content).toMatch(/^<p>/);
    }

    for (const bad of [{ offset: 0, count: 0 }, { offset: 0, count: 21 }, { offset: -1, count: 5 }, { offset: 0 }]) {
      expect((await post('/cgi-bin/draft/batchget', bad)).errcode, JSON.stringify(bad)).toBe(40097);
    }
    expect((await post('/cgi-bin/draft/batchget', { offset: 0, count: 20 }, otherAt)).total_count).toBe(0);

    expect((await post('/cgi-bin/draft/delete', { media_id: newest }, otherAt)).errcode).toBe(40007);
    expect((await post('/cgi-bin/draft/delete', { media_id: newest })).errcode).toBe(0);
    expect((await post('/cgi-bin/draft/delete', { media_id: newest })).errcode).toBe(40007);
    expect((await post('/cgi-bin/draft/get', { media_id: newest })).errcode).toBe(40007);
    expect((await post('/cgi-bin/draft/get', {})).errcode).toBe(40007);
    expect(await count()).toBe(total);
  });

  it('reports the draft box as switched on', async () => {
    expect(await post('/cgi-bin/draft/switch', '')).toMatchObject({ errcode: 0, is_open: 1 });
    const check = await t.app.inject({ method: 'POST', url: `/cgi-bin/draft/switch?checkonly=1&access_token=${at}` });
    expect(check.json()).toMatchObject({ errcode: 0, is_open: 1 });
  });

  it('publishes a draft: publish_id string and msg_data_id number, then status 0 with article URLs; the draft leaves the box', async () => {
    const mediaId = await addDraft(article('要发表的头条'), article('要发表的次条'));
    const submit = await t.app.inject({
      method: 'POST',
      url: `/cgi-bin/freepublish/submit?access_token=${at}`,
      payload: { media_id: mediaId },
    });
    expect(submit.body).toMatch(/^\{"errcode":0,"errmsg":"ok","publish_id":"\d{10}","msg_data_id":\d{10}\}$/);
    const publishId = submit.json<{ publish_id: string }>().publish_id;
    const done = await waitFor(async () => {
      const got = await post('/cgi-bin/freepublish/get', { publish_id: publishId });
      return got.publish_status !== 1 && got;
    }, 'publishing');
    expect(done).toMatchObject({ errcode: 0, publish_id: publishId, publish_status: 0, fail_idx: [] });
    const detail = done.article_detail as { count: number; item: { idx: number; article_url: string }[] };
    expect(detail.count).toBe(2);
    expect(detail.item.map((i) => i.idx)).toEqual([1, 2]);
    for (const item of detail.item) expect(item.article_url).toMatch(/^http:\/\/gzh\.test\/mp\/s\/[A-Za-z0-9_-]{22}$/);
    expect((await post('/cgi-bin/draft/get', { media_id: mediaId })).errcode).toBe(40007);

    const articleId = done.article_id as string;
    const got = await post('/cgi-bin/freepublish/getarticle', { article_id: articleId });
    const items = got.news_item as NewsItem[];
    expect(items.map((a) => [a.title, a.url, a.thumb_url, a.is_deleted])).toEqual([
      ['要发表的头条', detail.item[0]!.article_url, coverUrl, false],
      ['要发表的次条', detail.item[1]!.article_url, coverUrl, false],
    ]);
    const page = await t.app.inject({ method: 'GET', url: new URL(items[0]!.url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('要发表的头条');

    // publish_id given as a number (json-bigint SDKs) works too; another account's is invalid.
    expect((await post('/cgi-bin/freepublish/get', `{"publish_id":${publishId}}`)).publish_status).toBe(0);
    expect((await post('/cgi-bin/freepublish/get', { publish_id: publishId }, otherAt)).errcode).toBe(53502);
    expect((await post('/cgi-bin/freepublish/get', { publish_id: '123' })).errcode).toBe(53502);
    expect((await post('/cgi-bin/freepublish/get', {})).errcode).toBe(53502);
  });

  it('lists successful publications and deletes articles one by one or all at once (status 5)', async () => {
    t.time.advance(1000);
    const one = await publish(await addDraft(article('列表甲')));
    t.time.advance(1000);
    const two = await publish(await addDraft(article('列表乙一'), article('列表乙二')));

    const list = await post('/cgi-bin/freepublish/batchget', { offset: 0, count: 20, no_content: 1 });
    const listed = list.item as { article_id: string; content: { news_item: NewsItem[] }; update_time: number }[];
    expect(listed.slice(0, 2).map((i) => i.article_id)).toEqual([two.articleId, one.articleId]);
    expect(list.total_count).toBe(list.item_count);
    expect(listed[0]!.content.news_item.map((a) => a.title)).toEqual(['列表乙一', '列表乙二']);
    expect(listed[0]!.content.news_item[0]).not.toHaveProperty('content');
    expect(listed[0]!.content.news_item[0]!.is_deleted).toBe(false);
    expect((await post('/cgi-bin/freepublish/batchget', { offset: 0, count: 0 })).errcode).toBe(40097);

    expect((await post('/cgi-bin/freepublish/delete', { article_id: two.articleId, index: 3 })).errcode).toBe(40114);
    expect((await post('/cgi-bin/freepublish/delete', { article_id: two.articleId, index: 1 }, otherAt)).errcode).toBe(53600);
    expect((await post('/cgi-bin/freepublish/delete', { article_id: two.articleId, index: 1 })).errcode).toBe(0);
    const after = (await post('/cgi-bin/freepublish/getarticle', { article_id: two.articleId })).news_item as NewsItem[];
    expect(after.map((a) => a.is_deleted)).toEqual([true, false]);
    const deletedPage = await t.app.inject({ method: 'GET', url: new URL(after[0]!.url).pathname });
    expect(deletedPage.statusCode).toBe(410);
    expect(deletedPage.body).toContain('此内容已被发布者删除');
    expect((await post('/cgi-bin/freepublish/get', { publish_id: two.publishId })).publish_status).toBe(0);

    expect((await post('/cgi-bin/freepublish/delete', { article_id: one.articleId })).errcode).toBe(0);
    const status = await post('/cgi-bin/freepublish/get', { publish_id: one.publishId });
    expect(status).toMatchObject({ publish_status: 5, article_id: one.articleId });
    expect(status).not.toHaveProperty('article_detail');
    const remaining = (await post('/cgi-bin/freepublish/batchget', { offset: 0, count: 20 })).item as { article_id: string }[];
    expect(remaining.map((i) => i.article_id)).not.toContain(one.articleId);
    expect((await post('/cgi-bin/freepublish/getarticle', { article_id: 'nope' })).errcode).toBe(53600);
    expect((await post('/cgi-bin/freepublish/getarticle', { article_id: one.articleId }, otherAt)).errcode).toBe(53600);
  });

  it('refuses to submit unknown drafts and drafts whose cover was deleted', async () => {
    expect((await post('/cgi-bin/freepublish/submit', { media_id: 'nope' })).errcode).toBe(40007);
    expect((await post('/cgi-bin/freepublish/submit', {})).errcode).toBe(40007);
    const doomed = (await upload('/cgi-bin/material/add_material', at)).media_id as string;
    const mediaId = await addDraft(article('封面会被删', { thumb_media_id: doomed }));
    const other = await addDraft(article('别人的'));
    expect((await post('/cgi-bin/freepublish/submit', { media_id: other }, otherAt)).errcode).toBe(40007);
    expect((await post('/cgi-bin/material/del_material', { media_id: doomed })).errcode).toBe(0);
    expect((await post('/cgi-bin/freepublish/submit', { media_id: mediaId })).errcode).toBe(53503);
  });
});
