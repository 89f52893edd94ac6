import type { Push } from '../../modules/callbacks/push.types';
import type { Services } from '../../services';
import type { JobQueue } from '../job-queue';
import { JobNames } from '../job-names';

/**
 * Pushes in flight at once in one worker process. Each account is further limited by the
 * sender's lanes (16); a push waiting for its account's lane still holds one of these slots, so
 * this is set high enough that one slow developer server cannot occupy them all (a waiting push
 * costs a promise, not a connection).
 */
export const DELIVER_CALLBACK_CONCURRENCY = 1024;

/**
 * The worker side of callback delivery: one job per push, one run per attempt. Retries are
 * immediate (WeChat re-sends as soon as an attempt times out) and limited by the job's
 * maxAttempts; the callbacks module decides, attempt by attempt, whether another is worth it.
 */
export function processDeliverCallback(jobs: JobQueue, services: Pick<Services, 'callbacks'>): void {
  jobs.process<Push>(
    JobNames.deliverCallback,
    async (job) => {
      const verdict = await services.callbacks.deliver(job.payload, job.attempt, job.maxAttempts);
      if (verdict === 'retry') throw new Error(`push ${job.payload.id}: attempt ${job.attempt} failed, retrying`);
    },
    { concurrency: DELIVER_CALLBACK_CONCURRENCY },
  );
}
