import { randomBytes } from 'node:crypto';
import { isAppError } from '../../../shared/errors';
import { pageHeaders, renderArticlePage, renderDeletedPage, renderNotFoundPage } from '../../pages/article-page';
import { defineOpenRoute, RawReply, type OpenContext, type OpenRoute } from './open-route';
import { parseJsonBody } from './wire';

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/** The `idx` of a draft preview URL (`?idx=2`); absent or malformed means the first article. */
function previewIndex(value: string | undefined): number | undefined {
  return value && /^[1-8]$/.test(value) ? Number(value) : undefined;
}

/**
 * The person behind a follower-client session token sent with a beacon, or `null`: an event is
 * still worth recording without one (a reader outside the client), so a bad token is ignored.
 */
async function personOf(ctx: OpenContext, token: unknown): Promise<string | null> {
  if (typeof token !== 'string' || !token) return null;
  try {
    return (await ctx.services.followers.authenticate(token)).id;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/**
 * Article pages (`/mp/s/<key>`, WeChat's `mp.weixin.qq.com/s/…`), public and without a token: the
 * page itself, and the beacon endpoint its script posts reads, read-throughs and shares to
 * (`{"kind": "read" | "read_through" | "share", "token"?: <follower session token>}`; sent by
 * `navigator.sendBeacon`, so the body is JSON in a text/plain request).
 */
export const articlePageRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'GET',
    path: '/mp/s/:key',
    auth: 'none',
    handler: async (ctx) => {
      const page = await ctx.services.articlePages.page(ctx.params.key ?? '', previewIndex(ctx.query.idx));
      if (!page) return new RawReply(HTML, renderNotFoundPage(), 404, { 'cache-control': 'no-store' });
      if (page.deleted) return new RawReply(HTML, renderDeletedPage(), 410, { 'cache-control': 'no-store' });
      const nonce = randomBytes(16).toString('base64');
      return new RawReply(HTML, renderArticlePage(page, nonce), 200, pageHeaders(nonce));
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/mp/s/:key/events',
    auth: 'none',
    handler: async (ctx) => {
      let body: unknown;
      try {
        body = parseJsonBody(ctx.rawBody);
      } catch {
        body = undefined;
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return new RawReply(TEXT, 'bad request: JSON body expected\n', 400);
      const { kind, token } = body as Record<string, unknown>;
      try {
        const recorded = await ctx.services.articlePages.recordEvent(ctx.params.key ?? '', kind, await personOf(ctx, token));
        return recorded ? new RawReply(TEXT, '', 204) : new RawReply(TEXT, 'not found\n', 404);
      } catch (error) {
        if (isAppError(error, 'article.invalid_event')) return new RawReply(TEXT, `bad request: ${error.message}\n`, 400);
        throw error;
      }
    },
  }),
];
