/** Kinds of file media (spec/api-catalog.md §5.1–5.2): what `type=` names on uploads. */
export const MEDIA_TYPES = ['image', 'voice', 'video', 'thumb'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Everything the `media` table holds: files plus news (图文) made of articles. */
export type StoredMediaType = MediaType | 'news';

/** Lifetime of temporary media (3 days, spec §5.1); read against the injected clock. */
export const TEMPORARY_MEDIA_TTL_MS = 3 * 86_400_000;

/**
 * A usable media file of an account, as other modules (customer-service messages, broadcasts,
 * drafts) see it. `url` is absolute and reachable by a browser without credentials, so the
 * follower client and article pages can show or play it.
 */
export interface MediaRef {
  mediaId: string;
  type: MediaType;
  permanent: boolean;
  url: string;
  filename: string;
  contentType: string;
  size: number;
  /** Video title (video materials and `media/uploadvideo`), otherwise empty. */
  title: string;
  /** Video introduction, otherwise empty. */
  description: string;
  createdAt: number;
}

/** One article of a news material (`material/add_news`, legacy `media/uploadnews`). */
export interface NewsMaterialArticle {
  title: string;
  thumbMediaId: string;
  /** Public URL of the cover (`thumb_media_id`); empty when that media is gone. */
  thumbUrl: string;
  author: string;
  digest: string;
  /** HTML body. */
  content: string;
  /** "Read original" link; empty when none. */
  contentSourceUrl: string;
  showCoverPic: boolean;
  needOpenComment: boolean;
  onlyFansCanComment: boolean;
}

/** An article as stored: the cover is kept by media id only, its URL is derived when read. */
export type StoredNewsArticle = Omit<NewsMaterialArticle, 'thumbUrl'>;

/** The endpoint family a row came from; decides expiry, listing and which reads may see it. */
export interface MediaRecord {
  mediaId: string;
  accountId: string;
  type: StoredMediaType;
  /** Never expires (materials, `uploadimg` images); temporary media expire after 3 days. */
  permanent: boolean;
  /** Listed in the material library (batchget, counts, capacity, del_material). */
  material: boolean;
  /** File name as uploaded (base name only); empty for news. */
  filename: string;
  contentType: string;
  size: number;
  /** Key in the blob store; `null` for news, which has no file. */
  blobKey: string | null;
  /** Last path segment of the public URL (`/mmbiz/<key>`); `null` for news. */
  publicKey: string | null;
  title: string;
  description: string;
  /** Articles of news; `null` for files. */
  articles: StoredNewsArticle[] | null;
  createdAt: number;
  updatedAt: number;
  /** When a temporary media stops being usable; `null` for permanent ones. */
  expiresAt: number | null;
  /** When a material was deleted (`del_material`); deleted rows are never usable. */
  deletedAt: number | null;
}

/** A file part of an upload, as the transport received it. */
export interface UploadFile {
  /** File name from the multipart part (`filename=`); its extension decides the format. */
  filename: string;
  bytes: Buffer;
}

/**
 * An upload as received: the `type` parameter unchecked, the file part if there was one, and
 * `tooLarge` when the request body exceeded what the server accepts at all (its content was
 * discarded, so the file is certainly too large).
 */
export interface UploadInput {
  type: unknown;
  file: UploadFile | undefined;
  tooLarge?: boolean;
}

/** The material library's count per kind (`get_materialcount`); thumbs count as images. */
export interface MaterialCounts {
  image: number;
  voice: number;
  video: number;
  news: number;
}

/** Kinds `batchget_material` lists: thumbs are listed with images. */
export const MATERIAL_LIST_TYPES = ['image', 'voice', 'video', 'news'] as const;
export type MaterialListType = (typeof MATERIAL_LIST_TYPES)[number];

/** One page of the material library, newest first. */
export interface MaterialPage {
  totalCount: number;
  items: MaterialItem[];
}

/** A material in a listing; `articles` (with cover URLs) for news, `url` for files. */
export interface MaterialItem {
  mediaId: string;
  type: StoredMediaType;
  name: string;
  url: string;
  contentType: string;
  size: number;
  title: string;
  description: string;
  articles: NewsMaterialArticle[] | null;
  createdAt: number;
  updatedAt: number;
}

/** What `get_material` answers, by kind. */
export type MaterialContent =
  | { kind: 'news'; articles: NewsMaterialArticle[]; createdAt: number; updatedAt: number }
  | { kind: 'video'; title: string; description: string; downUrl: string }
  | { kind: 'file'; ref: MediaRef; bytes: Buffer };

/** What `media/get` answers: the bytes of a file, or the URL of a video. */
export type MediaContent = { kind: 'video'; ref: MediaRef } | { kind: 'file'; ref: MediaRef; bytes: Buffer };
