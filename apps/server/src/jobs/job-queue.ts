/**
 * JobQueue port: durable background work (callback pushes to developer servers, broadcast fan-out)
 * that must survive restarts and crashes.
 *
 * Two adapters implement it, chosen once in `main.ts`: `DbJobQueue` (`db-job-queue.ts`, a job
 * table in the gzh database, SQLite or PostgreSQL) and `BullMQJobQueue` (`bullmq-job-queue.ts`,
 * BullMQ on Redis). `job-queue.conformance.ts` is the contract: both adapters pass the same suite,
 * so callers never branch on which one they got.
 *
 * Semantics every adapter guarantees:
 * - **At least once.** A job runs until its handler resolves, it throws a {@link PermanentJobError},
 *   or it has been started `maxAttempts` times. Handlers must therefore be idempotent (a push may be
 *   repeated after a crash, exactly as WeChat itself may repeat one).
 * - **Leases.** A started job is leased to its worker; the worker renews the lease while the
 *   handler runs. If the worker dies, the lease lapses and another worker re-runs the job. That
 *   interrupted run counts as an attempt, so a job that crashes its workers cannot loop forever.
 * - **Idempotent enqueue.** Ids are scoped to the job name. Enqueueing an id that is already
 *   stored (in any state, until it is pruned) does nothing and reports `created: false`; this is
 *   what lets fan-out resume after a crash without duplicating work (deterministic ids per page).
 * - **Payloads are JSON.** They are stored serialised and handed back parsed (a `Date` comes back
 *   as a string), because they cross processes and restarts.
 */
export interface JobQueue {
  /**
   * Stores one job. Resolves once the job is durable (a worker may start it immediately after).
   * With `opts.jobId`, enqueueing the same name and id again is a no-op that returns
   * `created: false`, even if the first copy already completed (until it is pruned).
   */
  enqueue<P>(name: string, payload: P, opts?: EnqueueOptions): Promise<EnqueueResult>;

  /**
   * Stores many jobs of one name in as few round trips as the backend allows. Results are in
   * input order. Meant for fan-out with deterministic ids: re-running a batch after a crash
   * creates only what is missing.
   */
  enqueueMany<P>(name: string, jobs: readonly BulkJob<P>[]): Promise<EnqueueResult[]>;

  /**
   * Starts consuming jobs of `name` with `handler`, at most `opts.concurrency` at a time on this
   * instance. Only the `worker` role calls this; other roles only enqueue. One handler per name
   * per instance: registering a second one throws.
   */
  process<P>(name: string, handler: JobHandler<P>, opts?: ProcessOptions): void;

  /**
   * Counts jobs by state, for one name or (without `name`) across every name this backend knows.
   * For dashboards and tests; adapters may compute it with a scan, so do not call it per job.
   */
  stats(name?: string): Promise<JobCounts>;

  /** The stored state of one job, or `null` when it does not exist (or was pruned). */
  getJob(name: string, id: string): Promise<JobInfo | null>;

  /**
   * Deletes completed jobs that finished at least `olderThanMs` ago (and, with
   * `includeFailed`, failed ones too); returns how many were deleted. A pruned id can be enqueued
   * again, so keep jobs at least as long as a duplicate enqueue is plausible.
   */
  prune(olderThanMs: number, opts?: { includeFailed?: boolean }): Promise<number>;

  /**
   * Graceful stop: takes no new jobs, waits up to `timeoutMs` (default {@link DEFAULT_CLOSE_TIMEOUT_MS})
   * for running handlers to finish and record their outcome, then releases connections. A handler
   * still running after the timeout is abandoned: its lease lapses and another worker re-runs it.
   * After `close()` the other methods reject (`process()` throws). Calling it twice is safe.
   */
  close(opts?: { timeoutMs?: number }): Promise<void>;
}

/** Options of {@link JobQueue.enqueue}. Omitted fields take {@link DEFAULT_JOB_OPTIONS}. */
export interface EnqueueOptions {
  /**
   * Idempotency key, unique per job name. Any non-empty string up to {@link MAX_JOB_ID_LENGTH}
   * characters (colons are fine: `broadcast:42:page:7`). Without it a random id is generated.
   */
  jobId?: string;
  /** Do not start before this many milliseconds from now. */
  delayMs?: number;
  /** Maximum number of runs (first run included); 1 means never retry. */
  maxAttempts?: number;
  /** Wait between a failed run and the next one. */
  backoff?: BackoffOptions;
}

/**
 * Retry spacing. `fixed` waits `delayMs` after every failure; `exponential` waits
 * `delayMs × 2^(n−1)` after the n-th run, as BullMQ does, so the adapters agree.
 */
export interface BackoffOptions {
  type: 'fixed' | 'exponential';
  delayMs: number;
}

/** One entry of {@link JobQueue.enqueueMany}. */
export interface BulkJob<P> {
  payload: P;
  opts?: EnqueueOptions;
}

/** What {@link JobQueue.enqueue} did: the job's id, and whether this call stored it. */
export interface EnqueueResult {
  id: string;
  /** `false` when a job with this name and id already existed (nothing was changed). */
  created: boolean;
}

/** Options of {@link JobQueue.process}. */
export interface ProcessOptions {
  /** Handlers of this name running at once on this instance (default 1). */
  concurrency?: number;
}

/** What a handler receives. */
export interface Job<P> {
  id: string;
  name: string;
  payload: P;
  /** 1-based number of this run, counting runs interrupted by a crash. */
  attempt: number;
  /** The job's `maxAttempts`; `attempt === maxAttempts` is the last chance. */
  maxAttempts: number;
}

/**
 * Does the work of one job. Resolving completes the job; throwing an ordinary error retries it
 * with backoff (until `maxAttempts`); throwing {@link PermanentJobError} fails it at once.
 */
export type JobHandler<P> = (job: Job<P>) => Promise<void>;

/** Where a job is in its life. `delayed` is waiting for its due time (a delay or a backoff). */
export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/** Job counts per {@link JobState}. */
export type JobCounts = Record<JobState, number>;

/** Stored state of a job, as {@link JobQueue.getJob} reports it. */
export interface JobInfo {
  id: string;
  name: string;
  payload: unknown;
  state: JobState;
  /** Runs started so far (including a run in progress). */
  attempts: number;
  maxAttempts: number;
  /** Message of the last failure (kept after a later success for diagnosis), or `null`. */
  lastError: string | null;
  /** Epoch ms when the job was first stored. */
  createdAtMs: number;
  /** Epoch ms when the job completed or finally failed, or `null` while it is not finished. */
  finishedAtMs: number | null;
}

/**
 * Thrown by a handler to say "retrying cannot help" (the developer's URL is malformed, the
 * account was deleted): the job ends `failed` now instead of burning its remaining attempts.
 * Any other error is treated as transient and retried.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Structured logger the adapters report background problems to (pino's `Logger` fits). */
export interface JobQueueLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A logger that drops everything; the default when an adapter is built without one. */
export const silentJobLogger: JobQueueLogger = { warn: () => undefined, error: () => undefined };

/**
 * Defaults for omitted {@link EnqueueOptions}: a transient failure is retried twice, after 1 s and
 * 2 s. Callers with a protocol of their own (WeChat's callback retry rule) pass explicit values.
 */
export const DEFAULT_JOB_OPTIONS: Readonly<{ maxAttempts: number; backoff: Readonly<BackoffOptions> }> = {
  maxAttempts: 3,
  backoff: { type: 'exponential', delayMs: 1000 },
};

/** Default wait of {@link JobQueue.close} for running handlers. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** Longest accepted job id; long enough for composite deterministic ids, short enough to index. */
export const MAX_JOB_ID_LENGTH = 200;

/** Upper bound of `maxAttempts`, so a typo cannot keep a poisoned job alive for days. */
export const MAX_ATTEMPTS_LIMIT = 100;

/** Enqueue options with every default applied; what adapters store. */
export interface ResolvedEnqueueOptions {
  jobId: string | undefined;
  delayMs: number;
  maxAttempts: number;
  backoff: BackoffOptions;
}

/**
 * Validates and completes enqueue options, so both adapters reject the same bad input with the
 * same message (a bad option is a programming error; it must fail loudly at enqueue time, not
 * silently when the job runs).
 */
export function resolveEnqueueOptions(name: string, opts: EnqueueOptions = {}): ResolvedEnqueueOptions {
  assertJobName(name);
  const { jobId, delayMs = 0, maxAttempts = DEFAULT_JOB_OPTIONS.maxAttempts, backoff = DEFAULT_JOB_OPTIONS.backoff } = opts;
  if (jobId !== undefined && (typeof jobId !== 'string' || jobId.length === 0 || jobId.length > MAX_JOB_ID_LENGTH)) {
    throw new RangeError(`jobId must be a non-empty string of at most ${MAX_JOB_ID_LENGTH} characters`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new RangeError(`maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`);
  }
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('delayMs must be a finite number >= 0');
  if ((backoff.type !== 'fixed' && backoff.type !== 'exponential') || !Number.isFinite(backoff.delayMs) || backoff.delayMs < 0) {
    throw new RangeError("backoff must be { type: 'fixed' | 'exponential', delayMs >= 0 }");
  }
  return {
    jobId,
    delayMs: Math.round(delayMs),
    maxAttempts,
    backoff: { type: backoff.type, delayMs: Math.round(backoff.delayMs) },
  };
}

/** Rejects names that could not be a queue name on every backend (empty, or with a colon, which BullMQ keys use). */
export function assertJobName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw new RangeError(`job name must match [A-Za-z0-9._-]{1,100}: ${JSON.stringify(name)}`);
  }
}

/** Validates {@link ProcessOptions.concurrency} and applies its default. */
export function resolveConcurrency(opts: ProcessOptions = {}): number {
  const { concurrency = 1 } = opts;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be an integer >= 1');
  return concurrency;
}

/**
 * Milliseconds to wait before the next run after run number `attempt` (1-based) failed. The
 * formula matches BullMQ's built-in strategies, which the Redis adapter delegates to.
 */
export function backoffDelayMs(backoff: BackoffOptions, attempt: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(backoff.delayMs * 2 ** Math.max(0, attempt - 1));
}

/** Zero counts for every state; adapters add to it so no state is ever missing. */
export function emptyJobCounts(): JobCounts {
  return { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
}

/** The message to record for a thrown value (handlers may throw anything). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

/** Error of every method called after {@link JobQueue.close}. */
export function closedError(): Error {
  return new Error('job queue is closed');
}

/**
 * Resolves `true` when `promise` settles within `ms` real milliseconds, else `false`: the bounded
 * wait of a graceful {@link JobQueue.close}.
 */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
