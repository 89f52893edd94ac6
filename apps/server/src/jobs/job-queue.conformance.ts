import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError, type Job, type JobQueue } from './job-queue';

/**
 * The JobQueue contract as one test suite. Every adapter runs it through a harness (see
 * `job-queue.test.ts`), so "works on SQLite, PostgreSQL and Redis" means the same behaviours, not
 * three sets of similar tests drifting apart.
 */

/** What the suite needs from an adapter's test setup. */
export interface JobQueueHarness {
  /** Opens another queue over the same backend, as another process would. */
  open(): JobQueue;
  /**
   * Lets `ms` of queue time pass: advances a manual clock (the embedded adapter) or sleeps (an
   * adapter on wall-clock time). Delays and backoffs in the suite are small for the latter.
   */
  advance(ms: number): Promise<void>;
  /** Lease length the queues were opened with; a crashed run is re-run after it. */
  leaseMs: number;
  /** Closes every queue opened and drops the backend's data. */
  dispose(): Promise<void>;
}

/**
 * Registers the conformance suite for one adapter. `createHarness` runs before every test and
 * must hand out an empty backend (a fresh one, or a shared one emptied by the last `dispose`).
 */
export function describeJobQueueConformance(label: string, createHarness: () => Promise<JobQueueHarness>): void {
  describe(`JobQueue conformance: ${label}`, () => {
    let h: JobQueueHarness;
    beforeEach(async () => {
      h = await createHarness();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('runs each enqueued job once with its payload, before or after process() starts', async () => {
      const q = h.open();
      const early = await q.enqueue('echo', { n: 1, text: '你好' });
      const seen: Job<{ n: number; text: string }>[] = [];
      q.process<{ n: number; text: string }>('echo', async (job) => {
        seen.push(job);
      });
      const later = await Promise.all([2, 3].map((n) => q.enqueue('echo', { n, text: 'x' })));
      await waitFor(async () => (await q.stats('echo')).completed === 3, 'three completed jobs');
      expect(seen.map((j) => j.payload.n).sort()).toEqual([1, 2, 3]);
      expect(new Set(seen.map((j) => j.id))).toEqual(new Set([early.id, ...later.map((r) => r.id)]));
      expect(seen.every((j) => j.name === 'echo' && j.attempt === 1 && j.maxAttempts === 3)).toBe(true);
      expect(await q.getJob('echo', early.id)).toMatchObject({
        id: early.id,
        name: 'echo',
        state: 'completed',
        attempts: 1,
        payload: { n: 1, text: '你好' },
        lastError: null,
      });
      expect(await q.getJob('echo', 'no-such-job')).toBeNull();
    });

    it('stores a job id once per name, in bulk too and after the job completed', async () => {
      const q = h.open();
      const id = 'broadcast:42:page:7';
      expect(await q.enqueue('idem', { v: 1 }, { jobId: id })).toEqual({ id, created: true });
      expect(await q.enqueue('idem', { v: 2 }, { jobId: id })).toEqual({ id, created: false });
      expect((await q.enqueue('idem-other', {}, { jobId: id })).created).toBe(true);
      // Re-running a half-done fan-out creates only what is missing; odd ids survive the trip.
      const ids = ['p:1', 'p:2', '3', '100%3A', 'p:1'];
      await q.enqueueMany(
        'idem',
        ids.slice(0, 2).map((jobId) => ({ payload: jobId, opts: { jobId } })),
      );
      const again = await q.enqueueMany(
        'idem',
        ids.map((jobId) => ({ payload: jobId, opts: { jobId } })),
      );
      expect(again).toEqual(ids.map((jobId, i) => ({ id: jobId, created: i === 2 || i === 3 })));
      const seen: string[] = [];
      q.process('idem', async (job) => {
        seen.push(`${job.id}=${JSON.stringify(job.payload)}`);
      });
      await waitFor(async () => (await q.stats('idem')).completed === 5, 'five completed jobs');
      expect(seen.sort()).toEqual([`${id}={"v":1}`, '100%3A="100%3A"', '3="3"', 'p:1="p:1"', 'p:2="p:2"'].sort());
      expect((await q.enqueue('idem', { v: 3 }, { jobId: id })).created).toBe(false);
      await sleep(60);
      expect(seen).toHaveLength(5);
    });

    it('retries ordinary errors after the backoff, then fails after maxAttempts', async () => {
      const q = h.open();
      const attempts: number[] = [];
      q.process('flaky', async (job) => {
        attempts.push(job.attempt);
        throw new Error(`boom ${job.attempt}`);
      });
      const { id } = await q.enqueue('flaky', {}, { maxAttempts: 3, backoff: { type: 'fixed', delayMs: 250 } });
      for (const attempt of [1, 2]) {
        await waitFor(() => attempts.length === attempt, `run ${attempt}`);
        await waitFor(async () => (await q.getJob('flaky', id))?.state === 'delayed', 'waiting out the backoff');
        expect(attempts).toHaveLength(attempt);
        await h.advance(250);
      }
      await waitFor(async () => (await q.getJob('flaky', id))?.state === 'failed', 'failed job');
      expect(attempts).toEqual([1, 2, 3]);
      expect(await q.getJob('flaky', id)).toMatchObject({ attempts: 3, maxAttempts: 3, lastError: 'boom 3' });
      expect(await q.stats('flaky')).toMatchObject({ failed: 1, delayed: 0, waiting: 0, active: 0 });
    });

    it('completes a job that fails once and then succeeds', async () => {
      const q = h.open();
      const attempts: number[] = [];
      q.process('second-time', async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('developer server returned 502');
      });
      const { id } = await q.enqueue('second-time', {}, { backoff: { type: 'exponential', delayMs: 100 } });
      await waitFor(async () => (await q.getJob('second-time', id))?.state === 'delayed', 'backoff');
      await h.advance(100);
      await waitFor(async () => (await q.getJob('second-time', id))?.state === 'completed', 'completed job');
      expect(attempts).toEqual([1, 2]);
    });

    it('fails at once on PermanentJobError, whatever attempts remain', async () => {
      const q = h.open();
      let runs = 0;
      q.process('permanent', async () => {
        runs += 1;
        throw new PermanentJobError('callback URL is malformed');
      });
      const { id } = await q.enqueue('permanent', {}, { maxAttempts: 5, backoff: { type: 'fixed', delayMs: 10 } });
      await waitFor(async () => (await q.getJob('permanent', id))?.state === 'failed', 'failed job');
      await h.advance(100);
      await sleep(60);
      expect(runs).toBe(1);
      expect(await q.getJob('permanent', id)).toMatchObject({ attempts: 1, lastError: 'callback URL is malformed' });
    });

    it('holds a delayed job until its time', async () => {
      const q = h.open();
      const ran: string[] = [];
      q.process('later', async (job) => {
        ran.push(job.id);
      });
      const { id } = await q.enqueue('later', {}, { delayMs: 400 });
      expect((await q.getJob('later', id))?.state).toBe('delayed');
      expect(await q.stats('later')).toMatchObject({ delayed: 1, waiting: 0 });
      await sleep(60);
      expect(ran).toEqual([]);
      await h.advance(400);
      await waitFor(() => ran.length === 1, 'the delayed job');
    });

    it('runs at most `concurrency` handlers of a name at once', async () => {
      const q = h.open();
      let running = 0;
      let peak = 0;
      let done = 0;
      q.process(
        'slow',
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(40);
          running -= 1;
          done += 1;
        },
        { concurrency: 2 },
      );
      await q.enqueueMany(
        'slow',
        Array.from({ length: 6 }, (_, i) => ({ payload: i })),
      );
      await waitFor(() => done === 6, 'six jobs');
      expect(peak).toBe(2);
    });

    it('never gives one job to two workers', async () => {
      const a = h.open();
      const b = h.open();
      const runs = new Map<string, number>();
      const handler = async (job: Job<unknown>) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await sleep(2);
      };
      a.process('shared', handler, { concurrency: 3 });
      b.process('shared', handler, { concurrency: 3 });
      await a.enqueueMany(
        'shared',
        Array.from({ length: 30 }, (_, i) => ({ payload: i })),
      );
      await waitFor(async () => (await a.stats('shared')).completed === 30, 'thirty completed jobs');
      expect(runs.size).toBe(30);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });

    it('re-runs the job of a crashed worker once its lease lapses, and ignores the dead run', async () => {
      const crashed = h.open();
      const started = deferred();
      const release = deferred();
      crashed.process('push', async () => {
        started.resolve();
        await release.promise;
      });
      const { id } = await crashed.enqueue('push', { to: 'developer' });
      await started.promise;
      expect((await crashed.getJob('push', id))?.state).toBe('active');
      await crashed.close({ timeoutMs: 0 }); // the process dies mid-job: no outcome, no renewals

      const survivor = h.open();
      const reruns: Job<unknown>[] = [];
      survivor.process('push', async (job) => {
        reruns.push(job);
      });
      await sleep(60);
      expect(reruns).toEqual([]); // the lease still holds
      await h.advance(h.leaseMs);
      await waitFor(async () => (await survivor.getJob('push', id))?.state === 'completed', 're-run after lease expiry', 10_000);
      expect(reruns).toHaveLength(1);
      expect(reruns[0]).toMatchObject({ id, attempt: 2, payload: { to: 'developer' } });

      release.resolve(); // the dead run finishing late must not change anything
      await sleep(60);
      expect(reruns).toHaveLength(1);
      expect(await survivor.getJob('push', id)).toMatchObject({ state: 'completed', attempts: 2 });
    });

    it('counts an interrupted run as an attempt: a crash on the last one fails the job', async () => {
      const crashed = h.open();
      const started = deferred();
      const release = deferred();
      crashed.process('fragile', async () => {
        started.resolve();
        await release.promise;
      });
      const { id } = await crashed.enqueue('fragile', {}, { maxAttempts: 1 });
      await started.promise;
      await crashed.close({ timeoutMs: 0 });
      const survivor = h.open();
      let runs = 0;
      survivor.process('fragile', async () => {
        runs += 1;
      });
      await h.advance(h.leaseMs);
      await waitFor(async () => (await survivor.getJob('fragile', id))?.state === 'failed', 'failed job', 10_000);
      expect(runs).toBe(0);
      expect((await survivor.getJob('fragile', id))?.lastError).toMatch(/interrupted/);
      release.resolve();
    });

    it('close() waits for running handlers, records their outcome and takes no new jobs', async () => {
      const q = h.open();
      const started = deferred();
      let runs = 0;
      let finished = 0;
      q.process('graceful', async () => {
        runs += 1;
        started.resolve();
        await sleep(250);
        finished += 1;
      });
      await q.enqueueMany('graceful', [{ payload: 1 }, { payload: 2 }]);
      await started.promise;
      await q.close();
      expect({ runs, finished }).toEqual({ runs: 1, finished: 1 });
      const observer = h.open();
      expect(await observer.stats('graceful')).toMatchObject({ completed: 1, waiting: 1, active: 0 });
      await expect(q.enqueue('graceful', 3)).rejects.toThrow(/closed/);
      await q.close(); // twice is fine
    });

    it('reports counts by state, per name and in total', async () => {
      const q = h.open();
      await q.enqueueMany('idle', [{ payload: 1 }, { payload: 2 }, { payload: 3, opts: { delayMs: 60_000 } }]);
      const block = deferred();
      q.process(
        'busy',
        async (job) => {
          if (job.payload === 'block') await block.promise;
          if (job.payload === 'fail') throw new PermanentJobError('no');
        },
        { concurrency: 3 },
      );
      await q.enqueueMany('busy', [{ payload: 'ok' }, { payload: 'fail' }, { payload: 'block' }]);
      await waitFor(async () => {
        const s = await q.stats('busy');
        return s.completed === 1 && s.failed === 1 && s.active === 1;
      }, 'one completed, one failed, one active');
      expect(await q.stats('idle')).toEqual({ waiting: 2, delayed: 1, active: 0, completed: 0, failed: 0 });
      expect(await q.stats()).toEqual({ waiting: 2, delayed: 1, active: 1, completed: 1, failed: 1 });
      block.resolve();
      await waitFor(async () => (await q.stats('busy')).completed === 2, 'the blocked job');
    });

    it('prunes finished jobs older than the retention, after which an id can be reused', async () => {
      const q = h.open();
      q.process('prunable', async (job) => {
        if (job.payload === 'bad') throw new PermanentJobError('bad');
      });
      await q.enqueue('prunable', 'good', { jobId: 'g' });
      await q.enqueue('prunable', 'bad', { jobId: 'b' });
      await waitFor(async () => {
        const s = await q.stats('prunable');
        return s.completed === 1 && s.failed === 1;
      }, 'finished jobs');
      await h.advance(300);
      expect(await q.prune(60_000)).toBe(0);
      expect(await q.prune(100)).toBe(1);
      expect(await q.getJob('prunable', 'g')).toBeNull();
      expect((await q.getJob('prunable', 'b'))?.state).toBe('failed');
      expect((await q.enqueue('prunable', 'good again', { jobId: 'g' })).created).toBe(true);
      await waitFor(async () => (await q.getJob('prunable', 'g'))?.state === 'completed', 'the new job');
      expect(await q.prune(100, { includeFailed: true })).toBe(1); // the failed one; the new one is recent
      expect(await q.getJob('prunable', 'b')).toBeNull();
    });

    it('rejects bad names and options the same way', async () => {
      const q = h.open();
      await expect(q.enqueue('no spaces', {})).rejects.toThrow(RangeError);
      await expect(q.enqueue('x', {}, { maxAttempts: 0 })).rejects.toThrow(RangeError);
      await expect(q.enqueue('x', {}, { jobId: '' })).rejects.toThrow(RangeError);
      await expect(q.enqueue('x', {}, { delayMs: -1 })).rejects.toThrow(RangeError);
      expect(() => q.process('x', async () => undefined, { concurrency: 0 })).toThrow(RangeError);
      q.process('x', async () => undefined);
      expect(() => q.process('x', async () => undefined)).toThrow(/already registered/);
    });
  });
}

/** Polls `check` in real time until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A promise with its resolver, for handlers that must block until the test lets them go. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
