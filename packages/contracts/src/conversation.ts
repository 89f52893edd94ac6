import { z } from 'zod';

/**
 * Conversation contracts: messages in the follower client and its stream, what followers send,
 * auto-reply rules and the delivery ledger in the console.
 */

export const newsArticleSchema = z.object({
  title: z.string(),
  description: z.string(),
  picUrl: z.string(),
  url: z.string(),
});
export type NewsArticle = z.infer<typeof newsArticleSchema>;

/** One article card of an `mpnews` message; `url` opens the article page (`/mp/s/...`). */
export const mpnewsArticleSchema = z.object({
  title: z.string(),
  digest: z.string(),
  author: z.string(),
  thumbUrl: z.string(),
  url: z.string(),
});
export type MpnewsArticle = z.infer<typeof mpnewsArticleSchema>;

/** A message body as stored and shown (WeChat's fields in camelCase). */
export const messageBodySchema = z.discriminatedUnion('type', [
  /** `bizmsgmenuid`: the follower tapped this item of a customer-service menu (`msgmenu`). */
  z.object({ type: z.literal('text'), content: z.string(), bizmsgmenuid: z.string().optional() }),
  z.object({ type: z.literal('image'), picUrl: z.string(), mediaId: z.string() }),
  z.object({ type: z.literal('voice'), mediaId: z.string(), format: z.string(), recognition: z.string().optional() }),
  z.object({
    type: z.enum(['video', 'shortvideo']),
    mediaId: z.string(),
    thumbMediaId: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({ type: z.literal('location'), latitude: z.number(), longitude: z.number(), scale: z.number(), label: z.string() }),
  z.object({ type: z.literal('link'), title: z.string(), description: z.string(), url: z.string() }),
  z.object({
    type: z.literal('music'),
    title: z.string(),
    description: z.string(),
    musicUrl: z.string(),
    hqMusicUrl: z.string(),
    thumbMediaId: z.string(),
  }),
  z.object({ type: z.literal('news'), articles: z.array(newsArticleSchema) }),
  z.object({ type: z.literal('notice'), content: z.string() }),
  /** Articles of a draft, material or publication (customer-service `mpnews`, broadcasts). */
  z.object({ type: z.literal('mpnews'), articles: z.array(mpnewsArticleSchema) }),
  /** A template notice; the client renders `content` with each `{{name.DATA}}` taken from `data`. */
  z.object({
    type: z.literal('template'),
    templateId: z.string(),
    title: z.string(),
    content: z.string(),
    data: z.record(z.string(), z.object({ value: z.string(), color: z.string().optional() })),
    url: z.string().optional(),
    miniprogram: z.object({ appid: z.string(), pagepath: z.string() }).optional(),
  }),
  /** Customer-service menu: tapping an item sends its content back as text with `bizmsgmenuid`. */
  z.object({
    type: z.literal('msgmenu'),
    headContent: z.string(),
    list: z.array(z.object({ id: z.string(), content: z.string() })),
    tailContent: z.string(),
  }),
  z.object({
    type: z.literal('miniprogrampage'),
    title: z.string(),
    appid: z.string(),
    pagepath: z.string(),
    thumbUrl: z.string(),
  }),
  z.object({ type: z.literal('wxcard'), cardId: z.string() }),
]);
export type MessageBodyView = z.infer<typeof messageBodySchema>;

/**
 * Where a message came from: the follower, a passive reply, an editor-mode auto-reply, a platform
 * notice, a customer-service message (`custom`), a template notice, or a broadcast.
 */
export const messageSourceSchema = z.enum(['follower', 'passive', 'auto', 'notice', 'custom', 'template', 'broadcast']);
export type MessageSource = z.infer<typeof messageSourceSchema>;

export const messageViewSchema = z.object({
  id: z.number(),
  appid: z.string(),
  direction: z.enum(['in', 'out']),
  msgid: z.string().nullable(),
  body: messageBodySchema,
  source: messageSourceSchema,
  replyTo: z.number().nullable(),
  createdAt: z.number(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

/**
 * A broadcast (群发) in a follower's inbox. A subscription account's broadcasts are shown folded
 * in the subscriptions folder, a service account's in the chat list (`accountType` says which).
 */
export const broadcastViewSchema = z.object({
  /** The broadcast's `msg_id`; the inbox pages by it, newest first. */
  id: z.number(),
  appid: z.string(),
  accountType: z.enum(['subscription', 'service']),
  body: messageBodySchema,
  createdAt: z.number(),
});
export type BroadcastView = z.infer<typeof broadcastViewSchema>;

/** Stream events without an id (they are not replayed on reconnect): typing indicators. */
export const typingEventSchema = z.object({
  appid: z.string(),
  /** Epoch ms until which "对方正在输入…" shows; 0 when it stops. */
  until: z.number(),
});
export type TypingEvent = z.infer<typeof typingEventSchema>;

/** What a follower can send from the client or a script. */
export const sendMessageRequestSchema = z.discriminatedUnion('type', [
  /** `bizmsgmenuid` when the text is a tap on a customer-service menu item (pushed as `<bizmsgmenuid>`). */
  z.object({ type: z.literal('text'), content: z.string().min(1).max(2048), bizmsgmenuid: z.string().min(1).max(64).optional() }),
  z.object({ type: z.literal('image'), picUrl: z.string().url().max(2048) }),
  z.object({ type: z.literal('voice'), format: z.string().max(16).default('amr'), recognition: z.string().max(2048).optional() }),
  z.object({ type: z.literal('video'), title: z.string().max(64).optional() }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    scale: z.number().int().min(1).max(20).default(15),
    label: z.string().max(256).default(''),
  }),
  z.object({
    type: z.literal('link'),
    title: z.string().min(1).max(256),
    description: z.string().max(1024).default(''),
    url: z.string().url().max(2048),
  }),
]);
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

export const menuActionRequestSchema = z.object({
  type: z.string().max(32),
  key: z.string().max(128).optional(),
  url: z.string().max(1024).optional(),
  scanResult: z.string().max(1024).optional(),
  scanType: z.string().max(16).optional(),
  picMd5Sums: z.array(z.string().max(64)).max(9).optional(),
  location: z
    .object({ latitude: z.string(), longitude: z.string(), scale: z.string(), label: z.string(), poiname: z.string() })
    .optional(),
});
export type MenuActionRequest = z.infer<typeof menuActionRequestSchema>;

/** A keyword (≤ 30 characters) or, for click rules, a menu key (≤ 128). */
export const keywordSchema = z.object({ text: z.string().min(1).max(128), match: z.enum(['exact', 'contains']) });

export const replyContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), content: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('image'), mediaId: z.string().min(1).max(128), picUrl: z.string().max(2048).optional() }),
  z.object({ type: z.literal('voice'), mediaId: z.string().min(1).max(128) }),
  z.object({
    type: z.literal('video'),
    mediaId: z.string().min(1).max(128),
    title: z.string().max(64).optional(),
    description: z.string().max(120).optional(),
  }),
  z.object({
    type: z.literal('news'),
    articles: z
      .array(newsArticleSchema.extend({ description: z.string().default('') }))
      .min(1)
      .max(8),
  }),
]);
export type ReplyContentView = z.infer<typeof replyContentSchema>;

export const replyRuleInputSchema = z.object({
  kind: z.enum(['follow', 'keyword', 'default', 'click']),
  name: z.string().min(1).max(60),
  keywords: z.array(keywordSchema).max(10).default([]),
  replies: z.array(replyContentSchema).min(1).max(5),
  replyMode: z.enum(['all', 'random']).default('all'),
  enabled: z.boolean().default(true),
  position: z.number().int().optional(),
});
export type ReplyRuleInput = z.input<typeof replyRuleInputSchema>;

export const replyRuleViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['follow', 'keyword', 'default', 'click']),
  name: z.string(),
  keywords: z.array(keywordSchema),
  replies: z.array(replyContentSchema),
  replyMode: z.enum(['all', 'random']),
  enabled: z.boolean(),
  position: z.number(),
  updatedAt: z.number(),
});
export type ReplyRuleView = z.infer<typeof replyRuleViewSchema>;

export const deliveryViewSchema = z.object({
  id: z.string(),
  pushId: z.string(),
  kind: z.string(),
  openid: z.string().nullable(),
  attempt: z.number(),
  mode: z.string(),
  url: z.string(),
  query: z.string(),
  plainBody: z.string(),
  sentBody: z.string(),
  outcome: z.string(),
  httpStatus: z.number().nullable(),
  responseBody: z.string().nullable(),
  replyType: z.string().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number(),
  replayOf: z.string().nullable(),
  createdAt: z.number(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const deliveryListQuerySchema = z.object({
  outcome: z.string().max(32).optional(),
  kind: z.string().max(32).optional(),
  openid: z.string().max(64).optional(),
  /** Id of the last entry of the previous page (entries are newest first). */
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const verifyResultSchema = z.object({ ok: z.boolean(), reason: z.string().optional(), latencyMs: z.number() });
