import {
  broadcastViewSchema,
  menuActionRequestSchema,
  messageViewSchema,
  sendMessageRequestSchema,
  type BroadcastView,
  type MessageView,
  type SendMessageRequest,
} from '@gzh/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MessageBody, Message } from '../../../modules/messages/message.types';
import { MESSAGE_CREATED, type MessageCreated } from '../../../modules/messages/message.service';
import { BROADCAST_FINISHED, type BroadcastEvent } from '../../../modules/broadcasts/broadcast.service';
import type { InboxItem } from '../../../modules/broadcasts/broadcast.types';
import { TYPING_CHANGED, type TypingChanged } from '../../../modules/kf/custom-message.service';
import { lastEventIdOf, serveEventStream, type StreamEvent } from '../../../realtime/event-stream';
import type { Services } from '../../../services';
import { AppError } from '../../../shared/errors';
import { randomToken } from '../../../shared/ids';

const appidParams = z.object({ appid: z.string().max(32) });

/** Messages per read of the follower stream (its backlog arrives in batches of this size). */
const STREAM_BATCH = 200;

/**
 * Chat for the follower client and scripts: send messages, tap menu buttons, read history, and
 * receive everything live over Server-Sent Events (resumable with Last-Event-ID).
 */
export async function conversationRoutes(
  app: FastifyInstance,
  opts: { services: Services; personOf: (request: FastifyRequest) => ReturnType<Services['followers']['authenticate']> },
): Promise<void> {
  const { services, personOf } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const present = async (message: Message): Promise<MessageView> => {
    const account = await services.accounts.getById(message.accountId);
    return {
      id: message.id,
      appid: account?.appid ?? '',
      direction: message.direction,
      msgid: message.msgid,
      body: message.body,
      source: message.source,
      replyTo: message.replyTo,
      createdAt: message.createdAt,
    };
  };

  /** A stored message as an event of the follower's stream (its id is the stream's). */
  const messageEvent = async (message: Message): Promise<StreamEvent> => ({
    id: message.id,
    event: 'message',
    data: await present(message),
  });

  const presentBroadcast = async (item: InboxItem): Promise<BroadcastView> => {
    const account = await services.accounts.getById(item.accountId);
    return {
      id: item.broadcastId,
      appid: account?.appid ?? '',
      accountType: account?.type ?? 'subscription',
      body: item.body,
      createdAt: item.createdAt,
    };
  };

  // The inbox of broadcasts (群发) from every account the person follows, newest first.
  r.get(
    '/broadcasts',
    {
      schema: {
        tags: ['follower'],
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ broadcasts: z.array(broadcastViewSchema) }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      const items = await services.broadcasts.inbox(person.id, request.query.before, request.query.limit);
      return { broadcasts: await Promise.all(items.map(presentBroadcast)) };
    },
  );

  r.post(
    '/accounts/:appid/messages',
    {
      schema: {
        tags: ['follower'],
        params: appidParams,
        body: sendMessageRequestSchema,
        response: { 200: z.object({ message: messageViewSchema }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      const message = await services.conversations.send(person.id, request.params.appid, toBody(request.body));
      return { message: await present(message) };
    },
  );

  r.get(
    '/accounts/:appid/messages',
    {
      schema: {
        tags: ['follower'],
        params: appidParams,
        querystring: z.object({
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ messages: z.array(messageViewSchema) }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      const account = await services.accounts.requireByAppId(request.params.appid);
      const follower = await services.followers.followerOfPerson(account.id, person.id);
      if (!follower) return { messages: [] };
      const messages = await services.messages.conversation(account.id, follower.id, request.query.before, request.query.limit);
      return { messages: await Promise.all(messages.reverse().map(present)) };
    },
  );

  r.get(
    '/accounts/:appid/menu',
    {
      schema: {
        tags: ['follower'],
        params: appidParams,
        response: { 200: z.object({ menu: z.object({ menuid: z.string(), button: z.array(z.unknown()) }).nullable() }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      const account = await services.accounts.requireByAppId(request.params.appid);
      const follower = await services.followers.followerOfPerson(account.id, person.id);
      const menu = follower?.subscribed ? await services.menus.menuOf(account.id, follower) : null;
      return { menu: menu && { menuid: menu.menuid, button: menu.buttons } };
    },
  );

  r.post(
    '/accounts/:appid/menu/click',
    {
      schema: {
        tags: ['follower'],
        params: appidParams,
        body: menuActionRequestSchema,
        response: { 200: z.object({ url: z.string().nullable() }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      return services.conversations.clickMenu(person.id, request.params.appid, request.body);
    },
  );

  r.post(
    '/accounts/:appid/location',
    {
      schema: {
        tags: ['follower'],
        params: appidParams,
        body: z.object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
          precision: z.number().min(0).max(100_000).default(30),
        }),
        response: { 200: z.object({ reported: z.boolean() }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      return { reported: await services.conversations.reportLocation(person.id, request.params.appid, request.body) };
    },
  );

  // EventSource cannot send headers: the stream also takes the session token as `?token=`.
  r.get(
    '/stream',
    {
      schema: {
        tags: ['follower'],
        querystring: z.object({ token: z.string().max(200).optional(), lastEventId: z.string().max(20).optional() }),
      },
    },
    async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : request.query.token;
      const person = await services.followers.authenticate(token);
      serveEventStream(request, reply, {
        lastEventId: lastEventIdOf(request),
        batchSize: STREAM_BATCH,
        fetchAfter: async (afterId) =>
          Promise.all((await services.messages.afterForPerson(person.id, afterId, STREAM_BATCH)).map(messageEvent)),
        subscribe: (nudge) =>
          services.bus.subscribe(MESSAGE_CREATED, (payload) => {
            const { message, previousId } = payload as MessageCreated;
            if (message.personId === person.id) nudge({ previousId: previousId ?? 0, event: () => messageEvent(message) });
          }),
        transient: (send) => {
          const offTyping = services.bus.subscribe(TYPING_CHANGED, (payload) => {
            const typing = payload as TypingChanged;
            if (typing.personId !== person.id) return;
            void services.accounts.getById(typing.accountId).then((account) => {
              if (account) send('typing', { appid: account.appid, until: typing.until });
            });
          });
          // A finished broadcast: each stream asks whether its person received it (one indexed read).
          const offBroadcast = services.bus.subscribe(BROADCAST_FINISHED, (payload) => {
            const { accountId, broadcastId } = payload as BroadcastEvent;
            void services.broadcasts
              .inboxItem(person.id, accountId, broadcastId)
              .then(async (item) => {
                if (item) send('broadcast', await presentBroadcast(item));
              })
              .catch((err: unknown) => request.log.warn({ err }, 'broadcast notification failed'));
          });
          return () => {
            offTyping();
            offBroadcast();
          };
        },
      });
    },
  );
}

/** Turns what the client sends into a message body; media ids are minted here. */
function toBody(request: SendMessageRequest): MessageBody {
  switch (request.type) {
    case 'text':
      return { type: 'text', content: request.content, ...(request.bizmsgmenuid ? { bizmsgmenuid: request.bizmsgmenuid } : {}) };
    case 'image':
      return { type: 'image', picUrl: request.picUrl, mediaId: mediaId() };
    case 'voice':
      return {
        type: 'voice',
        mediaId: mediaId(),
        format: request.format,
        ...(request.recognition ? { recognition: request.recognition } : {}),
      };
    case 'video':
      return { type: 'video', mediaId: mediaId(), thumbMediaId: mediaId() };
    case 'location':
      return {
        type: 'location',
        latitude: request.latitude,
        longitude: request.longitude,
        scale: request.scale,
        label: request.label,
      };
    case 'link':
      return { type: 'link', title: request.title, description: request.description, url: request.url };
    default:
      throw new AppError('message.invalid', 'unknown message type');
  }
}

/** A media id shaped like WeChat's (64 URL-safe characters). */
function mediaId(): string {
  return randomToken(64);
}
