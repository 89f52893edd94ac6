import type { ArticleView, DraftView, PublicationView } from '../../../modules/articles/article.service';
import { PublishStatus } from '../../../modules/articles/article.types';
import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';

/** Unix seconds, WeChat's unit for `create_time` / `update_time`. */
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * One `news_item` as draft/get, getarticle and both batchgets print it: WeChat's article fields,
 * the page `url` and `thumb_url`, newspic's `image_info`, and `is_deleted` for published ones.
 * `withContent: false` is batchget's `no_content=1`.
 */
function newsItem(view: ArticleView, withContent = true): Record<string, unknown> {
  const a = view.article;
  return {
    article_type: a.articleType,
    title: a.title,
    author: a.author,
    digest: a.digest,
    ...(withContent ? { content: a.content } : {}),
    content_source_url: a.contentSourceUrl,
    thumb_media_id: a.thumbMediaId,
    show_cover_pic: a.showCoverPic,
    need_open_comment: a.needOpenComment,
    only_fans_can_comment: a.onlyFansCanComment,
    pic_crop_235_1: a.picCrop2351,
    pic_crop_1_1: a.picCrop11,
    ...(a.articleType === 'newspic' ? { image_info: { image_list: a.imageMediaIds.map((id) => ({ image_media_id: id })) } } : {}),
    url: view.url,
    thumb_url: view.thumbUrl,
    ...(view.deleted === undefined ? {} : { is_deleted: view.deleted }),
  };
}

function draftItem(draft: DraftView, withContent: boolean): Record<string, unknown> {
  return {
    media_id: draft.mediaId,
    content: {
      news_item: draft.articles.map((a) => newsItem(a, withContent)),
      create_time: seconds(draft.createdAt),
      update_time: seconds(draft.updatedAt),
    },
    update_time: seconds(draft.updatedAt),
  };
}

/** `freepublish/get`: the article details only once published (status 0), as WeChat shows them. */
function publishStatus(view: PublicationView): Record<string, unknown> {
  const p = view.publication;
  const published = p.status === PublishStatus.success;
  return {
    publish_id: p.publishId,
    publish_status: p.status,
    ...(p.articleId ? { article_id: p.articleId } : {}),
    ...(published
      ? {
          article_detail: {
            count: view.articles.length,
            item: view.articles.map((a, i) => ({ idx: i + 1, article_url: a.url })),
          },
        }
      : {}),
    fail_idx: p.failIdx,
  };
}

/** `no_content` of the batchgets: 1 (or "1") leaves `content` out of each article. */
const noContent = (value: unknown) => value === 1 || value === '1' || value === true;

/** Drafts (spec §5.3) and publishing (spec §5.4). */
export const draftRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/draft/add',
    handler: async (ctx) => ({ media_id: await ctx.services.articles.addDraft(ctx.accountId, jsonBody(ctx).articles) }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/draft/get',
    handler: async (ctx) => {
      const draft = await ctx.services.articles.getDraft(ctx.accountId, jsonBody(ctx).media_id);
      return { news_item: draft.articles.map((a) => newsItem(a)) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/draft/update',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.articles.updateDraft(ctx.accountId, body.media_id, body.index, body.articles);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/draft/delete',
    handler: async (ctx) => {
      await ctx.services.articles.deleteDraft(ctx.accountId, jsonBody(ctx).media_id);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/draft/count',
    handler: async (ctx) => ({ total_count: await ctx.services.articles.countDrafts(ctx.accountId) }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/draft/batchget',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const page = await ctx.services.articles.listDrafts(ctx.accountId, body.offset, body.count);
      const withContent = !noContent(body.no_content);
      return { total_count: page.total, item_count: page.items.length, item: page.items.map((d) => draftItem(d, withContent)) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    // Turns on draft-box mode for accounts created before it existed; `checkonly=1` only asks.
    // Every gzh account has the draft box, so both answer `is_open: 1` and the body is ignored.
    path: '/cgi-bin/draft/switch',
    handler: () => Promise.resolve({ is_open: 1 }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/freepublish/submit',
    handler: async (ctx) => {
      const submitted = await ctx.services.articles.submit(ctx.accountId, jsonBody(ctx).media_id);
      // publish_id is a string on the wire, msg_data_id a (64-bit) number.
      return { publish_id: submitted.publishId, msg_data_id: BigInt(submitted.msgDataId) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/freepublish/get',
    handler: async (ctx) => publishStatus(await ctx.services.articles.getPublication(ctx.accountId, jsonBody(ctx).publish_id)),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/freepublish/delete',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.articles.deletePublished(ctx.accountId, body.article_id, body.index);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/freepublish/getarticle',
    handler: async (ctx) => {
      const articles = await ctx.services.articles.getPublished(ctx.accountId, jsonBody(ctx).article_id);
      return { news_item: articles.map((a) => newsItem(a)) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/freepublish/batchget',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const page = await ctx.services.articles.listPublished(ctx.accountId, body.offset, body.count);
      const withContent = !noContent(body.no_content);
      return {
        total_count: page.total,
        item_count: page.items.length,
        item: page.items.map((view) => ({
          article_id: view.publication.articleId,
          content: { news_item: view.articles.map((a) => newsItem(a, withContent)) },
          update_time: seconds(view.publication.updatedAt),
        })),
      };
    },
  }),
];
