import { TagErrors } from '../../../modules/tags/tag.errors';
import { defineOpenRoute, jsonBody, type OpenContext, type OpenRoute } from './open-route';

function tagOf(ctx: OpenContext): Record<string, unknown> {
  const tag = jsonBody(ctx).tag;
  if (!tag || typeof tag !== 'object' || Array.isArray(tag)) throw TagErrors.invalidTagId();
  return tag as Record<string, unknown>;
}

/**
 * A page of OpenIDs as `user/get`, `user/tag/get` and the blacklist return it: after the last page
 * `count` is 0, `next_openid` is "" and there is no `data` key (spec §0.3).
 */
export function openidPage(openids: string[], total?: number): Record<string, unknown> {
  const base = total === undefined ? {} : { total };
  if (!openids.length) return { ...base, count: 0, next_openid: '' };
  return { ...base, count: openids.length, data: { openid: openids }, next_openid: openids[openids.length - 1] };
}

/** Tags and blacklist (spec §6.4–6.5). */
export const tagRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/create',
    handler: async (ctx) => ({ tag: await ctx.services.tags.create(ctx.accountId, tagOf(ctx).name) }),
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/tags/get',
    handler: async ({ services, accountId }) => ({ tags: await services.tags.list(accountId) }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/update',
    handler: async (ctx) => {
      const tag = tagOf(ctx);
      await ctx.services.tags.rename(ctx.accountId, tag.id, tag.name);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/delete',
    handler: async (ctx) => {
      await ctx.services.tags.delete(ctx.accountId, tagOf(ctx).id);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/members/batchtagging',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.tags.tag(ctx.accountId, body.tagid, body.openid_list);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/members/batchuntagging',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.tags.untag(ctx.accountId, body.tagid, body.openid_list);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/getidlist',
    handler: async (ctx) => ({ tagid_list: await ctx.services.tags.tagIdsOfOpenId(ctx.accountId, jsonBody(ctx).openid) }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/user/tag/get',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const next = typeof body.next_openid === 'string' && body.next_openid ? body.next_openid : undefined;
      return openidPage(await ctx.services.tags.members(ctx.accountId, body.tagid, next));
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/members/getblacklist',
    handler: async (ctx) => {
      // Some SDKs POST nothing for the first page.
      const body = ctx.rawBody.trim() ? jsonBody(ctx) : {};
      const begin = typeof body.begin_openid === 'string' && body.begin_openid ? body.begin_openid : undefined;
      const { total, openids } = await ctx.services.followers.blacklistPage(ctx.accountId, begin);
      return openidPage(openids, total);
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/members/batchblacklist',
    handler: async (ctx) => {
      await ctx.services.followers.setBlacklisted(ctx.accountId, jsonBody(ctx).openid_list, true);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/tags/members/batchunblacklist',
    handler: async (ctx) => {
      await ctx.services.followers.setBlacklisted(ctx.accountId, jsonBody(ctx).openid_list, false);
      return {};
    },
  }),
];
