import { isAppError } from '../../../shared/errors';
import { defineOpenRoute, jsonBody, RawReply, type OpenRoute } from './open-route';

const TEXT = 'text/plain; charset=utf-8';

/**
 * The answer of the public pages (image, landing, short link) for a code or key that does not
 * exist or has expired: WeChat shows an HTTP error page there, not a JSON errcode, so gzh sends
 * a 404 with a line of text. Other errors propagate (and become `-1` JSON like any failure).
 */
async function orNotFound(work: () => Promise<RawReply>): Promise<RawReply> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error, 'qrcode.invalid_ticket') || isAppError(error, 'shorten.key_not_found')) {
      return new RawReply(TEXT, 'not found: no such code\n', 404);
    }
    if (isAppError(error, 'qrcode.expired')) return new RawReply(TEXT, 'not found: this QR code has expired\n', 404);
    throw error;
  }
}

function redirect(location: string): RawReply {
  return new RawReply(TEXT, `Found. Redirecting to ${location}\n`, 302, { location, 'cache-control': 'no-store' });
}

/**
 * QR codes and short links (spec §7): `qrcode/create`, the `showqrcode` image, the landing page
 * `/q/<code>` the image encodes, `shorturl` with its `/s/<key>` redirect, and `shorten/gen|fetch`.
 */
export const qrcodeRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/qrcode/create',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const info = body.action_info;
      const scene =
        info && typeof info === 'object' && !Array.isArray(info) ? (info as Record<string, unknown>).scene : undefined;
      const created = await ctx.services.qrcodes.create(ctx.accountId, {
        actionName: body.action_name,
        expireSeconds: body.expire_seconds,
        scene,
      });
      // WeChat leaves `expire_seconds` out for permanent codes.
      return created.expireSeconds === null
        ? { ticket: created.ticket, url: created.url }
        : { ticket: created.ticket, expire_seconds: created.expireSeconds, url: created.url };
    },
  }),
  defineOpenRoute({
    method: 'GET',
    // WeChat serves this on mp.weixin.qq.com; WxJava builds it on its mpHost with the same path
    // and appends an access_token, which is ignored (the ticket is the only credential).
    path: '/cgi-bin/showqrcode',
    auth: 'none',
    handler: (ctx) =>
      orNotFound(async () => {
        const png = await ctx.services.qrcodes.renderPng(ctx.query.ticket ?? '');
        // WeChat labels its image `image/jpg`; gzh's is a PNG and says so (clients only save bytes).
        return new RawReply('image/png', png, 200, { 'cache-control': 'no-cache' });
      }),
  }),
  defineOpenRoute({
    method: 'GET',
    // The URL inside the image. Opened in a browser, it hands the ticket to the follower client,
    // which follows the account by scan.
    path: '/q/:code',
    auth: 'none',
    handler: (ctx) =>
      orNotFound(async () => {
        const qr = await ctx.services.qrcodes.liveByCode(ctx.params.code ?? '');
        return redirect(`/phone/?scan=${encodeURIComponent(qr.ticket)}`);
      }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/shorturl',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      return { short_url: await ctx.services.shortLinks.longToShort(ctx.accountId, body.action, body.long_url) };
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/s/:key',
    auth: 'none',
    handler: (ctx) =>
      orNotFound(async () => {
        const longUrl = await ctx.services.shortLinks.expand(ctx.params.key ?? '');
        // `href` percent-encodes what a Location header cannot carry raw (non-ASCII paths).
        return redirect(new URL(longUrl).href);
      }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/shorten/gen',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      return { short_key: await ctx.services.shortLinks.gen(ctx.accountId, body.long_data, body.expire_seconds) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/shorten/fetch',
    handler: async (ctx) => {
      const fetched = await ctx.services.shortLinks.fetch(ctx.accountId, jsonBody(ctx).short_key);
      return { long_data: fetched.longData, create_time: fetched.createTime, expire_seconds: fetched.expireSeconds };
    },
  }),
];
