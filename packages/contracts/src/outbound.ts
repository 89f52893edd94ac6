import { z } from 'zod';
import { messageBodySchema, messageViewSchema } from './conversation';

/**
 * Console contracts of what an account sends on its own initiative: customer-service messages
 * (客服消息, inside the window a follower opened) and broadcasts (群发). The console speaks
 * camelCase; the server turns these into the WeChat JSON the open API takes, so both paths share
 * one set of rules and errors.
 */

/** One open customer-service window: when it opened and closes, and how much of it is spent. */
export const windowPartSchema = z.object({
  openedAt: z.number(),
  closesAt: z.number(),
  used: z.number(),
  quota: z.number(),
});
export type WindowPart = z.infer<typeof windowPartSchema>;

/**
 * A follower's customer-service window as the console shows it before an operator sends.
 * `now` is the server's clock (the sandbox clock may be frozen or moved), so "closes in …" is
 * computed against it rather than against the browser's clock.
 */
export const serviceWindowViewSchema = z.object({
  openid: z.string(),
  subscribed: z.boolean(),
  open: z.boolean(),
  /** The window the next send spends; null when no send is possible. */
  window: z.enum(['message', 'event']).nullable(),
  /** Messages the account may still send now. */
  remaining: z.number(),
  /** When the spending window closes (epoch ms). */
  closesAt: z.number().nullable(),
  message: windowPartSchema.nullable(),
  event: windowPartSchema.nullable(),
  now: z.number(),
});
export type ServiceWindowView = z.infer<typeof serviceWindowViewSchema>;

const mediaIdSchema = z.string().min(1).max(128);

/**
 * A customer-service message from the console. Lengths are left to the server's rules (the same
 * ones `message/custom/send` applies), so a refusal carries WeChat's reason; the bounds here only
 * keep absurd bodies out.
 */
export const customMessageRequestSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), content: z.string().max(8192) }),
  z.object({ msgtype: z.literal('image'), mediaId: mediaIdSchema }),
  z.object({
    msgtype: z.literal('news'),
    /** Customer-service news carries exactly one article (WeChat, since 2018-10). */
    article: z.object({
      title: z.string().max(256),
      description: z.string().max(1024).default(''),
      url: z.string().max(2048).default(''),
      picUrl: z.string().max(2048).default(''),
    }),
  }),
  z.object({
    msgtype: z.literal('msgmenu'),
    headContent: z.string().max(1024).default(''),
    items: z.array(z.object({ id: z.string().max(64), content: z.string().max(256) })).max(50),
    tailContent: z.string().max(1024).default(''),
  }),
]);
export type CustomMessageRequest = z.input<typeof customMessageRequestSchema>;

export const customMessageResponseSchema = z.object({
  message: messageViewSchema,
  /** The window after this send (one fewer left). */
  window: serviceWindowViewSchema,
});
export type CustomMessageResponse = z.infer<typeof customMessageResponseSchema>;

/** Who a broadcast goes to: everyone, one tag, or an openid list (2–10,000, `mass/send`). */
export const broadcastAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('tag'), tagId: z.number().int().min(0) }),
  z.object({ kind: z.literal('list'), openids: z.array(z.string().max(64)).max(10_000) }),
]);
export type BroadcastAudience = z.infer<typeof broadcastAudienceSchema>;

/** The media kinds of a broadcast, each referring to an uploaded media id or a draft. */
export const BROADCAST_MEDIA_TYPES = ['image', 'voice', 'mpvideo', 'mpnews'] as const;
export type BroadcastMediaType = (typeof BROADCAST_MEDIA_TYPES)[number];

/** What a broadcast carries: text, or a media id (image, voice, mpvideo, mpnews). */
export const broadcastContentSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), content: z.string().max(8192) }),
  z.object({ msgtype: z.literal('image'), mediaId: mediaIdSchema }),
  z.object({ msgtype: z.literal('voice'), mediaId: mediaIdSchema }),
  z.object({ msgtype: z.literal('mpvideo'), mediaId: mediaIdSchema }),
  z.object({ msgtype: z.literal('mpnews'), mediaId: mediaIdSchema }),
]);
export type BroadcastContent = z.infer<typeof broadcastContentSchema>;

export const broadcastEstimateRequestSchema = z.object({ audience: broadcastAudienceSchema });

/** "Will reach N, M filtered by the monthly limit"; subscription accounts: broadcasts left today. */
export const broadcastEstimateSchema = z.object({
  total: z.number(),
  reachable: z.number(),
  filtered: z.number(),
  /** Subscription accounts only (one a day); null for service accounts. */
  dailyLeft: z.number().nullable(),
});
export type BroadcastEstimate = z.infer<typeof broadcastEstimateSchema>;

export const sendBroadcastRequestSchema = z.object({
  audience: broadcastAudienceSchema,
  content: broadcastContentSchema,
  /** Idempotency key (`clientmsgid`): a retried send within 24 h does not broadcast twice. */
  clientMsgId: z.string().max(128).optional(),
});
export type SendBroadcastRequest = z.infer<typeof sendBroadcastRequestSchema>;

export const previewBroadcastRequestSchema = z.object({
  /** The follower's OpenID: the message goes straight into their chat, no quota spent. */
  touser: z.string().max(64),
  content: broadcastContentSchema,
});
export type PreviewBroadcastRequest = z.infer<typeof previewBroadcastRequestSchema>;

/** `mass/get` statuses. */
export const broadcastStatusSchema = z.enum(['SENDING', 'SEND_SUCCESS', 'SEND_FAIL', 'DELETE']);
export type BroadcastStatus = z.infer<typeof broadcastStatusSchema>;

/** A broadcast in the console's list, with WeChat's counters and the fan-out's progress. */
export const broadcastConsoleViewSchema = z.object({
  /** `msg_id` of the API. */
  msgId: z.number(),
  msgType: z.string(),
  body: messageBodySchema,
  audience: z.enum(['all', 'tag', 'list', 'preview']),
  tagId: z.number().nullable(),
  status: broadcastStatusSchema,
  /** Audience members reached so far (MASSSENDJOBFINISH `TotalCount` once done). */
  totalCount: z.number(),
  /** Left after the monthly per-follower limit (`FilterCount`). */
  filterCount: z.number(),
  sentCount: z.number(),
  errorCount: z.number(),
  /**
   * The audience size the fan-out is heading for: `totalCount` plus the members it has not reached
   * yet (while SENDING), else `totalCount`. The console's progress bar is `totalCount / expectedTotal`.
   */
  expectedTotal: z.number(),
  clientMsgId: z.string().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});
export type BroadcastConsoleView = z.infer<typeof broadcastConsoleViewSchema>;

export const broadcastListQuerySchema = z.object({
  /** `msgId` of the last row of the previous page (newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const broadcastListResponseSchema = z.object({
  broadcasts: z.array(broadcastConsoleViewSchema),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.number().nullable(),
});
export type BroadcastListResponse = z.infer<typeof broadcastListResponseSchema>;
