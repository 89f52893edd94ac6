/**
 * Documented daily call quotas of an ordinary account (spec/api-catalog.md §11), keyed by the
 * canonical path without host. Endpoints not listed get {@link DEFAULT_DAILY_LIMIT}, a gzh policy:
 * WeChat does not document them individually.
 */
export const DAILY_LIMITS: Readonly<Record<string, number>> = {
  '/cgi-bin/token': 2_000,
  '/cgi-bin/stable_token': 500_000,
  '/cgi-bin/stable_token#force_refresh': 20,
  '/cgi-bin/menu/create': 1_000,
  '/cgi-bin/menu/get': 10_000,
  '/cgi-bin/menu/delete': 1_000,
  '/cgi-bin/menu/addconditional': 2_000,
  '/cgi-bin/menu/delconditional': 2_000,
  '/cgi-bin/menu/trymatch': 20_000,
  '/cgi-bin/media/upload': 100_000,
  '/cgi-bin/media/get': 200_000,
  '/cgi-bin/message/custom/send': 500_000,
  '/cgi-bin/message/mass/sendall': 100,
  '/cgi-bin/message/mass/send': 100,
  '/cgi-bin/media/uploadnews': 10,
  '/cgi-bin/message/mass/delete': 10,
  '/cgi-bin/message/mass/preview': 100,
  '/cgi-bin/message/template/send': 100_000,
  '/cgi-bin/qrcode/create': 100_000,
  '/cgi-bin/user/get': 500,
  '/cgi-bin/user/info': 5_000_000,
  '/cgi-bin/user/info/updateremark': 10_000,
  '/cgi-bin/draft/add': 1_000,
  '/cgi-bin/draft/get': 500,
  '/cgi-bin/draft/delete': 1_000,
  '/cgi-bin/draft/update': 1_000,
  '/cgi-bin/draft/count': 1_000,
  '/cgi-bin/draft/batchget': 1_000,
  '/cgi-bin/freepublish/submit': 100,
  '/cgi-bin/freepublish/get': 100,
  '/cgi-bin/freepublish/delete': 10,
  '/cgi-bin/freepublish/getarticle': 100,
  '/cgi-bin/freepublish/batchget': 100,
};

/** Daily limit of endpoints WeChat does not document individually (gzh policy). */
export const DEFAULT_DAILY_LIMIT = 1_000_000;

/** `clear_quota` resets allowed per account per calendar month. */
export const CLEAR_QUOTA_MONTHLY_LIMIT = 10;

/**
 * Endpoints that share one daily counter (spec §11): `mass/sendall` and `mass/send` together may be
 * called 100 times a day. The value is the counter they are booked on.
 */
export const SHARED_QUOTAS: Readonly<Record<string, string>> = {
  '/cgi-bin/message/mass/send': '/cgi-bin/message/mass/sendall',
};

/** The counter an API's calls are booked on (itself, unless it shares one). */
export function quotaKeyOf(api: string): string {
  return SHARED_QUOTAS[api] ?? api;
}

/** Daily limit of an API key (a canonical path, or a path with a `#qualifier`). */
export function dailyLimitOf(api: string): number {
  return DAILY_LIMITS[quotaKeyOf(api)] ?? DEFAULT_DAILY_LIMIT;
}
