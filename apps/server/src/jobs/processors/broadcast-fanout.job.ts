import type { Services } from '../../services';
import type { JobQueue } from '../job-queue';
import { JobNames } from '../job-names';

/** Broadcasts fanning out at once in one worker (each is one long job writing pages). */
export const BROADCAST_FANOUT_CONCURRENCY = 2;

/**
 * Attempts of a fan-out job. A run interrupted by a crash counts as one; the fan-out resumes at
 * its stored cursor each time, so a generous number costs nothing and outlasts repeated restarts.
 */
export const BROADCAST_FANOUT_ATTEMPTS = 50;

export interface BroadcastFanOutJob {
  broadcastId: number;
}

/** The job id of a broadcast's fan-out: one job per broadcast, however often it is queued. */
export const fanOutJobId = (broadcastId: number): string => `broadcast:${broadcastId}`;

/** The worker side of broadcasts: one job per broadcast that writes its deliveries page by page. */
export function processBroadcastFanOut(jobs: JobQueue, services: Pick<Services, 'broadcasts'>): void {
  jobs.process<BroadcastFanOutJob>(JobNames.broadcastFanOut, (job) => services.broadcasts.fanOut(job.payload.broadcastId), {
    concurrency: BROADCAST_FANOUT_CONCURRENCY,
  });
}
