import { AppError } from '../../shared/errors';
import { AccountErrors } from '../accounts/account.errors';

/** Errors of broadcasts (spec §4). */
export const BroadcastErrors = {
  noQuota: (why: string) => new AppError('broadcast.no_quota', `has no masssend quota: ${why}`),
  clientMsgIdExists: (msgId: number) =>
    new AppError('broadcast.client_msg_id_exists', 'clientmsgid exist', { wireFields: { msg_id: msgId } }),
  clientMsgIdTooFast: () => new AppError('broadcast.client_msg_id_too_fast', 'same clientmsgid retry too fast'),
  clientMsgIdTooLong: () => new AppError('broadcast.client_msg_id_too_long', 'clientmsgid size out of limit'),
  listTooShort: () => new AppError('broadcast.list_too_short', 'invalid openid list size, at least two openid'),
  listTooLong: () => new AppError('broadcast.list_too_long', 'invalid openid list size, at most 10000 openid'),
  invalidMsgId: () => new AppError('broadcast.invalid_msg_id', 'invalid msg id'),
  notDeletable: () =>
    new AppError('broadcast.not_deletable', 'invalid msg id: only mpnews and mpvideo broadcasts can be deleted'),
  invalidArticleIdx: () => new AppError('broadcast.invalid_article_idx', 'article_idx out of range'),
  speedOutOfRange: () => new AppError('broadcast.speed_out_of_range', 'speed must be 0 to 4'),
  speedMissing: () => new AppError('broadcast.speed_missing', 'speed missing'),
  invalidWxName: () =>
    new AppError('broadcast.invalid_wxname', 'invalid username: gzh followers have no WeChat ID, preview by touser'),
  unverified: () => AccountErrors.unauthorized('api unauthorized: broadcasts need a verified account'),
};
