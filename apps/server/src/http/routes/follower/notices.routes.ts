import { noticeSettingSchema } from '@gzh/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../services';

const appidParams = z.object({ appid: z.string().max(32) });

/**
 * The follower's "接收模板消息" switch for one account (WeChat's per-account "stop receiving
 * notices"): while it is off, `message/template/send` to this follower answers 43101. Only a
 * person who follows or followed the account has the switch (404 `follower.not_following`).
 */
export async function noticeRoutes(
  app: FastifyInstance,
  opts: { services: Services; personOf: (request: FastifyRequest) => ReturnType<Services['followers']['authenticate']> },
): Promise<void> {
  const { services, personOf } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/accounts/:appid/notices',
    { schema: { tags: ['follower'], params: appidParams, response: { 200: noticeSettingSchema } } },
    async (request) => {
      const person = await personOf(request);
      return { blocked: await services.templates.noticesBlocked(person.id, request.params.appid) };
    },
  );

  r.post(
    '/accounts/:appid/notices',
    { schema: { tags: ['follower'], params: appidParams, body: noticeSettingSchema, response: { 200: noticeSettingSchema } } },
    async (request) => {
      const person = await personOf(request);
      return { blocked: await services.templates.setNoticesBlocked(person.id, request.params.appid, request.body.blocked) };
    },
  );
}
