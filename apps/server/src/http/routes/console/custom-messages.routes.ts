import {
  customMessageRequestSchema,
  customMessageResponseSchema,
  serviceWindowViewSchema,
  type MessageView,
  type ServiceWindowView,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Message } from '../../../modules/messages/message.types';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';

const followerParams = z.object({ appid: z.string().max(32), openid: z.string().max(64) });

type ParsedRequest = z.output<typeof customMessageRequestSchema>;

/**
 * The console's message in the WeChat JSON of `message/custom/send`, so the console and the open
 * API go through one service with one set of rules (window, quota, media ids, lengths) and the
 * same refusals.
 */
export function toCustomPayload(request: ParsedRequest): { msgtype: string; payload: Record<string, unknown> } {
  switch (request.msgtype) {
    case 'text':
      return { msgtype: 'text', payload: { text: { content: request.content } } };
    case 'image':
      return { msgtype: 'image', payload: { image: { media_id: request.mediaId } } };
    case 'news': {
      const a = request.article;
      return {
        msgtype: 'news',
        payload: { news: { articles: [{ title: a.title, description: a.description, url: a.url, picurl: a.picUrl }] } },
      };
    }
    case 'msgmenu':
      return {
        msgtype: 'msgmenu',
        payload: { msgmenu: { head_content: request.headContent, list: request.items, tail_content: request.tailContent } },
      };
  }
}

/**
 * Customer-service messages (客服消息) from the console: the follower's window as the operator
 * sees it before sending, and the send itself. Agents may send (it is their job); reading the
 * window needs only follower access.
 */
export async function customMessageRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const windowOf = async (accountId: string, openid: string): Promise<ServiceWindowView> => {
    const view = await services.customMessages.window(accountId, openid);
    return { openid, ...view, now: services.clock.nowMs() };
  };

  r.get(
    '/accounts/:appid/followers/:openid/window',
    {
      preHandler: requirePermission(services, 'followers.read'),
      schema: { tags: ['messages'], params: followerParams, response: { 200: z.object({ window: serviceWindowViewSchema }) } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { window: await windowOf(account.id, request.params.openid) };
    },
  );

  r.post(
    '/accounts/:appid/followers/:openid/messages',
    {
      preHandler: requirePermission(services, 'messages.send'),
      schema: {
        tags: ['messages'],
        params: followerParams,
        body: customMessageRequestSchema,
        response: { 200: customMessageResponseSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { openid } = request.params;
      const { msgtype, payload } = toCustomPayload(request.body);
      const message = await services.customMessages.send(account.id, { touser: openid, msgtype, payload });
      return { message: presentMessage(message, account.appid), window: await windowOf(account.id, openid) };
    },
  );
}

function presentMessage(message: Message, appid: string): MessageView {
  return {
    id: message.id,
    appid,
    direction: message.direction,
    msgid: message.msgid,
    body: message.body,
    source: message.source,
    replyTo: message.replyTo,
    createdAt: message.createdAt,
  };
}
