/** Kinds of auto-reply rules (WeChat's editor mode). */
export type ReplyRuleKind = 'follow' | 'keyword' | 'default' | 'click';

/** How a keyword matches the follower's text. */
export interface KeywordMatcher {
  text: string;
  match: 'exact' | 'contains';
}

/** One configured reply. Media ids are kept as given; `picUrl` lets the client show images. */
export type ReplyContent =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string; picUrl?: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | { type: 'news'; articles: { title: string; description: string; picUrl: string; url: string }[] };

export interface ReplyRule {
  id: string;
  accountId: string;
  kind: ReplyRuleKind;
  name: string;
  /** Keyword rules: up to 10 matchers. Click rules: the menu key in `text` with `exact`. */
  keywords: KeywordMatcher[];
  /** Up to 5 replies. */
  replies: ReplyContent[];
  /** Send every reply, or one at random. */
  replyMode: 'all' | 'random';
  enabled: boolean;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface ReplyRuleInput {
  kind: ReplyRuleKind;
  name: string;
  keywords?: KeywordMatcher[];
  replies: ReplyContent[];
  replyMode?: 'all' | 'random';
  enabled?: boolean;
}

/** WeChat's editor-mode limits. */
export const REPLY_LIMITS = { rules: 200, keywords: 10, replies: 5, keywordLength: 30, textLength: 2000, articles: 8 } as const;
