import { randomInt } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { randomToken } from '../../shared/ids';
import { operatorOpenId, type JobResultPushes } from '../callbacks/push-queue';
import type { ArticleMedia, ArticleMediaUrls } from './article-media';
import { ArticleErrors } from './article.errors';
import type { ArticleStore } from './article.repo';
import {
  PublishStatus,
  type Article,
  type Draft,
  type MpnewsArticle,
  type Publication,
  type PublishedArticle,
  type PublishQueue,
} from './article.types';
import type { ArticleUrls } from './article.urls';
import { checkPaging, integerOf, parseArticle, parseArticles } from './article.validation';

/** Draws of fresh publish ids before giving up; a collision is already unlikely. */
const ID_ATTEMPTS = 5;

/** An article with the URLs the wire shows next to it. */
export interface ArticleView {
  article: Article;
  /** Page URL: the preview of a draft article, the permanent page of a published one. */
  url: string;
  thumbUrl: string;
  /** Published articles only. */
  deleted?: boolean;
}

/** A draft as `draft/get` and `draft/batchget` show it. */
export interface DraftView {
  mediaId: string;
  articles: ArticleView[];
  createdAt: number;
  updatedAt: number;
}

/** A publish task as `freepublish/get` shows it, with its articles once published. */
export interface PublicationView {
  publication: Publication;
  articles: ArticleView[];
}

/**
 * Drafts (草稿箱), publishing (发布) and article pages (spec/api-catalog.md §5.3–5.4,
 * spec/callback-protocol.md §4.3 PUBLISHJOBFINISH).
 *
 * A draft holds 1–8 validated articles whose HTML is sanitised on save. `submit` creates a publish
 * task in status 1 and queues it; the worker ({@link runPublish}) snapshots the draft into
 * published articles, each with a page at `/mp/s/<key>`, sets status 0, removes the draft (as
 * WeChat does: "草稿发表后，原草稿将从草稿箱移除") and reports PUBLISHJOBFINISH. Pages record reads,
 * read-throughs and shares as article events ({@link ArticlePageService}).
 */
export class ArticleService {
  constructor(
    private readonly repo: ArticleStore,
    private readonly media: ArticleMedia,
    private readonly urls: ArticleUrls,
    private readonly queue: PublishQueue,
    private readonly reporter: Pick<JobResultPushes, 'report'>,
    private readonly clock: Clock,
  ) {}

  // ── drafts ──────────────────────────────────────────────────────────────

  /** `draft/add`: validates, sanitises and stores the articles; returns the draft's media_id. */
  async addDraft(accountId: string, articles: unknown): Promise<string> {
    const parsed = parseArticles(articles);
    await this.media.check(accountId, parsed);
    const now = this.clock.nowMs();
    const mediaId = randomToken(64);
    await this.repo.insertDraft(accountId, {
      mediaId,
      articles: parsed,
      revision: 1,
      previewKey: randomToken(24),
      createdAt: now,
      updatedAt: now,
    });
    return mediaId;
  }

  /** `draft/get`. Throws `draft_not_found` (40007). */
  async getDraft(accountId: string, mediaId: unknown): Promise<DraftView> {
    return this.draftView(accountId, await this.requireDraft(accountId, mediaId));
  }

  /** `draft/update`: replaces the article at the 0-based `index`. */
  async updateDraft(accountId: string, mediaId: unknown, index: unknown, article: unknown): Promise<void> {
    const draft = await this.requireDraft(accountId, mediaId);
    const i = integerOf(index);
    if (i === null || i < 0 || i >= draft.articles.length) throw ArticleErrors.invalidIndex();
    if (article === undefined) throw ArticleErrors.emptyArticles();
    const parsed = parseArticle(article);
    await this.media.check(accountId, [parsed]);
    const articles = draft.articles.map((a, n) => (n === i ? parsed : a));
    if (!(await this.repo.updateDraft(accountId, draft.mediaId, draft.revision, articles, this.clock.nowMs()))) {
      // Updated or deleted concurrently: apply on top of the latest version, once.
      const latest = await this.requireDraft(accountId, mediaId);
      const merged = latest.articles.map((a, n) => (n === i ? parsed : a));
      if (!(await this.repo.updateDraft(accountId, latest.mediaId, latest.revision, merged, this.clock.nowMs()))) {
        throw ArticleErrors.draftNotFound();
      }
    }
  }

  /**
   * Replaces every article of a draft at once (the console's editor adds, removes and reorders
   * articles, which `draft/update` cannot), with `draft/add`'s validation. The draft keeps its
   * media_id. Throws `draft_not_found` when it was deleted or published meanwhile.
   */
  async replaceDraft(accountId: string, mediaId: unknown, articles: unknown): Promise<void> {
    const draft = await this.requireDraft(accountId, mediaId);
    const parsed = parseArticles(articles);
    await this.media.check(accountId, parsed);
    if (!(await this.repo.updateDraft(accountId, draft.mediaId, draft.revision, parsed, this.clock.nowMs()))) {
      throw ArticleErrors.draftNotFound();
    }
  }

  /** `draft/delete`. Pages already made from the draft (mpnews cards) stay. */
  async deleteDraft(accountId: string, mediaId: unknown): Promise<void> {
    if (typeof mediaId !== 'string' || !(await this.repo.deleteDraft(accountId, mediaId))) throw ArticleErrors.draftNotFound();
  }

  /** `draft/count`. */
  countDrafts(accountId: string): Promise<number> {
    return this.repo.countDrafts(accountId);
  }

  /** `draft/batchget`: a page of drafts, newest first, with the total. */
  async listDrafts(accountId: string, offset: unknown, count: unknown): Promise<{ total: number; items: DraftView[] }> {
    const paging = checkPaging(offset, count);
    const [total, drafts] = await Promise.all([
      this.repo.countDrafts(accountId),
      this.repo.listDrafts(accountId, paging.offset, paging.count),
    ]);
    return { total, items: await Promise.all(drafts.map((d) => this.draftView(accountId, d))) };
  }

  // ── publishing ──────────────────────────────────────────────────────────

  /**
   * `freepublish/submit`: queues the publishing of a draft. Submitting a draft whose publishing is
   * still queued answers the same task (a retried request does not publish twice). Throws
   * `draft_not_found` (40007) or `draft_check_failed` (53503) when a material it uses is gone.
   */
  async submit(accountId: string, mediaId: unknown): Promise<{ publishId: string; msgDataId: string }> {
    const draft = await this.requireDraft(accountId, mediaId);
    const pending = await this.repo.findPendingForDraft(accountId, draft.mediaId);
    if (pending) return { publishId: pending.publishId, msgDataId: pending.msgDataId };
    const missing = await this.media.missing(accountId, draft.articles);
    if (missing.length)
      throw ArticleErrors.draftCheckFailed(`article ${missing.join(', ')} uses a material that no longer exists`);
    const publication = await this.insertWithFreshIds(accountId, {
      kind: 'publish',
      status: PublishStatus.publishing,
      articleId: null,
      draftMediaId: draft.mediaId,
      sourceKey: null,
    });
    try {
      await this.queue.enqueue(accountId, publication.publishId);
    } catch (error) {
      // Not queued means never published: leave no task stuck in "publishing".
      await this.repo.deletePublication(accountId, publication.publishId);
      throw error;
    }
    return { publishId: publication.publishId, msgDataId: publication.msgDataId };
  }

  /**
   * The worker's side of a publish task; safe to run more than once. Snapshots the draft into
   * published articles, sets status 0 and removes the draft in one transaction, then reports
   * PUBLISHJOBFINISH. A draft deleted meanwhile, or a material gone, fails the task (status 3).
   */
  async runPublish(accountId: string, publishId: string): Promise<void> {
    const publication = await this.repo.findPublication(accountId, publishId);
    if (!publication || publication.kind !== 'publish') return;
    if (publication.status === PublishStatus.publishing) await this.publish(publication);
    await this.report(accountId, publishId);
  }

  /** `freepublish/get`. Throws `publish_not_found` (53502). */
  async getPublication(accountId: string, publishId: unknown): Promise<PublicationView> {
    const id = typeof publishId === 'number' ? String(publishId) : publishId;
    const publication =
      typeof id === 'string' && /^\d{1,20}$/.test(id) ? await this.repo.findPublication(accountId, id) : undefined;
    if (!publication || publication.kind !== 'publish') throw ArticleErrors.publishNotFound();
    return { publication, articles: await this.publishedViews(accountId, publication) };
  }

  /**
   * `freepublish/delete`: deletes one article (1-based `index`) or, with 0 or no index, all of
   * them; irreversible. When no article is left the task's status becomes 5.
   */
  async deletePublished(accountId: string, articleId: unknown, index: unknown): Promise<void> {
    const publication = await this.requirePublished(accountId, articleId);
    const i = index === undefined ? 0 : integerOf(index);
    const articles = await this.repo.articlesOf(accountId, publication.publishId);
    if (i === null || i < 0 || i > articles.length) throw ArticleErrors.invalidIndex();
    const now = this.clock.nowMs();
    await this.repo.markDeleted(accountId, publication.publishId, i === 0 ? null : i, now);
    const left = (await this.repo.articlesOf(accountId, publication.publishId)).filter((a) => !a.deleted);
    if (!left.length) await this.repo.setPublicationStatus(accountId, publication.publishId, PublishStatus.deleted, now);
  }

  /** `freepublish/getarticle`: the articles of a published article_id, deleted ones flagged. */
  async getPublished(accountId: string, articleId: unknown): Promise<ArticleView[]> {
    const publication = await this.requirePublished(accountId, articleId);
    return this.publishedViews(accountId, publication);
  }

  /** `freepublish/batchget`: successful publications, newest first. */
  async listPublished(accountId: string, offset: unknown, count: unknown): Promise<{ total: number; items: PublicationView[] }> {
    const paging = checkPaging(offset, count);
    const [total, publications] = await Promise.all([
      this.repo.countPublished(accountId),
      this.repo.listPublished(accountId, paging.offset, paging.count),
    ]);
    const items = await Promise.all(
      publications.map(async (p) => ({ publication: p, articles: await this.publishedViews(accountId, p) })),
    );
    return { total, items };
  }

  /** Every publish task, newest first, with its articles (the console's publication list). */
  async listPublications(accountId: string, limit = 50): Promise<PublicationView[]> {
    const publications = await this.repo.listPublications(accountId, Math.min(Math.max(limit, 1), 200));
    return Promise.all(publications.map(async (p) => ({ publication: p, articles: await this.publishedViews(accountId, p) })));
  }

  // ── cards for mpnews messages ───────────────────────────────────────────

  /**
   * Cards for a draft sent as mpnews (customer-service messages, broadcasts), `undefined` for an
   * unknown or foreign media_id. The articles get pages first, as WeChat publishes a draft that is
   * sent: one set of pages per version of the draft, reused by later sends of the same version.
   * The draft itself stays in the draft box.
   */
  async draftCards(accountId: string, mediaId: string): Promise<MpnewsArticle[] | undefined> {
    if (typeof mediaId !== 'string' || !mediaId) return undefined;
    const draft = await this.repo.findDraft(accountId, mediaId);
    if (!draft) return undefined;
    const sourceKey = `${draft.mediaId}:${draft.revision}`;
    let publication = await this.repo.findPublicationBySource(accountId, sourceKey);
    if (!publication) {
      const media = await this.media.urls(accountId, draft.articles);
      publication = await this.repo
        .transaction(async (trx) => {
          const created = await this.insertWithFreshIds(
            accountId,
            { kind: 'card', status: PublishStatus.success, articleId: randomToken(43), draftMediaId: draft.mediaId, sourceKey },
            trx,
          );
          await trx.insertArticles(accountId, this.snapshot(created, draft.articles, media));
          return created;
        })
        .catch(async (error: unknown) => {
          // Another send of the same version made the pages first: use those.
          const existing = await this.repo.findPublicationBySource(accountId, sourceKey);
          if (existing) return existing;
          throw error;
        });
    }
    return this.cards(await this.repo.articlesOf(accountId, publication.publishId));
  }

  /**
   * Cards of a published article_id (customer-service `mpnewsarticle`); `undefined` when unknown,
   * foreign or deleted. Articles deleted one by one are left out.
   */
  async publishedCards(accountId: string, articleId: string): Promise<MpnewsArticle[] | undefined> {
    if (typeof articleId !== 'string' || !articleId) return undefined;
    const publication = await this.repo.findPublicationByArticleId(accountId, articleId, 'publish');
    if (!publication || publication.status !== PublishStatus.success) return undefined;
    const cards = this.cards((await this.repo.articlesOf(accountId, publication.publishId)).filter((a) => !a.deleted));
    return cards.length ? cards : undefined;
  }

  /**
   * Marks the pages behind mpnews cards deleted (`mass/delete`): their URLs are this account's
   * `/mp/s/<key>` pages. Cards already in followers' chats stay; their pages say the article was
   * deleted. Unknown or foreign URLs are ignored.
   */
  async deleteCardPages(accountId: string, urls: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const url of urls) {
      const key = /\/mp\/s\/([A-Za-z0-9_-]+)(?:[?#]|$)/.exec(url)?.[1];
      const article = key ? await this.repo.findArticleByKey(key) : undefined;
      if (!article || article.accountId !== accountId || article.deleted) continue;
      deleted += await this.repo.markDeleted(accountId, article.publishId, article.idx, this.clock.nowMs());
    }
    return deleted;
  }

  // ── internals ───────────────────────────────────────────────────────────

  private async publish(publication: Publication): Promise<void> {
    const { accountId, publishId } = publication;
    const fail = (failIdx: number[]) =>
      this.repo.finishPublication(
        accountId,
        publishId,
        { status: PublishStatus.failed, articleId: null, failIdx },
        this.clock.nowMs(),
      );
    const draft = await this.repo.findDraft(accountId, publication.draftMediaId);
    if (!draft) {
      await fail([]);
      return;
    }
    const missing = await this.media.missing(accountId, draft.articles);
    if (missing.length) {
      // Failed publishing keeps the draft, as WeChat keeps a backup in the draft box.
      await fail(missing);
      return;
    }
    const media = await this.media.urls(accountId, draft.articles);
    const articleId = randomToken(43);
    await this.repo
      .transaction(async (trx) => {
        const now = this.clock.nowMs();
        if (
          !(await trx.finishPublication(accountId, publishId, { status: PublishStatus.success, articleId, failIdx: [] }, now))
        ) {
          throw new AlreadyFinished();
        }
        await trx.insertArticles(accountId, this.snapshot({ ...publication, articleId }, draft.articles, media));
        await trx.deleteDraft(accountId, draft.mediaId);
      })
      .catch((error: unknown) => {
        if (!(error instanceof AlreadyFinished)) throw error;
      });
  }

  /** Reports the task's outcome; the push id (`pub-<publish_id>`) makes a repeated report a no-op. */
  private async report(accountId: string, publishId: string): Promise<void> {
    const publication = await this.repo.findPublication(accountId, publishId);
    if (!publication || publication.status === PublishStatus.publishing) return;
    const articles = publication.status === PublishStatus.failed ? [] : await this.repo.articlesOf(accountId, publishId);
    await this.reporter.report(accountId, `pub-${publishId}`, operatorOpenId(accountId), {
      event: 'PUBLISHJOBFINISH',
      publishId,
      publishStatus: publication.status,
      ...(publication.articleId ? { articleId: publication.articleId } : {}),
      ...(articles.length ? { articles: articles.map((a) => ({ idx: a.idx, url: this.urls.page(a.key) })) } : {}),
      ...(publication.failIdx.length ? { failIdx: publication.failIdx } : {}),
    });
  }

  private snapshot(
    publication: Pick<Publication, 'publishId' | 'articleId'>,
    articles: Article[],
    media: ArticleMediaUrls[],
  ): Omit<PublishedArticle, 'accountId' | 'deleted'>[] {
    const now = this.clock.nowMs();
    return articles.map((article, i) => ({
      key: randomToken(22),
      publishId: publication.publishId,
      articleId: publication.articleId!,
      idx: i + 1,
      article,
      thumbUrl: media[i]?.thumbUrl ?? '',
      imageUrls: media[i]?.imageUrls ?? [],
      createdAt: now,
    }));
  }

  private async insertWithFreshIds(
    accountId: string,
    p: Pick<Publication, 'kind' | 'status' | 'articleId' | 'draftMediaId'> & { sourceKey: string | null },
    store: ArticleStore = this.repo,
  ): Promise<Publication> {
    const now = this.clock.nowMs();
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const publication: Publication = {
        ...p,
        accountId,
        publishId: String(randomInt(2_247_483_648, 9_999_999_999)),
        msgDataId: String(randomInt(2_247_483_648, 9_999_999_999)),
        failIdx: [],
        createdAt: now,
        updatedAt: now,
        publishedAt: p.status === PublishStatus.success ? now : null,
      };
      if (await store.insertPublication(accountId, { ...publication, sourceKey: p.sourceKey }, now)) return publication;
      if (p.sourceKey && (await store.findPublicationBySource(accountId, p.sourceKey))) throw new AlreadyFinished();
    }
    throw new Error('could not draw a free publish_id');
  }

  private async requireDraft(accountId: string, mediaId: unknown): Promise<Draft> {
    const draft = typeof mediaId === 'string' && mediaId ? await this.repo.findDraft(accountId, mediaId) : undefined;
    if (!draft) throw ArticleErrors.draftNotFound();
    return draft;
  }

  private async requirePublished(accountId: string, articleId: unknown): Promise<Publication> {
    const publication =
      typeof articleId === 'string' && articleId
        ? await this.repo.findPublicationByArticleId(accountId, articleId, 'publish')
        : undefined;
    if (!publication) throw ArticleErrors.articleNotFound();
    return publication;
  }

  private async draftView(accountId: string, draft: Draft): Promise<DraftView> {
    const media = await this.media.urls(accountId, draft.articles);
    return {
      mediaId: draft.mediaId,
      articles: draft.articles.map((article, i) => ({
        article,
        url: this.urls.preview(draft.previewKey, i + 1),
        thumbUrl: media[i]?.thumbUrl ?? '',
      })),
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
    };
  }

  private async publishedViews(accountId: string, publication: Publication): Promise<ArticleView[]> {
    if (!publication.articleId) return [];
    return (await this.repo.articlesOf(accountId, publication.publishId)).map((a) => ({
      article: a.article,
      url: this.urls.page(a.key),
      thumbUrl: a.thumbUrl,
      deleted: a.deleted,
    }));
  }

  private cards(articles: PublishedArticle[]): MpnewsArticle[] {
    return articles.map((a) => ({
      title: a.article.title,
      digest: a.article.digest,
      author: a.article.author,
      thumbUrl: a.thumbUrl,
      url: this.urls.page(a.key),
    }));
  }
}

/** A publish task another run already finished; not an error for the caller. */
class AlreadyFinished extends Error {}
