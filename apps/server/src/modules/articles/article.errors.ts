import { AppError } from '../../shared/errors';

/**
 * Errors of drafts, publishing and article pages (spec/api-catalog.md §5.3–5.4). The open API
 * maps each to a WeChat errcode in `errcodes.ts`; where WeChat documents none, the choice is
 * explained there and in `docs/errors.md`.
 */
export const ArticleErrors = {
  /** `articles` missing or empty (WeChat's 44003 "empty news data"). */
  emptyArticles: () => new AppError('article.empty', 'empty news data'),
  /** More than {@link MAX_ARTICLES} articles in one draft. */
  tooManyArticles: (max: number) => new AppError('article.too_many', `a draft holds at most ${max} articles`, { max }),
  /** A field has the wrong JSON type or a required field is missing. */
  invalidField: (field: string, message: string) => new AppError('article.invalid_field', `${field}: ${message}`, { field }),
  titleTooLong: (max: number) => new AppError('article.title_too_long', `title exceeds ${max} characters`),
  authorTooLong: (max: number) => new AppError('article.author_too_long', `author exceeds ${max} characters`),
  digestTooLong: (max: number) => new AppError('article.digest_too_long', `digest exceeds ${max} characters`),
  contentTooLong: (message: string) => new AppError('article.content_too_long', message),
  /** The content has nothing left to show once scripts and the like are removed. */
  invalidContent: () => new AppError('article.invalid_content', 'content is empty once sanitised'),
  /** `content_source_url` too long or not an http(s) address. */
  invalidSourceUrl: (message: string) => new AppError('article.invalid_source_url', message),
  /** `pic_crop_235_1` / `pic_crop_1_1` not four normalised coordinates `X1_Y1_X2_Y2`. */
  invalidCrop: (field: string) => new AppError('article.invalid_crop', `${field} must be X1_Y1_X2_Y2 with 0 <= X1 < X2 <= 1`),
  /** A thumb or image media_id that is not a permanent image material of this account. */
  invalidMediaId: (field: string) => new AppError('article.invalid_media_id', `invalid media_id (${field})`, { field }),
  /** A draft media_id that is unknown, of another account, or already published. */
  draftNotFound: () => new AppError('article.draft_not_found', 'invalid media_id'),
  /** `index` of draft/update or freepublish/delete out of range. */
  invalidIndex: () => new AppError('article.invalid_index', 'invalid index'),
  /** `offset` / `count` of a batchget out of range. */
  invalidPaging: (message: string) => new AppError('article.invalid_paging', message),
  /** The draft refers to materials that have been deleted since it was saved. */
  draftCheckFailed: (message: string) => new AppError('article.draft_check_failed', message),
  publishNotFound: () => new AppError('article.publish_not_found', 'invalid publish_id'),
  articleNotFound: () => new AppError('article.article_not_found', 'invalid article_id'),
  /** Article page event of an unknown kind (article pages' beacon). */
  invalidEvent: () => new AppError('article.invalid_event', 'kind must be read, read_through or share'),
};
