import { extensionOfContentType } from '../../../modules/media/media.formats';
import type { MaterialItem, MediaRecord, MediaRef, NewsMaterialArticle, UploadFile } from '../../../modules/media/media.types';
import { defineOpenRoute, jsonBody, RawReply, type OpenContext, type OpenRoute } from './open-route';

/** The file of an upload: the part named `media`, as every SDK names it (spec conventions). */
function mediaPart(ctx: OpenContext): UploadFile | undefined {
  const part = ctx.files.find((f) => f.field === 'media');
  return part && { filename: part.filename, bytes: part.bytes };
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * A file download as WeChat sends it: the file's own Content-Type (never JSON, which SDKs would
 * try to parse as an error) and `attachment; filename="<MEDIA_ID>.<ext>"`.
 */
function fileReply(ref: MediaRef, bytes: Buffer): RawReply {
  return new RawReply(ref.contentType, bytes, 200, {
    'content-disposition': `attachment; filename="${ref.mediaId}.${extensionOfContentType(ref.contentType)}"`,
    'cache-control': 'no-cache, must-revalidate',
  });
}

/** An article of news in WeChat's `news_item` shape (flags as 0/1). */
function newsItem(article: NewsMaterialArticle): Record<string, unknown> {
  return {
    title: article.title,
    author: article.author,
    digest: article.digest,
    content: article.content,
    content_source_url: article.contentSourceUrl,
    thumb_media_id: article.thumbMediaId,
    show_cover_pic: article.showCoverPic ? 1 : 0,
    // News materials have no article page of their own (publishing makes those).
    url: '',
    thumb_url: article.thumbUrl,
    need_open_comment: article.needOpenComment ? 1 : 0,
    only_fans_can_comment: article.onlyFansCanComment ? 1 : 0,
  };
}

/** `{type, media_id, created_at}` of temporary uploads; thumbs answer `thumb_media_id` instead. */
function created(record: MediaRecord): Record<string, unknown> {
  const at = seconds(record.createdAt);
  // Observed live: thumbs come back under `thumb_media_id`, with an empty `item` list.
  if (record.type === 'thumb') return { type: 'thumb', thumb_media_id: record.mediaId, created_at: at, item: [] };
  return { type: record.type, media_id: record.mediaId, created_at: at };
}

function batchItem(item: MaterialItem): Record<string, unknown> {
  const updateTime = seconds(item.updatedAt);
  if (item.articles) {
    return {
      media_id: item.mediaId,
      content: { news_item: item.articles.map(newsItem), create_time: seconds(item.createdAt), update_time: updateTime },
      update_time: updateTime,
    };
  }
  return { media_id: item.mediaId, name: item.name, update_time: updateTime, url: item.url };
}

/**
 * Temporary media (spec §5.1), permanent materials (§5.2) and the legacy broadcast uploads (§4.4).
 * The files themselves are public at `/mmbiz/<key>` (`media-files.routes.ts`).
 */
export const mediaRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/media/upload',
    upload: true,
    handler: async (ctx) =>
      created(
        await ctx.services.media.upload(ctx.accountId, {
          type: ctx.query.type,
          file: mediaPart(ctx),
          tooLarge: ctx.bodyTooLarge,
        }),
      ),
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/media/get',
    handler: async (ctx) => {
      const content = await ctx.services.media.get(ctx.accountId, ctx.query.media_id);
      return content.kind === 'video' ? { video_url: content.ref.url } : fileReply(content.ref, content.bytes);
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/media/uploadimg',
    upload: true,
    handler: async (ctx) => ({
      url: await ctx.services.media.uploadContentImage(ctx.accountId, { file: mediaPart(ctx), tooLarge: ctx.bodyTooLarge }),
    }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/media/uploadvideo',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      return created(
        await ctx.services.media.uploadMassVideo(ctx.accountId, {
          mediaId: body.media_id,
          title: body.title,
          description: body.description,
        }),
      );
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/media/uploadnews',
    handler: async (ctx) => created(await ctx.services.media.uploadNews(ctx.accountId, jsonBody(ctx).articles)),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/add_material',
    upload: true,
    handler: async (ctx) => {
      const record = await ctx.services.media.addMaterial(ctx.accountId, {
        type: ctx.query.type,
        file: mediaPart(ctx),
        tooLarge: ctx.bodyTooLarge,
        // A form field for most SDKs; wechatpy puts the JSON in the query string (spec §0.3).
        description: ctx.fields.description ?? ctx.query.description,
      });
      const url = record.type === 'image' || record.type === 'thumb' ? ctx.services.media.urlOf(record.publicKey!) : undefined;
      return url === undefined ? { media_id: record.mediaId } : { media_id: record.mediaId, url };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/get_material',
    handler: async (ctx) => {
      const content = await ctx.services.media.getMaterial(ctx.accountId, jsonBody(ctx).media_id);
      switch (content.kind) {
        case 'news':
          return {
            news_item: content.articles.map(newsItem),
            create_time: seconds(content.createdAt),
            update_time: seconds(content.updatedAt),
          };
        case 'video':
          return { title: content.title, description: content.description, down_url: content.downUrl };
        case 'file':
          return fileReply(content.ref, content.bytes);
      }
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/del_material',
    handler: async (ctx) => {
      await ctx.services.media.deleteMaterial(ctx.accountId, jsonBody(ctx).media_id);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/material/get_materialcount',
    handler: async (ctx) => {
      const n = await ctx.services.media.countMaterials(ctx.accountId);
      return { voice_count: n.voice, video_count: n.video, image_count: n.image, news_count: n.news };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/batchget_material',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const page = await ctx.services.media.listMaterials(ctx.accountId, {
        type: body.type,
        offset: body.offset,
        count: body.count,
      });
      return { total_count: page.totalCount, item_count: page.items.length, item: page.items.map(batchItem) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/add_news',
    handler: async (ctx) => ({ media_id: (await ctx.services.media.addNews(ctx.accountId, jsonBody(ctx).articles)).mediaId }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/material/update_news',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.media.updateNews(ctx.accountId, { mediaId: body.media_id, index: body.index, article: body.articles });
      return {};
    },
  }),
];
