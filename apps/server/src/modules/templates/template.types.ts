import type { TemplateValue } from '@gzh/contracts';

/** A keyword a category template (类目模板) offers; `keyword_name_list` picks them by `name`. */
export interface LibraryKeyword {
  /** What the follower reads before the value (`订单编号`); the name `keyword_name_list` uses. */
  name: string;
  /** Placeholder name (`character_string1`): its prefix says which value rules apply. */
  key: string;
  example: string;
}

/**
 * One entry of the template library (模板库). Classic entries (`TM…`, `OPENTM…`) have fixed
 * content; category entries (numeric ids) are assembled from the keywords the account picks.
 */
export interface LibraryTemplate {
  shortId: string;
  title: string;
  /** Industry code 1–41 (see `industries.ts`). */
  industryId: number;
  kind: 'classic' | 'category';
  /** Classic content with `{{name.DATA}}` placeholders; empty for category entries. */
  content: string;
  /** What a filled notice reads like; empty for category entries (built from keywords). */
  example: string;
  /** The keywords a category entry offers; empty for classic entries. */
  keywords: LibraryKeyword[];
}

/** A template in an account's private list (what `get_all_private_template` lists). */
export interface PrivateTemplate {
  templateId: string;
  shortId: string;
  industryId: number;
  title: string;
  /** First class of the template's industry (`IT科技`). */
  primaryIndustry: string;
  /** Second class of the template's industry (`互联网|电子商务`). */
  deputyIndustry: string;
  content: string;
  example: string;
  /** Keyword names chosen when added (category templates), else empty. */
  keywords: string[];
  createdAt: number;
}

/** The account's industry pair, as codes; `null` until set. */
export interface IndustryPair {
  primaryId: number;
  secondaryId: number;
  changedAt: number;
}

/** The follower-facing notice, as stored with a send and shown in the chat. */
export interface TemplateNotice {
  type: 'template';
  templateId: string;
  title: string;
  content: string;
  data: Record<string, TemplateValue>;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
}

/** Where a send is: stored but not yet shown, or its TEMPLATESENDJOBFINISH status. */
export type TemplateSendStatus = 'pending' | 'success' | 'failed:user block' | 'failed: system failed';

/** One `message/template/send`. */
export interface TemplateSend {
  /** Decimal below 2^53. */
  msgid: string;
  accountId: string;
  templateId: string;
  followerId: number;
  openid: string;
  clientMsgId: string | null;
  notice: TemplateNotice;
  status: TemplateSendStatus;
  messageId: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What `message/template/send` receives, field by field as sent (the service checks each). */
export interface TemplateSendInput {
  touser: unknown;
  templateId: unknown;
  url?: unknown;
  miniprogram?: unknown;
  clientMsgId?: unknown;
  data: unknown;
}
