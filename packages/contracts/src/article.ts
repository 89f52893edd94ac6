import { z } from 'zod';

/**
 * Drafts, publications and article pages in the console API (`/api/console/accounts/:appid/
 * drafts…`, `…/publications…`). The open API keeps WeChat's shapes (`draft/*`, `freepublish/*`);
 * these are gzh's camelCase views. The limits are WeChat's (spec §5.3), shared so the editor can
 * count before the server refuses.
 */
export const ARTICLE_LIMITS = {
  /** Articles in one draft. */
  articles: 8,
  /** Characters (code points). */
  title: 32,
  author: 16,
  digest: 128,
  /** Content must stay under this many characters. */
  contentChars: 20_000,
  /** Default digest: this many characters of the content's text. */
  defaultDigest: 54,
} as const;

/** `publish_status` of a publication (spec §5.4). */
export const PUBLISH_STATUS = {
  success: 0,
  publishing: 1,
  originalityFailed: 2,
  failed: 3,
  rejected: 4,
  deleted: 5,
  banned: 6,
} as const;

/**
 * One article as the editor sends it. Only shapes are checked here; WeChat's rules (lengths,
 * cover material, HTML sanitising) are the server's, which answers them with `article.*` codes.
 */
export const articleInputSchema = z.object({
  title: z.string().max(1000),
  author: z.string().max(1000).default(''),
  digest: z.string().max(1000).default(''),
  content: z.string().max(2_000_000),
  contentSourceUrl: z.string().max(10_000).default(''),
  thumbMediaId: z.string().max(200),
  needOpenComment: z.boolean().default(false),
  onlyFansCanComment: z.boolean().default(false),
});
export type ArticleInput = z.input<typeof articleInputSchema>;

export const draftInputSchema = z.object({ articles: z.array(articleInputSchema).min(1).max(ARTICLE_LIMITS.articles) });
export type DraftInput = z.input<typeof draftInputSchema>;

/** One article of a draft, as the editor loads it. `url` is its preview page. */
export const articleViewSchema = z.object({
  articleType: z.enum(['news', 'newspic']),
  title: z.string(),
  author: z.string(),
  /** Empty when the digest is the default one taken from the content (see `autoDigest`). */
  digest: z.string(),
  /** The digest WeChat shows when none is written: the first 54 characters of the text. */
  autoDigest: z.string(),
  /** Sanitised HTML. */
  content: z.string(),
  contentSourceUrl: z.string(),
  thumbMediaId: z.string(),
  /** Cover URL; empty when the material was deleted. */
  thumbUrl: z.string(),
  needOpenComment: z.boolean(),
  onlyFansCanComment: z.boolean(),
  url: z.string(),
});
export type ArticleView = z.infer<typeof articleViewSchema>;

export const draftViewSchema = z.object({
  mediaId: z.string(),
  articles: z.array(articleViewSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type DraftView = z.infer<typeof draftViewSchema>;

/** A draft in the draft list: its articles without their content. */
export const draftSummarySchema = z.object({
  mediaId: z.string(),
  articles: z.array(
    z.object({ title: z.string(), author: z.string(), digest: z.string(), thumbUrl: z.string(), url: z.string() }),
  ),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;

export const draftPageSchema = z.object({ total: z.number(), items: z.array(draftSummarySchema) });
export type DraftPage = z.infer<typeof draftPageSchema>;

/** One published article with its page and what readers did there. */
export const publishedArticleViewSchema = z.object({
  /** 1-based. */
  idx: z.number(),
  title: z.string(),
  author: z.string(),
  thumbUrl: z.string(),
  url: z.string(),
  deleted: z.boolean(),
  reads: z.number(),
  /** Distinct follower-client persons among the reads. */
  readers: z.number(),
  readThroughs: z.number(),
  shares: z.number(),
});
export type PublishedArticleView = z.infer<typeof publishedArticleViewSchema>;

/** A publish task (`freepublish/submit` or the console's publish button). */
export const publicationViewSchema = z.object({
  publishId: z.string(),
  /** {@link PUBLISH_STATUS}. */
  status: z.number(),
  articleId: z.string().nullable(),
  failIdx: z.array(z.number()),
  createdAt: z.number(),
  publishedAt: z.number().nullable(),
  articles: z.array(publishedArticleViewSchema),
});
export type PublicationView = z.infer<typeof publicationViewSchema>;
