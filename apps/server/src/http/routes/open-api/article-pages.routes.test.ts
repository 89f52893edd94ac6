import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { waitFor } from '../../../testing/wait-for';

const PNG_BYTES = PNG.sync.write(new PNG({ width: 2, height: 2 }));

describe.each(TEST_DIALECTS)('article pages /mp/s/<key> (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let cover: string;
  let coverUrl: string;

  /** Publishes a draft through the real job and returns the page paths, by idx. */
  const publish = async (articles: Record<string, unknown>[]): Promise<{ articleId: string; paths: string[] }> => {
    const mediaId = await t.services.articles.addDraft(
      accountId,
      articles.map((a) => ({ thumb_media_id: cover, content: '<p>正文</p>', ...a })),
    );
    const { publishId } = await t.services.articles.submit(accountId, mediaId);
    const view = await waitFor(async () => {
      const v = await t.services.articles.getPublication(accountId, publishId);
      return v.publication.status === 0 && v;
    }, 'publishing');
    return { articleId: view.publication.articleId!, paths: view.articles.map((a) => new URL(a.url).pathname) };
  };
  const beacon = (path: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `${path}/events`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ accountId } = await seedAccount(t.services, { name: '<猫&狗>的号' }));
    cover = (await t.services.media.addMaterial(accountId, { type: 'image', file: { filename: 'c.png', bytes: PNG_BYTES } }))
      .mediaId;
    coverUrl = (await t.services.media.resolve(accountId, cover))!.url;
  });
  afterAll(() => t.close());

  it('renders a mobile page with escaped title, author and account name, the cover, the date and sanitised content', async () => {
    const { paths } = await publish([
      {
        title: `<b>&"标题'</b>`,
        author: '<i>小编</i>',
        content: '<p>第一段</p><img src=x onerror=alert(1)><script>alert(2)</script><p style="color:red">第二段</p>',
        content_source_url: 'https://example.com/a?x=1&y=2',
      },
    ]);
    const res = await t.app.inject({ method: 'GET', url: paths[0]! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">');
    expect(html).toContain('<title>&lt;b&gt;&amp;&quot;标题&#39;&lt;/b&gt;</title>');
    expect(html).toContain('<h1 class="title">&lt;b&gt;&amp;&quot;标题&#39;&lt;/b&gt;</h1>');
    expect(html).toContain('<span class="author">&lt;i&gt;小编&lt;/i&gt;</span>');
    expect(html).toContain('<span class="account">&lt;猫&amp;狗&gt;的号</span>');
    // The test clock stands at 2026-11-22 02:00 UTC: 10:00 in China, where WeChat dates are.
    expect(html).toContain('<span class="date">2026年11月22日 10:00</span>');
    expect(html).toContain(`<img class="cover" src="${coverUrl}" alt="">`);
    expect(html).toContain(
      '<div class="content" id="js_content"><p>第一段</p><img src="x"><p style="color:red">第二段</p></div>',
    );
    expect(html).toContain('<a class="source" href="https://example.com/a?x=1&amp;y=2" rel="noopener noreferrer">阅读原文</a>');
    expect(html).toContain('<button class="share" id="share" type="button">分享</button>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('alert(');

    // Only gzh's own script runs: one script element, carrying the nonce the CSP allows.
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`"${paths[0]}/events"`);
    // A new nonce per response.
    const again = await t.app.inject({ method: 'GET', url: paths[0]! });
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  it('shows 阅读原文 only when content_source_url is set, and opens scheme-less addresses as http', async () => {
    const { paths } = await publish([{ title: '无原文' }, { title: '裸地址', content_source_url: 'www.example.com/x' }]);
    const plain = (await t.app.inject({ method: 'GET', url: paths[0]! })).body;
    expect(plain).not.toContain('阅读原文');
    const bare = (await t.app.inject({ method: 'GET', url: paths[1]! })).body;
    expect(bare).toContain('href="http://www.example.com/x"');
  });

  it('answers unknown keys with a 404 page and deleted articles with the publisher-deleted page', async () => {
    for (const url of ['/mp/s/AAAAAAAAAAAAAAAAAAAAAA', '/mp/s/short', `/mp/s/${'%3Cscript%3E'.repeat(3)}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('该内容不存在');
    }
    const { articleId, paths } = await publish([{ title: '将被删除' }, { title: '保留' }]);
    await t.services.articles.deletePublished(accountId, articleId, 1);
    const gone = await t.app.inject({ method: 'GET', url: paths[0]! });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('此内容已被发布者删除');
    expect(gone.body).not.toContain('将被删除');
    expect((await t.app.inject({ method: 'GET', url: paths[1]! })).statusCode).toBe(200);
  });

  it('serves draft previews without tracking', async () => {
    const mediaId = await t.services.articles.addDraft(accountId, [
      { title: '预览一', content: '<p>一</p>', thumb_media_id: cover },
      { title: '预览二', content: '<p>二</p>', thumb_media_id: cover },
    ]);
    const draft = await t.services.articles.getDraft(accountId, mediaId);
    const url = new URL(draft.articles[1]!.url);
    const res = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('预览二');
    expect(res.body).toContain('文章尚未发表');
    expect(res.body).not.toContain('<script');
    expect((await t.app.inject({ method: 'GET', url: url.pathname })).body).toContain('预览一');
    expect((await t.app.inject({ method: 'GET', url: `${url.pathname}?idx=3` })).statusCode).toBe(404);
    expect((await beacon(url.pathname, { kind: 'read' })).statusCode).toBe(404);
  });

  it('records reads, read-throughs and shares, with the follower-client person when its token comes along', async () => {
    const { articleId, paths } = await publish([{ title: '统计页' }]);
    const { person, token } = await t.services.followers.createPerson({ nickname: '读者甲' });
    const path = paths[0]!;
    expect((await beacon(path, { kind: 'read', token })).statusCode).toBe(204);
    expect((await beacon(path, { kind: 'read', token })).statusCode).toBe(204);
    expect((await beacon(path, { kind: 'read' })).statusCode).toBe(204);
    expect((await beacon(path, { kind: 'read', token: 'not-a-session' })).statusCode).toBe(204);
    expect((await beacon(path, { kind: 'read_through', token })).statusCode).toBe(204);
    expect((await beacon(path, { kind: 'share', token })).statusCode).toBe(204);

    expect((await beacon(path, { kind: 'like' })).statusCode).toBe(400);
    expect((await beacon(path, 'not json')).statusCode).toBe(400);
    expect((await beacon(path, '')).statusCode).toBe(400);
    expect((await beacon('/mp/s/AAAAAAAAAAAAAAAAAAAAAA', { kind: 'read' })).statusCode).toBe(404);

    expect(await t.services.articlePages.stats(accountId, articleId)).toEqual([
      { idx: 1, reads: 4, readers: 1, readThroughs: 1, shares: 1 },
    ]);
    const rows = await t.services.database.db
      .selectFrom('article_events')
      .select(['kind', 'person_id'])
      .where('article_id', '=', articleId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.kind, r.person_id])).toEqual([
      ['read', person.id],
      ['read', person.id],
      ['read', null],
      ['read', null],
      ['read_through', person.id],
      ['share', person.id],
    ]);
    // Nothing is recorded for a deleted article.
    await t.services.articles.deletePublished(accountId, articleId, 0);
    expect((await beacon(path, { kind: 'read', token })).statusCode).toBe(404);
  });
});
