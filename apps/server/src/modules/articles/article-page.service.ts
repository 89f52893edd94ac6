import type { Clock } from '../../shared/clock';
import type { AccountService } from '../accounts/account.service';
import type { ArticleMedia } from './article-media';
import { ArticleErrors } from './article.errors';
import type { ArticleStore } from './article.repo';
import { ARTICLE_EVENT_KINDS, type ArticleEventKind, type ArticlePage, type ArticleStats } from './article.types';
import type { ArticleUrls } from './article.urls';

/** Page keys: published ones are 22 characters, draft preview keys 24. */
const PAGE_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The data behind article pages (`/mp/s/<key>`, rendered by the HTTP layer) and what readers do
 * there: reads, read-throughs and shares, recorded as article events for analytics. Lookups by
 * key are global (keys are random and unique); counting is per account.
 */
export class ArticlePageService {
  constructor(
    private readonly repo: ArticleStore,
    private readonly accounts: Pick<AccountService, 'getById'>,
    private readonly media: ArticleMedia,
    private readonly urls: ArticleUrls,
    private readonly clock: Clock,
  ) {}

  /**
   * What the page shows: a published article (deleted ones flagged, the page then says so), or
   * the preview of a draft article (`idx` 1-based, default 1). `undefined` for anything else.
   */
  async page(key: string, idx?: number): Promise<ArticlePage | undefined> {
    if (!PAGE_KEY.test(key)) return undefined;
    const published = await this.repo.findArticleByKey(key);
    if (published) {
      const account = await this.accounts.getById(published.accountId);
      return {
        key,
        accountName: account?.name ?? '',
        article: published.article,
        thumbUrl: published.thumbUrl,
        imageUrls: published.imageUrls,
        publishedAt: published.createdAt,
        deleted: published.deleted,
        preview: false,
        url: this.urls.page(key),
      };
    }
    const draft = await this.repo.findDraftByPreviewKey(key);
    const n = idx ?? 1;
    const article = draft?.articles[n - 1];
    if (!draft || !article) return undefined;
    const account = await this.accounts.getById(draft.accountId);
    const [media] = await this.media.urls(draft.accountId, [article]);
    return {
      key,
      accountName: account?.name ?? '',
      article,
      thumbUrl: media?.thumbUrl ?? '',
      imageUrls: media?.imageUrls ?? [],
      publishedAt: draft.updatedAt,
      deleted: false,
      preview: true,
      url: this.urls.preview(key, n),
    };
  }

  /**
   * Records what a reader did on a published article's page; `personId` when the follower client
   * identified its person. Returns false (recording nothing) for unknown or deleted articles and
   * for previews. Throws `invalid_event` for an unknown kind.
   */
  async recordEvent(key: string, kind: unknown, personId: string | null): Promise<boolean> {
    if (typeof kind !== 'string' || !ARTICLE_EVENT_KINDS.includes(kind as ArticleEventKind)) throw ArticleErrors.invalidEvent();
    if (!PAGE_KEY.test(key)) return false;
    const article = await this.repo.findArticleByKey(key);
    if (!article || article.deleted) return false;
    await this.repo.insertEvent(article.accountId, {
      key,
      articleId: article.articleId,
      idx: article.idx,
      kind: kind as ArticleEventKind,
      personId,
      atMs: this.clock.nowMs(),
    });
    return true;
  }

  /**
   * Reads, distinct identified readers, read-throughs and shares of each article of a published
   * article_id (zeros for articles nobody opened). Throws `article_not_found`.
   */
  async stats(accountId: string, articleId: string): Promise<ArticleStats[]> {
    const publication = articleId ? await this.repo.findPublicationByArticleId(accountId, articleId, 'publish') : undefined;
    if (!publication) throw ArticleErrors.articleNotFound();
    const counted = new Map((await this.repo.stats(accountId, articleId)).map((s) => [s.idx, s]));
    const articles = await this.repo.articlesOf(accountId, publication.publishId);
    return articles.map((a) => counted.get(a.idx) ?? { idx: a.idx, reads: 0, readers: 0, readThroughs: 0, shares: 0 });
  }
}
