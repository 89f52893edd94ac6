/**
 * RealtimeBus port: fire-and-forget domain notifications between modules and nodes (cache
 * invalidation, follower events, SSE fan-out). Delivery is at-most-once; anything that must not be
 * lost goes through the job queue instead.
 */
export interface RealtimeBus {
  /** Publishes `payload` to every subscriber of `topic`, on this node and (scale-out) on others. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Registers a handler; returns a function that removes it. Handler errors are swallowed. */
  subscribe(topic: string, handler: (payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/** Topics published by the foundation modules. */
export const Topics = {
  accountChanged: 'account.changed',
  tokenSuperseded: 'token.superseded',
  followerSubscribed: 'follower.subscribed',
  followerUnsubscribed: 'follower.unsubscribed',
  clockChanged: 'clock.changed',
} as const;
