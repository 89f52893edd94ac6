import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job as BullJob, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  PermanentJobError,
  assertJobName,
  closedError,
  emptyJobCounts,
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
  type JobState,
  type ProcessOptions,
} from './job-queue';

/** Options of {@link BullMQJobQueue}. */
export interface BullMQJobQueueOptions {
  /** `redis://…` of the Redis every node shares. */
  redisUrl: string;
  /** Key prefix of every queue (default `gzh`); separates deployments sharing one Redis. */
  prefix?: string;
  /**
   * BullMQ's lock (the lease) on a started job, renewed at half-life while the handler runs
   * (default 30 s). After a crash the job is re-run within `lockDurationMs + stalledIntervalMs`.
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock lapsed (default 30 s, BullMQ's default). */
  stalledIntervalMs?: number;
  /**
   * Seconds an idle worker blocks on Redis waiting for a job (default 5). Only affects how long an
   * idle worker's blocking call lasts, not latency: a new job wakes it at once.
   */
  drainDelaySeconds?: number;
  logger?: JobQueueLogger;
}

/**
 * What is stored as BullMQ job data: the payload plus a token unique to the enqueue call.
 * BullMQ returns the same id whether `add` created a job or found an existing one; reading the
 * token back tells the two apart exactly, which `EnqueueResult.created` promises.
 */
interface Envelope {
  payload: unknown;
  token: string;
}

/** Set of every job name seen, so `stats()` and `prune()` can cover all queues without a key scan. */
const NAMES_KEY = '~names';

/**
 * Stalls BullMQ may recover before failing a job itself. Set out of reach so that the port's rule
 * applies instead: an interrupted run counts as an attempt (checked against `attemptsStarted`).
 */
const MAX_STALLED_COUNT = 1_000_000;

/**
 * The scale-out {@link JobQueue}: BullMQ on Redis. Each job name is one BullMQ queue (so each name
 * has its own worker and concurrency), and the port maps onto BullMQ's own features: `jobId`
 * (idempotent add), `attempts` + `backoff` (retries), `delay`, `UnrecoverableError`
 * ({@link PermanentJobError}), locks and the stalled-job checker (leases).
 *
 * Differences BullMQ forces, hidden here: custom ids may not be integers or contain `:`, so ids are
 * escaped on the way in and restored on the way out; a stalled run does not count as an attempt in
 * BullMQ, so the processor counts `attemptsStarted` and fails a job that would exceed
 * `maxAttempts`. Time is Redis's and the host's wall clock, not the sandbox clock: advancing the
 * sandbox clock does not bring BullMQ's delayed jobs forward.
 */
export class BullMQJobQueue implements JobQueue {
  private readonly prefix: string;
  private readonly lockDurationMs: number;
  private readonly stalledIntervalMs: number;
  private readonly drainDelaySeconds: number;
  private readonly logger: JobQueueLogger;
  /** Connection for enqueues and reads: fails fast (bounded retries) when Redis is away. */
  private readonly client: Redis;
  /** Connection for workers: BullMQ requires unbounded retries on blocking commands. */
  private workerClient: Redis | undefined;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly registered = new Set<string>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullMQJobQueueOptions) {
    this.prefix = options.prefix ?? 'gzh';
    this.lockDurationMs = options.lockDurationMs ?? 30_000;
    this.stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
    this.drainDelaySeconds = options.drainDelaySeconds ?? 5;
    this.logger = options.logger ?? silentJobLogger;
    this.client = new Redis(options.redisUrl, { lazyConnect: false });
    this.client.on('error', (err) => this.logger.error({ err }, 'job queue redis connection error'));
  }

  async enqueue<P>(name: string, payload: P, opts?: EnqueueOptions): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany(name, [opts ? { payload, opts } : { payload }]);
    return result!;
  }

  async enqueueMany<P>(name: string, jobs: readonly BulkJob<P>[]): Promise<EnqueueResult[]> {
    this.assertOpen();
    assertJobName(name);
    const prepared = jobs.map((job) => {
      const opts = resolveEnqueueOptions(name, job.opts);
      const id = opts.jobId ?? randomUUID();
      const envelope: Envelope = { payload: job.payload ?? null, token: randomUUID() };
      const bullOpts: JobsOptions = {
        jobId: encodeJobId(id),
        attempts: opts.maxAttempts,
        backoff: { type: opts.backoff.type, delay: opts.backoff.delayMs },
        ...(opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
      };
      return { id, envelope, bullOpts, custom: opts.jobId !== undefined };
    });
    if (prepared.length === 0) return [];
    await this.register(name);
    const queue = this.queue(name);
    await queue.addBulk(prepared.map((p) => ({ name, data: p.envelope, opts: p.bullOpts })));
    // Random ids are always new; deterministic ones are new only if our token was stored.
    const check = prepared.filter((p) => p.custom);
    const stored = new Map<string, string | null>();
    if (check.length > 0) {
      const pipeline = this.client.pipeline();
      for (const p of check) pipeline.hget(queue.toKey(encodeJobId(p.id)), 'data');
      const replies = (await pipeline.exec()) ?? [];
      check.forEach((p, i) => {
        const [err, data] = replies[i] ?? [null, null];
        if (err) throw err;
        stored.set(p.id, typeof data === 'string' ? data : null);
      });
    }
    return prepared.map((p) => {
      if (!p.custom) return { id: p.id, created: true };
      const data = stored.get(p.id);
      const created = data != null && (JSON.parse(data) as Partial<Envelope>).token === p.envelope.token;
      return { id: p.id, created };
    });
  }

  process<P>(name: string, handler: JobHandler<P>, opts?: ProcessOptions): void {
    this.assertOpen();
    assertJobName(name);
    if (this.workers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    const concurrency = resolveConcurrency(opts);
    this.workerClient ??= this.createWorkerClient();
    const worker = new Worker<Envelope>(name, (job) => this.runJob(name, handler as JobHandler<unknown>, job), {
      connection: this.workerClient,
      prefix: this.prefix,
      concurrency,
      lockDuration: this.lockDurationMs,
      stalledInterval: this.stalledIntervalMs,
      maxStalledCount: MAX_STALLED_COUNT,
      drainDelay: this.drainDelaySeconds,
    });
    worker.on('error', (err) => this.logger.error({ err, name }, 'job worker error'));
    this.workers.set(name, worker);
    void this.register(name).catch((err: unknown) => this.logger.error({ err, name }, 'could not register job name'));
  }

  async stats(name?: string): Promise<JobCounts> {
    this.assertOpen();
    const names = name === undefined ? await this.knownNames() : [name];
    const total = emptyJobCounts();
    for (const n of names) {
      const c = await this.queue(n).getJobCounts(
        'waiting',
        'prioritized',
        'waiting-children',
        'active',
        'delayed',
        'completed',
        'failed',
      );
      total.waiting += (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0);
      total.active += c.active ?? 0;
      total.delayed += c.delayed ?? 0;
      total.completed += c.completed ?? 0;
      total.failed += c.failed ?? 0;
    }
    return total;
  }

  async getJob(name: string, id: string): Promise<JobInfo | null> {
    this.assertOpen();
    assertJobName(name);
    const job = (await this.queue(name).getJob(encodeJobId(id))) as BullJob<Envelope> | undefined;
    if (!job) return null;
    const state = toJobState(await job.getState());
    const finished = state === 'completed' || state === 'failed';
    return {
      id,
      name,
      payload: job.data.payload,
      state,
      attempts: job.attemptsStarted,
      maxAttempts: job.opts.attempts ?? 1,
      lastError: job.failedReason || null,
      createdAtMs: job.timestamp,
      finishedAtMs: finished ? (job.finishedOn ?? null) : null,
    };
  }

  async prune(olderThanMs: number, opts: { includeFailed?: boolean } = {}): Promise<number> {
    this.assertOpen();
    if (!(olderThanMs >= 0)) throw new RangeError('olderThanMs must be >= 0');
    let removed = 0;
    for (const name of await this.knownNames()) {
      const queue = this.queue(name);
      removed += (await queue.clean(olderThanMs, 0, 'completed')).length;
      if (opts.includeFailed) removed += (await queue.clean(olderThanMs, 0, 'failed')).length;
    }
    return removed;
  }

  close(opts: { timeoutMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutdown(opts.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const workers = [...this.workers.values()];
    // Worker.close() stops fetching at once, then waits for running handlers and their outcome.
    const settled = await settleWithin(Promise.allSettled(workers.map((w) => w.close())), timeoutMs);
    if (!settled) {
      // Abandon the handlers: dropping the connections stops lock renewal, so their locks lapse
      // and another worker's stalled-job check re-runs the jobs.
      this.logger.warn(
        { leaseMs: this.lockDurationMs },
        'job queue closed with handlers still running; their jobs will be re-run',
      );
      this.workerClient?.disconnect();
      await Promise.allSettled(workers.map((w) => w.disconnect()));
    }
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    if (settled && this.workerClient) await this.workerClient.quit().catch(() => undefined);
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Runs one BullMQ job through the port's handler, translating outcomes to BullMQ's terms. */
  private async runJob(name: string, handler: JobHandler<unknown>, job: BullJob<Envelope>): Promise<void> {
    const maxAttempts = job.opts.attempts ?? 1;
    const attempt = job.attemptsStarted;
    if (attempt > maxAttempts) {
      throw new UnrecoverableError(`gave up after ${maxAttempts} runs (the last ones were interrupted before finishing)`);
    }
    try {
      await handler({ id: decodeJobId(job.id ?? ''), name, payload: job.data.payload, attempt, maxAttempts });
    } catch (error) {
      // UnrecoverableError fails the job now. Needed on the last run too: after a stall BullMQ's
      // own count (attemptsMade) lags behind runs started, and it would retry once more.
      if (error instanceof PermanentJobError || attempt >= maxAttempts) throw new UnrecoverableError(errorMessage(error));
      throw error instanceof Error ? error : new Error(errorMessage(error));
    }
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.client, prefix: this.prefix });
      queue.on('error', (err) => this.logger.error({ err, name }, 'job queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private createWorkerClient(): Redis {
    const client = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    client.on('error', (err) => this.logger.error({ err }, 'job worker redis connection error'));
    return client;
  }

  private async register(name: string): Promise<void> {
    if (this.registered.has(name)) return;
    await this.client.sadd(`${this.prefix}:${NAMES_KEY}`, name);
    this.registered.add(name);
  }

  private async knownNames(): Promise<string[]> {
    return (await this.client.smembers(`${this.prefix}:${NAMES_KEY}`)).sort();
  }

  private assertOpen(): void {
    if (this.closing) throw closedError();
  }
}

/**
 * BullMQ rejects custom ids that parse as integers or contain `:` (its key separator). A leading
 * `j` rules out integers, and `%`/`:` are percent-escaped, so every port id maps to exactly one
 * valid BullMQ id and back.
 */
export function encodeJobId(id: string): string {
  return 'j' + id.replace(/%/g, '%25').replace(/:/g, '%3A');
}

/** Inverse of {@link encodeJobId}. */
export function decodeJobId(encoded: string): string {
  return encoded.slice(1).replace(/%(25|3A)/g, (_, code: string) => (code === '25' ? '%' : ':'));
}

function toJobState(state: string): JobState {
  switch (state) {
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    default:
      // waiting, prioritized, waiting-children: queued, not yet taken.
      return 'waiting';
  }
}
