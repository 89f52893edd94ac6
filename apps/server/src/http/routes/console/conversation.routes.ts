import {
  accountViewSchema,
  deliveryListQuerySchema,
  deliveryViewSchema,
  developerConfigSchema,
  replyRuleInputSchema,
  replyRuleViewSchema,
  verifyResultSchema,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DeliveryEntry } from '../../../modules/callbacks/callback.repo';
import type { ReplyRule } from '../../../modules/replies/reply.types';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';
import { presentAccount } from './present';

const appidParams = z.object({ appid: z.string().max(32) });
const idParams = appidParams.extend({ id: z.string().max(64) });

const presentRule = (rule: ReplyRule) => ({
  id: rule.id,
  kind: rule.kind,
  name: rule.name,
  keywords: rule.keywords,
  replies: rule.replies,
  replyMode: rule.replyMode,
  enabled: rule.enabled,
  position: rule.position,
  updatedAt: rule.updatedAt,
});

const presentDelivery = (e: DeliveryEntry) => ({
  id: e.id,
  pushId: e.pushId,
  kind: e.kind,
  openid: e.openid,
  attempt: e.attempt,
  mode: e.mode,
  url: e.url,
  query: e.query,
  plainBody: e.plainBody,
  sentBody: e.sentBody,
  outcome: e.outcome,
  httpStatus: e.httpStatus,
  responseBody: e.responseBody,
  replyType: e.replyType,
  error: e.error,
  latencyMs: e.latencyMs,
  replayOf: e.replayOf,
  createdAt: e.createdAt,
});

/** Developer configuration (saved behind the URL check), the delivery ledger and auto-replies. */
export async function conversationConsoleRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(services, 'accounts.manage');
  const read = requirePermission(services, 'accounts.read');
  const write = requirePermission(services, 'followers.write');

  r.put(
    '/accounts/:appid/developer',
    {
      preHandler: manage,
      schema: {
        tags: ['developer'],
        params: appidParams,
        body: developerConfigSchema,
        response: { 200: z.object({ account: accountViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const saved = await services.callbacks.configure(account.id, request.body);
      return { account: presentAccount(saved, await services.followers.countSubscribed(saved.id)) };
    },
  );

  r.post(
    '/accounts/:appid/developer/verify',
    {
      preHandler: manage,
      schema: {
        tags: ['developer'],
        params: appidParams,
        body: z.object({ url: z.string().max(1024), token: z.string().max(64) }),
        response: { 200: verifyResultSchema },
      },
    },
    async (request) => {
      await accountOf(services, request, request.params.appid);
      return services.callbacks.verify(request.body.url, request.body.token);
    },
  );

  r.get(
    '/accounts/:appid/deliveries',
    {
      preHandler: read,
      schema: {
        tags: ['developer'],
        params: appidParams,
        querystring: deliveryListQuerySchema,
        response: { 200: z.object({ deliveries: z.array(deliveryViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { deliveries: (await services.callbacks.list(account.id, request.query)).map(presentDelivery) };
    },
  );

  r.get(
    '/accounts/:appid/deliveries/:id',
    {
      preHandler: read,
      schema: {
        tags: ['developer'],
        params: idParams,
        response: { 200: z.object({ delivery: deliveryViewSchema, attempts: z.array(deliveryViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const delivery = await services.callbacks.get(account.id, request.params.id);
      return {
        delivery: presentDelivery(delivery),
        attempts: (await services.callbacks.attempts(account.id, delivery.pushId)).map(presentDelivery),
      };
    },
  );

  r.post(
    '/accounts/:appid/deliveries/:id/replay',
    {
      preHandler: manage,
      schema: {
        tags: ['developer'],
        params: idParams,
        body: z.object({ url: z.string().max(1024).optional() }),
        response: { 200: z.object({ delivery: deliveryViewSchema, original: deliveryViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const original = await services.callbacks.get(account.id, request.params.id);
      const replayed = await services.callbacks.replay(account.id, original.id, request.body.url);
      return { delivery: presentDelivery(replayed), original: presentDelivery(original) };
    },
  );

  r.get(
    '/accounts/:appid/replies',
    {
      preHandler: read,
      schema: {
        tags: ['auto-replies'],
        params: appidParams,
        response: { 200: z.object({ rules: z.array(replyRuleViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { rules: (await services.replies.list(account.id)).map(presentRule) };
    },
  );

  r.post(
    '/accounts/:appid/replies',
    {
      preHandler: write,
      schema: {
        tags: ['auto-replies'],
        params: appidParams,
        body: replyRuleInputSchema,
        response: { 200: z.object({ rule: replyRuleViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { rule: presentRule(await services.replies.create(account.id, request.body)) };
    },
  );

  r.put(
    '/accounts/:appid/replies/:id',
    {
      preHandler: write,
      schema: {
        tags: ['auto-replies'],
        params: idParams,
        body: replyRuleInputSchema,
        response: { 200: z.object({ rule: replyRuleViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { rule: presentRule(await services.replies.update(account.id, request.params.id, request.body)) };
    },
  );

  r.delete(
    '/accounts/:appid/replies/:id',
    { preHandler: write, schema: { tags: ['auto-replies'], params: idParams, response: { 200: z.object({ ok: z.boolean() }) } } },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.replies.delete(account.id, request.params.id);
      return { ok: true };
    },
  );
}
