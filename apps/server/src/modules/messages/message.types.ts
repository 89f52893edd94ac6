/** Ordinary message kinds a follower can send (spec/callback-protocol.md §3). */
export const INBOUND_KINDS = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** Kinds an account can put in front of a follower (passive and auto replies, notices). */
export type OutboundKind = 'text' | 'image' | 'voice' | 'video' | 'music' | 'news' | 'notice';

export interface NewsArticle {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

/** Body of a message, by kind. Field names follow WeChat's, in camelCase. */
export type MessageBody =
  | { type: 'text'; content: string }
  | { type: 'image'; picUrl: string; mediaId: string }
  | { type: 'voice'; mediaId: string; format: string; recognition?: string }
  | { type: 'video' | 'shortvideo'; mediaId: string; thumbMediaId: string; title?: string; description?: string }
  | { type: 'location'; latitude: number; longitude: number; scale: number; label: string }
  | { type: 'link'; title: string; description: string; url: string }
  | { type: 'music'; title: string; description: string; musicUrl: string; hqMusicUrl: string; thumbMediaId: string }
  | { type: 'news'; articles: NewsArticle[] }
  | { type: 'notice'; content: string };

/** Where a message came from. */
export type MessageSource = 'follower' | 'passive' | 'auto' | 'notice';

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
