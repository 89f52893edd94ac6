import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, DraftsTable, PublicationsTable, PublishedArticlesTable } from '../../db/schema';
import type {
  Article,
  ArticleEventKind,
  ArticleStats,
  Draft,
  Publication,
  PublicationKind,
  PublishedArticle,
} from './article.types';

/** A new publication row; `inserted` reports whether its ids were free. */
export type NewPublication = Omit<Publication, 'accountId' | 'updatedAt' | 'publishedAt'> & { sourceKey: string | null };

/**
 * Storage of drafts, publications, published articles and their page events. Every method is
 * scoped to one account, except the two lookups of the public pages by their random key
 * ({@link findArticleByKey}, {@link findDraftByPreviewKey}), which are unique across accounts.
 */
export class ArticleRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Runs `work` in one transaction over a repo bound to it. Not re-entrant. */
  transaction<T>(work: (repo: ArticleRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new ArticleRepo(trx)));
  }

  // ── drafts ──────────────────────────────────────────────────────────────

  async insertDraft(accountId: string, draft: Omit<Draft, 'accountId'>): Promise<void> {
    await this.db
      .insertInto('drafts')
      .values({
        media_id: draft.mediaId,
        account_id: accountId,
        articles: JSON.stringify(draft.articles),
        revision: draft.revision,
        preview_key: draft.previewKey,
        created_at: draft.createdAt,
        updated_at: draft.updatedAt,
      })
      .execute();
  }

  async findDraft(accountId: string, mediaId: string): Promise<Draft | undefined> {
    const row = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row && toDraft(row);
  }

  /** The draft behind a preview page (global: preview keys are unique). */
  async findDraftByPreviewKey(previewKey: string): Promise<Draft | undefined> {
    const row = await this.db.selectFrom('drafts').selectAll().where('preview_key', '=', previewKey).executeTakeFirst();
    return row && toDraft(row);
  }

  /**
   * Replaces the articles of a draft if it is still at `revision` (optimistic: a concurrent update
   * makes this return false instead of silently losing one of the two).
   */
  async updateDraft(accountId: string, mediaId: string, revision: number, articles: Article[], atMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ articles: JSON.stringify(articles), revision: revision + 1, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteDraft(accountId: string, mediaId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('drafts')
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async countDrafts(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('drafts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Drafts, most recently updated first (the draft box's order). */
  async listDrafts(accountId: string, offset: number, count: number): Promise<Draft[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('updated_at', 'desc')
      .orderBy('media_id')
      .offset(offset)
      .limit(count)
      .execute();
    return rows.map(toDraft);
  }

  // ── publications ────────────────────────────────────────────────────────

  /**
   * Stores a publication. Returns false, storing nothing, when its `publish_id`, `article_id` or
   * `source_key` is already taken (the caller draws new ids, or reads the existing card set).
   */
  async insertPublication(accountId: string, p: NewPublication, atMs: number): Promise<boolean> {
    const result = await this.db
      .insertInto('publications')
      .values({
        publish_id: p.publishId,
        account_id: accountId,
        kind: p.kind,
        status: p.status,
        article_id: p.articleId,
        msg_data_id: p.msgDataId,
        draft_media_id: p.draftMediaId,
        source_key: p.sourceKey,
        fail_idx: JSON.stringify(p.failIdx),
        created_at: p.createdAt,
        updated_at: atMs,
        published_at: p.status === 0 ? atMs : null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async findPublication(accountId: string, publishId: string): Promise<Publication | undefined> {
    const row = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('publish_id', '=', publishId)
      .executeTakeFirst();
    return row && toPublication(row);
  }

  async findPublicationByArticleId(
    accountId: string,
    articleId: string,
    kind: PublicationKind,
  ): Promise<Publication | undefined> {
    const row = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('article_id', '=', articleId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && toPublication(row);
  }

  async findPublicationBySource(accountId: string, sourceKey: string): Promise<Publication | undefined> {
    const row = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    return row && toPublication(row);
  }

  /** The publish task of this draft still waiting for the worker, if any. */
  async findPendingForDraft(accountId: string, draftMediaId: string): Promise<Publication | undefined> {
    const row = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('draft_media_id', '=', draftMediaId)
      .where('kind', '=', 'publish')
      .where('status', '=', 1)
      .executeTakeFirst();
    return row && toPublication(row);
  }

  /**
   * Moves a publication out of "publishing" (status 1). Returns false when it had already left it
   * (another run of the same job got there first).
   */
  async finishPublication(
    accountId: string,
    publishId: string,
    outcome: { status: number; articleId: string | null; failIdx: number[] },
    atMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('publications')
      .set({
        status: outcome.status,
        article_id: outcome.articleId,
        fail_idx: JSON.stringify(outcome.failIdx),
        updated_at: atMs,
        published_at: outcome.status === 0 ? atMs : null,
      })
      .where('account_id', '=', accountId)
      .where('publish_id', '=', publishId)
      .where('status', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setPublicationStatus(accountId: string, publishId: string, status: number, atMs: number): Promise<void> {
    await this.db
      .updateTable('publications')
      .set({ status, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('publish_id', '=', publishId)
      .execute();
  }

  async deletePublication(accountId: string, publishId: string): Promise<void> {
    await this.db.deleteFrom('publications').where('account_id', '=', accountId).where('publish_id', '=', publishId).execute();
  }

  /** Successful publish tasks (`freepublish/batchget`): count. */
  async countPublished(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('kind', '=', 'publish')
      .where('status', '=', 0)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Successful publish tasks, most recent first. */
  async listPublished(accountId: string, offset: number, count: number): Promise<Publication[]> {
    const rows = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', 'publish')
      .where('status', '=', 0)
      .orderBy('updated_at', 'desc')
      .orderBy('publish_id', 'desc')
      .offset(offset)
      .limit(count)
      .execute();
    return rows.map(toPublication);
  }

  /** Every publish task whatever its status, most recent first (the console's list). */
  async listPublications(accountId: string, limit: number): Promise<Publication[]> {
    const rows = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', 'publish')
      .orderBy('created_at', 'desc')
      .orderBy('publish_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toPublication);
  }

  // ── published articles ──────────────────────────────────────────────────

  async insertArticles(accountId: string, articles: Omit<PublishedArticle, 'accountId' | 'deleted'>[]): Promise<void> {
    if (!articles.length) return;
    await this.db
      .insertInto('published_articles')
      .values(
        articles.map((a) => ({
          key: a.key,
          account_id: accountId,
          publish_id: a.publishId,
          article_id: a.articleId,
          idx: a.idx,
          article: JSON.stringify(a.article),
          thumb_url: a.thumbUrl,
          image_urls: JSON.stringify(a.imageUrls),
          deleted: 0,
          deleted_at: null,
          created_at: a.createdAt,
        })),
      )
      .execute();
  }

  /** The articles of one publication, by `idx`. */
  async articlesOf(accountId: string, publishId: string): Promise<PublishedArticle[]> {
    const rows = await this.db
      .selectFrom('published_articles')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('publish_id', '=', publishId)
      .orderBy('idx')
      .execute();
    return rows.map(toPublishedArticle);
  }

  /** The article behind a page key (global: keys are unique). */
  async findArticleByKey(key: string): Promise<PublishedArticle | undefined> {
    const row = await this.db.selectFrom('published_articles').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toPublishedArticle(row);
  }

  /** Marks one article (`idx`) or all of a publication deleted; returns how many changed. */
  async markDeleted(accountId: string, publishId: string, idx: number | null, atMs: number): Promise<number> {
    let query = this.db
      .updateTable('published_articles')
      .set({ deleted: 1, deleted_at: atMs })
      .where('account_id', '=', accountId)
      .where('publish_id', '=', publishId)
      .where('deleted', '=', 0);
    if (idx !== null) query = query.where('idx', '=', idx);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  // ── events ──────────────────────────────────────────────────────────────

  async insertEvent(
    accountId: string,
    event: { key: string; articleId: string; idx: number; kind: ArticleEventKind; personId: string | null; atMs: number },
  ): Promise<void> {
    await this.db
      .insertInto('article_events')
      .values({
        account_id: accountId,
        article_key: event.key,
        article_id: event.articleId,
        idx: event.idx,
        kind: event.kind,
        person_id: event.personId,
        created_at: event.atMs,
      })
      .execute();
  }

  /** Event counts of an article, per `idx`; indexes without events are absent. */
  async stats(accountId: string, articleId: string): Promise<ArticleStats[]> {
    const rows = await this.db
      .selectFrom('article_events')
      .select((eb) => [
        'idx',
        'kind',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('person_id').distinct().as('persons'),
      ])
      .where('account_id', '=', accountId)
      .where('article_id', '=', articleId)
      .groupBy(['idx', 'kind'])
      .execute();
    const byIdx = new Map<number, ArticleStats>();
    for (const row of rows) {
      const idx = Number(row.idx);
      const stats = byIdx.get(idx) ?? { idx, reads: 0, readers: 0, readThroughs: 0, shares: 0 };
      const n = Number(row.n);
      if (row.kind === 'read') {
        stats.reads = n;
        stats.readers = Number(row.persons);
      } else if (row.kind === 'read_through') stats.readThroughs = n;
      else if (row.kind === 'share') stats.shares = n;
      byIdx.set(idx, stats);
    }
    return [...byIdx.values()].sort((a, b) => a.idx - b.idx);
  }
}

/** The storage the article service needs (structural, so tests may substitute it). */
export type ArticleStore = Pick<ArticleRepo, keyof ArticleRepo>;

function toDraft(row: Selectable<DraftsTable>): Draft {
  return {
    mediaId: row.media_id,
    accountId: row.account_id,
    articles: JSON.parse(row.articles) as Article[],
    revision: Number(row.revision),
    previewKey: row.preview_key,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toPublication(row: Selectable<PublicationsTable>): Publication {
  return {
    publishId: row.publish_id,
    accountId: row.account_id,
    kind: row.kind as PublicationKind,
    status: Number(row.status),
    articleId: row.article_id,
    msgDataId: row.msg_data_id,
    draftMediaId: row.draft_media_id,
    failIdx: JSON.parse(row.fail_idx) as number[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
  };
}

function toPublishedArticle(row: Selectable<PublishedArticlesTable>): PublishedArticle {
  return {
    key: row.key,
    accountId: row.account_id,
    publishId: row.publish_id,
    articleId: row.article_id,
    idx: Number(row.idx),
    article: JSON.parse(row.article) as Article,
    thumbUrl: row.thumb_url,
    imageUrls: JSON.parse(row.image_urls) as string[],
    deleted: Number(row.deleted) === 1,
    createdAt: Number(row.created_at),
  };
}
