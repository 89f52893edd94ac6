import { AppError } from '../../shared/errors';
import type { MediaType } from './media.types';

/**
 * Errors of media and materials (spec/api-catalog.md §5.1–5.2, §4.4). The open API maps each to
 * WeChat's errcode in `errcodes.ts`; the choices where WeChat documents none are explained in
 * docs/errors.md.
 */
export const MediaErrors = {
  /** `type` is not one the endpoint accepts (40004). */
  invalidType: (type: unknown) =>
    new AppError('media.invalid_type', 'invalid media type', { type: typeof type === 'string' ? type : undefined }),
  /** No `media` file part (41005). */
  missingMedia: () => new AppError('media.missing_media', 'media data missing, the file must be in the form part "media"'),
  /** The file part holds no bytes (44001). */
  emptyFile: () => new AppError('media.empty_file', 'empty media data'),
  /** Extension or content is not a format the type allows (40005). */
  invalidFileType: (message: string) => new AppError('media.invalid_file_type', message),
  /** The file is over its type's size limit: 40009 image, 40010 voice, 40011 video, 40012 thumb. */
  tooLarge: (type: MediaType, limitBytes: number): AppError => TOO_LARGE[type](limitBytes),
  /** The request body was over the largest upload the server accepts at all (45001). */
  bodyTooLarge: (limitBytes: number) =>
    new AppError('media.body_too_large', `upload larger than ${limitBytes} bytes`, { limitBytes }),
  /** The library already holds the maximum of this kind (45001, gzh's choice). */
  libraryFull: (type: string, limit: number) =>
    new AppError('media.library_full', `the material library holds at most ${limit} ${type} materials`, { limit }),
  /** Unknown, foreign, expired, deleted or wrong-kind media id (40007). */
  invalidMediaId: (detail?: string) => new AppError('media.invalid_media_id', detail ?? 'invalid media_id'),
  /** Deleting a material that a menu button or an auto-reply rule uses (48005). */
  inUse: (where: string) =>
    new AppError('media.in_use', `forbid to delete material used by auto-reply or menu (${where})`, { where }),
  /** Malformed JSON shape: missing video description, wrong field types (47001). */
  invalidData: (message: string) => new AppError('media.invalid_data', message),
  /** `batchget_material` offset below 0 or count outside 1–20 (40097, as draft/batchget). */
  invalidPaging: (message: string) => new AppError('media.invalid_paging', message),
  /** News without articles, or an article without title or content (44003). */
  emptyNews: (message = 'empty news data') => new AppError('media.empty_news', message),
  /** More than 8 articles (45008). */
  tooManyArticles: (limit: number) => new AppError('media.too_many_articles', `at most ${limit} articles`, { limit }),
  /** Title over its limit (45003). */
  titleTooLong: (limit: number) => new AppError('media.title_too_long', `title over ${limit} characters`, { limit }),
  /** Author over its limit (45110, as draft/add). */
  authorTooLong: (limit: number) => new AppError('media.author_too_long', `author over ${limit} characters`, { limit }),
  /** Digest or video introduction over its limit (45004). */
  descriptionTooLong: (limit: number) =>
    new AppError('media.description_too_long', `description over ${limit} characters`, { limit }),
  /** Article content over its limit (45002). */
  contentTooLong: (limit: number) => new AppError('media.content_too_long', `content over ${limit} characters`, { limit }),
  /** `content_source_url` not an http(s) URL or over 1024 characters (47003). */
  invalidSourceUrl: (message: string) => new AppError('media.invalid_source_url', message),
  /** `update_news` index outside the material's articles (40114). */
  invalidIndex: () => new AppError('media.invalid_index', 'invalid index'),
};

const TOO_LARGE: Record<MediaType, (limitBytes: number) => AppError> = {
  image: (limit) => new AppError('media.image_too_large', `image larger than ${limit} bytes`, { limitBytes: limit }),
  voice: (limit) => new AppError('media.voice_too_large', `voice larger than ${limit} bytes`, { limitBytes: limit }),
  video: (limit) => new AppError('media.video_too_large', `video larger than ${limit} bytes`, { limitBytes: limit }),
  thumb: (limit) => new AppError('media.thumb_too_large', `thumb larger than ${limit} bytes`, { limitBytes: limit }),
};
