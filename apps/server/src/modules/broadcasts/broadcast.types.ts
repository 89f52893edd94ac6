import type { MessageBody } from '../messages/message.types';

/** `mass/get` statuses (spec §4.4). */
export type BroadcastStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

/** Who a broadcast goes to: every follower, one tag, an openid list, or one follower (preview). */
export type Audience =
  { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'list'; followerIds: number[] } | { kind: 'preview' };

/** `msgtype`s a broadcast can carry (spec §4.1); `wxcard` needs the cards API gzh does not serve. */
export const BROADCAST_MSGTYPES = ['mpnews', 'text', 'voice', 'image', 'mpvideo'] as const;

export interface Broadcast {
  /** The `msg_id` of the API. */
  id: number;
  accountId: string;
  msgType: string;
  body: MessageBody;
  mediaId: string | null;
  /** `msg_data_id` of mpnews broadcasts (article analytics). */
  msgDataId: number | null;
  audience: 'all' | 'tag' | 'list' | 'preview';
  tagId: number | null;
  clientMsgId: string | null;
  status: BroadcastStatus;
  /** Audience members following now (MASSSENDJOBFINISH `TotalCount`). */
  totalCount: number;
  /** Those left after the monthly per-follower limit (`FilterCount` = sent + errors). */
  filterCount: number;
  sentCount: number;
  errorCount: number;
  /** Fan-out progress: the last follower id written (keyset cursor). */
  cursor: number;
  /** Speed level at submission (0 fastest … 4). */
  speed: number;
  /** 1-based article indices deleted with `mass/delete`. */
  deletedArticles: number[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** Documented speed levels (spec §4.4): followers per minute. */
export const SPEED_PER_MINUTE: readonly number[] = [800_000, 600_000, 450_000, 300_000, 100_000];

/** A service account reaches each follower at most this many times a calendar month (spec §4.3). */
export const SERVICE_MONTHLY_PER_FOLLOWER = 4;
/** A subscription account broadcasts at most this many times a day (spec §4.3). */
export const SUBSCRIPTION_DAILY_BROADCASTS = 1;
/** `clientmsgid` limits (spec §4.3): bytes, how long it is remembered, the too-fast window. */
export const CLIENT_MSG_ID_MAX_BYTES = 64;
export const CLIENT_MSG_ID_MEMORY_MS = 24 * 3_600_000;
export const CLIENT_MSG_ID_RETRY_MS = 60_000;
/** `mass/send` openid list size (spec §4.2). */
export const LIST_MIN = 2;
export const LIST_MAX = 10_000;

/** One page of fan-out, as written. */
export interface FanOutPage {
  /** Audience members in the page's range who follow now. */
  total: number;
  /** Deliveries written (after the monthly filter). */
  delivered: number;
  /** New cursor; null when the audience is exhausted. */
  cursor: number | null;
}

/** A broadcast as a follower's inbox lists it. */
export interface InboxItem {
  broadcastId: number;
  accountId: string;
  body: MessageBody;
  createdAt: number;
}
