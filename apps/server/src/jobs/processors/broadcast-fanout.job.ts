import type { Services } from '../../services';
import type { JobQueue } from '../job-queue';
import { JobNames } from '../job-names';

/** Broadcasts fanning out at once in one worker (each is one long job writing pages). */
export const BROADCAST_FANOUT_CONCURRENCY = 2;

export interface BroadcastFanOutJob {
  broadcastId: number;
}

/** The worker side of broadcasts: one job per broadcast that writes its deliveries page by page. */
export function processBroadcastFanOut(jobs: JobQueue, services: Pick<Services, 'broadcasts'>): void {
  jobs.process<BroadcastFanOutJob>(JobNames.broadcastFanOut, (job) => services.broadcasts.fanOut(job.payload.broadcastId), {
    concurrency: BROADCAST_FANOUT_CONCURRENCY,
  });
}
