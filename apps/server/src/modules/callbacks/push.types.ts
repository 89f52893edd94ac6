import type { MessageBody } from '../messages/message.types';

/** Events gzh pushes to developer servers (spec/callback-protocol.md §4.1–4.2). */
export type PushEvent =
  | { event: 'subscribe'; eventKey: string; ticket?: string }
  | { event: 'unsubscribe' }
  | { event: 'SCAN'; eventKey: string; ticket: string }
  | { event: 'LOCATION'; latitude: number; longitude: number; precision: number }
  | { event: 'CLICK'; eventKey: string }
  | { event: 'VIEW'; eventKey: string; menuId?: string }
  | { event: 'view_miniprogram'; eventKey: string; menuId?: string }
  | { event: 'scancode_push' | 'scancode_waitmsg'; eventKey: string; scanType: string; scanResult: string }
  | { event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin'; eventKey: string; picMd5Sums: string[] }
  | {
      event: 'location_select';
      eventKey: string;
      location: { latitude: string; longitude: string; scale: string; label: string; poiname: string };
    }
  | JobFinishEvent;

/**
 * Results of asynchronous jobs the platform reports to the developer server
 * (spec/callback-protocol.md §4.3). They never expect an answer; replies to them are dropped.
 */
export type JobFinishEvent =
  | { event: 'TEMPLATESENDJOBFINISH'; msgId: string; status: string }
  | {
      event: 'MASSSENDJOBFINISH';
      msgId: string;
      /** `send success`, `send fail` or `err(N)`. */
      status: string;
      totalCount: number;
      filterCount: number;
      sentCount: number;
      errorCount: number;
      /** 1-based article index → published URL (mpnews broadcasts). */
      articleUrls?: { articleIdx: number; articleUrl: string }[];
    }
  | {
      event: 'PUBLISHJOBFINISH';
      publishId: string;
      /** 0 success, 1 publishing, 2 originality failed, 3 failed, 4 rejected, 5 deleted, 6 banned. */
      publishStatus: number;
      articleId?: string;
      articles?: { idx: number; url: string }[];
      failIdx?: number[];
    };

/**
 * One push to a developer server: an ordinary message or an event, frozen at creation so every
 * retry sends the same MsgId / CreateTime (the developer's dedup keys).
 */
export interface Push {
  /** Deterministic id: the job id, so a push is queued once. */
  id: string;
  accountId: string;
  openid: string;
  /** Unix seconds (CreateTime). */
  createTime: number;
  /** The inbound message, for ordinary messages. */
  messageId: number | null;
  payload: { kind: 'message'; msgid: string; body: MessageBody } | ({ kind: 'event' } & PushEvent);
}

/** Whether a follower sees WeChat's failure notice when this push gets no usable answer. */
export function expectsAnswer(push: Push): boolean {
  if (push.payload.kind === 'message') return true;
  return [
    'subscribe',
    'SCAN',
    'CLICK',
    'scancode_waitmsg',
    'pic_sysphoto',
    'pic_photo_or_album',
    'pic_weixin',
    'location_select',
  ].includes(push.payload.event);
}

/** Passive replies are dropped for these (spec §5.4 "Replies that are never shown"). */
export function discardsReply(push: Push): boolean {
  return (
    push.payload.kind === 'event' &&
    [
      'unsubscribe',
      'LOCATION',
      'VIEW',
      'view_miniprogram',
      'TEMPLATESENDJOBFINISH',
      'MASSSENDJOBFINISH',
      'PUBLISHJOBFINISH',
    ].includes(push.payload.event)
  );
}
