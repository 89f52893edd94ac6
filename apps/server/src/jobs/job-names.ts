/** Job names, in one place so producers and the worker role agree without importing each other. */
export const JobNames = {
  /** One push to a developer server (one run per delivery attempt). */
  deliverCallback: 'deliver-callback',
  /** A publish task (`freepublish/submit`): snapshot the draft, make pages, report PUBLISHJOBFINISH. */
  publishArticle: 'publish-article',
  /** A broadcast's fan-out: deliveries written page by page from a stored cursor. */
  broadcastFanOut: 'broadcast-fanout',
} as const;
