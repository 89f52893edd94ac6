import { PUBLISH_STATUS } from '@gzh/contracts';
import type { MpnewsArticle } from '../messages/message.types';

export type { MpnewsArticle };

/** `article_type`: 图文 (news, the default) or 图片消息 (newspic, a picture post). */
export type ArticleType = 'news' | 'newspic';

/**
 * One article as stored in a draft and snapshotted into a publication: validated, with its HTML
 * sanitised and its digest defaulted. Field names are WeChat's, in camelCase.
 */
export interface Article {
  articleType: ArticleType;
  title: string;
  author: string;
  digest: string;
  /** True when `digest` was taken from the content because none was given (the editor then shows it as a default). */
  digestAuto?: boolean;
  /** Sanitised HTML. */
  content: string;
  /** "阅读原文" link; empty when none. */
  contentSourceUrl: string;
  /** Permanent image/thumb material of the cover; empty for newspic posts without one. */
  thumbMediaId: string;
  showCoverPic: 0 | 1;
  needOpenComment: 0 | 1;
  onlyFansCanComment: 0 | 1;
  /** Cover crops `X1_Y1_X2_Y2` (normalised), empty when not given. */
  picCrop2351: string;
  picCrop11: string;
  /** Images of a newspic post (permanent image materials), in order. */
  imageMediaIds: string[];
}

/** A draft of the draft box. `mediaId` is its id on the wire. */
export interface Draft {
  mediaId: string;
  accountId: string;
  articles: Article[];
  /** Bumped by every update. */
  revision: number;
  /** Key of the preview pages (`/mp/s/<previewKey>?idx=N`). */
  previewKey: string;
  createdAt: number;
  updatedAt: number;
}

/** `publish_status` values (spec §5.4), shared with the console. gzh reaches 0, 1, 3 and 5. */
export const PublishStatus = PUBLISH_STATUS;

/** `publish`: a `freepublish/submit` task. `card`: pages made for a draft sent as mpnews. */
export type PublicationKind = 'publish' | 'card';

/** A publish task and, once it succeeded, the article it produced. */
export interface Publication {
  publishId: string;
  accountId: string;
  kind: PublicationKind;
  status: number;
  /** Set when publishing succeeded. */
  articleId: string | null;
  /** Decimal `msg_data_id`. */
  msgDataId: string;
  draftMediaId: string;
  /** 1-based indexes of failing articles (empty unless the status is 2 or 4). */
  failIdx: number[];
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

/** One published article: a snapshot of a draft article with the key of its page. */
export interface PublishedArticle {
  key: string;
  accountId: string;
  publishId: string;
  articleId: string;
  /** 1-based. */
  idx: number;
  article: Article;
  /** Cover URL at publishing time. */
  thumbUrl: string;
  /** Newspic image URLs at publishing time. */
  imageUrls: string[];
  deleted: boolean;
  createdAt: number;
}

/** What a reader did on an article page. */
export type ArticleEventKind = 'read' | 'read_through' | 'share';
export const ARTICLE_EVENT_KINDS: readonly ArticleEventKind[] = ['read', 'read_through', 'share'];

/** Read/share counts of one article (`idx`) of a publication. */
export interface ArticleStats {
  idx: number;
  reads: number;
  /** Distinct persons among identified reads. */
  readers: number;
  readThroughs: number;
  shares: number;
}

/** A material as the media module resolves it (the fields articles need). */
export interface ResolvedMaterial {
  type: 'image' | 'voice' | 'video' | 'thumb';
  permanent: boolean;
  url: string;
}

/**
 * The articles module's view of the media module: resolves a media_id of an account to its
 * material. `undefined` for unknown, expired or foreign ids. Injected so the module builds and is
 * tested without the media module's internals.
 */
export interface ThumbResolver {
  resolve(accountId: string, mediaId: string): Promise<ResolvedMaterial | undefined>;
}

/** Where publish tasks wait for the worker (the job queue). */
export interface PublishQueue {
  enqueue(accountId: string, publishId: string): Promise<void>;
}

/** What the article page shows. `deleted` pages show the "deleted by the publisher" notice. */
export interface ArticlePage {
  key: string;
  accountName: string;
  article: Article;
  thumbUrl: string;
  imageUrls: string[];
  /** Epoch ms of publishing (of saving, for a draft preview). */
  publishedAt: number;
  deleted: boolean;
  /** A draft preview: not a published article, nothing is recorded. */
  preview: boolean;
  /** Absolute URL of the page (for sharing). */
  url: string;
}

/** Cards of mpnews messages (customer-service `mpnews` / `mpnewsarticle`, broadcasts). */
export type ArticleCards = MpnewsArticle[];
