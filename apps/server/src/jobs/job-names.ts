/** Job names, in one place so producers and the worker role agree without importing each other. */
export const JobNames = {
  /** One push to a developer server (one run per delivery attempt). */
  deliverCallback: 'deliver-callback',
} as const;
