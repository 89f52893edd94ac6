import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { waitFor } from '../../../testing/wait-for';
import { consoleCall, loginRoles, type ConsoleSession } from '../../../testing/console-session';

type Json = Record<string, unknown>;

const PNG_BYTES = PNG.sync.write(new PNG({ width: 2, height: 2 }));

describe.each(TEST_DIALECTS)('console API: drafts and publications (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let foreignAppid: string;
  let cover: string;
  const sessions: Record<string, ConsoleSession> = {};

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, as = 'operator') =>
    consoleCall<Json>(t, sessions[as]!, method, url, body);
  const article = (title: string, extra: Json = {}) => ({
    title,
    author: '运营',
    content: `<h2>${title}</h2><p>正文<script>x()</script></p>`,
    contentSourceUrl: '',
    thumbMediaId: cover,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(sessions, await loginRoles(t, 'Acme', ['operator', 'analyst']));
    ({ appid, accountId } = await seedAccount(t.services, { org: 'Acme', name: 'Acme 服务号' }));
    ({ appid: foreignAppid } = await seedAccount(t.services, { org: 'Elsewhere', name: 'Not yours' }));
    cover = (await t.services.media.addMaterial(accountId, { type: 'image', file: { filename: 'c.png', bytes: PNG_BYTES } }))
      .mediaId;
  });
  afterAll(() => t.close());

  it('creates, lists, edits (adding an article) and deletes drafts', async () => {
    const created = await call('POST', `/accounts/${appid}/drafts`, {
      articles: [article('控制台草稿', { needOpenComment: true })],
    });
    expect(created.status).toBe(200);
    const draft = created.body.draft as { mediaId: string; articles: Json[] };
    expect(draft.articles[0]).toMatchObject({
      title: '控制台草稿',
      content: '<h2>控制台草稿</h2><p>正文</p>',
      // No digest was written: WeChat's default is shown as such, and saving again keeps it a default.
      digest: '',
      autoDigest: '控制台草稿 正文',
      needOpenComment: true,
      onlyFansCanComment: false,
      thumbMediaId: cover,
    });
    expect(draft.articles[0]!.thumbUrl).toMatch(/^http:\/\/gzh\.test\//);

    const list = await call('GET', `/accounts/${appid}/drafts`);
    expect(list.body).toMatchObject({ total: 1, items: [{ mediaId: draft.mediaId, articles: [{ title: '控制台草稿' }] }] });
    expect((list.body.items as { articles: Json[] }[])[0]!.articles[0]).not.toHaveProperty('content');

    const edited = await call('PUT', `/accounts/${appid}/drafts/${draft.mediaId}`, {
      articles: [article('改过的标题'), article('新增第二篇')],
    });
    expect(edited.status).toBe(200);
    expect((edited.body.draft as { articles: Json[] }).articles.map((a) => a.title)).toEqual(['改过的标题', '新增第二篇']);
    const editedArticles = (edited.body.draft as { articles: Json[] }).articles;
    expect(editedArticles.map((a) => [a.digest, a.autoDigest])).toEqual([
      ['', '改过的标题 正文'],
      ['', '新增第二篇 正文'],
    ]);
    const withDigest = await call('PUT', `/accounts/${appid}/drafts/${draft.mediaId}`, {
      articles: [article('有摘要', { digest: '手写摘要' })],
    });
    expect((withDigest.body.draft as { articles: Json[] }).articles[0]).toMatchObject({ digest: '手写摘要', autoDigest: '' });
    expect((await call('GET', `/accounts/${appid}/drafts/${draft.mediaId}`)).body.draft).toMatchObject({
      mediaId: draft.mediaId,
    });

    // WeChat's rules come back as the articles module's codes, with HTTP 400.
    const tooLong = await call('PUT', `/accounts/${appid}/drafts/${draft.mediaId}`, { articles: [article('长'.repeat(33))] });
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'article.title_too_long' } } });
    const noCover = await call('POST', `/accounts/${appid}/drafts`, { articles: [article('无封面', { thumbMediaId: 'nope' })] });
    expect(noCover).toMatchObject({ status: 400, body: { error: { code: 'article.invalid_media_id' } } });
    const empty = await call('POST', `/accounts/${appid}/drafts`, { articles: [] });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'common.invalid_request' } } });

    expect((await call('DELETE', `/accounts/${appid}/drafts/${draft.mediaId}`)).status).toBe(200);
    expect((await call('GET', `/accounts/${appid}/drafts/${draft.mediaId}`)).body).toMatchObject({
      error: { code: 'article.draft_not_found' },
    });
  });

  it('publishes a draft and lists the publication with its pages and read counts', async () => {
    const created = await call('POST', `/accounts/${appid}/drafts`, { articles: [article('发表一'), article('发表二')] });
    const mediaId = (created.body.draft as { mediaId: string }).mediaId;
    const published = await call('POST', `/accounts/${appid}/drafts/${mediaId}/publish`);
    expect(published.status).toBe(200);
    const publishId = published.body.publishId as string;

    const item = await waitFor(async () => {
      const items = (await call('GET', `/accounts/${appid}/publications`)).body.items as Json[];
      const found = items.find((i) => i.publishId === publishId);
      return found?.status === 0 && found;
    }, 'publication');
    const articles = item.articles as { url: string; title: string; idx: number }[];
    expect(articles.map((a) => [a.idx, a.title])).toEqual([
      [1, '发表一'],
      [2, '发表二'],
    ]);
    const key = new URL(articles[0]!.url).pathname.split('/').pop()!;
    await t.services.articlePages.recordEvent(key, 'read', null);
    await t.services.articlePages.recordEvent(key, 'share', null);
    const again = ((await call('GET', `/accounts/${appid}/publications`, undefined, 'analyst')).body.items as Json[]).find(
      (i) => i.publishId === publishId,
    )!;
    expect((again.articles as Json[])[0]).toMatchObject({ reads: 1, shares: 1, deleted: false });

    // Analysts read but do not publish or delete.
    expect((await call('POST', `/accounts/${appid}/drafts`, { articles: [article('x')] }, 'analyst')).status).toBe(403);
    const articleId = again.articleId as string;
    expect((await call('DELETE', `/accounts/${appid}/publications/${articleId}?index=2`, undefined, 'analyst')).status).toBe(403);

    expect((await call('DELETE', `/accounts/${appid}/publications/${articleId}?index=2`)).status).toBe(200);
    const afterDelete = ((await call('GET', `/accounts/${appid}/publications`)).body.items as Json[]).find(
      (i) => i.publishId === publishId,
    )!;
    expect((afterDelete.articles as Json[]).map((a) => a.deleted)).toEqual([false, true]);
    expect((await call('DELETE', `/accounts/${appid}/publications/${articleId}`)).status).toBe(200);
    const gone = ((await call('GET', `/accounts/${appid}/publications`)).body.items as Json[]).find(
      (i) => i.publishId === publishId,
    )!;
    expect(gone.status).toBe(5);
  });

  it('keeps other organisations out', async () => {
    expect((await call('GET', `/accounts/${foreignAppid}/drafts`)).status).toBe(404);
    expect((await call('GET', `/accounts/${foreignAppid}/publications`)).status).toBe(404);
  });

  it('uploads content images and answers their URL', async () => {
    const boundary = '----gzh-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="inline.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG_BYTES,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const session = sessions.operator!;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/console/accounts/${appid}/article-images`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(res.statusCode).toBe(200);
    const url = res.json<{ url: string }>().url;
    expect(url).toMatch(/^http:\/\/gzh\.test\//);
    const image = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.subarray(0, 8)).toEqual(PNG_BYTES.subarray(0, 8));
  });
});
