import {
  draftInputSchema,
  draftPageSchema,
  draftViewSchema,
  publicationViewSchema,
  PUBLISH_STATUS,
  type ArticleInput,
  type DraftView,
  type PublicationView,
} from '@gzh/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type {
  DraftView as DraftRecordView,
  PublicationView as PublicationRecordView,
} from '../../../modules/articles/article.service';
import type { ArticleStats } from '../../../modules/articles/article.types';
import type { Services } from '../../../services';
import { multipartParser, OVERSIZED_BODY, type ParsedForm } from '../../multipart';
import { UPLOAD_BODY_LIMIT, UPLOAD_DRAIN_LIMIT } from '../open-api/open-api.plugin';
import { accountOf, requirePermission } from './console-auth';

const appidParams = z.object({ appid: z.string().max(32) });
const draftParams = appidParams.extend({ mediaId: z.string().max(128) });

/** The editor's camelCase article as the articles module reads it (WeChat's field names). */
function toWire(a: ArticleInput): Record<string, unknown> {
  return {
    title: a.title,
    author: a.author ?? '',
    digest: a.digest ?? '',
    content: a.content,
    content_source_url: a.contentSourceUrl ?? '',
    thumb_media_id: a.thumbMediaId,
    need_open_comment: a.needOpenComment ? 1 : 0,
    only_fans_can_comment: a.onlyFansCanComment ? 1 : 0,
  };
}

function presentDraft(draft: DraftRecordView): DraftView {
  return {
    mediaId: draft.mediaId,
    articles: draft.articles.map(({ article: a, url, thumbUrl }) => ({
      articleType: a.articleType,
      title: a.title,
      author: a.author,
      digest: a.digestAuto ? '' : a.digest,
      autoDigest: a.digestAuto ? a.digest : '',
      content: a.content,
      contentSourceUrl: a.contentSourceUrl,
      thumbMediaId: a.thumbMediaId,
      thumbUrl,
      needOpenComment: a.needOpenComment === 1,
      onlyFansCanComment: a.onlyFansCanComment === 1,
      url,
    })),
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  };
}

function presentPublication(view: PublicationRecordView, stats: ArticleStats[]): PublicationView {
  const p = view.publication;
  const byIdx = new Map(stats.map((s) => [s.idx, s]));
  return {
    publishId: p.publishId,
    status: p.status,
    articleId: p.articleId,
    failIdx: p.failIdx,
    createdAt: p.createdAt,
    publishedAt: p.publishedAt,
    articles: view.articles.map((a, i) => {
      const s = byIdx.get(i + 1);
      return {
        idx: i + 1,
        title: a.article.title,
        author: a.article.author,
        thumbUrl: a.thumbUrl,
        url: a.url,
        deleted: a.deleted ?? false,
        reads: s?.reads ?? 0,
        readers: s?.readers ?? 0,
        readThroughs: s?.readThroughs ?? 0,
        shares: s?.shares ?? 0,
      };
    }),
  };
}

function formOf(request: FastifyRequest): ParsedForm {
  const body = request.body as ParsedForm | undefined;
  return body && Array.isArray(body.files) ? body : { files: [], fields: {} };
}

/**
 * Drafts and publications for operators (the console's Articles pages): the draft box with a
 * multi-article editor, publishing through the same job as `freepublish/submit` (same
 * PUBLISHJOBFINISH push), publications with their pages and read/share counts, and the upload of
 * images used inside article content (`media/uploadimg`). None of it uses the open API's quota.
 */
export async function articleRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(services, 'articles.read');
  const write = requirePermission(services, 'articles.write');

  r.get(
    '/accounts/:appid/drafts',
    {
      preHandler: read,
      schema: {
        tags: ['articles'],
        params: appidParams,
        querystring: z.object({
          offset: z.coerce.number().int().min(0).default(0),
          count: z.coerce.number().int().min(1).max(20).default(20),
        }),
        response: { 200: draftPageSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const page = await services.articles.listDrafts(account.id, request.query.offset, request.query.count);
      return {
        total: page.total,
        items: page.items.map((d) => ({
          mediaId: d.mediaId,
          articles: d.articles.map((a) => ({
            title: a.article.title,
            author: a.article.author,
            digest: a.article.digest,
            thumbUrl: a.thumbUrl,
            url: a.url,
          })),
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
        })),
      };
    },
  );

  r.get(
    '/accounts/:appid/drafts/:mediaId',
    {
      preHandler: read,
      schema: { tags: ['articles'], params: draftParams, response: { 200: z.object({ draft: draftViewSchema }) } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { draft: presentDraft(await services.articles.getDraft(account.id, request.params.mediaId)) };
    },
  );

  r.post(
    '/accounts/:appid/drafts',
    {
      preHandler: write,
      schema: {
        tags: ['articles'],
        params: appidParams,
        body: draftInputSchema,
        response: { 200: z.object({ draft: draftViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const mediaId = await services.articles.addDraft(account.id, request.body.articles.map(toWire));
      return { draft: presentDraft(await services.articles.getDraft(account.id, mediaId)) };
    },
  );

  r.put(
    '/accounts/:appid/drafts/:mediaId',
    {
      preHandler: write,
      schema: {
        tags: ['articles'],
        params: draftParams,
        body: draftInputSchema,
        response: { 200: z.object({ draft: draftViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.articles.replaceDraft(account.id, request.params.mediaId, request.body.articles.map(toWire));
      return { draft: presentDraft(await services.articles.getDraft(account.id, request.params.mediaId)) };
    },
  );

  r.delete(
    '/accounts/:appid/drafts/:mediaId',
    { preHandler: write, schema: { tags: ['articles'], params: draftParams, response: { 200: z.object({ ok: z.boolean() }) } } },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.articles.deleteDraft(account.id, request.params.mediaId);
      return { ok: true };
    },
  );

  r.post(
    '/accounts/:appid/drafts/:mediaId/publish',
    {
      preHandler: write,
      schema: { tags: ['articles'], params: draftParams, response: { 200: z.object({ publishId: z.string() }) } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { publishId } = await services.articles.submit(account.id, request.params.mediaId);
      return { publishId };
    },
  );

  r.get(
    '/accounts/:appid/publications',
    {
      preHandler: read,
      schema: {
        tags: ['articles'],
        params: appidParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(publicationViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const views = await services.articles.listPublications(account.id, request.query.limit);
      const items = await Promise.all(
        views.map(async (view) => {
          const { articleId, status } = view.publication;
          const counted =
            articleId && status !== PUBLISH_STATUS.publishing ? await services.articlePages.stats(account.id, articleId) : [];
          return presentPublication(view, counted);
        }),
      );
      return { items };
    },
  );

  r.delete(
    '/accounts/:appid/publications/:articleId',
    {
      preHandler: write,
      schema: {
        tags: ['articles'],
        params: appidParams.extend({ articleId: z.string().max(128) }),
        // 1-based article; 0 or absent deletes every article (freepublish/delete's rule).
        querystring: z.object({ index: z.coerce.number().int().min(0).max(8).default(0) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.articles.deletePublished(account.id, request.params.articleId, request.query.index);
      return { ok: true };
    },
  );

  // Images inside article content (`media/uploadimg`): their own scope reads multipart bodies.
  await app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', multipartParser({ drainLimit: UPLOAD_DRAIN_LIMIT }));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/accounts/:appid/article-images',
      {
        preHandler: write,
        bodyLimit: UPLOAD_BODY_LIMIT,
        config: { upload: true },
        schema: {
          tags: ['articles'],
          description: 'multipart/form-data with the image (jpg/png, up to 1 MB) in part `media` (or `file`).',
          params: appidParams,
          response: { 200: z.object({ url: z.string() }) },
        },
      },
      async (request) => {
        const account = await accountOf(services, request, request.params.appid);
        const form = formOf(request);
        const part = form.files.find((f) => f.field === 'media') ?? form.files.find((f) => f.field === 'file');
        const url = await services.media.uploadContentImage(account.id, {
          file: part && { filename: part.filename, bytes: part.bytes },
          tooLarge: request.body === OVERSIZED_BODY,
        });
        return { url };
      },
    );
  });
}
