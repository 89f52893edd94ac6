import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, MediaTable } from '../../db/schema';
import type { MediaRecord, StoredMediaType, StoredNewsArticle } from './media.types';

/** What the public file route needs to serve `/mmbiz/<key>`. */
export interface PublicFile {
  accountId: string;
  contentType: string;
  blobKey: string;
  deletedAt: number | null;
}

/**
 * The storage the media service needs, as a structural type so unit tests can pass an in-memory
 * fake. Every method is scoped to one account except {@link MediaRepo.findByPublicKey}: public
 * keys are unique across accounts and the public file route has no account to offer.
 */
export type MediaStore = Pick<MediaRepo, keyof MediaRepo>;

/** Storage of media, materials and news (table `media`). */
export class MediaRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(accountId: string, record: Omit<MediaRecord, 'accountId'>): Promise<void> {
    await this.db
      .insertInto('media')
      .values({
        media_id: record.mediaId,
        account_id: accountId,
        type: record.type,
        permanent: record.permanent ? 1 : 0,
        material: record.material ? 1 : 0,
        filename: record.filename,
        content_type: record.contentType,
        size: record.size,
        blob_key: record.blobKey,
        public_key: record.publicKey,
        title: record.title,
        description: record.description,
        articles: record.articles === null ? null : JSON.stringify(record.articles),
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        expires_at: record.expiresAt,
        deleted_at: record.deletedAt,
      })
      .execute();
  }

  /** The row of a media id of this account, deleted or expired ones included. */
  async find(accountId: string, mediaId: string): Promise<MediaRecord | undefined> {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByPublicKey(publicKey: string): Promise<PublicFile | undefined> {
    const row = await this.db
      .selectFrom('media')
      .select(['account_id', 'content_type', 'blob_key', 'deleted_at'])
      .where('public_key', '=', publicKey)
      .executeTakeFirst();
    if (!row?.blob_key) return undefined;
    return {
      accountId: row.account_id,
      contentType: row.content_type,
      blobKey: row.blob_key,
      deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
    };
  }

  /** Live materials of the account per stored type (types without any are absent). */
  async countMaterials(accountId: string): Promise<Partial<Record<StoredMediaType, number>>> {
    const rows = await this.db
      .selectFrom('media')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .where('material', '=', 1)
      .where('deleted_at', 'is', null)
      .groupBy('type')
      .execute();
    const out: Partial<Record<StoredMediaType, number>> = {};
    for (const row of rows) out[row.type as StoredMediaType] = Number(row.n);
    return out;
  }

  /** One page of live materials of the given types, newest first (ties by media id). */
  async listMaterials(
    accountId: string,
    types: readonly StoredMediaType[],
    offset: number,
    limit: number,
  ): Promise<MediaRecord[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('material', '=', 1)
      .where('type', 'in', types)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('media_id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toRecord);
  }

  /** Soft-deletes a live material; false when there is none by that id. */
  async markDeleted(accountId: string, mediaId: string, atMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('media')
      .set({ deleted_at: atMs, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .where('material', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Replaces the articles of a live news row; false when there is none by that id. */
  async updateArticles(accountId: string, mediaId: string, articles: StoredNewsArticle[], atMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('media')
      .set({ articles: JSON.stringify(articles), updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('media_id', '=', mediaId)
      .where('type', '=', 'news')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRecord(row: Selectable<MediaTable>): MediaRecord {
  return {
    mediaId: row.media_id,
    accountId: row.account_id,
    type: row.type as StoredMediaType,
    permanent: Number(row.permanent) === 1,
    material: Number(row.material) === 1,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    blobKey: row.blob_key,
    publicKey: row.public_key,
    title: row.title,
    description: row.description,
    articles: row.articles === null ? null : (JSON.parse(row.articles) as StoredNewsArticle[]),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}
