import { AppError } from '../../shared/errors';

/**
 * Errors of the QR-code and short-link module. The open API maps the creation errors to WeChat
 * errcodes (`errcodes.ts`); `invalid_ticket` and `expired` are met by the follower API when a
 * person scans, and by the public image and landing pages, which answer them with a plain 404.
 */
export const QrcodeErrors = {
  /** `action_name` is not one of the four QR actions (WeChat's 40052). */
  invalidActionName: (name: unknown) =>
    new AppError('qrcode.invalid_action_name', 'invalid action name', {
      actionName: typeof name === 'string' ? name : undefined,
    }),
  /** The scene does not fit the action: missing, wrong type or out of range (WeChat's 40053). */
  invalidActionInfo: (message: string) => new AppError('qrcode.invalid_action_info', message),
  /** `expire_seconds` is present but not a positive integer (47001, as other shape errors). */
  invalidExpireSeconds: () => new AppError('qrcode.invalid_expire_seconds', 'expire_seconds must be a positive integer'),
  /** The account already has the maximum number of permanent codes. */
  permanentLimit: (limit: number) =>
    new AppError('qrcode.permanent_limit', `permanent qrcode limit (${limit}) reached`, { limit }),
  /** No code has this ticket (or URL code). */
  invalidTicket: () => new AppError('qrcode.invalid_ticket', 'invalid qrcode ticket'),
  /** The temporary code's lifetime is over. */
  expired: () => new AppError('qrcode.expired', 'the qrcode has expired'),
};

/** Errors of short links (`shorturl`) and short keys (`shorten/gen`, `shorten/fetch`). */
export const ShortLinkErrors = {
  /** `shorturl` with an action other than `long2short` (WeChat's 40052). */
  invalidAction: () => new AppError('shortlink.invalid_action', 'invalid action name'),
  /** `long_url` missing, not a string, or not an http(s) URL. */
  invalidLongUrl: () => new AppError('shortlink.invalid_long_url', 'long_url must be an http or https URL'),
  /** `long_url` longer than gzh stores. */
  longUrlTooLong: (limit: number) => new AppError('shortlink.long_url_too_long', `long_url exceeds ${limit} characters`),
  /** `long_data` missing, empty or not a string; `expire_seconds` not a positive integer. */
  invalidArgument: (message: string) => new AppError('shorten.invalid_argument', message),
  longDataTooLong: (limitBytes: number) => new AppError('shorten.long_data_too_long', `long_data exceeds ${limitBytes} bytes`),
  expireTooLarge: (limit: number) => new AppError('shorten.expire_too_large', `expire_seconds exceeds ${limit}`),
  /** Unknown key, a key of another account, or an expired one: WeChat does not tell them apart. */
  keyNotFound: () => new AppError('shorten.key_not_found', 'short_key not exist or expired'),
};
