/**
 * Platform-originated event pushes (spec/callback-protocol.md §4.3 job results, §4.4
 * customer-service sessions, §4.5 authorization changes), as field objects for `buildXml`.
 *
 * Guarantees:
 * - Job-finish events carry `MsgID` (capital D, unlike ordinary messages' `MsgId`) as a bare
 *   unsigned 64-bit decimal that never passes through a JS number.
 * - Field order follows the official samples and SDK fixtures: `MASSSENDJOBFINISH` writes the
 *   counts, then `CopyrightCheckResult{Count, ResultList, CheckState}`, then
 *   `ArticleUrlResult{Count, ResultList}`; an empty `ResultList` is an empty element.
 * - `Count` elements are the real number of items, never a separate input that could disagree.
 * - Authorization events name the affected user in `OpenID`; `FromUserName` is whatever sender id
 *   the caller passes (§4.5: consumers must read `OpenID`).
 */
import { pushHeader, u64, type PushHeader } from './messages';
import type { XmlFields } from './xml';

function event(h: PushHeader, name: string, fields: XmlFields): XmlFields {
  return { ...pushHeader(h, 'event'), Event: name, ...fields };
}

/**
 * `TEMPLATESENDJOBFINISH` (§4.3): `MsgID`, `Status` (`success`, `failed:user block`,
 * `failed: system failed`, …). `FromUserName` is the recipient's OpenID.
 */
export function templateSendJobFinishEvent(e: PushHeader & { readonly msgId: string; readonly status: string }): XmlFields {
  return event(e, 'TEMPLATESENDJOBFINISH', { MsgID: u64(e.msgId, 'MsgID'), Status: e.status });
}

/** One article's originality-check result inside `CopyrightCheckResult` (§4.3). */
export interface CopyrightCheckItem {
  /** 1-based. */
  readonly articleIdx: number;
  readonly userDeclareState: number;
  readonly auditState: number;
  readonly originalArticleUrl: string;
  readonly originalArticleType: number;
  readonly canReprint: number;
  readonly needReplaceContent: number;
  readonly needShowReprintSource: number;
}

/** Inputs of {@link massSendJobFinishEvent}. */
export interface MassSendJobFinish {
  readonly msgId: string;
  /** `send success`, `send fail`, or `err(N)`. */
  readonly status: string;
  readonly totalCount: number;
  readonly filterCount: number;
  readonly sentCount: number;
  readonly errorCount: number;
  readonly copyrightCheck?: {
    readonly items: readonly CopyrightCheckItem[];
    /** 1 not a repost; 2 repost, may send; 3 repost, may not send. */
    readonly checkState: number;
  };
  /** URL of each published article, 1-based `articleIdx`. */
  readonly articleUrls?: readonly { readonly articleIdx: number; readonly articleUrl: string }[];
}

/** `MASSSENDJOBFINISH` (§4.3). */
export function massSendJobFinishEvent(e: PushHeader & MassSendJobFinish): XmlFields {
  const check = e.copyrightCheck;
  return event(e, 'MASSSENDJOBFINISH', {
    MsgID: u64(e.msgId, 'MsgID'),
    Status: e.status,
    TotalCount: e.totalCount,
    FilterCount: e.filterCount,
    SentCount: e.sentCount,
    ErrorCount: e.errorCount,
    CopyrightCheckResult:
      check === undefined
        ? undefined
        : {
            Count: check.items.length,
            ResultList: {
              item: check.items.map((i) => ({
                ArticleIdx: i.articleIdx,
                UserDeclareState: i.userDeclareState,
                AuditState: i.auditState,
                OriginalArticleUrl: i.originalArticleUrl,
                OriginalArticleType: i.originalArticleType,
                CanReprint: i.canReprint,
                NeedReplaceContent: i.needReplaceContent,
                NeedShowReprintSource: i.needShowReprintSource,
              })),
            },
            CheckState: check.checkState,
          },
    ArticleUrlResult:
      e.articleUrls === undefined
        ? undefined
        : {
            Count: e.articleUrls.length,
            ResultList: { item: e.articleUrls.map((a) => ({ ArticleIdx: a.articleIdx, ArticleUrl: a.articleUrl })) },
          },
  });
}

/** Inputs of {@link publishJobFinishEvent}. */
export interface PublishJobFinish {
  /** Decimal id returned by `freepublish/submit`. */
  readonly publishId: string;
  /** 0 success, 1 publishing, 2 originality failed, 3 failed, 4 rejected, 5 deleted, 6 banned. */
  readonly publishStatus: number;
  /** Present once published. */
  readonly articleId?: string;
  /** Published article URLs, 1-based `idx`. */
  readonly articles?: readonly { readonly idx: number; readonly url: string }[];
  /** Failing article indices; XML shape unconfirmed (§4.3), written as repeated `<fail_idx>`. */
  readonly failIdx?: readonly number[];
}

/** `PUBLISHJOBFINISH` (§4.3): `PublishEventInfo{publish_id, publish_status, article_id, article_detail}`. */
export function publishJobFinishEvent(e: PushHeader & PublishJobFinish): XmlFields {
  return event(e, 'PUBLISHJOBFINISH', {
    PublishEventInfo: {
      publish_id: u64(e.publishId, 'publish_id'),
      publish_status: e.publishStatus,
      article_id: e.articleId,
      article_detail:
        e.articles === undefined
          ? undefined
          : { count: e.articles.length, item: e.articles.map((a) => ({ idx: a.idx, article_url: a.url })) },
      fail_idx: e.failIdx,
    },
  });
}

/** `kf_create_session` / `kf_close_session` (§4.4): `KfAccount` (e.g. `test1@test`). */
export function kfSessionEvent(
  e: PushHeader & { readonly event: 'kf_create_session' | 'kf_close_session'; readonly kfAccount: string },
): XmlFields {
  return event(e, e.event, { KfAccount: e.kfAccount });
}

/** `kf_switch_session` (§4.4): `FromKfAccount`, `ToKfAccount`. */
export function kfSwitchSessionEvent(
  e: PushHeader & { readonly fromKfAccount: string; readonly toKfAccount: string },
): XmlFields {
  return event(e, 'kf_switch_session', { FromKfAccount: e.fromKfAccount, ToKfAccount: e.toKfAccount });
}

/**
 * `user_info_modified` / `user_authorization_revoke` / `user_authorization_cancellation` (§4.5):
 * `OpenID`, `AppID`, `RevokeInfo` (code as text), optional `UnionID`.
 */
export function authorizationEvent(
  e: PushHeader & {
    readonly event: 'user_info_modified' | 'user_authorization_revoke' | 'user_authorization_cancellation';
    readonly openid: string;
    readonly appid: string;
    readonly revokeInfo?: string;
    readonly unionid?: string;
  },
): XmlFields {
  return event(e, e.event, { OpenID: e.openid, AppID: e.appid, RevokeInfo: e.revokeInfo, UnionID: e.unionid });
}
