import { z } from 'zod';

/**
 * The material library (素材库) in the console API (`/api/console/accounts/:appid/materials…`).
 * The open API keeps WeChat's own shapes (`material/*`); these are gzh's camelCase views.
 */

/** Kinds of file materials an operator can upload. */
export const MATERIAL_FILE_TYPES = ['image', 'voice', 'video', 'thumb'] as const;
export type MaterialFileType = (typeof MATERIAL_FILE_TYPES)[number];

/** Library tabs: thumbs are listed with images, as WeChat's library shows them. */
export const MATERIAL_TABS = ['image', 'voice', 'video', 'news'] as const;
export type MaterialTab = (typeof MATERIAL_TABS)[number];

const MiB = 1024 * 1024;

/**
 * What `material/add_material` (and the console upload) accepts per kind (spec §5.2): the
 * largest file and the file-name extensions. The server also checks the bytes' signature.
 */
export const MATERIAL_FILE_LIMITS: Readonly<Record<MaterialFileType, { maxBytes: number; extensions: readonly string[] }>> = {
  image: { maxBytes: 10 * MiB, extensions: ['bmp', 'png', 'jpg', 'jpeg', 'gif'] },
  voice: { maxBytes: 2 * MiB, extensions: ['mp3', 'wma', 'wav', 'amr'] },
  video: { maxBytes: 10 * MiB, extensions: ['mp4'] },
  thumb: { maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'] },
};

export const materialArticleViewSchema = z.object({
  title: z.string(),
  thumbMediaId: z.string(),
  /** Public URL of the cover; empty when the cover was deleted. */
  thumbUrl: z.string(),
  author: z.string(),
  digest: z.string(),
  contentSourceUrl: z.string(),
});
export type MaterialArticleView = z.infer<typeof materialArticleViewSchema>;

export const materialViewSchema = z.object({
  mediaId: z.string(),
  type: z.enum(['image', 'voice', 'video', 'thumb', 'news']),
  /** File name as uploaded; the first article's title for news. */
  name: z.string(),
  /** Public URL of the file (empty for news): shows in `<img>`, `<audio>`, `<video>` as is. */
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** Video title and introduction (empty for other kinds). */
  title: z.string(),
  description: z.string(),
  /** Articles of news; null for files. */
  articles: z.array(materialArticleViewSchema).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type MaterialView = z.infer<typeof materialViewSchema>;

export const materialPageSchema = z.object({
  total: z.number(),
  items: z.array(materialViewSchema),
});
export type MaterialPage = z.infer<typeof materialPageSchema>;

export const materialCountsSchema = z.object({
  image: z.number(),
  voice: z.number(),
  video: z.number(),
  news: z.number(),
});
export type MaterialCounts = z.infer<typeof materialCountsSchema>;
