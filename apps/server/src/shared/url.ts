/** Longest URL accepted inside messages and auto-replies. */
export const MAX_URL_LENGTH = 2048;

/**
 * True for an absolute http(s) URL without whitespace (and, when given, at most `maxLength`
 * characters): the one check behind callback URLs, links followers send, and URLs in auto-replies.
 */
export function isHttpUrl(value: unknown, maxLength = Number.POSITIVE_INFINITY): value is string {
  return typeof value === 'string' && value.length <= maxLength && /^https?:\/\/\S+$/i.test(value);
}
