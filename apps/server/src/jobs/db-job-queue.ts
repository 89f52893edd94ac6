import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { Clock } from '../shared/clock';
import { DbJobStore, StoredState, type JobRow, type NewJobRow } from './db-job-store';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  PermanentJobError,
  assertJobName,
  backoffDelayMs,
  closedError,
  errorMessage,
  resolveConcurrency,
  resolveEnqueueOptions,
  settleWithin,
  silentJobLogger,
  type BulkJob,
  type EnqueueOptions,
  type EnqueueResult,
  type JobCounts,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type JobQueueLogger,
  type ProcessOptions,
} from './job-queue';

/** Options of {@link DbJobQueue}. */
export interface DbJobQueueOptions {
  /** The gzh database (SQLite or PostgreSQL); the `jobs` table comes with the migrations. */
  database: Pick<Database, 'db' | 'dialect'> & Partial<Pick<Database, 'hot'>>;
  /**
   * Source of due times and lease expiries. The sandbox clock makes delayed jobs and retries
   * come due when a test or an operator advances time, without sleeping.
   */
  clock: Clock;
  /**
   * How long a started job stays leased without a renewal (default 30 s). A running worker renews
   * every third of it; after a crash, the job is re-run once this much clock time has passed.
   */
  leaseMs?: number;
  /**
   * Real-time interval between polls of an idle name (default 1 s): the upper bound on how late
   * a job enqueued by another process, or a delayed job coming due, is noticed. Jobs enqueued in
   * this process wake their worker at once.
   */
  pollIntervalMs?: number;
  logger?: JobQueueLogger;
}

/** Worker state of one job name on this instance. */
interface NameWorker {
  name: string;
  handler: JobHandler<unknown>;
  concurrency: number;
  running: number;
  timer: NodeJS.Timeout | undefined;
  /** The poll in progress, if any; polls of one name never overlap. */
  polling: Promise<void> | undefined;
  /** Set when a wake-up arrives during a poll, so the poll goes round once more. */
  again: boolean;
  /** When lapsed leases were last looked for (real time, ms). */
  leaseCheckedAt: number;
}

/** Jobs of one enqueue handed straight to a worker of this process (see reserveLocalRuns). */
interface LocalRuns {
  rows: NewJobRow[];
  /** Gives the reserved slots back (the insert failed). */
  release(): void;
  /** Starts the rows the insert created; the others' slots are given back. */
  start(created: ReadonlySet<string>): void;
}

/**
 * Instances in this process per database, so an enqueue wakes a worker of any instance sharing
 * the database at once (the api and worker roles of one process) instead of at its next poll.
 */
const instancesByDb = new WeakMap<object, Set<DbJobQueue>>();

/**
 * The embedded {@link JobQueue}: jobs are rows of the gzh database's `jobs` table, so the
 * one-process deployment needs nothing but its SQLite file, and a PostgreSQL deployment can run
 * several worker processes over the same table.
 *
 * How it works: each processed name has a poll loop that claims as many due jobs as it has free
 * slots, in one UPDATE that leases them (see {@link DbJobStore.claim}). A heartbeat renews the
 * leases of running handlers; when a process dies, its leases lapse and the rows become due again.
 * Every outcome write is conditional on the run's lease token, so a run that lost its lease cannot
 * overwrite the result of the run that replaced it.
 */
export class DbJobQueue implements JobQueue {
  private readonly store: DbJobStore;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly logger: JobQueueLogger;
  private readonly dbKey: object;
  private readonly workers = new Map<string, NameWorker>();
  /** Lease tokens of running handlers, renewed by the heartbeat. */
  private readonly leases = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  private closing: Promise<void> | undefined;

  constructor(options: DbJobQueueOptions) {
    this.store = new DbJobStore(options.database.db, options.database.dialect, options.database.hot);
    this.clock = options.clock;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.logger = options.logger ?? silentJobLogger;
    if (!(this.leaseMs > 0) || !(this.pollIntervalMs > 0)) throw new RangeError('leaseMs and pollIntervalMs must be > 0');
    this.dbKey = options.database.db;
    let peers = instancesByDb.get(this.dbKey);
    if (!peers) instancesByDb.set(this.dbKey, (peers = new Set()));
    peers.add(this);
  }

  async enqueue<P>(name: string, payload: P, opts?: EnqueueOptions): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany(name, [opts ? { payload, opts } : { payload }]);
    return result!;
  }

  async enqueueMany<P>(name: string, jobs: readonly BulkJob<P>[]): Promise<EnqueueResult[]> {
    this.assertOpen();
    assertJobName(name);
    const now = this.clock.nowMs();
    const rows: NewJobRow[] = [];
    const ids: string[] = [];
    const firstIndex = new Map<string, number>();
    let wake = false;
    for (const [index, job] of jobs.entries()) {
      const opts = resolveEnqueueOptions(name, job.opts);
      const id = opts.jobId ?? randomUUID();
      ids.push(id);
      // Within one batch the first copy of an id wins, as it would across batches.
      if (firstIndex.has(id)) continue;
      firstIndex.set(id, index);
      if (opts.delayMs === 0) wake = true;
      rows.push({
        name,
        id,
        payload: JSON.stringify(job.payload) ?? 'null',
        state: StoredState.queued,
        attempts: 0,
        max_attempts: opts.maxAttempts,
        backoff_type: opts.backoff.type,
        backoff_ms: opts.backoff.delayMs,
        due_at: now + opts.delayMs,
        lease_token: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      });
    }
    const hot = this.reserveLocalRuns(name, rows, now);
    let created: Set<string>;
    try {
      created = await this.store.insert(rows);
    } catch (error) {
      hot?.release();
      throw error;
    }
    hot?.start(created);
    // Jobs that did not fit in a local worker's free slots wait in the table: wake the pollers.
    if (wake && created.size > (hot?.rows.length ?? 0)) {
      for (const peer of instancesByDb.get(this.dbKey) ?? []) peer.wake(name);
    }
    return ids.map((id, index) => ({ id, created: firstIndex.get(id) === index && created.has(id) }));
  }

  /**
   * The hand-off to a worker of this process: when an instance here processes `name` and has
   * free slots, the jobs due now are inserted already leased to it (state `active`, first
   * attempt, lease until now + its leaseMs) and started as soon as the insert returns. That is
   * the same row a claim would have produced, so a crash before the handler ends leaves exactly
   * what a crash after a claim leaves: a lease that lapses, then a re-run. What it saves is the
   * claim itself (an UPDATE over the due index) and a poll round trip, which were most of the
   * cost of an immediate job such as a callback push.
   *
   * Slots are reserved before the insert (so concurrent enqueues cannot over-fill a worker) and
   * released for rows that turn out to exist already.
   */
  private reserveLocalRuns(name: string, rows: NewJobRow[], now: number): LocalRuns | undefined {
    for (const peer of instancesByDb.get(this.dbKey) ?? []) {
      const worker = peer.workers.get(name);
      if (!worker || peer.stopping) continue;
      const free = worker.concurrency - worker.running;
      if (free <= 0) continue;
      const token = randomUUID();
      const leased: NewJobRow[] = [];
      for (const row of rows) {
        if (leased.length === free) break;
        if (row.due_at !== now) continue;
        row.state = StoredState.active;
        row.attempts = 1;
        row.lease_token = token;
        row.due_at = now + peer.leaseMs;
        leased.push(row);
      }
      if (leased.length === 0) return undefined;
      worker.running += leased.length;
      return {
        rows: leased,
        release: () => {
          worker.running -= leased.length;
        },
        start: (created) => {
          worker.running -= leased.length;
          for (const row of leased) if (created.has(row.id)) peer.start(worker, row as JobRow, token);
        },
      };
    }
    return undefined;
  }

  process<P>(name: string, handler: JobHandler<P>, opts?: ProcessOptions): void {
    this.assertOpen();
    assertJobName(name);
    if (this.workers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    const worker: NameWorker = {
      name,
      handler: handler as JobHandler<unknown>,
      concurrency: resolveConcurrency(opts),
      running: 0,
      leaseCheckedAt: -Infinity,
      timer: undefined,
      polling: undefined,
      again: false,
    };
    this.workers.set(name, worker);
    this.heartbeat ??= setInterval(() => void this.renewLeases(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.wake(name);
  }

  async stats(name?: string): Promise<JobCounts> {
    this.assertOpen();
    return this.store.counts(name, this.clock.nowMs());
  }

  async getJob(name: string, id: string): Promise<JobInfo | null> {
    this.assertOpen();
    const row = await this.store.get(name, id);
    return row ? this.toInfo(row) : null;
  }

  async prune(olderThanMs: number, opts: { includeFailed?: boolean } = {}): Promise<number> {
    this.assertOpen();
    if (!(olderThanMs >= 0)) throw new RangeError('olderThanMs must be >= 0');
    return this.store.prune(this.clock.nowMs() - olderThanMs, opts.includeFailed ?? false);
  }

  close(opts: { timeoutMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutdown(opts.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.stopping = true;
    instancesByDb.get(this.dbKey)?.delete(this);
    for (const worker of this.workers.values()) clearTimeout(worker.timer);
    // A poll may be between claiming rows and starting their handlers; let it finish so every
    // claimed job is either run (and waited for) or left to its lease.
    const polls = [...this.workers.values()].flatMap((w) => (w.polling ? [w.polling] : []));
    const settled = await settleWithin(
      Promise.allSettled(polls).then(() => Promise.allSettled([...this.inFlight])),
      timeoutMs,
    );
    // The heartbeat runs until here: handlers we wait for keep their leases.
    clearInterval(this.heartbeat);
    if (!settled) {
      this.logger.warn(
        { running: this.leases.size, leaseMs: this.leaseMs },
        'job queue closed with handlers still running; their jobs will be re-run when the leases lapse',
      );
    }
  }

  /** Polls `name` now if this instance processes it (used by enqueue, completion and start-up). */
  private wake(name: string): void {
    const worker = this.workers.get(name);
    if (!worker || this.stopping) return;
    if (worker.polling) {
      worker.again = true;
      return;
    }
    clearTimeout(worker.timer);
    worker.timer = undefined;
    worker.polling = this.poll(worker).finally(() => {
      worker.polling = undefined;
      if (this.stopping) return;
      // A wake-up that arrived as the loop was ending must not wait for the next interval.
      if (worker.again && worker.running < worker.concurrency) this.wake(worker.name);
      else worker.timer = setTimeout(() => this.wake(worker.name), this.pollIntervalMs);
    });
  }

  /** Claims and starts due jobs while there are free slots and due jobs. */
  private async poll(worker: NameWorker): Promise<void> {
    try {
      do {
        worker.again = false;
        if (worker.running >= worker.concurrency) return; // a finishing handler wakes the loop
        const now = this.clock.nowMs();
        // Lapsed leases only need noticing about once per poll interval, not on every wake-up:
        // wake-ups come with every enqueue, and this query would double their cost.
        if (performance.now() - worker.leaseCheckedAt >= this.pollIntervalMs) {
          worker.leaseCheckedAt = performance.now();
          const failed = await this.store.failExhaustedLeases(worker.name, now);
          if (failed > 0) this.logger.warn({ name: worker.name, failed }, 'jobs failed: lease expired on their last attempt');
        }
        // Counted after the await above (an enqueue may have handed jobs to this worker meanwhile)
        // and held while the claim runs, for the same reason.
        const free = worker.concurrency - worker.running;
        if (free <= 0) return;
        const token = randomUUID();
        worker.running += free;
        let rows: JobRow[];
        try {
          rows = await this.store.claim(worker.name, free, now, this.leaseMs, token);
        } finally {
          worker.running -= free;
        }
        for (const row of rows) this.start(worker, row, token);
        // A full batch suggests more are due; go round again (free slots permitting).
        if (rows.length === free) worker.again = true;
      } while (worker.again && !this.stopping);
    } catch (error) {
      worker.again = false;
      this.logger.error({ err: error, name: worker.name }, 'job queue poll failed; retrying at the next interval');
    }
  }

  /** Runs one claimed job and records its outcome; tracked so that close() can wait for it. */
  private start(worker: NameWorker, row: JobRow, token: string): void {
    const key = `${row.name}\u0000${row.id}`;
    worker.running += 1;
    this.leases.set(key, token);
    let requeued = false;
    const run = this.runAndRecord(worker, row, token)
      .then((state) => {
        requeued = state === 'queued';
      })
      .finally(() => {
        // Only a worker that was full can have left due jobs unclaimed, and only a retry makes a
        // job due right now; otherwise new work arrives through enqueue wake-ups and the timer.
        const wasFull = worker.running >= worker.concurrency;
        worker.running -= 1;
        this.leases.delete(key);
        this.inFlight.delete(run);
        if (wasFull || requeued) this.wake(worker.name);
      });
    this.inFlight.add(run);
  }

  /** Runs a job and stores its outcome; returns the state it was left in. */
  private async runAndRecord(worker: NameWorker, row: JobRow, token: string): Promise<'completed' | 'failed' | 'queued'> {
    let outcome: Parameters<DbJobStore['finish']>[2];
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch (error) {
        throw new PermanentJobError('unreadable job payload', { cause: error });
      }
      await worker.handler({ id: row.id, name: row.name, payload, attempt: row.attempts, maxAttempts: row.max_attempts });
      outcome = { state: 'completed' };
    } catch (error) {
      const message = errorMessage(error);
      const last = error instanceof PermanentJobError || row.attempts >= row.max_attempts;
      const backoff = { type: row.backoff_type === 'fixed' ? 'fixed' : 'exponential', delayMs: row.backoff_ms } as const;
      outcome = last
        ? { state: 'failed', error: message }
        : { state: 'queued', error: message, retryAt: this.clock.nowMs() + backoffDelayMs(backoff, row.attempts) };
    }
    try {
      const recorded = await this.store.finish({ name: row.name, id: row.id, token }, this.clock.nowMs(), outcome);
      if (!recorded) {
        this.logger.warn(
          { name: row.name, id: row.id, outcome: outcome.state },
          'job outcome dropped: its lease had expired and it was re-run',
        );
      }
    } catch (error) {
      // The lease will lapse and the job run again: at least once, never lost.
      this.logger.error({ err: error, name: row.name, id: row.id }, 'could not record job outcome');
    }
    return outcome.state;
  }

  private async renewLeases(): Promise<void> {
    try {
      await this.store.renewLeases([...new Set(this.leases.values())], this.clock.nowMs(), this.leaseMs);
    } catch (error) {
      this.logger.error({ err: error }, 'could not renew job leases');
    }
  }

  private toInfo(row: JobRow): JobInfo {
    let payload: unknown = row.payload;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      // Leave the raw text: an unreadable payload is still worth showing.
    }
    const state =
      row.state === StoredState.queued
        ? row.due_at > this.clock.nowMs()
          ? 'delayed'
          : 'waiting'
        : (row.state as 'active' | 'completed' | 'failed');
    return {
      id: row.id,
      name: row.name,
      payload,
      state,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      lastError: row.last_error,
      createdAtMs: row.created_at,
      finishedAtMs: row.finished_at,
    };
  }

  private assertOpen(): void {
    if (this.stopping) throw closedError();
  }
}
