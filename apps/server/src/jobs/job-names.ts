/** Job names, in one place so producers and the worker role agree without importing each other. */
export const JobNames = {
  /** One push to a developer server (one run per delivery attempt). */
  deliverCallback: 'deliver-callback',
  /** A publish task (`freepublish/submit`): snapshot the draft, make pages, report PUBLISHJOBFINISH. */
  publishArticle: 'publish-article',
  /** A broadcast's fan-out: deliveries written page by page from a stored cursor. */
  broadcastFanOut: 'broadcast-fanout',
} as const;

/** The job id of a broadcast's fan-out: one job per broadcast, however often it is queued. */
export const fanOutJobId = (broadcastId: number): string => `broadcast:${broadcastId}`;

/**
 * Attempts of a fan-out job. A run interrupted by a crash counts as one; the fan-out resumes at
 * its stored cursor each time, so a generous number costs nothing and outlasts repeated restarts.
 */
export const BROADCAST_FANOUT_ATTEMPTS = 50;
