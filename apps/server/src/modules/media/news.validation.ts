import { isHttpUrl } from '../../shared/url';
import { MediaErrors } from './media.errors';
import type { StoredNewsArticle } from './media.types';

/**
 * Pure validation of news articles as `material/add_news`, `material/update_news` and the legacy
 * `media/uploadnews` send them (spec/api-catalog.md §5.2, §4.4). Input is whatever JSON arrived;
 * every wrong shape ends in a WeChat errcode. Whether `thumb_media_id` names a usable image is
 * for the service to check (it needs the store).
 *
 * Limits and errcodes follow draft/add (WeChat documents them for drafts; legacy news gets the
 * same, lenient where the legacy API was): title ≤ 64 characters (45003), author ≤ 64 (45110),
 * digest ≤ 128 (45004), content under 20,000 characters and 1 MB (45002), `content_source_url`
 * an http(s) URL of ≤ 1024 characters (47003), 1–8 articles (44003 / 45008), flags 0/1 (47001).
 */
export const NEWS_LIMITS = {
  articles: 8,
  titleChars: 64,
  authorChars: 64,
  digestChars: 128,
  contentChars: 20_000,
  contentBytes: 1024 * 1024,
  urlChars: 1024,
} as const;

/** Validates the `articles` array of add_news / uploadnews. */
export function validateArticles(value: unknown): StoredNewsArticle[] {
  if (value === undefined) throw MediaErrors.emptyNews('articles is required');
  if (!Array.isArray(value)) throw MediaErrors.invalidData('articles must be an array');
  if (value.length === 0) throw MediaErrors.emptyNews('articles is empty');
  if (value.length > NEWS_LIMITS.articles) throw MediaErrors.tooManyArticles(NEWS_LIMITS.articles);
  return value.map((article, i) => validateArticle(article, `articles[${i}]`));
}

/** Validates one article object; `where` prefixes messages (`articles[2]`). */
export function validateArticle(value: unknown, where = 'articles'): StoredNewsArticle {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw MediaErrors.invalidData(`${where} must be an object`);
  const a = value as Record<string, unknown>;
  const title = text(a.title, `${where}.title`);
  const content = text(a.content, `${where}.content`);
  if (!title.trim()) throw MediaErrors.emptyNews(`${where}.title is empty`);
  if (!content.trim()) throw MediaErrors.emptyNews(`${where}.content is empty`);
  if (chars(title) > NEWS_LIMITS.titleChars) throw MediaErrors.titleTooLong(NEWS_LIMITS.titleChars);
  if (chars(content) >= NEWS_LIMITS.contentChars || Buffer.byteLength(content) >= NEWS_LIMITS.contentBytes) {
    throw MediaErrors.contentTooLong(NEWS_LIMITS.contentChars);
  }
  const author = text(a.author, `${where}.author`);
  if (chars(author) > NEWS_LIMITS.authorChars) throw MediaErrors.authorTooLong(NEWS_LIMITS.authorChars);
  const digest = text(a.digest, `${where}.digest`);
  if (chars(digest) > NEWS_LIMITS.digestChars) throw MediaErrors.descriptionTooLong(NEWS_LIMITS.digestChars);
  const contentSourceUrl = text(a.content_source_url, `${where}.content_source_url`).trim();
  if (contentSourceUrl && !isHttpUrl(contentSourceUrl, NEWS_LIMITS.urlChars)) {
    throw MediaErrors.invalidSourceUrl(
      `${where}.content_source_url must be an http(s) URL of at most ${NEWS_LIMITS.urlChars} characters`,
    );
  }
  const thumbMediaId = text(a.thumb_media_id, `${where}.thumb_media_id`).trim();
  if (!thumbMediaId) throw MediaErrors.invalidMediaId(`invalid media_id, ${where}.thumb_media_id is required`);
  return {
    title,
    thumbMediaId,
    author,
    digest,
    content,
    contentSourceUrl,
    showCoverPic: flag(a.show_cover_pic, `${where}.show_cover_pic`),
    needOpenComment: flag(a.need_open_comment, `${where}.need_open_comment`),
    onlyFansCanComment: flag(a.only_fans_can_comment, `${where}.only_fans_can_comment`),
  };
}

/** A string field; absent is empty, numbers are not strings (47001). */
function text(value: unknown, field: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw MediaErrors.invalidData(`${field} must be a string`);
  return value;
}

/** A 0/1 flag: SDKs send numbers, digit strings or booleans; absent is 0. */
function flag(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (value === 0 || value === 1) return value === 1;
  if (value === '0' || value === '1') return value === '1';
  if (typeof value === 'boolean') return value;
  throw MediaErrors.invalidData(`${field} must be 0 or 1`);
}

/** Length in characters (code points), as WeChat counts. */
function chars(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
