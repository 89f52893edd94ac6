import {
  broadcastConsoleViewSchema,
  broadcastEstimateRequestSchema,
  broadcastEstimateSchema,
  broadcastListQuerySchema,
  broadcastListResponseSchema,
  previewBroadcastRequestSchema,
  sendBroadcastRequestSchema,
  type BroadcastConsoleView,
  type BroadcastContent,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BroadcastRequest } from '../../../modules/broadcasts/broadcast.service';
import type { Broadcast } from '../../../modules/broadcasts/broadcast.types';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';

const appidParams = z.object({ appid: z.string().max(32) });
const broadcastParams = appidParams.extend({ msgId: z.string().max(20) });

/** The composer's content in the WeChat JSON of `mass/sendall` (the payload under the msgtype's key). */
export function toBroadcastPayload(content: BroadcastContent): Pick<BroadcastRequest, 'msgtype' | 'payload'> {
  if (content.msgtype === 'text') return { msgtype: 'text', payload: { text: { content: content.content } } };
  return { msgtype: content.msgtype, payload: { [content.msgtype]: { media_id: content.mediaId } } };
}

/**
 * Broadcasts (群发) from the console: the reach estimate shown before sending, the send, a
 * preview into one follower's chat, and the list with WeChat's counters.
 *
 * Live progress is polled from `GET …/broadcasts/:msgId` (or the list) rather than streamed: the
 * fan-out commits its cursor and counters with every page, so the row is the progress and a read
 * is always exact, whereas the bus is at-most-once and a stream would still need the read to catch
 * up after a missed event or a reconnect. Polling also works for API-key clients (EventSource
 * cannot send an Authorization header), and one console watching one broadcast costs one indexed
 * read per second.
 */
export async function broadcastConsoleRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(services, 'broadcasts.read');
  const send = requirePermission(services, 'broadcasts.send');

  const present = async (b: Broadcast): Promise<BroadcastConsoleView> => ({
    msgId: b.id,
    msgType: b.msgType,
    body: b.body,
    audience: b.audience,
    tagId: b.tagId,
    status: b.status,
    totalCount: b.totalCount,
    filterCount: b.filterCount,
    sentCount: b.sentCount,
    errorCount: b.errorCount,
    expectedTotal: await services.broadcasts.expectedTotal(b),
    clientMsgId: b.clientMsgId,
    createdAt: b.createdAt,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
  });

  r.post(
    '/accounts/:appid/broadcasts/estimate',
    {
      preHandler: read,
      schema: {
        tags: ['broadcasts'],
        params: appidParams,
        body: broadcastEstimateRequestSchema,
        response: { 200: broadcastEstimateSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return services.broadcasts.estimate(account.id, request.body.audience);
    },
  );

  r.post(
    '/accounts/:appid/broadcasts',
    {
      preHandler: send,
      schema: {
        tags: ['broadcasts'],
        params: appidParams,
        body: sendBroadcastRequestSchema,
        response: { 200: z.object({ broadcast: broadcastConsoleViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { audience, content, clientMsgId } = request.body;
      const broadcast = await services.broadcasts.submit(account.id, {
        audience,
        ...toBroadcastPayload(content),
        ...(clientMsgId ? { clientMsgId } : {}),
      });
      return { broadcast: await present(broadcast) };
    },
  );

  r.post(
    '/accounts/:appid/broadcasts/preview',
    {
      preHandler: send,
      schema: {
        tags: ['broadcasts'],
        params: appidParams,
        body: previewBroadcastRequestSchema,
        response: { 200: z.object({ broadcast: broadcastConsoleViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const broadcast = await services.broadcasts.preview(
        account.id,
        request.body.touser,
        toBroadcastPayload(request.body.content),
      );
      return { broadcast: await present(broadcast) };
    },
  );

  r.get(
    '/accounts/:appid/broadcasts',
    {
      preHandler: read,
      schema: {
        tags: ['broadcasts'],
        params: appidParams,
        querystring: broadcastListQuerySchema,
        response: { 200: broadcastListResponseSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { before, limit } = request.query;
      const rows = await services.broadcasts.list(account.id, before, limit + 1);
      const page = rows.slice(0, limit);
      return {
        broadcasts: await Promise.all(page.map(present)),
        nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  r.get(
    '/accounts/:appid/broadcasts/:msgId',
    {
      preHandler: read,
      schema: {
        tags: ['broadcasts'],
        params: broadcastParams,
        response: { 200: z.object({ broadcast: broadcastConsoleViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { broadcast: await present(await services.broadcasts.get(account.id, request.params.msgId)) };
    },
  );
}
