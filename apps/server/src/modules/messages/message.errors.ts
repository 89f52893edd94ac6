import { AppError } from '../../shared/errors';

/** Errors of the messages module. */
export const MessageErrors = {
  invalid: (message: string) => new AppError('message.invalid', message),
  /** A payload of the wrong shape (missing or mistyped fields): WeChat's 47001. */
  badPayload: (message: string) => new AppError('message.bad_payload', message),
  invalidType: (msgtype: unknown) =>
    new AppError('message.invalid_type', `invalid message type ${typeof msgtype === 'string' ? msgtype : ''}`.trim()),
  invalidMediaId: (mediaId: unknown) =>
    new AppError('message.invalid_media_id', 'invalid media_id', { mediaId: typeof mediaId === 'string' ? mediaId : undefined }),
  tooManyArticles: (max: number) => new AppError('message.too_many_articles', `at most ${max} article(s)`),
  contentTooLong: (max: number) => new AppError('message.content_too_long', `content is limited to ${max} characters`),
};
