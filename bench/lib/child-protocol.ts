/**
 * Messages between `bench/run.ts` and the server children over the IPC channel. Servers run in
 * child processes so that autocannon's load generation never shares an event loop (or a CPU
 * core's worth of scheduling) with the server it measures; gzh and the bare-fastify baseline get
 * exactly the same treatment.
 */

/** What to start. */
export type ChildSpec =
  | {
      kind: 'gzh';
      /** SQLite data directory, created and removed by the parent. */
      dataDir: string;
      /** Followers seeded on the bench account before `ready`. */
      followers: number;
    }
  | {
      kind: 'baseline';
      /** The JSON object the single route returns (the real `user/info` reply, for equal size). */
      body: unknown;
      /** Path of the single route; the same as gzh's so requests are byte-identical. */
      path: string;
    };

/** Child → parent: listening, with what the parent needs to drive it. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Present for gzh: the account the load runs as. */
  account?: { appid: string; secret: string };
}

/** Child → parent: start-up failed; the child exits after sending it. */
export interface FailedMessage {
  type: 'failed';
  error: string;
}

export type ChildMessage = ReadyMessage | FailedMessage;

/** Parent → child: close the server and exit. */
export interface StopMessage {
  type: 'stop';
}
