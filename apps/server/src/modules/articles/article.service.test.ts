import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { createTestContext, seedAccount, TEST_DIALECTS, type TestContext } from '../../testing/test-context';
import type { JobFinishEvent } from '../callbacks/push.types';
import { operatorOpenId } from '../callbacks/push-queue';
import { ArticleMedia } from './article-media';
import { ArticlePageService } from './article-page.service';
import { ArticleRepo } from './article.repo';
import { ArticleService } from './article.service';
import type { ResolvedMaterial, ThumbResolver } from './article.types';
import { ArticleUrls } from './article.urls';

/** Materials per account, standing in for the media module. */
class FakeMaterials implements ThumbResolver {
  readonly byAccount = new Map<string, Map<string, ResolvedMaterial>>();
  add(accountId: string, mediaId: string, material: ResolvedMaterial): void {
    const materials = this.byAccount.get(accountId) ?? new Map<string, ResolvedMaterial>();
    materials.set(mediaId, material);
    this.byAccount.set(accountId, materials);
  }
  remove(accountId: string, mediaId: string): void {
    this.byAccount.get(accountId)?.delete(mediaId);
  }
  resolve(accountId: string, mediaId: string): Promise<ResolvedMaterial | undefined> {
    return Promise.resolve(this.byAccount.get(accountId)?.get(mediaId));
  }
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  author: '作者',
  content: `<p>${title} 的正文</p>`,
  thumb_media_id: 'COVER',
  ...extra,
});

/**
 * The service over the real repository on each database, with the job queue, the push reporter
 * and the media module replaced by recorders: what is queued, reported and stored is observed
 * directly, and the worker step runs when the test says so.
 */
describe.each(TEST_DIALECTS)('ArticleService (%s)', (dialect) => {
  let ctx: TestContext;
  let service: ArticleService;
  let pages: ArticlePageService;
  let accountId: string;
  let otherId: string;
  const materials = new FakeMaterials();
  const queued: { accountId: string; publishId: string }[] = [];
  const reports: { accountId: string; key: string; openid: string; event: JobFinishEvent }[] = [];
  let failEnqueue = false;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ accountId } = await seedAccount(ctx.services, { name: '文章号' }));
    ({ accountId: otherId } = await seedAccount(ctx.services, { name: '别的号' }));
    const repo = new ArticleRepo(ctx.services.database.db);
    const media = new ArticleMedia(materials);
    const urls = new ArticleUrls('http://gzh.test/');
    service = new ArticleService(
      repo,
      media,
      urls,
      {
        enqueue: (a, p) => {
          if (failEnqueue) return Promise.reject(new Error('queue down'));
          queued.push({ accountId: a, publishId: p });
          return Promise.resolve();
        },
      },
      {
        report: (a, key, openid, event) => {
          reports.push({ accountId: a, key, openid, event });
          return Promise.resolve();
        },
      },
      ctx.services.clock,
    );
    pages = new ArticlePageService(repo, ctx.services.accounts, media, urls, ctx.services.clock);
    materials.add(accountId, 'COVER', { type: 'image', permanent: true, url: 'http://cdn.test/cover.png' });
    materials.add(accountId, 'THUMB', { type: 'thumb', permanent: true, url: 'http://cdn.test/thumb.jpg' });
    materials.add(accountId, 'TEMP', { type: 'image', permanent: false, url: 'http://cdn.test/temp.png' });
    materials.add(accountId, 'VOICE', { type: 'voice', permanent: true, url: 'http://cdn.test/v.mp3' });
    materials.add(otherId, 'FOREIGN', { type: 'image', permanent: true, url: 'http://cdn.test/f.png' });
  });
  afterAll(() => ctx.close());

  it('accepts permanent image and thumb covers of the account only', async () => {
    expect(await service.addDraft(accountId, [article('a'), article('b', { thumb_media_id: 'THUMB' })])).toMatch(
      /^[A-Za-z0-9_-]{64}$/,
    );
    for (const cover of ['TEMP', 'VOICE', 'FOREIGN', 'NOPE']) {
      expect(await codeOf(service.addDraft(accountId, [article('x', { thumb_media_id: cover })])), cover).toBe(
        'article.invalid_media_id',
      );
    }
  });

  it('queues a publish task in status 1 and answers a repeated submit with the same task', async () => {
    const mediaId = await service.addDraft(accountId, [article('一'), article('二')]);
    queued.length = 0;
    const first = await service.submit(accountId, mediaId);
    expect(first.publishId).toMatch(/^\d{10}$/);
    expect(first.msgDataId).toMatch(/^\d{10}$/);
    expect(queued).toEqual([{ accountId, publishId: first.publishId }]);
    expect((await service.getPublication(accountId, first.publishId)).publication).toMatchObject({ status: 1, articleId: null });
    expect(await service.submit(accountId, mediaId)).toEqual(first);
    expect(queued).toHaveLength(1);
    // Another account cannot see the task.
    expect(await codeOf(service.getPublication(otherId, first.publishId))).toBe('article.publish_not_found');
  });

  it('publishes on the worker: pages, status 0, draft removed, PUBLISHJOBFINISH reported once per task', async () => {
    const mediaId = await service.addDraft(accountId, [article('头条'), article('次条')]);
    const { publishId } = await service.submit(accountId, mediaId);
    reports.length = 0;
    await service.runPublish(accountId, publishId);

    const view = await service.getPublication(accountId, publishId);
    expect(view.publication).toMatchObject({ status: 0, failIdx: [] });
    expect(view.articles.map((a) => a.article.title)).toEqual(['头条', '次条']);
    for (const a of view.articles) expect(a.url).toMatch(/^http:\/\/gzh\.test\/mp\/s\/[A-Za-z0-9_-]{22}$/);
    expect(view.articles[0]!.thumbUrl).toBe('http://cdn.test/cover.png');
    expect(await codeOf(service.getDraft(accountId, mediaId))).toBe('article.draft_not_found');

    expect(reports).toEqual([
      {
        accountId,
        key: `pub-${publishId}`,
        openid: operatorOpenId(accountId),
        event: {
          event: 'PUBLISHJOBFINISH',
          publishId,
          publishStatus: 0,
          articleId: view.publication.articleId,
          articles: view.articles.map((a, i) => ({ idx: i + 1, url: a.url })),
        },
      },
    ]);
    // A second run (a retried job) changes nothing and reports under the same key.
    await service.runPublish(accountId, publishId);
    expect((await service.getPublication(accountId, publishId)).articles.map((a) => a.url)).toEqual(
      view.articles.map((a) => a.url),
    );
    expect(reports.map((r) => r.key)).toEqual([`pub-${publishId}`, `pub-${publishId}`]);
  });

  it('fails the task (status 3) when the draft or a material is gone, keeping the draft', async () => {
    const deleted = await service.addDraft(accountId, [article('删')]);
    const task1 = await service.submit(accountId, deleted);
    await service.deleteDraft(accountId, deleted);
    reports.length = 0;
    await service.runPublish(accountId, task1.publishId);
    expect((await service.getPublication(accountId, task1.publishId)).publication).toMatchObject({ status: 3, articleId: null });
    expect(reports[0]!.event).toEqual({ event: 'PUBLISHJOBFINISH', publishId: task1.publishId, publishStatus: 3 });

    materials.add(accountId, 'GOING', { type: 'image', permanent: true, url: 'http://cdn.test/going.png' });
    const draft = await service.addDraft(accountId, [article('甲'), article('乙', { thumb_media_id: 'GOING' })]);
    const task2 = await service.submit(accountId, draft);
    materials.remove(accountId, 'GOING');
    await service.runPublish(accountId, task2.publishId);
    expect((await service.getPublication(accountId, task2.publishId)).publication).toMatchObject({ status: 3, failIdx: [2] });
    expect((await service.getDraft(accountId, draft)).articles).toHaveLength(2);
    // Submitting again is refused before queuing: the draft no longer passes the check.
    expect(await codeOf(service.submit(accountId, draft))).toBe('article.draft_check_failed');
  });

  it('leaves no task behind when it cannot be queued', async () => {
    const mediaId = await service.addDraft(accountId, [article('队列')]);
    failEnqueue = true;
    await expect(service.submit(accountId, mediaId)).rejects.toThrow('queue down');
    failEnqueue = false;
    queued.length = 0;
    const task = await service.submit(accountId, mediaId);
    expect(queued).toEqual([{ accountId, publishId: task.publishId }]);
  });

  it('makes pages for a draft sent as mpnews once per version and keeps the draft', async () => {
    const mediaId = await service.addDraft(accountId, [article('卡片一'), article('卡片二', { digest: '自定摘要' })]);
    const [first, again] = await Promise.all([service.draftCards(accountId, mediaId), service.draftCards(accountId, mediaId)]);
    expect(first).toHaveLength(2);
    expect(again).toEqual(first);
    expect(first![1]).toMatchObject({
      title: '卡片二',
      digest: '自定摘要',
      author: '作者',
      thumbUrl: 'http://cdn.test/cover.png',
    });
    expect(first![0]!.digest).toBe('卡片一 的正文');
    expect((await pages.page(first![0]!.url.split('/').pop()!))?.article.title).toBe('卡片一');
    expect((await service.getDraft(accountId, mediaId)).articles).toHaveLength(2);

    await service.updateDraft(accountId, mediaId, 0, article('卡片一改'));
    const updated = await service.draftCards(accountId, mediaId);
    expect(updated![0]!.title).toBe('卡片一改');
    expect(updated![0]!.url).not.toBe(first![0]!.url);
    // The pages already sent keep the version that was sent.
    expect((await pages.page(first![0]!.url.split('/').pop()!))?.article.title).toBe('卡片一');

    expect(await service.draftCards(accountId, 'unknown')).toBeUndefined();
    expect(await service.draftCards(otherId, mediaId)).toBeUndefined();
    // Card pages are not publish tasks: freepublish does not list them.
    expect((await service.listPublished(accountId, 0, 20)).items.every((v) => v.publication.kind === 'publish')).toBe(true);
  });

  it('gives cards of a published article_id until it is deleted', async () => {
    const mediaId = await service.addDraft(accountId, [article('发一'), article('发二')]);
    const { publishId } = await service.submit(accountId, mediaId);
    await service.runPublish(accountId, publishId);
    const { articleId } = (await service.getPublication(accountId, publishId)).publication;
    expect((await service.publishedCards(accountId, articleId!))?.map((c) => c.title)).toEqual(['发一', '发二']);
    expect(await service.publishedCards(otherId, articleId!)).toBeUndefined();
    expect(await service.publishedCards(accountId, 'nope')).toBeUndefined();

    await service.deletePublished(accountId, articleId, 1);
    expect((await service.publishedCards(accountId, articleId!))?.map((c) => c.title)).toEqual(['发二']);
    expect((await service.getPublication(accountId, publishId)).publication.status).toBe(0);
    await service.deletePublished(accountId, articleId, 2);
    expect(await service.publishedCards(accountId, articleId!)).toBeUndefined();
    expect((await service.getPublication(accountId, publishId)).publication.status).toBe(5);
    expect(await codeOf(service.deletePublished(accountId, articleId, 3))).toBe('article.invalid_index');
  });

  it('records page events with the person when known and counts them per article', async () => {
    const mediaId = await service.addDraft(accountId, [article('统计')]);
    const { publishId } = await service.submit(accountId, mediaId);
    await service.runPublish(accountId, publishId);
    const view = await service.getPublication(accountId, publishId);
    const key = view.articles[0]!.url.split('/').pop()!;
    const { person } = await ctx.services.followers.createPerson({ nickname: '读者' });

    expect(await pages.recordEvent(key, 'read', person.id)).toBe(true);
    expect(await pages.recordEvent(key, 'read', person.id)).toBe(true);
    expect(await pages.recordEvent(key, 'read', null)).toBe(true);
    expect(await pages.recordEvent(key, 'read_through', person.id)).toBe(true);
    expect(await pages.recordEvent(key, 'share', null)).toBe(true);
    expect(await pages.recordEvent('x'.repeat(22), 'read', null)).toBe(false);
    expect(await codeOf(pages.recordEvent(key, 'like', null))).toBe('article.invalid_event');

    expect(await pages.stats(accountId, view.publication.articleId!)).toEqual([
      { idx: 1, reads: 3, readers: 1, readThroughs: 1, shares: 1 },
    ]);
    await service.deletePublished(accountId, view.publication.articleId, 0);
    expect(await pages.recordEvent(key, 'read', null)).toBe(false);
  });
});
