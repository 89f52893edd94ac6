import { ARTICLE_LIMITS } from '@gzh/contracts';
import { ArticleErrors } from './article.errors';
import type { Article, ArticleType } from './article.types';
import { htmlToText, sanitiseHtml } from './html-sanitiser';

/** Articles in one draft (WeChat's multi-article news holds up to 8). */
export const MAX_ARTICLES = ARTICLE_LIMITS.articles;
/** Field limits of `draft/add` (spec §5.3), counted in characters (code points); shared with the editor. */
export const MAX_TITLE = ARTICLE_LIMITS.title;
export const MAX_AUTHOR = ARTICLE_LIMITS.author;
export const MAX_DIGEST = ARTICLE_LIMITS.digest;
/** Length of the default digest taken from the content's text. */
export const DEFAULT_DIGEST_LENGTH = ARTICLE_LIMITS.defaultDigest;
/** Content must be under 20,000 characters and under 1 MB. */
export const MAX_CONTENT_CHARS = ARTICLE_LIMITS.contentChars;
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** Longest `content_source_url` gzh keeps (WeChat documents none). */
export const MAX_SOURCE_URL = 2048;
/** Images of a newspic post. */
export const MAX_NEWSPIC_IMAGES = 20;

const CROP = /^(\d+(?:\.\d+)?)_(\d+(?:\.\d+)?)_(\d+(?:\.\d+)?)_(\d+(?:\.\d+)?)$/;

/**
 * Validates the `articles` array of `draft/add`: 1 to {@link MAX_ARTICLES} article objects.
 * Media ids are only checked for presence here; the service checks they are materials.
 */
export function parseArticles(value: unknown): Article[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) throw ArticleErrors.emptyArticles();
  if (!Array.isArray(value)) throw ArticleErrors.invalidField('articles', 'must be an array');
  if (value.length > MAX_ARTICLES) throw ArticleErrors.tooManyArticles(MAX_ARTICLES);
  return value.map((item) => parseArticle(item));
}

/** Validates one article object (`draft/add` item, `draft/update`'s `articles`) and sanitises its HTML. */
export function parseArticle(value: unknown): Article {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw ArticleErrors.invalidField('articles', 'must be objects');
  const raw = value as Record<string, unknown>;
  const articleType = parseType(raw.article_type);

  const title = optionalString(raw, 'title');
  if (!title.trim()) throw ArticleErrors.invalidField('title', 'is required');
  if (length(title) > MAX_TITLE) throw ArticleErrors.titleTooLong(MAX_TITLE);
  const author = optionalString(raw, 'author');
  if (length(author) > MAX_AUTHOR) throw ArticleErrors.authorTooLong(MAX_AUTHOR);
  const givenDigest = optionalString(raw, 'digest');
  if (length(givenDigest) > MAX_DIGEST) throw ArticleErrors.digestTooLong(MAX_DIGEST);

  const rawContent = optionalString(raw, 'content');
  if (!rawContent.trim()) throw ArticleErrors.invalidField('content', 'is required');
  if (length(rawContent) >= MAX_CONTENT_CHARS) {
    throw ArticleErrors.contentTooLong(`content must be under ${MAX_CONTENT_CHARS} characters`);
  }
  if (Buffer.byteLength(rawContent, 'utf8') >= MAX_CONTENT_BYTES)
    throw ArticleErrors.contentTooLong('content must be under 1 MB');
  const content = sanitiseHtml(rawContent);
  if (!content.trim()) throw ArticleErrors.invalidContent();

  const thumbMediaId = optionalString(raw, 'thumb_media_id');
  // A news article without a cover is refused like an unknown cover (40007), as WeChat does.
  if (articleType === 'news' && !thumbMediaId) throw ArticleErrors.invalidMediaId('thumb_media_id');

  return {
    articleType,
    title,
    author,
    digest: givenDigest || [...htmlToText(content)].slice(0, DEFAULT_DIGEST_LENGTH).join(''),
    digestAuto: !givenDigest,
    content,
    contentSourceUrl: parseSourceUrl(raw.content_source_url),
    thumbMediaId,
    showCoverPic: parseFlag(raw, 'show_cover_pic'),
    needOpenComment: parseFlag(raw, 'need_open_comment'),
    onlyFansCanComment: parseFlag(raw, 'only_fans_can_comment'),
    picCrop2351: parseCrop(raw, 'pic_crop_235_1'),
    picCrop11: parseCrop(raw, 'pic_crop_1_1'),
    imageMediaIds: articleType === 'newspic' ? parseImageInfo(raw.image_info) : [],
  };
}

/** The media ids an article refers to, with the field each came from (for error messages). */
export function mediaRefsOf(article: Article): { field: string; mediaId: string; kinds: readonly string[] }[] {
  const refs: { field: string; mediaId: string; kinds: readonly string[] }[] = [];
  if (article.thumbMediaId) refs.push({ field: 'thumb_media_id', mediaId: article.thumbMediaId, kinds: ['image', 'thumb'] });
  for (const mediaId of article.imageMediaIds) refs.push({ field: 'image_media_id', mediaId, kinds: ['image'] });
  return refs;
}

/**
 * The link the "阅读原文" button opens, or `null` when the article has none. WeChat accepts
 * addresses without a scheme (`www.example.com/x`); those open as http.
 */
export function sourceLinkOf(article: Article): string | null {
  const url = article.contentSourceUrl;
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? url : `http://${url}`;
}

function parseType(value: unknown): ArticleType {
  if (value === undefined || value === '') return 'news';
  if (value === 'news' || value === 'newspic') return value;
  throw ArticleErrors.invalidField('article_type', 'must be news or newspic');
}

function optionalString(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw ArticleErrors.invalidField(field, 'must be a string');
  return value;
}

/** A 0/1 flag; SDKs send numbers, some strings or booleans. Absent is 0. */
function parseFlag(raw: Record<string, unknown>, field: string): 0 | 1 {
  const value = raw[field];
  if (value === undefined || value === 0 || value === '0' || value === false) return 0;
  if (value === 1 || value === '1' || value === true) return 1;
  throw ArticleErrors.invalidField(field, 'must be 0 or 1');
}

function parseSourceUrl(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw ArticleErrors.invalidField('content_source_url', 'must be a string');
  const url = value.trim();
  if (!url) return '';
  if (url.length > MAX_SOURCE_URL)
    throw ArticleErrors.invalidSourceUrl(`content_source_url exceeds ${MAX_SOURCE_URL} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) throw ArticleErrors.invalidSourceUrl('content_source_url must not contain spaces');
  // A scheme other than http(s) (javascript:, data:, ftp:) is refused; `host:port/...` is not a scheme.
  if (!/^https?:\/\//i.test(url) && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(url)) {
    throw ArticleErrors.invalidSourceUrl('content_source_url must be an http or https address');
  }
  return url;
}

function parseCrop(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (value === undefined || value === '') return '';
  if (typeof value !== 'string') throw ArticleErrors.invalidCrop(field);
  const match = CROP.exec(value.trim());
  if (!match) throw ArticleErrors.invalidCrop(field);
  const [x1, y1, x2, y2] = match.slice(1).map(Number) as [number, number, number, number];
  if (x2 > 1 || y2 > 1 || x1 >= x2 || y1 >= y2) throw ArticleErrors.invalidCrop(field);
  return value.trim();
}

function parseImageInfo(value: unknown): string[] {
  const list =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).image_list : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw ArticleErrors.invalidField('image_info', 'newspic articles need image_info.image_list');
  }
  if (list.length > MAX_NEWSPIC_IMAGES) {
    throw ArticleErrors.invalidField('image_info.image_list', `at most ${MAX_NEWSPIC_IMAGES} images`);
  }
  return list.map((item) => {
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).image_media_id : undefined;
    if (typeof id !== 'string' || !id) throw ArticleErrors.invalidMediaId('image_media_id');
    return id;
  });
}

/** Characters as a reader counts them (code points, so an emoji is one). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Largest `count` of `draft/batchget` and `freepublish/batchget`. */
export const MAX_BATCH = 20;

/** `offset` ≥ 0 (default 0) and `count` 1–20, as both batchget endpoints require (40097 otherwise). */
export function checkPaging(offset: unknown, count: unknown): { offset: number; count: number } {
  const o = offset === undefined ? 0 : integerOf(offset);
  const c = integerOf(count);
  if (o === null || o < 0) throw ArticleErrors.invalidPaging('offset must be an integer >= 0');
  if (c === null || c < 1 || c > MAX_BATCH) throw ArticleErrors.invalidPaging(`count must be an integer from 1 to ${MAX_BATCH}`);
  return { offset: o, count: c };
}

/** An integer given as a JSON number or a string of digits (some SDKs stringify numbers). */
export function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return null;
}
