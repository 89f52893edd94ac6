import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Template notices (模板消息, spec/api-catalog.md §3.3): the account's industry pair, its private
 * templates (at most 25), one row per template send (the `client_msg_id` idempotency record and
 * the delivery status behind TEMPLATESENDJOBFINISH), and the follower's "stop receiving this
 * account's notices" switch.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // The follower refused this account's template notices (WeChat's 43101 on send).
  await db.schema
    .alterTable('followers')
    .addColumn('blocks_notices', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // One row per account that has chosen its industries; `changed_at` enforces once a month.
  await db.schema
    .createTable('template_industries')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('primary_id', 'integer', (c) => c.notNull())
    .addColumn('secondary_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('templates')
    .addColumn('template_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('short_id', 'text', (c) => c.notNull())
    .addColumn('industry_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('primary_industry', 'text', (c) => c.notNull())
    .addColumn('deputy_industry', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('example', 'text', (c) => c.notNull())
    // JSON array of the keyword names chosen with `keyword_name_list` (category templates), else [].
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('templates_account_idx').on('templates').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('template_sends')
    // Decimal msgid below 2^53 (answered as a JSON number); unique across accounts because the
    // TEMPLATESENDJOBFINISH push is keyed by it.
    .addColumn('msgid', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('follower_id', 'bigint', (c) => c.notNull().references('followers.id').onDelete('cascade'))
    .addColumn('openid', 'text', (c) => c.notNull())
    // Null once the idempotency window has passed (or when the developer sent none).
    .addColumn('client_msg_id', 'text')
    // JSON of the notice as the follower sees it, so an interrupted send can be finished later.
    .addColumn('body', 'text', (c) => c.notNull())
    // `pending` (stored, not yet shown), `success`, or a TEMPLATESENDJOBFINISH failure status.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // NULLs never collide (both dialects), so only live idempotency keys are unique.
  await db.schema
    .createIndex('template_sends_client_msg_idx')
    .on('template_sends')
    .columns(['account_id', 'client_msg_id'])
    .unique()
    .execute();
  await db.schema.createIndex('template_sends_account_idx').on('template_sends').columns(['account_id', 'created_at']).execute();
}
