import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../db/database';
import { lazy, QueryTemplate, RowInsert, type QueryRunner } from '../db/query-template';
import type { DatabaseSchema, JobsTable } from '../db/schema';
import { emptyJobCounts, type JobCounts } from './job-queue';

/** A stored job row. */
export type JobRow = Selectable<JobsTable>;

/** A row to insert; built by the queue from resolved enqueue options. */
export type NewJobRow = Insertable<JobsTable>;

/** Stored `state` values; `delayed` is derived (a queued row whose `due_at` is in the future). */
export const StoredState = { queued: 'queued', active: 'active', completed: 'completed', failed: 'failed' } as const;

/** Rows per INSERT: 14 columns × 500 stays under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

/** Recorded on a run whose worker stopped renewing its lease (crash, kill, abandoned close). */
export const LEASE_EXPIRED_ERROR = 'run interrupted: the worker stopped before finishing (lease expired)';

/**
 * The SQL of the embedded job queue, kept apart from the worker loop so that each statement can
 * be read (and reasoned about for concurrency) on its own. Every statement is one atomic SQL
 * statement that runs unchanged on SQLite and PostgreSQL; the only dialect branch is PostgreSQL's
 * `FOR UPDATE SKIP LOCKED`, which lets concurrent claimers pass each other instead of queueing on
 * the same rows. Times are epoch ms read from the queue's clock and passed in.
 */
export class DbJobStore {
  /** `hot` runs the precompiled one-row insert and completion (see `Database.hot`). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly dialect: DialectName,
    private readonly hot: QueryRunner = db,
  ) {}

  /** One job, the common enqueue (a push, a job-finish report). */
  private readonly insertOne = lazy(
    () =>
      new RowInsert(this.hot, (row: NewJobRow) =>
        this.db
          .insertInto('jobs')
          .values(row)
          .onConflict((oc) => oc.columns(['name', 'id']).doNothing())
          .returning('id'),
      ),
  );

  /** The outcome write of a run that succeeded, the common one. */
  private readonly complete = lazy(
    () =>
      new QueryTemplate(this.hot, (name: string, id: string, token: string, now: number, againNow: number) =>
        this.db
          .updateTable('jobs')
          .set({ state: StoredState.completed, lease_token: null, finished_at: now, updated_at: againNow })
          .where('name', '=', name)
          .where('id', '=', id)
          .where('state', '=', StoredState.active)
          .where('lease_token', '=', token),
      ),
  );

  /**
   * Inserts rows, skipping any whose (name, id) already exists; returns the ids it inserted.
   * `ON CONFLICT DO NOTHING` makes the existence check and the insert one atomic step, so two
   * nodes enqueueing the same deterministic id cannot both create it.
   */
  async insert(rows: readonly NewJobRow[]): Promise<Set<string>> {
    const created = new Set<string>();
    if (rows.length === 1) {
      const { rows: inserted } = await this.insertOne().run(rows[0]!);
      for (const row of inserted) created.add(row.id);
      return created;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await this.db
        .insertInto('jobs')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) => oc.columns(['name', 'id']).doNothing())
        .returning('id')
        .execute();
      for (const row of inserted) created.add(row.id);
    }
    return created;
  }

  /**
   * Fails active jobs of `name` whose lease expired on their last allowed run: a job that keeps
   * killing its workers must end instead of being re-run forever. Runs before each claim.
   */
  async failExhaustedLeases(name: string, now: number): Promise<number> {
    const result = await this.db
      .updateTable('jobs')
      .set({ state: StoredState.failed, lease_token: null, last_error: LEASE_EXPIRED_ERROR, finished_at: now, updated_at: now })
      .where('name', '=', name)
      .where('state', '=', StoredState.active)
      .where('due_at', '<=', now)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Leases up to `limit` due jobs of `name` to the run token `token` until `now + leaseMs`, and
   * returns them with `attempts` already counting this run. Due means: queued and `due_at` has
   * passed, or active with an expired lease and attempts left (a dead worker's job).
   *
   * Concurrency: the eligibility test is repeated in the outer WHERE, so the UPDATE is a
   * compare-and-set: a row another claimer took between choosing candidates and the update no longer
   * matches and is simply not returned. On PostgreSQL the candidate query also locks its rows with
   * `SKIP LOCKED`, so concurrent claimers take different rows rather than contending; on SQLite
   * the single writer makes the statement atomic across processes.
   */
  async claim(name: string, limit: number, now: number, leaseMs: number, token: string): Promise<JobRow[]> {
    const due = (eb: ExpressionBuilder<DatabaseSchema, 'jobs'>) =>
      eb.and([
        eb('name', '=', name),
        eb('due_at', '<=', now),
        eb.or([
          eb('state', '=', StoredState.queued),
          eb.and([eb('state', '=', StoredState.active), eb('attempts', '<', eb.ref('max_attempts'))]),
        ]),
      ]);
    // The candidates are a materialised CTE: evaluated exactly once. As a plain `IN (subquery)`
    // PostgreSQL may re-run the subquery during the update, and with SKIP LOCKED each run can
    // return other rows, so one claim would take more than `limit` jobs.
    return this.db
      .with(
        (wb) => wb('candidates').materialized(),
        (db) =>
          db
            .selectFrom('jobs')
            .select('id')
            .where(due)
            .orderBy('due_at')
            .orderBy('created_at')
            .orderBy('id')
            .limit(limit)
            .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      .updateTable('jobs')
      .set({
        state: StoredState.active,
        attempts: sql<number>`attempts + 1`,
        lease_token: token,
        due_at: now + leaseMs,
        // A reclaimed row was interrupted; say so, for whoever reads the job after a crash.
        last_error: sql<string | null>`case when state = ${StoredState.active} then ${LEASE_EXPIRED_ERROR} else last_error end`,
        updated_at: now,
      })
      .where('name', '=', name)
      .where('id', 'in', (eb) => eb.selectFrom('candidates').select('id'))
      .where(due)
      .returningAll()
      .execute();
  }

  /** Pushes the lease of every active run holding one of `tokens` to `now + leaseMs`. */
  async renewLeases(tokens: readonly string[], now: number, leaseMs: number): Promise<void> {
    if (tokens.length === 0) return;
    await this.db
      .updateTable('jobs')
      .set({ due_at: now + leaseMs, updated_at: now })
      .where('state', '=', StoredState.active)
      .where('lease_token', 'in', tokens)
      .execute();
  }

  /**
   * Records the end of a run: `completed`, `failed`, or back to `queued` at `retryAt`. Only the run
   * that still holds the lease may write; returns `false` when the lease was lost (the job was
   * re-run elsewhere and that run's outcome wins).
   */
  async finish(
    job: { name: string; id: string; token: string },
    now: number,
    outcome: { state: 'completed' } | { state: 'failed'; error: string } | { state: 'queued'; error: string; retryAt: number },
  ): Promise<boolean> {
    if (outcome.state === 'completed') {
      const { numAffectedRows } = await this.complete().run(job.name, job.id, job.token, now, now);
      return Number(numAffectedRows ?? 0) > 0;
    }
    const result = await this.db
      .updateTable('jobs')
      .set(
        outcome.state === 'queued'
          ? { state: outcome.state, due_at: outcome.retryAt, lease_token: null, last_error: outcome.error, updated_at: now }
          : {
              state: outcome.state,
              lease_token: null,
              finished_at: now,
              updated_at: now,
              ...(outcome.state === 'failed' ? { last_error: outcome.error } : {}),
            },
      )
      .where('name', '=', job.name)
      .where('id', '=', job.id)
      .where('state', '=', StoredState.active)
      .where('lease_token', '=', job.token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Counts by state, for one name or all; queued rows not yet due count as `delayed`. */
  async counts(name: string | undefined, now: number): Promise<JobCounts> {
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => [
        'state',
        eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`sum(case when due_at > ${now} then 1 else 0 end)`.as('later'),
      ])
      .$if(name !== undefined, (qb) => qb.where('name', '=', name!))
      .groupBy('state')
      .execute();
    const counts = emptyJobCounts();
    for (const row of rows) {
      const n = Number(row.n);
      if (row.state === StoredState.queued) {
        const later = Number(row.later);
        counts.delayed += later;
        counts.waiting += n - later;
      } else if (row.state === StoredState.active || row.state === StoredState.completed || row.state === StoredState.failed) {
        counts[row.state] += n;
      }
    }
    return counts;
  }

  /** One row, or `undefined`. */
  async get(name: string, id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('name', '=', name).where('id', '=', id).executeTakeFirst();
  }

  /** Deletes finished rows (completed, optionally failed) that finished at or before `cutoff`. */
  async prune(cutoff: number, includeFailed: boolean): Promise<number> {
    const states: string[] = includeFailed ? [StoredState.completed, StoredState.failed] : [StoredState.completed];
    const result = await this.db
      .deleteFrom('jobs')
      .where('state', 'in', states)
      .where('finished_at', '<=', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
