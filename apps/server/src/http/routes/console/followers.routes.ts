import {
  followerListQuerySchema,
  followerListResponseSchema,
  followerViewSchema,
  tagViewSchema,
  updateFollowerRequestSchema,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';
import { presentFollower } from './present';

const appidParams = z.object({ appid: z.string().max(32) });
const followerParams = appidParams.extend({ openid: z.string().max(64) });
const tagParams = appidParams.extend({ id: z.coerce.number().int().min(0) });
const ok = z.object({ ok: z.boolean() });

/** Followers, tags and the blacklist of one account, for operators. */
export async function followerRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(services, 'followers.read');
  const write = requirePermission(services, 'followers.write');

  const followerView = async (accountId: string, openid: string) => {
    const follower = await services.followers.getByOpenId(accountId, openid);
    const person = await services.followers.getPerson(follower.personId);
    const tags = await services.tags.tagIdsOf(accountId, [follower.id]);
    return presentFollower({ ...follower, nickname: person.nickname }, tags.get(follower.id) ?? []);
  };

  r.get(
    '/accounts/:appid/followers',
    {
      preHandler: read,
      schema: {
        tags: ['followers'],
        params: appidParams,
        querystring: followerListQuerySchema,
        response: { 200: followerListResponseSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const q = request.query;
      const rows = await services.followers.list(account.id, {
        query: q.q,
        tagId: q.tagId,
        blacklisted: q.blacklisted === undefined ? undefined : q.blacklisted === 'true',
        subscribed: q.subscribed === undefined ? undefined : q.subscribed === 'true',
        after: q.after,
        limit: q.limit + 1,
      });
      const pageRows = rows.slice(0, q.limit);
      const tags = await services.tags.tagIdsOf(
        account.id,
        pageRows.map((f) => f.id),
      );
      return {
        followers: pageRows.map((f) => presentFollower(f, tags.get(f.id) ?? [])),
        nextCursor: rows.length > q.limit ? pageRows[pageRows.length - 1]!.openid : null,
        total: await services.followers.countSubscribed(account.id),
      };
    },
  );

  r.patch(
    '/accounts/:appid/followers/:openid',
    {
      preHandler: write,
      schema: {
        tags: ['followers'],
        params: followerParams,
        body: updateFollowerRequestSchema,
        response: { 200: z.object({ follower: followerViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { openid } = request.params;
      if (request.body.remark !== undefined) await services.followers.updateRemark(account.id, openid, request.body.remark);
      if (request.body.blacklisted !== undefined) {
        await services.followers.setBlacklisted(account.id, [openid], request.body.blacklisted);
      }
      return { follower: await followerView(account.id, openid) };
    },
  );

  r.post(
    '/accounts/:appid/followers/:openid/tags',
    {
      preHandler: write,
      schema: {
        tags: ['followers'],
        params: followerParams,
        body: z.object({ tagId: z.number().int() }),
        response: { 200: z.object({ follower: followerViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.tags.tag(account.id, request.body.tagId, [request.params.openid]);
      return { follower: await followerView(account.id, request.params.openid) };
    },
  );

  r.delete(
    '/accounts/:appid/followers/:openid/tags/:tagId',
    {
      preHandler: write,
      schema: {
        tags: ['followers'],
        params: followerParams.extend({ tagId: z.coerce.number().int() }),
        response: { 200: z.object({ follower: followerViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.tags.untag(account.id, request.params.tagId, [request.params.openid]);
      return { follower: await followerView(account.id, request.params.openid) };
    },
  );

  r.get(
    '/accounts/:appid/tags',
    {
      preHandler: read,
      schema: { tags: ['tags'], params: appidParams, response: { 200: z.object({ tags: z.array(tagViewSchema) }) } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { tags: await services.tags.list(account.id) };
    },
  );

  r.post(
    '/accounts/:appid/tags',
    {
      preHandler: write,
      schema: {
        tags: ['tags'],
        params: appidParams,
        body: z.object({ name: z.string() }),
        response: { 200: z.object({ tag: tagViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const tag = await services.tags.create(account.id, request.body.name);
      return { tag: { ...tag, count: 0 } };
    },
  );

  r.patch(
    '/accounts/:appid/tags/:id',
    {
      preHandler: write,
      schema: { tags: ['tags'], params: tagParams, body: z.object({ name: z.string() }), response: { 200: ok } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.tags.rename(account.id, request.params.id, request.body.name);
      return { ok: true };
    },
  );

  r.delete(
    '/accounts/:appid/tags/:id',
    { preHandler: write, schema: { tags: ['tags'], params: tagParams, response: { 200: ok } } },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.tags.delete(account.id, request.params.id);
      return { ok: true };
    },
  );
}
