import { ApiRequestError, errorMessage } from '../api/client';
import type { MessageKey } from '../i18n';

/**
 * Refusals of customer-service messages and broadcasts, explained. The server's message is
 * WeChat's own errmsg (English, e.g. "response out of time limit …"): the console keeps it as the
 * reason and puts the operator's-language explanation of the rule in front of it.
 */
const EXPLANATIONS: Readonly<Record<string, MessageKey>> = {
  'kf.out_of_window': 'outbound.error.outOfWindow',
  'kf.response_count_limit': 'outbound.error.responseCountLimit',
  'broadcast.no_quota': 'outbound.error.noQuota',
  'broadcast.client_msg_id_exists': 'outbound.error.clientMsgIdExists',
  'broadcast.client_msg_id_too_fast': 'outbound.error.clientMsgIdTooFast',
  'broadcast.list_too_short': 'outbound.error.listSize',
  'broadcast.list_too_long': 'outbound.error.listSize',
  'account.api_unauthorized': 'outbound.error.unverified',
  'message.invalid_media_id': 'outbound.error.invalidMediaId',
  'message.invalid_type': 'outbound.error.invalidType',
  'message.bad_payload': 'outbound.error.badPayload',
  'message.content_too_long': 'outbound.error.contentTooLong',
  'message.too_many_articles': 'outbound.error.badPayload',
  'follower.invalid_openid': 'outbound.error.invalidOpenid',
  'follower.not_of_account': 'outbound.error.invalidOpenid',
  'follower.not_following': 'outbound.error.notFollowing',
  'tag.invalid_id': 'outbound.error.invalidTag',
};

export interface OutboundErrorExplanation {
  /** The explanation in the console's language; null for refusals without one (then `reason` says it all). */
  key: MessageKey | null;
  /** What the server said, verbatim. */
  reason: string;
  code: string | null;
}

export function explainOutboundError(error: unknown): OutboundErrorExplanation {
  const code = error instanceof ApiRequestError ? error.code : null;
  return { key: (code && EXPLANATIONS[code]) || null, reason: errorMessage(error), code };
}
