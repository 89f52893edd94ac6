import type { Clock } from '../../shared/clock';
import { randomToken } from '../../shared/ids';
import type { BlobStore } from './blob-store';
import type { MaterialUsage } from './material-usage';
import { MediaErrors } from './media.errors';
import {
  CONTENT_IMAGE_RULE,
  MATERIAL_RULES,
  MAX_UPLOAD_BYTES,
  TEMPORARY_RULES,
  checkUpload,
  type CheckedFile,
} from './media.formats';
import type { MediaStore } from './media.repo';
import {
  MATERIAL_LIST_TYPES,
  TEMPORARY_MEDIA_TTL_MS,
  type MaterialContent,
  type MaterialCounts,
  type MaterialItem,
  type MaterialListType,
  type MaterialPage,
  type MediaContent,
  type MediaRecord,
  type MediaRef,
  type MediaType,
  type NewsMaterialArticle,
  type StoredMediaType,
  type StoredNewsArticle,
  type UploadFile,
  type UploadInput,
} from './media.types';
import { nonNegativeInt, mediaTypeOf, videoDescription, videoText } from './media.input';
import { validateArticle, validateArticles } from './news.validation';

/**
 * How many materials of a kind the library holds (spec §5.2): news and images share 100,000;
 * voice, video and thumbs have 1,000 each. `counts` are the stored types counted against it.
 */
export interface CapacityRule {
  limit: number;
  counts: readonly StoredMediaType[];
}

export const DEFAULT_CAPACITY: Readonly<Record<StoredMediaType, CapacityRule>> = {
  image: { limit: 100_000, counts: ['image', 'news'] },
  news: { limit: 100_000, counts: ['image', 'news'] },
  voice: { limit: 1_000, counts: ['voice'] },
  video: { limit: 1_000, counts: ['video'] },
  thumb: { limit: 1_000, counts: ['thumb'] },
};

/** Largest page of `batchget_material`. */
export const MAX_PAGE_SIZE = 20;

export interface MediaServiceOptions {
  /** Overrides of {@link DEFAULT_CAPACITY} (tests use small ones). */
  capacity?: Partial<Record<StoredMediaType, CapacityRule>>;
}

/**
 * Temporary media, permanent materials, content images and news (spec/api-catalog.md §5.1,
 * §5.2, §4.4), over a row store and a blob store.
 *
 * Rules that hold everywhere:
 * - A media id is usable only by its own account; unknown, foreign, expired and deleted ids are
 *   indistinguishable to callers (40007), as on WeChat.
 * - Temporary media expire 3 days after upload by the injected clock; permanent ones live until
 *   `del_material`. Files stay reachable at their public URL (`<publicUrl>/mmbiz/<key>`) until
 *   deleted, so messages that showed an image keep showing it after the media id expired.
 * - Bytes are written to the blob store before the row, so a row never points at a missing blob;
 *   a crash in between leaves at worst an orphan blob.
 */
export class MediaService {
  private readonly baseUrl: string;
  private readonly capacity: Record<StoredMediaType, CapacityRule>;

  constructor(
    private readonly repo: MediaStore,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    publicUrl: string,
    private readonly usage: MaterialUsage,
    options: MediaServiceOptions = {},
  ) {
    this.baseUrl = publicUrl.replace(/\/+$/, '');
    this.capacity = { ...DEFAULT_CAPACITY, ...options.capacity };
  }

  // ---- temporary media (§5.1) -------------------------------------------------------------

  /** `media/upload`: stores a temporary file. Throws 40004/41005/44001/40005/40009–40012/45001. */
  async upload(accountId: string, input: UploadInput): Promise<MediaRecord> {
    const type = mediaTypeOf(input.type);
    const file = checkUpload(TEMPORARY_RULES[type], type, this.sized(input));
    return this.storeFile(accountId, { type, file, permanent: false, material: false });
  }

  /**
   * `media/get`: the bytes of a temporary file, or for video the URL to fetch it from (WeChat
   * answers `{"video_url"}` there). Permanent materials are read with `get_material` (40007 here).
   */
  async get(accountId: string, mediaId: unknown): Promise<MediaContent> {
    const record = await this.usable(accountId, mediaId);
    if (!record || record.permanent || record.type === 'news') throw MediaErrors.invalidMediaId();
    const ref = this.refOf(record);
    if (ref.type === 'video') return { kind: 'video', ref };
    return { kind: 'file', ref, bytes: await this.bytesOf(record) };
  }

  /**
   * `media/uploadimg`: an image for article content (jpg/png ≤ 1 MB). Returns its public URL;
   * the image is permanent but not a material (not listed, counted or deletable).
   */
  async uploadContentImage(accountId: string, input: Omit<UploadInput, 'type'>): Promise<string> {
    const file = checkUpload(CONTENT_IMAGE_RULE, 'image', this.sized(input));
    const record = await this.storeFile(accountId, { type: 'image', file, permanent: true, material: false });
    return this.urlOf(record.publicKey!);
  }

  /**
   * `media/uploadvideo`: turns an uploaded video (temporary or a material) into a temporary video
   * with a title and description for broadcasts (`mpvideo`). The bytes are copied, so deleting
   * the source material later does not break the broadcast video.
   */
  async uploadMassVideo(
    accountId: string,
    input: { mediaId: unknown; title: unknown; description: unknown },
  ): Promise<MediaRecord> {
    const source = await this.usable(accountId, input.mediaId);
    if (!source || source.type !== 'video') throw MediaErrors.invalidMediaId();
    const { title, description } = videoText(input.title, input.description);
    const bytes = await this.bytesOf(source);
    const file: CheckedFile = {
      format: 'mp4',
      contentType: source.contentType,
      extension: 'mp4',
      filename: source.filename,
      bytes,
    };
    return this.storeFile(accountId, { type: 'video', file, permanent: false, material: false, title, description });
  }

  /** Legacy `media/uploadnews`: temporary news for broadcasts; covers may be any usable image. */
  async uploadNews(accountId: string, articles: unknown): Promise<MediaRecord> {
    const checked = validateArticles(articles);
    for (const article of checked) await this.requireCover(accountId, article.thumbMediaId, false);
    return this.storeNews(accountId, checked, false);
  }

  // ---- permanent materials (§5.2) ---------------------------------------------------------

  /**
   * `material/add_material`: a file material. Video needs `description` (the JSON
   * `{"title","introduction"}`, as a string or an object); other types ignore it.
   */
  async addMaterial(accountId: string, input: UploadInput & { description?: unknown }): Promise<MediaRecord> {
    const type = mediaTypeOf(input.type);
    const file = checkUpload(MATERIAL_RULES[type], type, this.sized(input));
    const video = type === 'video' ? videoDescription(input.description) : { title: '', description: '' };
    await this.ensureRoom(accountId, type);
    return this.storeFile(accountId, { type, file, permanent: true, material: true, ...video });
  }

  /** `material/add_news`: a news material; covers must be image or thumb materials. */
  async addNews(accountId: string, articles: unknown): Promise<MediaRecord> {
    const checked = validateArticles(articles);
    for (const article of checked) await this.requireCover(accountId, article.thumbMediaId, true);
    await this.ensureRoom(accountId, 'news');
    return this.storeNews(accountId, checked, true);
  }

  /** `material/update_news`: replaces article `index` (0-based) of a news material. */
  async updateNews(accountId: string, input: { mediaId: unknown; index: unknown; article: unknown }): Promise<void> {
    const record = await this.liveMaterial(accountId, input.mediaId);
    if (record.type !== 'news' || !record.articles) throw MediaErrors.invalidMediaId();
    const index = nonNegativeInt(input.index);
    if (index === null || index >= record.articles.length) throw MediaErrors.invalidIndex();
    if (input.article === undefined) throw MediaErrors.emptyNews('articles is required');
    const article = validateArticle(input.article);
    await this.requireCover(accountId, article.thumbMediaId, true);
    const articles = record.articles.map((a, i) => (i === index ? article : a));
    if (!(await this.repo.updateArticles(accountId, record.mediaId, articles, this.clock.nowMs()))) {
      throw MediaErrors.invalidMediaId();
    }
  }

  /** `material/get_material`: news articles, a video's title and URL, or a file's bytes. */
  async getMaterial(accountId: string, mediaId: unknown): Promise<MaterialContent> {
    const record = await this.liveMaterial(accountId, mediaId);
    if (record.type === 'news') {
      return {
        kind: 'news',
        articles: await this.presentArticles(accountId, record.articles ?? []),
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      };
    }
    const ref = this.refOf(record);
    if (ref.type === 'video') return { kind: 'video', title: ref.title, description: ref.description, downUrl: ref.url };
    return { kind: 'file', ref, bytes: await this.bytesOf(record) };
  }

  /**
   * `material/del_material`: deletes a material and its file. Refused with 48005 while a menu
   * button or an auto-reply rule uses it.
   */
  async deleteMaterial(accountId: string, mediaId: unknown): Promise<void> {
    const record = await this.liveMaterial(accountId, mediaId);
    const where = await this.usage.usedBy(accountId, record.mediaId);
    if (where) throw MediaErrors.inUse(where);
    if (!(await this.repo.markDeleted(accountId, record.mediaId, this.clock.nowMs()))) throw MediaErrors.invalidMediaId();
    if (record.blobKey) await this.blobs.delete(record.blobKey);
  }

  /** `material/get_materialcount`; thumbs count as images, as the library shows them. */
  async countMaterials(accountId: string): Promise<MaterialCounts> {
    const n = await this.repo.countMaterials(accountId);
    return { image: (n.image ?? 0) + (n.thumb ?? 0), voice: n.voice ?? 0, video: n.video ?? 0, news: n.news ?? 0 };
  }

  /**
   * `material/batchget_material`: one page of a kind, newest first. `type` must be image, voice,
   * video or news (40004; thumbs are listed with images); `offset` ≥ 0 and `count` 1–20 (40097).
   */
  async listMaterials(accountId: string, query: { type: unknown; offset: unknown; count: unknown }): Promise<MaterialPage> {
    if (typeof query.type !== 'string' || !(MATERIAL_LIST_TYPES as readonly string[]).includes(query.type)) {
      throw MediaErrors.invalidType(query.type);
    }
    const type = query.type as MaterialListType;
    const offset = query.offset === undefined ? 0 : nonNegativeInt(query.offset);
    if (offset === null) throw MediaErrors.invalidPaging('offset must be an integer of 0 or more');
    const count = nonNegativeInt(query.count);
    if (count === null || count < 1 || count > MAX_PAGE_SIZE) {
      throw MediaErrors.invalidPaging(`count must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const types: StoredMediaType[] = type === 'image' ? ['image', 'thumb'] : [type];
    const counts = await this.repo.countMaterials(accountId);
    const totalCount = types.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
    const records = offset >= totalCount ? [] : await this.repo.listMaterials(accountId, types, offset, count);
    const items: MaterialItem[] = [];
    for (const record of records) items.push(await this.itemOf(accountId, record));
    return { totalCount, items };
  }

  /** A live material of the account as listings show it; `undefined` otherwise (console). */
  async material(accountId: string, mediaId: string): Promise<MaterialItem | undefined> {
    const record = await this.usable(accountId, mediaId);
    return record?.material ? this.itemOf(accountId, record) : undefined;
  }

  // ---- for other modules ------------------------------------------------------------------

  /**
   * A usable file media of the account: temporary and unexpired, or permanent and not deleted.
   * `undefined` for news ids and for unknown, foreign, expired or deleted ones. Used by
   * customer-service messages, broadcasts and drafts to check and show media.
   */
  async resolve(accountId: string, mediaId: string): Promise<MediaRef | undefined> {
    const record = await this.usable(accountId, mediaId);
    return record && record.type !== 'news' ? this.refOf(record) : undefined;
  }

  /**
   * The articles of a usable news media (`add_news` material, or unexpired `uploadnews`), with
   * their cover URLs; `undefined` otherwise.
   */
  async newsMaterial(accountId: string, mediaId: string): Promise<NewsMaterialArticle[] | undefined> {
    const record = await this.usable(accountId, mediaId);
    if (!record || record.type !== 'news' || !record.articles) return undefined;
    return this.presentArticles(accountId, record.articles);
  }

  /**
   * The file behind a public URL key, for browsers: any account's, no credentials, as long as
   * the file is not deleted. `undefined` for unknown keys.
   */
  async publicFile(key: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) return undefined;
    const file = await this.repo.findByPublicKey(key);
    if (!file || file.deletedAt !== null) return undefined;
    const bytes = await this.blobs.get(file.blobKey);
    return bytes && { contentType: file.contentType, bytes };
  }

  /** The absolute public URL of a file key. */
  urlOf(publicKey: string): string {
    return `${this.baseUrl}/mmbiz/${publicKey}`;
  }

  // ---- internals --------------------------------------------------------------------------

  /** The file of an upload, or a size error when the transport had to discard the body. */
  private sized(input: { file: UploadFile | undefined; tooLarge?: boolean }): UploadFile | undefined {
    if (input.tooLarge) throw MediaErrors.bodyTooLarge(MAX_UPLOAD_BYTES);
    return input.file;
  }

  private async storeFile(
    accountId: string,
    spec: { type: MediaType; file: CheckedFile; permanent: boolean; material: boolean; title?: string; description?: string },
  ): Promise<MediaRecord> {
    const now = this.clock.nowMs();
    const mediaId = randomToken(spec.permanent ? 43 : 64);
    const blobKey = `${accountId}/${mediaId}`;
    const record: MediaRecord = {
      mediaId,
      accountId,
      type: spec.type,
      permanent: spec.permanent,
      material: spec.material,
      filename: spec.file.filename,
      contentType: spec.file.contentType,
      size: spec.file.bytes.length,
      blobKey,
      publicKey: randomToken(32),
      title: spec.title ?? '',
      description: spec.description ?? '',
      articles: null,
      createdAt: now,
      updatedAt: now,
      expiresAt: spec.permanent ? null : now + TEMPORARY_MEDIA_TTL_MS,
      deletedAt: null,
    };
    await this.blobs.put(blobKey, spec.file.bytes);
    try {
      await this.repo.insert(accountId, record);
    } catch (error) {
      await this.blobs.delete(blobKey).catch(() => undefined);
      throw error;
    }
    return record;
  }

  private async storeNews(accountId: string, articles: StoredNewsArticle[], material: boolean): Promise<MediaRecord> {
    const now = this.clock.nowMs();
    const record: MediaRecord = {
      mediaId: randomToken(material ? 43 : 64),
      accountId,
      type: 'news',
      permanent: material,
      material,
      filename: '',
      contentType: '',
      size: 0,
      blobKey: null,
      publicKey: null,
      title: articles[0]?.title ?? '',
      description: '',
      articles,
      createdAt: now,
      updatedAt: now,
      expiresAt: material ? null : now + TEMPORARY_MEDIA_TTL_MS,
      deletedAt: null,
    };
    await this.repo.insert(accountId, record);
    return record;
  }

  /** A row the caller may use now, or `undefined`; malformed ids are simply unknown. */
  private async usable(accountId: string, mediaId: unknown): Promise<MediaRecord | undefined> {
    if (typeof mediaId !== 'string' || !mediaId || mediaId.length > 128) return undefined;
    const record = await this.repo.find(accountId, mediaId.trim());
    if (!record || record.deletedAt !== null) return undefined;
    if (record.expiresAt !== null && this.clock.nowMs() >= record.expiresAt) return undefined;
    return record;
  }

  /** A live material of the account (40007 otherwise). */
  private async liveMaterial(accountId: string, mediaId: unknown): Promise<MediaRecord> {
    const record = await this.usable(accountId, mediaId);
    if (!record?.material) throw MediaErrors.invalidMediaId();
    return record;
  }

  /** 40007 unless `thumbMediaId` is a usable image or thumb (a material when `material`). */
  private async requireCover(accountId: string, thumbMediaId: string, material: boolean): Promise<void> {
    const cover = await this.usable(accountId, thumbMediaId);
    if (!cover || (cover.type !== 'image' && cover.type !== 'thumb') || (material && !cover.material)) {
      throw MediaErrors.invalidMediaId(
        `invalid media_id, thumb_media_id ${thumbMediaId} is not ${material ? 'an image material' : 'an image'} of this account`,
      );
    }
  }

  private async ensureRoom(accountId: string, type: StoredMediaType): Promise<void> {
    const rule = this.capacity[type];
    const counts = await this.repo.countMaterials(accountId);
    // Two uploads racing past this check may overshoot by one each: a soft cap, never data loss.
    if (rule.counts.reduce((sum, t) => sum + (counts[t] ?? 0), 0) >= rule.limit) {
      throw MediaErrors.libraryFull(rule.counts.join(' and '), rule.limit);
    }
  }

  private async bytesOf(record: MediaRecord): Promise<Buffer> {
    const bytes = record.blobKey ? await this.blobs.get(record.blobKey) : undefined;
    // A row without its blob means the blob storage lost data: a server fault, not bad input.
    if (!bytes) throw new Error(`blob of media ${record.mediaId} is missing`);
    return bytes;
  }

  private refOf(record: MediaRecord): MediaRef {
    return {
      mediaId: record.mediaId,
      type: record.type as MediaType,
      permanent: record.permanent,
      url: record.publicKey ? this.urlOf(record.publicKey) : '',
      filename: record.filename,
      contentType: record.contentType,
      size: record.size,
      title: record.title,
      description: record.description,
      createdAt: record.createdAt,
    };
  }

  private async itemOf(accountId: string, record: MediaRecord): Promise<MaterialItem> {
    return {
      mediaId: record.mediaId,
      type: record.type,
      name: record.type === 'news' ? record.title : record.filename,
      url: record.publicKey ? this.urlOf(record.publicKey) : '',
      contentType: record.contentType,
      size: record.size,
      title: record.title,
      description: record.description,
      articles: record.articles ? await this.presentArticles(accountId, record.articles) : null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  /** Stored articles with the current URL of each cover (empty when the cover is gone). */
  private async presentArticles(accountId: string, articles: StoredNewsArticle[]): Promise<NewsMaterialArticle[]> {
    const urls = new Map<string, string>();
    const out: NewsMaterialArticle[] = [];
    for (const article of articles) {
      let url = urls.get(article.thumbMediaId);
      if (url === undefined) {
        url = (await this.resolve(accountId, article.thumbMediaId))?.url ?? '';
        urls.set(article.thumbMediaId, url);
      }
      out.push({ ...article, thumbUrl: url });
    }
    return out;
  }
}
