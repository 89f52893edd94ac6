import type { Account } from '../accounts/account.types';
import type { MessageBody } from '../messages/message.types';
import type { Push } from './push.types';

/** How one push attempt ended, as the delivery ledger records it. */
export type PushOutcome =
  | 'reply'
  | 'ack'
  | 'timeout'
  | 'refused'
  | 'network'
  | 'http_error'
  | 'redirect'
  | 'oversize'
  | 'bad_xml'
  | 'bad_signature'
  | 'bad_reply'
  | 'invalid_url';

/** Outcomes worth another attempt: the server may answer next time. */
export const RETRYABLE_OUTCOMES: readonly PushOutcome[] = ['timeout', 'refused', 'network', 'http_error', 'redirect'];

/** A developer's passive reply, translated to what the follower sees. */
export interface PassiveReply {
  /** Messages to show (empty for `transfer_customer_service`). */
  messages: MessageBody[];
  /** `transfer_customer_service`, with the requested agent if any. */
  transfer: { kfAccount: string | null } | null;
  /** WeChat's MsgType of the reply, for the ledger. */
  msgType: string;
}

export interface PushAttempt {
  url: string;
  /** The query string sent, without the leading `?`. */
  query: string;
  mode: string;
  /** The push XML before encryption. */
  plainBody: string;
  /** What went on the wire (equal to plainBody in plain mode). */
  sentBody: string;
  outcome: PushOutcome;
  httpStatus: number | null;
  responseBody: string | null;
  reply: PassiveReply | null;
  error: string | null;
  latencyMs: number;
}

/** What a push needs of its account: ids for the envelope, the developer configuration. */
export type PushAccount = Pick<Account, 'id' | 'appid' | 'originalId' | 'callback'>;

export type VerifyResult = { ok: true; latencyMs: number } | { ok: false; reason: string; latencyMs: number };

/**
 * Port to the WeChat wire for developer servers: builds, signs, encrypts and sends pushes and URL
 * checks, and classifies answers. Implemented over undici in `http/wechat/`; the callbacks module
 * only decides what to send and records what happened.
 */
export interface PushSender {
  send(account: PushAccount, push: Push, options?: { url?: string }): Promise<PushAttempt>;
  /** Sends a recorded push XML again (ledger replay), freshly signed/encrypted for `account`. */
  resend(account: PushAccount, plainXml: string, openid: string, url: string): Promise<PushAttempt>;
  /** The URL verification GET (spec §1). */
  verify(url: string, token: string): Promise<VerifyResult>;
  /** Resolves and probes a callback URL's host (`callback/check`). */
  probe(url: string): Promise<{ dns: { ip: string }[]; ping: { ip: string; time: string; lossPercent: number }[] }>;
}
