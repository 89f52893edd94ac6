/**
 * Passive replies: the HTTP body a developer server answers a push with
 * (spec/callback-protocol.md §5.1–§5.5, §6.7).
 *
 * Guarantees:
 * - {@link parseReply} turns plaintext reply XML into a typed union of the seven reply kinds, or
 *   throws `wechat.reply_invalid` with `details.reason` (`unknown_msg_type`, `missing_field`,
 *   `no_articles`) and `details.field`, which the delivery ledger records verbatim.
 * - Lenient where real SDKs differ (§5.5): element order, whitespace, CDATA or plain text, an XML
 *   declaration, unknown extra elements (`FuncFlag`, …) and any integer (or absent) `CreateTime`
 *   are accepted. Values are kept exactly as sent; ids and enumerations are trimmed of formatting
 *   whitespace, free text (`Content`, `Title`, `Description`) is not.
 * - Strict where it matters: `MsgType` is matched case-sensitively against the documented values,
 *   required fields must be present (`MediaId` of image/voice/video, `Content` of text, at least
 *   one news item). `ThumbMediaId` of music is optional although the doc marks it required,
 *   because node-webot omits it when unset (§5.1).
 * - News honours §5.2: the real number of `<item>`s counts, not `ArticleCount`; items beyond the
 *   limit are dropped (and counted), never an error. The limit is a parameter: 8 by default,
 *   1 when answering an ordinary follower message ({@link newsArticleLimit}).
 * - {@link readReplyBody} is the §5.4 classifier after the HTTP status check: empty, blank or
 *   `success` (any case, trimmed) means "acknowledged, no reply"; a body with `<Encrypt>` is
 *   verified and decrypted first (§6.7); anything else is parsed as plaintext.
 */
import { openEncryptedReply } from './envelope';
import { wechatError } from './errors';
import { childElement, childElements, childText, parseXml, type XmlElement } from './xml';

/** Current news-article limits (§5.2, since 2018-10-12). */
export const NEWS_ARTICLE_LIMITS = {
  /** Answering an ordinary follower message (text, image, voice, video, link, location). */
  message: 1,
  /** Answering an event (follow, menu click, scan, …). */
  event: 8,
} as const;

/** The article limit that applies to a reply answering a push of `msgType` (§5.2). */
export function newsArticleLimit(pushMsgType: string): number {
  return pushMsgType === 'event' ? NEWS_ARTICLE_LIMITS.event : NEWS_ARTICLE_LIMITS.message;
}

/** Header common to every reply (§5.1). */
export interface ReplyHeader {
  /** Follower OpenID the reply is addressed to. */
  readonly toUserName: string;
  /** Account original id (`gh_…`). */
  readonly fromUserName: string;
  /** As sent (seconds or, from node-webot, milliseconds); undefined when absent. */
  readonly createTime: string | undefined;
}

/** One news article of a reply. Missing elements read as `''`. */
export interface NewsArticle {
  readonly title: string;
  readonly description: string;
  readonly picUrl: string;
  readonly url: string;
}

/** `text`: `Content` (may be empty; that is still a reply, unlike `success`). */
export interface TextReply extends ReplyHeader {
  readonly msgType: 'text';
  readonly content: string;
}

/** `image` / `voice`: `<Image|Voice><MediaId/></…>`. */
export interface MediaReply extends ReplyHeader {
  readonly msgType: 'image' | 'voice';
  readonly mediaId: string;
}

/** `video`: `<Video><MediaId/><Title/><Description/></Video>`; Title/Description optional. */
export interface VideoReply extends ReplyHeader {
  readonly msgType: 'video';
  readonly mediaId: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
}

/** `music`: every field optional (see the file header on `ThumbMediaId`). */
export interface MusicReply extends ReplyHeader {
  readonly msgType: 'music';
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly musicUrl: string | undefined;
  readonly hqMusicUrl: string | undefined;
  readonly thumbMediaId: string | undefined;
}

/** `news`: the articles to deliver, already cut to the limit. */
export interface NewsReply extends ReplyHeader {
  readonly msgType: 'news';
  /** At most the limit, in document order. */
  readonly articles: readonly NewsArticle[];
  /** How many `<item>`s were beyond the limit and dropped. */
  readonly droppedArticles: number;
  /** `ArticleCount` as sent, for the ledger only; the real item count is what counts (§5.2). */
  readonly declaredCount: string | undefined;
}

/** `transfer_customer_service`, optionally to one agent (`TransInfo/KfAccount`, §5.3). */
export interface TransferReply extends ReplyHeader {
  readonly msgType: 'transfer_customer_service';
  readonly kfAccount: string | undefined;
}

/** A parsed passive reply. */
export type PassiveReply = TextReply | MediaReply | VideoReply | MusicReply | NewsReply | TransferReply;

/** Every reply `MsgType` (§5.1). */
export type ReplyMsgType = PassiveReply['msgType'];

/** Options of {@link parseReply}. */
export interface ParseReplyOptions {
  /** Most news articles delivered; default {@link NEWS_ARTICLE_LIMITS.event} (8). */
  readonly articleLimit?: number;
}

function invalid(reason: string, message: string, field?: string): never {
  throw wechatError('wechat.reply_invalid', message, field === undefined ? { reason } : { reason, field });
}

/** Trimmed text of an id-like child; undefined when absent or empty. */
function idText(parent: XmlElement, name: string): string | undefined {
  const value = childText(parent, name)?.trim();
  return value ? value : undefined;
}

function requiredId(parent: XmlElement, name: string, path = name): string {
  return idText(parent, name) ?? invalid('missing_field', `reply has no ${path}`, path);
}

function section(root: XmlElement, name: string): XmlElement {
  return childElement(root, name) ?? invalid('missing_field', `reply has no <${name}>`, name);
}

function parseNews(root: XmlElement, header: ReplyHeader, limit: number): NewsReply {
  const articles = childElement(root, 'Articles');
  const items = articles === undefined ? [] : childElements(articles, 'item');
  if (items.length === 0) invalid('no_articles', 'news reply has no <Articles><item>', 'Articles');
  const kept = items.slice(0, Math.max(0, limit)).map((item) => ({
    title: childText(item, 'Title') ?? '',
    description: childText(item, 'Description') ?? '',
    picUrl: childText(item, 'PicUrl')?.trim() ?? '',
    url: childText(item, 'Url')?.trim() ?? '',
  }));
  return {
    ...header,
    msgType: 'news',
    articles: kept,
    droppedArticles: items.length - kept.length,
    declaredCount: idText(root, 'ArticleCount'),
  };
}

/**
 * Turn the parsed `<xml>` root of a plaintext passive reply into a {@link PassiveReply}.
 * Throws `wechat.reply_invalid` with `details.reason` and `details.field`.
 */
export function parseReply(input: XmlElement, options: ParseReplyOptions = {}): PassiveReply {
  const header: ReplyHeader = {
    toUserName: requiredId(input, 'ToUserName'),
    fromUserName: requiredId(input, 'FromUserName'),
    createTime: idText(input, 'CreateTime'),
  };
  const msgType = requiredId(input, 'MsgType');
  switch (msgType) {
    case 'text': {
      const content = childText(input, 'Content');
      if (content === undefined) invalid('missing_field', 'text reply has no Content', 'Content');
      return { ...header, msgType, content };
    }
    case 'image':
      return { ...header, msgType, mediaId: requiredId(section(input, 'Image'), 'MediaId', 'Image.MediaId') };
    case 'voice':
      return { ...header, msgType, mediaId: requiredId(section(input, 'Voice'), 'MediaId', 'Voice.MediaId') };
    case 'video': {
      const video = section(input, 'Video');
      return {
        ...header,
        msgType,
        mediaId: requiredId(video, 'MediaId', 'Video.MediaId'),
        title: childText(video, 'Title'),
        description: childText(video, 'Description'),
      };
    }
    case 'music': {
      const music = section(input, 'Music');
      return {
        ...header,
        msgType,
        title: childText(music, 'Title'),
        description: childText(music, 'Description'),
        musicUrl: idText(music, 'MusicUrl'),
        hqMusicUrl: idText(music, 'HQMusicUrl'),
        thumbMediaId: idText(music, 'ThumbMediaId'),
      };
    }
    case 'news':
      return parseNews(input, header, options.articleLimit ?? NEWS_ARTICLE_LIMITS.event);
    case 'transfer_customer_service': {
      const info = childElement(input, 'TransInfo');
      return { ...header, msgType, kfAccount: info === undefined ? undefined : idText(info, 'KfAccount') };
    }
    default:
      return invalid('unknown_msg_type', `unknown reply MsgType ${JSON.stringify(msgType)}`, 'MsgType');
  }
}

/** Account secrets and limits for {@link readReplyBody}. */
export interface ReadReplyOptions extends ParseReplyOptions {
  readonly token: string;
  readonly appid: string;
  /** Without a key an encrypted reply cannot be opened and fails as `wechat.envelope_invalid`. */
  readonly encodingAesKey?: string | null;
  /** Largest accepted body (and inner XML), in UTF-8 bytes. */
  readonly maxBytes: number;
}

/** What a 200 response body means (§5.4). */
export type ReplyOutcome =
  | { readonly kind: 'none'; readonly reason: 'empty' | 'blank' | 'success' }
  | { readonly kind: 'reply'; readonly reply: PassiveReply; readonly encrypted: boolean };

/**
 * Classify and parse the body of a 200 answer to a push (§5.4 steps 2–4): `none` for an
 * acknowledgement; otherwise a verified, decrypted (if `<Encrypt>` is present) and parsed reply.
 * Whether a plaintext reply is acceptable in safe mode is policy (§10) and left to the caller,
 * which sees `encrypted`. Throws the typed errors of `parseXml`, `openEncryptedReply` and
 * {@link parseReply}.
 */
export function readReplyBody(body: string | Uint8Array, options: ReadReplyOptions): ReplyOutcome {
  const size = typeof body === 'string' ? body.length : body.byteLength;
  if (size === 0) return { kind: 'none', reason: 'empty' };
  if (size <= options.maxBytes) {
    // Oversized bodies skip this and fail in parseXml with wechat.xml_too_large.
    const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (trimmed === '') return { kind: 'none', reason: 'blank' };
    if (trimmed.toLowerCase() === 'success') return { kind: 'none', reason: 'success' };
  }
  const root = parseXml(body, { maxBytes: options.maxBytes });
  if (childElement(root, 'Encrypt') === undefined) {
    return { kind: 'reply', reply: parseReply(root, options), encrypted: false };
  }
  if (!options.encodingAesKey) {
    throw wechatError('wechat.envelope_invalid', 'encrypted reply but the account has no EncodingAESKey', { reason: 'no_key' });
  }
  const opened = openEncryptedReply(root, { ...options, encodingAesKey: options.encodingAesKey });
  return { kind: 'reply', reply: parseReply(parseXml(opened.xml, { maxBytes: options.maxBytes }), options), encrypted: true };
}
