/**
 * Messages between `bench/run.ts` and the server children over the IPC channel. Servers run in
 * child processes so that load generation never shares an event loop (or a CPU core's worth of
 * scheduling) with the server it measures; gzh and its baselines get exactly the same treatment.
 */

import type { CallbackMode } from '../../apps/server/src/modules/accounts/account.types';

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
    }
  | {
      /**
       * gzh for the conversation round trip: the bench account and `persons` people following it,
       * each with a follower session. The developer server is connected afterwards with a
       * {@link ConnectDeveloperMessage}, because that server needs the AppID created here.
       */
      kind: 'conversation';
      dataDir: string;
      persons: number;
    }
  | {
      /** A developer server: the node-webot `wechat` middleware on a bare `node:http` server. */
      kind: 'developer';
      developer: DeveloperConfig;
    }
  | {
      /**
       * gzh on a database the parent already seeded (the seeding scenario's), alone in its process
       * so its peak RSS is the fan-out's; broadcasts run unthrottled. Driven by
       * {@link BroadcastMessage} and {@link RawFanOutMessage}.
       */
      kind: 'fanout';
      dataDir: string;
      databaseUrl?: string;
      accountId: string;
    };

/** The developer configuration shared by the account on gzh and the developer server. */
export interface DeveloperConfig {
  token: string;
  appid: string;
  encodingAesKey: string;
  mode: CallbackMode;
}

/** A person following the bench account, with what the follower API needs to act as them. */
export interface BenchFollower {
  personId: string;
  /** Follower session token (`Authorization: Bearer`, or `?token=` on the stream). */
  token: string;
  openid: string;
}

/** Child → parent: listening, with what the parent needs to drive it. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Present for gzh: the account the load runs as. */
  account?: { appid: string; secret: string };
  /** Present for `conversation`: the people following the account. */
  followers?: BenchFollower[];
}

/** Child → parent: start-up failed; the child exits after sending it. */
export interface FailedMessage {
  type: 'failed';
  error: string;
}

/**
 * One push exactly as gzh sent it to the developer server, read back from the delivery ledger
 * after a priming round trip: the baseline replays these bytes, so both sides of the comparison
 * make the developer server do the same verification, decryption and reply.
 */
export interface RecordedPush {
  /** Callback URL without the query. */
  url: string;
  /** Signed query string (`signature`, `timestamp`, `nonce`, `openid`, and in safe mode `encrypt_type`, `msg_signature`). */
  query: string;
  /** The body as sent (encrypted envelope in safe mode). */
  body: string;
  /** The developer server's answer to it. */
  replyBody: string;
  /** What the follower was shown in answer, as gzh read the reply. */
  shown: string;
}

/** Child → parent: the answer to a {@link ConnectDeveloperMessage}. */
export interface DeveloperConnectedMessage {
  type: 'developer-connected';
  push: RecordedPush;
}

/** Child → parent: the answer to a {@link BroadcastMessage}. */
export interface BroadcastDoneMessage {
  type: 'broadcast-done';
  msgId: number;
  /** From submission to the fan-out job announcing completion. */
  seconds: number;
  sent: number;
  /** Resident set size before submitting, and the process's peak (`maxRSS`) after, in MB. */
  startRssMb: number;
  peakRssMb: number;
  /** Follower sessions of random recipients, for the inbox requests. */
  tokens: string[];
}

/** Child → parent: the answer to a {@link RawFanOutMessage}. */
export interface RawFanOutDoneMessage {
  type: 'raw-fanout-done';
  seconds: number;
}

/** Child → parent: the answer to a {@link CpuUsageMessage}. */
export interface CpuUsageDoneMessage {
  type: 'cpu-usage-done';
  /** User plus system CPU time of the whole process (every thread) since it started, in ms. */
  ms: number;
}

export type ChildMessage =
  ReadyMessage | FailedMessage | DeveloperConnectedMessage | BroadcastDoneMessage | RawFanOutDoneMessage | CpuUsageDoneMessage;

/** Parent → child: close the server and exit. */
export interface StopMessage {
  type: 'stop';
}

/**
 * Parent → `conversation` child: configure the account for this developer server (the URL check
 * runs, as in the console), then do one round trip and answer with the push it recorded. The
 * child answers `developer-connected`, or `failed` and stays up (the parent stops it).
 */
export interface ConnectDeveloperMessage {
  type: 'connect-developer';
  url: string;
  developer: DeveloperConfig;
  /** The text of the priming message; the load sends the same. */
  content: string;
}

/** Parent → `fanout` child: broadcast a text to every follower of the account and time it. */
export interface BroadcastMessage {
  type: 'broadcast';
  /** How many follower sessions to answer with. */
  sessions: number;
}

/** Parent → `fanout` child: time the database's own `INSERT … SELECT` of the same deliveries. */
export interface RawFanOutMessage {
  type: 'raw-fanout';
}

/**
 * Parent → any child: the process's CPU time so far. Read at the start and the end of a measured
 * window, it gives the server's CPU per operation, which noisy shared machines disturb far less
 * than throughput.
 */
export interface CpuUsageMessage {
  type: 'cpu-usage';
}

/** Requests a parent sends to a child, and the answer each gets. */
export interface ChildRequests {
  'connect-developer': { request: ConnectDeveloperMessage; answer: DeveloperConnectedMessage };
  broadcast: { request: BroadcastMessage; answer: BroadcastDoneMessage };
  'raw-fanout': { request: RawFanOutMessage; answer: RawFanOutDoneMessage };
  'cpu-usage': { request: CpuUsageMessage; answer: CpuUsageDoneMessage };
}

export type ParentMessage = StopMessage | ConnectDeveloperMessage | BroadcastMessage | RawFanOutMessage | CpuUsageMessage;
