import type { MessageBodyView, MessageSource, MpnewsArticle, NewsArticle } from '@gzh/contracts';

/** Ordinary message kinds a follower can send (spec/callback-protocol.md §3). */
export const INBOUND_KINDS = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** Kinds an account can put in front of a follower (replies, customer-service messages, notices, broadcasts). */
export type OutboundKind = Exclude<MessageBody['type'], InboundKind> | 'image' | 'voice' | 'video' | 'text';

/** Body of a message, by kind: the shape the follower client shows (`@gzh/contracts`). */
export type MessageBody = MessageBodyView;

export type { MessageSource, MpnewsArticle, NewsArticle };

/** One message of a conversation between a follower and an account. */
export interface Message {
  /** Monotonic id: the follower client's stream resumes from it (SSE Last-Event-ID). */
  id: number;
  accountId: string;
  followerId: number;
  personId: string;
  openid: string;
  direction: 'in' | 'out';
  /** 64-bit MsgId of inbound messages, as a decimal string. */
  msgid: string | null;
  body: MessageBody;
  source: MessageSource;
  /** The inbound message this one answers, if any. */
  replyTo: number | null;
  createdAt: number;
}

/** What WeChat shows a follower when the developer server does not answer in time. */
export const SERVICE_UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试';
