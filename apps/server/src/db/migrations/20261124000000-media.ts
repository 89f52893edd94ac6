import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Media and materials: temporary media (3 days), permanent materials, images for article content
 * and news (图文) made of articles. File bytes live in the blob store; a row keeps what the API
 * answers about them and the keys to find them (`blob_key` in the store, `public_key` in the
 * public URL `/mmbiz/<public_key>`). News rows have no file: their articles are JSON.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('media_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // image | voice | video | thumb | news
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('permanent', 'integer', (c) => c.notNull())
    // 1 = part of the material library (listed, counted, capped, deletable)
    .addColumn('material', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('blob_key', 'text')
    .addColumn('public_key', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('articles', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute();
  // batchget_material pages one kind newest first; get_materialcount and the capacity check
  // count per kind: both read the account's library rows by type.
  await db.schema
    .createIndex('media_library_idx')
    .on('media')
    .columns(['account_id', 'material', 'type', 'created_at'])
    .execute();
}
