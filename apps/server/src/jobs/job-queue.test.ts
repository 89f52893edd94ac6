import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../db/database';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context';
import { BullMQJobQueue, decodeJobId, encodeJobId } from './bullmq-job-queue';
import { DbJobQueue } from './db-job-queue';
import { describeJobQueueConformance, waitFor, type JobQueueHarness } from './job-queue.conformance';
import { backoffDelayMs, resolveEnqueueOptions, type JobQueue } from './job-queue';

/** Redis for the BullMQ adapter; every run uses its own key prefix and deletes it afterwards. */
const REDIS_URL = process.env.GZH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The embedded adapter over a migrated database, on the context's manual clock. `dispose` closes
 * the queues and empties the table, so one database serves a whole suite (creating a PostgreSQL
 * database per test would dominate the run time).
 */
function dbHarness(ctx: TestContext): JobQueueHarness & { queue(): DbJobQueue } {
  const leaseMs = 5_000;
  const opened: JobQueue[] = [];
  const open = () => {
    const queue = new DbJobQueue({ database: ctx.services.database, clock: ctx.services.clock, leaseMs, pollIntervalMs: 20 });
    opened.push(queue);
    return queue;
  };
  return {
    leaseMs,
    open,
    queue: open,
    advance: async (ms) => ctx.time.advance(ms),
    dispose: async () => {
      await Promise.all(opened.map((q) => q.close({ timeoutMs: 200 })));
      await ctx.services.database.db.deleteFrom('jobs').execute();
    },
  };
}

/** One migrated database per dialect, created on first use and shared by that dialect's suites. */
function sharedContext(dialect: DialectName): { get(): Promise<TestContext>; close(): Promise<void> } {
  let ctx: Promise<TestContext> | undefined;
  return {
    get: () => (ctx ??= createTestContext(dialect)),
    close: async () => {
      if (ctx) await closeContext(await ctx);
      ctx = undefined;
    },
  };
}

/**
 * Closes the database, lets the pool's connections finish closing, then drops the context. pg's
 * pool resolves `end()` before its clients' sockets are closed, and the context's
 * `DROP DATABASE … WITH (FORCE)` can then kill one mid-close, which surfaces as an unhandled
 * "terminating connection due to administrator command". The queues keep several connections
 * busy, which made that race visible here.
 */
async function closeContext(ctx: TestContext): Promise<void> {
  await ctx.services.database.close();
  await sleep(50);
  await ctx.close();
}

/** The Redis adapter with short locks and stalled checks, so a crash is noticed in about a second. */
function bullHarness(): JobQueueHarness {
  const prefix = `gzh-test-${randomBytes(5).toString('hex')}`;
  const leaseMs = 1000;
  const opened: JobQueue[] = [];
  return {
    leaseMs,
    open: () => {
      const queue = new BullMQJobQueue({
        redisUrl: REDIS_URL,
        prefix,
        lockDurationMs: leaseMs,
        stalledIntervalMs: 250,
        drainDelaySeconds: 1,
      });
      opened.push(queue);
      return queue;
    },
    advance: async (ms) => {
      await sleep(ms);
    },
    dispose: async () => {
      await Promise.all(opened.map((q) => q.close({ timeoutMs: 200 })));
      await deleteKeys(prefix);
    },
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

for (const dialect of TEST_DIALECTS) {
  const shared = sharedContext(dialect);
  afterAll(() => shared.close());
  describeJobQueueConformance(`DbJobQueue on ${dialect}`, async () => dbHarness(await shared.get()));

  describe(`DbJobQueue specifics (${dialect})`, () => {
    it('spaces exponential retries by the sandbox clock, not by wall time', async () => {
      const h = dbHarness(await shared.get());
      try {
        const q = h.queue();
        const attempts: number[] = [];
        q.process('backoff', async (job) => {
          attempts.push(job.attempt);
          throw new Error('down');
        });
        await q.enqueue('backoff', {}, { maxAttempts: 4, backoff: { type: 'exponential', delayMs: 1000 } });
        await waitFor(() => attempts.length === 1, 'first run');
        // After run n the wait is 1000 × 2^(n-1): 1 s, 2 s, 4 s. Just short of it, nothing runs.
        for (const [run, wait] of [
          [2, 1000],
          [3, 2000],
          [4, 4000],
        ] as const) {
          await h.advance(wait - 1);
          await sleep(60);
          expect(attempts).toHaveLength(run - 1);
          await h.advance(1);
          await waitFor(() => attempts.length === run, `run ${run}`);
        }
      } finally {
        await h.dispose();
      }
    });

    it('keeps the lease of a long handler alive while its worker lives', async () => {
      const ctx = await shared.get();
      const options = { database: ctx.services.database, clock: ctx.services.clock, leaseMs: 90, pollIntervalMs: 20 };
      const q = new DbJobQueue(options);
      const other = new DbJobQueue(options);
      try {
        let runs = 0;
        let release!: () => void;
        const blocked = new Promise<void>((r) => (release = r));
        const handler = async () => {
          runs += 1;
          await blocked;
        };
        q.process('long', handler);
        other.process('long', handler);
        const { id } = await q.enqueue('long', {});
        await waitFor(() => runs === 1, 'first run');
        // Clock time passes in small steps (as wall time would); the heartbeat keeps renewing.
        for (let i = 0; i < 10; i++) {
          ctx.time.advance(30);
          await sleep(40);
        }
        expect(runs).toBe(1);
        release();
        await waitFor(async () => (await q.getJob('long', id))?.state === 'completed', 'completion');
      } finally {
        await q.close({ timeoutMs: 200 });
        await other.close({ timeoutMs: 200 });
        await ctx.services.database.db.deleteFrom('jobs').execute();
      }
    });
  });
}
describeJobQueueConformance('BullMQJobQueue on Redis', async () => bullHarness());

describe('job queue helpers', () => {
  it('computes backoff like BullMQ: fixed, or delay × 2^(attempt − 1)', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs({ type: 'fixed', delayMs: 500 }, n))).toEqual([500, 500, 500]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs({ type: 'exponential', delayMs: 500 }, n))).toEqual([500, 1000, 2000, 4000]);
  });

  it('applies defaults to enqueue options', () => {
    expect(resolveEnqueueOptions('deliver-callback')).toEqual({
      jobId: undefined,
      delayMs: 0,
      maxAttempts: 3,
      backoff: { type: 'exponential', delayMs: 1000 },
    });
  });

  it('maps every job id to a valid BullMQ id and back', () => {
    for (const id of ['123', 'a:b:c', '100%', '%3A', 'j', ':', 'broadcast:42:page:7']) {
      const encoded = encodeJobId(id);
      expect(encoded).not.toContain(':');
      expect(String(parseInt(encoded, 10))).not.toBe(encoded);
      expect(decodeJobId(encoded)).toBe(id);
    }
  });
});
