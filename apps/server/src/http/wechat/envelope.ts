/**
 * Transport envelopes of a push and of an encrypted passive reply
 * (spec/callback-protocol.md §1, §2.1, §6.1, §6.6, §6.7).
 *
 * Guarantees:
 * - The URL-verification GET carries `signature`, `timestamp`, `nonce`, `echostr` and nothing
 *   else, in every mode: adding `encrypt_type` would make node-webot try to decrypt `echostr` (§1.1).
 * - A push query always has `signature`, `timestamp`, `nonce`, `openid` (WxJava's demo declares
 *   `openid` required); compatible and safe mode add `encrypt_type=aes` and `msg_signature`;
 *   plaintext mode never sends `encrypt_type` (§2.1). Order is that of captured traffic (§6.9).
 * - Bodies per mode (§6.1): plain = the message; safe = `ToUserName` + `Encrypt`; compatible = the
 *   full plaintext fields with `Encrypt` appended last, as captured.
 * - An encrypted reply is opened only after its `MsgSignature` verifies against the reply's own
 *   `TimeStamp`/`Nonce` strings (used verbatim: they may be milliseconds or the request's values),
 *   and its AppID trailer matches the account (§6.7). Every failure is a typed error.
 */
import type { CallbackMode } from '../../modules/accounts/account.types';
import { decryptMessage, encryptMessage } from './aes-crypto';
import { wechatError } from './errors';
import { msgSignature, sha1Signature, verifyMsgSignature } from './signature';
import { buildXml, bare, childText, parseXml, type XmlElement, type XmlFields } from './xml';

function query(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function requireNonEmpty(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === '') {
      // WxJava's SHA1.gen throws on empty input; an empty parameter can never verify (§1.1).
      throw wechatError('wechat.argument_invalid', `${name} must not be empty`, { reason: 'empty', field: name });
    }
  }
}

/** Append a query string to a developer URL that may already have one of its own. */
export function appendQuery(url: string, queryString: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash); // fragments never reach the server
  if (!base.includes('?')) return `${base}?${queryString}`;
  return base.endsWith('?') || base.endsWith('&') ? base + queryString : `${base}&${queryString}`;
}

/** Inputs of the URL-verification GET (§1.1). */
export interface VerificationQueryInput {
  readonly token: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly echostr: string;
}

/**
 * Query of the URL-verification GET: `signature`, `timestamp`, `nonce`, `echostr` only (§1.1).
 * Throws `wechat.argument_invalid` on an empty value.
 */
export function verificationQuery(input: VerificationQueryInput): string {
  requireNonEmpty({ token: input.token, timestamp: input.timestamp, nonce: input.nonce, echostr: input.echostr });
  return query([
    ['signature', sha1Signature(input.token, input.timestamp, input.nonce)],
    ['timestamp', input.timestamp],
    ['nonce', input.nonce],
    ['echostr', input.echostr],
  ]);
}

/** Outcome of comparing a verification answer with the `echostr` sent. */
export interface EchoCheck {
  readonly verified: boolean;
  /** True when it only matched after trimming ASCII whitespace (worth a warning in the log). */
  readonly trimmed: boolean;
}

/**
 * Whether a developer's answer to the verification GET echoes `echostr` (§1.3). Whether WeChat
 * trims is unknown; we accept a match after trimming ASCII whitespace and report that it did.
 */
export function checkEchoAnswer(body: string, echostr: string): EchoCheck {
  if (body === echostr) return { verified: true, trimmed: false };
  const verified = body.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') === echostr;
  return { verified, trimmed: verified };
}

/** Inputs of a push query (§2.1). `encrypt` is required exactly when the mode encrypts. */
export interface PushQueryInput {
  readonly mode: CallbackMode;
  readonly token: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** Follower OpenID (= `FromUserName`; for non-follower events, `FromUserName` too, §2.1). */
  readonly openid: string;
  /** The base64 `Encrypt` value, for compatible and safe mode. */
  readonly encrypt?: string;
}

/**
 * Query of a push POST (§2.1): `signature`, `timestamp`, `nonce`, `openid`, and for compatible and
 * safe mode `encrypt_type=aes` + `msg_signature`. Throws `wechat.argument_invalid` on an empty
 * value or when `encrypt` does not match the mode.
 */
export function pushQuery(input: PushQueryInput): string {
  requireNonEmpty({ token: input.token, timestamp: input.timestamp, nonce: input.nonce, openid: input.openid });
  const pairs: [string, string][] = [
    ['signature', sha1Signature(input.token, input.timestamp, input.nonce)],
    ['timestamp', input.timestamp],
    ['nonce', input.nonce],
    ['openid', input.openid],
  ];
  if (input.mode === 'plain') {
    if (input.encrypt !== undefined) {
      throw wechatError('wechat.argument_invalid', 'plaintext mode carries no Encrypt', { reason: 'mode_mismatch' });
    }
    return query(pairs);
  }
  if (!input.encrypt) {
    throw wechatError('wechat.argument_invalid', `${input.mode} mode needs Encrypt`, { reason: 'mode_mismatch' });
  }
  pairs.push(['encrypt_type', 'aes'], ['msg_signature', msgSignature(input.token, input.timestamp, input.nonce, input.encrypt)]);
  return query(pairs);
}

/** Safe-mode body (§6.1): `<xml><ToUserName>…</ToUserName><Encrypt>…</Encrypt></xml>`. */
export function encryptedPushBody(toUserName: string, encrypt: string): string {
  return buildXml({ ToUserName: toUserName, Encrypt: encrypt });
}

/** Compatible-mode body (§6.1): every plaintext field, then `Encrypt` last. */
export function compatiblePushBody(fields: XmlFields, encrypt: string): string {
  const { Encrypt: _ignored, ...plain } = fields;
  return buildXml({ ...plain, Encrypt: encrypt });
}

/** Everything needed to build one push request (§6.6). */
export interface PushInput {
  readonly mode: CallbackMode;
  readonly token: string;
  readonly appid: string;
  /** Required for compatible and safe mode. */
  readonly encodingAesKey?: string | null;
  /** The message or event, from `messages.ts` / `events.ts`; `ToUserName` must be a string. */
  readonly fields: XmlFields;
  readonly openid: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** Fixed 16-byte random prefix (tests only). */
  readonly random?: Buffer | string;
}

/** A ready-to-send push: append `query` to the URL and POST `body` as `text/xml`. */
export interface BuiltPush {
  readonly query: string;
  readonly body: string;
  /** The inner plaintext XML (what the developer sees after decryption). */
  readonly plainXml: string;
  /** The `Encrypt` value in compatible and safe mode. */
  readonly encrypt?: string;
}

/**
 * Build query and body of a push for the account's mode (§6.6). Throws
 * `wechat.argument_invalid` (missing key, empty parameter, no `ToUserName`) and whatever
 * {@link buildXml} / {@link encryptMessage} throw.
 */
export function buildPush(input: PushInput): BuiltPush {
  const plainXml = buildXml(input.fields);
  const common = { token: input.token, timestamp: input.timestamp, nonce: input.nonce, openid: input.openid };
  if (input.mode === 'plain') return { query: pushQuery({ ...common, mode: 'plain' }), body: plainXml, plainXml };
  if (!input.encodingAesKey) {
    throw wechatError('wechat.argument_invalid', `${input.mode} mode needs an EncodingAESKey`, { reason: 'no_key' });
  }
  const toUserName = input.fields.ToUserName;
  if (typeof toUserName !== 'string') {
    throw wechatError('wechat.argument_invalid', 'an encrypted push needs a ToUserName string', { reason: 'missing_field' });
  }
  const encrypt = encryptMessage(plainXml, input.appid, input.encodingAesKey, input.random);
  const body = input.mode === 'safe' ? encryptedPushBody(toUserName, encrypt) : compatiblePushBody(input.fields, encrypt);
  return { query: pushQuery({ ...common, mode: input.mode, encrypt }), body, plainXml, encrypt };
}

/** Inputs of {@link buildEncryptedReply}: what an SDK does to answer in safe mode (§6.7). */
export interface EncryptedReplyInput {
  readonly token: string;
  readonly appid: string;
  readonly encodingAesKey: string;
  readonly replyXml: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly random?: Buffer | string;
}

/**
 * An encrypted passive reply as SDKs send it (§6.7). The platform only reads these; the builder
 * serves tests, the sandbox's fake developer server and interop fixtures.
 */
export function buildEncryptedReply(input: EncryptedReplyInput): string {
  const encrypt = encryptMessage(input.replyXml, input.appid, input.encodingAesKey, input.random);
  return buildXml({
    Encrypt: encrypt,
    MsgSignature: msgSignature(input.token, input.timestamp, input.nonce, encrypt),
    TimeStamp: bare(input.timestamp),
    Nonce: input.nonce,
  });
}

/** Account secrets and limits for {@link openEncryptedReply}. */
export interface OpenReplyOptions {
  readonly token: string;
  readonly appid: string;
  readonly encodingAesKey: string;
  /** Byte limit when `body` is still text; also applied to the inner XML by later parsing. */
  readonly maxBytes: number;
}

/** A verified, decrypted reply. */
export interface OpenedReply {
  /** The inner plaintext reply XML, to parse with `parseReply`. */
  readonly xml: string;
  /** `TimeStamp` and `Nonce` exactly as the developer sent them. */
  readonly timestamp: string;
  readonly nonce: string;
}

function requiredText(root: XmlElement, name: string): string {
  const value = childText(root, name)?.trim();
  if (!value) {
    throw wechatError('wechat.envelope_invalid', `encrypted reply has no ${name}`, { reason: 'missing_field', field: name });
  }
  return value;
}

/**
 * Verify and decrypt an encrypted passive reply (§6.7): `Encrypt`, `MsgSignature`, `TimeStamp`
 * and `Nonce` must be present; `MsgSignature` must equal sha1(sort(token, TimeStamp, Nonce,
 * Encrypt)); the AppID trailer must be the account's. Throws `wechat.envelope_invalid`,
 * `wechat.signature_mismatch`, `wechat.appid_mismatch`, and the XML / decryption errors.
 */
export function openEncryptedReply(body: string | Uint8Array | XmlElement, options: OpenReplyOptions): OpenedReply {
  const root = typeof body === 'object' && 'children' in body ? body : parseXml(body, { maxBytes: options.maxBytes });
  const encrypt = requiredText(root, 'Encrypt');
  const signature = requiredText(root, 'MsgSignature');
  const timestamp = requiredText(root, 'TimeStamp');
  const nonce = requiredText(root, 'Nonce');
  if (!verifyMsgSignature(options.token, timestamp, nonce, encrypt, signature)) {
    throw wechatError('wechat.signature_mismatch', 'MsgSignature does not match Encrypt, TimeStamp and Nonce', {
      reason: 'bad_signature',
    });
  }
  const { xml } = decryptMessage(encrypt, options.encodingAesKey, options.appid);
  return { xml, timestamp, nonce };
}
