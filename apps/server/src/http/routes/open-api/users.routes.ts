import type { Follower } from '../../../modules/followers/follower.types';
import { FollowerErrors } from '../../../modules/followers/follower.errors';
import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';
import { openidPage } from './tags.routes';

/** The `user/info` object as WeChat returns it since the 2021-12 privacy change (spec §6.2). */
export function presentUserInfo(follower: Follower, tagIds: number[]): Record<string, unknown> {
  if (!follower.subscribed) return { subscribe: 0, openid: follower.openid, unionid: follower.unionid };
  return {
    subscribe: 1,
    openid: follower.openid,
    language: 'zh_CN',
    subscribe_time: Math.floor(follower.subscribeTime / 1000),
    unionid: follower.unionid,
    remark: follower.remark,
    groupid: tagIds[0] ?? 0,
    tagid_list: tagIds,
    subscribe_scene: follower.subscribeScene,
    qr_scene: follower.qrScene ?? 0,
    qr_scene_str: follower.qrSceneStr ?? '',
  };
}

/** `user/get`, `user/info`, `user/info/batchget`, `user/info/updateremark` (spec §6.1–6.3). */
export const userRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/user/get',
    handler: async ({ services, accountId, query }) => {
      const { total, openids } = await services.followers.listOpenIds(accountId, query.next_openid || undefined);
      return openidPage(openids, total);
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/user/info',
    handler: async ({ services, accountId, query }) => {
      const { follower, tagIds } = await services.followers.getWithTags(accountId, query.openid);
      return presentUserInfo(follower, tagIds);
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/user/info/batchget',
    handler: async (ctx) => {
      const { services, accountId } = ctx;
      const list = jsonBody(ctx).user_list;
      if (!Array.isArray(list)) throw FollowerErrors.listSize();
      const openids = list.map((item: unknown) =>
        item && typeof item === 'object' ? (item as Record<string, unknown>).openid : undefined,
      );
      const followers = await services.followers.resolveOpenIds(
        accountId,
        openids,
        { max: 100 },
        { notOfAccountAsInvalid: true },
      );
      const tags = await services.tags.tagIdsOf(
        accountId,
        followers.map((f) => f.id),
      );
      const byOpenId = new Map(followers.map((f) => [f.openid, f]));
      return {
        user_info_list: (openids as string[]).map((o) => {
          const f = byOpenId.get(o)!;
          return presentUserInfo(f, tags.get(f.id) ?? []);
        }),
      };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/user/info/updateremark',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.followers.updateRemark(ctx.accountId, body.openid, body.remark);
      return {};
    },
  }),
];
