/**
 * Ordinary-message pushes (spec/callback-protocol.md §2.4, §3): a follower's text, image, voice,
 * video, shortvideo, location or link, as field objects for `buildXml`.
 *
 * Guarantees:
 * - WeChat's element names and order: `ToUserName`, `FromUserName`, `CreateTime`, `MsgType`, the
 *   type's own fields in the spec's order, then `MsgId` (and `MsgDataId`, `Idx` when the message
 *   came from an article).
 * - Types on the wire as §2.3 lists them: strings in CDATA, `CreateTime`/`Scale`/`Idx` and the
 *   coordinates bare. `MsgId` is taken as a decimal string and written bare without ever becoming
 *   a JS number, so 64-bit ids such as `6075283943937494502` arrive intact.
 * - Bad inputs (a non-integer `CreateTime`, a `MsgId` that is not an unsigned 64-bit decimal) throw
 *   `wechat.argument_invalid` here rather than producing a push an SDK would choke on.
 */
import { wechatError } from './errors';
import { bare, type XmlFields, type XmlNumber } from './xml';

/** Header of every push (§2.4). */
export interface PushHeader {
  /** Account original id (`gh_…`). */
  readonly toUserName: string;
  /** Follower OpenID (`o…`); for a few platform events a platform sender id. */
  readonly fromUserName: string;
  /** Unix seconds. */
  readonly createTime: number;
}

/** Identity of an ordinary message (§2.4). */
export interface MessageIdentity {
  /** Unsigned 64-bit decimal string; the developer's dedup key, identical on every retry. */
  readonly msgId: string;
  /** Only when the message originates from an article. */
  readonly msgDataId?: string;
  /** 1-based article index within a multi-article post; with `msgDataId`. */
  readonly idx?: number;
}

const U64_MAX = 18_446_744_073_709_551_615n;

/**
 * An unsigned 64-bit decimal id (`MsgId`, `MsgID`) as a bare XML number. Throws
 * `wechat.argument_invalid` for anything else (signs, leading zeros, more than 64 bits).
 */
export function u64(value: string, field = 'MsgId'): XmlNumber {
  if (!/^(?:0|[1-9]\d{0,19})$/.test(value) || BigInt(value) > U64_MAX) {
    throw wechatError('wechat.argument_invalid', `${field} must be an unsigned 64-bit decimal string`, {
      reason: 'not_u64',
      field,
    });
  }
  return bare(value);
}

/** The four header fields, validated, ready to spread first into a push. */
export function pushHeader(h: PushHeader, msgType: string): XmlFields {
  if (!Number.isSafeInteger(h.createTime) || h.createTime < 0) {
    throw wechatError('wechat.argument_invalid', 'CreateTime must be a non-negative integer (Unix seconds)', {
      reason: 'bad_time',
      field: 'CreateTime',
    });
  }
  return { ToUserName: h.toUserName, FromUserName: h.fromUserName, CreateTime: h.createTime, MsgType: msgType };
}

function message(m: PushHeader & MessageIdentity, msgType: string, fields: XmlFields): XmlFields {
  return {
    ...pushHeader(m, msgType),
    ...fields,
    MsgId: u64(m.msgId),
    MsgDataId: m.msgDataId,
    Idx: m.idx,
  };
}

/**
 * `text` (§3): `Content`; a tap on a customer-service menu item (api-catalog §3.1 `msgmenu`) adds
 * `bizmsgmenuid` after `MsgId`, bare when numeric as WeChat's ids are, else as CDATA.
 */
export function textMessage(
  m: PushHeader & MessageIdentity & { readonly content: string; readonly bizmsgmenuid?: string },
): XmlFields {
  const id = m.bizmsgmenuid;
  return {
    ...message(m, 'text', { Content: m.content }),
    bizmsgmenuid: id === undefined ? undefined : /^\d{1,18}$/.test(id) ? bare(id) : id,
  };
}

/** `image` (§3): `PicUrl`, `MediaId`. */
export function imageMessage(m: PushHeader & MessageIdentity & { readonly picUrl: string; readonly mediaId: string }): XmlFields {
  return message(m, 'image', { PicUrl: m.picUrl, MediaId: m.mediaId });
}

/** `voice` (§3): `MediaId`, `Format`, and `Recognition` when speech recognition is on. */
export function voiceMessage(
  m: PushHeader & MessageIdentity & { readonly mediaId: string; readonly format: string; readonly recognition?: string },
): XmlFields {
  return message(m, 'voice', { MediaId: m.mediaId, Format: m.format, Recognition: m.recognition });
}

/** `video` or `shortvideo` (§3): `MediaId`, `ThumbMediaId`. */
export function videoMessage(
  m: PushHeader &
    MessageIdentity & { readonly kind?: 'video' | 'shortvideo'; readonly mediaId: string; readonly thumbMediaId: string },
): XmlFields {
  return message(m, m.kind ?? 'video', { MediaId: m.mediaId, ThumbMediaId: m.thumbMediaId });
}

/** `shortvideo` (§3): same fields as `video`. */
export function shortVideoMessage(
  m: PushHeader & MessageIdentity & { readonly mediaId: string; readonly thumbMediaId: string },
): XmlFields {
  return videoMessage({ ...m, kind: 'shortvideo' });
}

/**
 * `location` (§3): `Location_X` (latitude), `Location_Y` (longitude), `Scale` (map zoom, int),
 * `Label`. Coordinates are bare here (unlike the menu `location_select` event).
 */
export function locationMessage(
  m: PushHeader &
    MessageIdentity & { readonly latitude: number; readonly longitude: number; readonly scale: number; readonly label: string },
): XmlFields {
  return message(m, 'location', { Location_X: m.latitude, Location_Y: m.longitude, Scale: m.scale, Label: m.label });
}

/** `link` (§3): `Title`, `Description`, `Url`. */
export function linkMessage(
  m: PushHeader & MessageIdentity & { readonly title: string; readonly description: string; readonly url: string },
): XmlFields {
  return message(m, 'link', { Title: m.title, Description: m.description, Url: m.url });
}
