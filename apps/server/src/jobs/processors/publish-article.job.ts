import type { Services } from '../../services';
import type { JobQueue } from '../job-queue';
import { JobNames } from '../job-names';

/** Payload of a publish task job; the job id is the publish_id. */
export interface PublishArticlePayload {
  accountId: string;
  publishId: string;
}

/** Publish tasks in flight at once in one worker process (each is a few queries). */
export const PUBLISH_ARTICLE_CONCURRENCY = 4;

/**
 * The worker side of `freepublish/submit`. The articles module does the work and is safe to run
 * again after a crash (the task leaves "publishing" once, the PUBLISHJOBFINISH push id is
 * deterministic), so an ordinary failure is simply retried with the queue's backoff.
 */
export function processPublishArticle(jobs: JobQueue, services: Pick<Services, 'articles'>): void {
  jobs.process<PublishArticlePayload>(
    JobNames.publishArticle,
    async (job) => {
      await services.articles.runPublish(job.payload.accountId, job.payload.publishId);
    },
    { concurrency: PUBLISH_ARTICLE_CONCURRENCY },
  );
}
