import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * The job table of the embedded job queue (`jobs/db-job-queue.ts`). One row per job, keyed by
 * (name, id) so that deterministic ids make enqueueing idempotent. `due_at` is when the row next
 * needs a worker: the due time of a queued job, or the lease expiry of an active one, so a single
 * index serves both "start what is due" and "re-run what a dead worker left behind".
 * Frozen once landed: later changes get new migrations.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('backoff_type', 'text', (c) => c.notNull())
    .addColumn('backoff_ms', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addPrimaryKeyConstraint('jobs_pk', ['name', 'id'])
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['name', 'state', 'due_at']).execute();
  await db.schema.createIndex('jobs_finished_idx').on('jobs').columns(['state', 'finished_at']).execute();
}
