/**
 * Typed failures of the WeChat XML + crypto toolkit.
 *
 * Everything in `http/wechat/` that can be handed hostile or broken input (a developer server's
 * reply, a ciphertext made with the wrong key, an XML bomb) fails with a {@link WechatProtocolError}
 * and never with a bare `TypeError` or a crash inside `node:crypto` / the XML parser. The callback
 * gateway records `code` and `details.reason` in the delivery ledger, so both are stable.
 *
 * `errcode` is the matching constant of the official sample code (spec/callback-protocol.md §6.8,
 * -40001 … -40011). It never goes on the wire; it exists so that a developer reading the ledger
 * sees the number their own SDK would have logged for the same failure.
 */
import { AppError } from '../../shared/errors';

/** Constants of the official encryption sample code (§6.8); SDK-internal, never sent on the wire. */
export const WECHAT_SAMPLE_ERRCODES = {
  validateSignatureError: -40001,
  parseXmlError: -40002,
  computeSignatureError: -40003,
  illegalAesKey: -40004,
  validateAppidError: -40005,
  encryptAesError: -40006,
  decryptAesError: -40007,
  illegalBuffer: -40008,
  encodeBase64Error: -40009,
  decodeBase64Error: -40010,
  genReturnXmlError: -40011,
} as const;

/** Every code the toolkit throws, with the sample-code constant it corresponds to (if any). */
const CODES = {
  /** A signature or msg_signature did not match. */
  'wechat.signature_mismatch': WECHAT_SAMPLE_ERRCODES.validateSignatureError,
  /** Not well-formed XML, not UTF-8, or a forbidden name. */
  'wechat.xml_invalid': WECHAT_SAMPLE_ERRCODES.parseXmlError,
  /** A DOCTYPE / ENTITY (or other DTD) declaration: refused before parsing (XXE, billion laughs). */
  'wechat.xml_doctype': WECHAT_SAMPLE_ERRCODES.parseXmlError,
  /** Input larger than the caller's byte limit. */
  'wechat.xml_too_large': WECHAT_SAMPLE_ERRCODES.parseXmlError,
  /** Root element missing, not `<xml>`, or more than one. */
  'wechat.xml_root': WECHAT_SAMPLE_ERRCODES.parseXmlError,
  /** A value that cannot be written as WeChat XML (bad element name, lossy number, illegal char). */
  'wechat.xml_build_failed': WECHAT_SAMPLE_ERRCODES.genReturnXmlError,
  /** An encrypted envelope without `Encrypt`, `MsgSignature`, `TimeStamp` or `Nonce`. */
  'wechat.envelope_invalid': WECHAT_SAMPLE_ERRCODES.parseXmlError,
  /** EncodingAESKey is not 43 characters of `[A-Za-z0-9]`. */
  'wechat.aes_key_invalid': WECHAT_SAMPLE_ERRCODES.illegalAesKey,
  /** The AppID trailer inside the ciphertext is not the expected one. */
  'wechat.appid_mismatch': WECHAT_SAMPLE_ERRCODES.validateAppidError,
  /** Encryption refused its input (e.g. a random prefix that is not 16 bytes). */
  'wechat.encrypt_failed': WECHAT_SAMPLE_ERRCODES.encryptAesError,
  /** Ciphertext is not a whole number of AES blocks, or the cipher rejected it. */
  'wechat.decrypt_failed': WECHAT_SAMPLE_ERRCODES.decryptAesError,
  /** Decrypted bytes do not end in PKCS#7 padding of 1…32 bytes. */
  'wechat.padding_invalid': WECHAT_SAMPLE_ERRCODES.decryptAesError,
  /** The 4-byte message length does not fit the decrypted buffer. */
  'wechat.length_invalid': WECHAT_SAMPLE_ERRCODES.illegalBuffer,
  /** The decrypted message or AppID is not valid UTF-8. */
  'wechat.plaintext_invalid': WECHAT_SAMPLE_ERRCODES.illegalBuffer,
  /** `Encrypt` is not standard base64. */
  'wechat.base64_invalid': WECHAT_SAMPLE_ERRCODES.decodeBase64Error,
  /** A passive reply that parsed as XML but is not a valid reply (unknown MsgType, missing field). */
  'wechat.reply_invalid': null,
  /** A caller passed a value the wire cannot carry (empty signature input, non-decimal MsgId). */
  'wechat.argument_invalid': null,
} as const satisfies Record<string, number | null>;

/** Stable code of a {@link WechatProtocolError}. */
export type WechatErrorCode = keyof typeof CODES;

/**
 * The one error type of `http/wechat/`. `details.reason` is a short machine-readable word
 * (`unknown_msg_type`, `missing_field`, …) and `details.field` names the offending element
 * when there is one.
 */
export class WechatProtocolError extends AppError {
  /** Official sample-code constant (§6.8), or null when the sample code has none. */
  readonly errcode: number | null;

  constructor(
    override readonly code: WechatErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'WechatProtocolError';
    this.errcode = CODES[code];
  }
}

/** Shorthand used throughout the toolkit. */
export function wechatError(code: WechatErrorCode, message: string, details?: Record<string, unknown>): WechatProtocolError {
  return new WechatProtocolError(code, message, details);
}

/** True when `error` is a {@link WechatProtocolError}, optionally with the given code. */
export function isWechatError(error: unknown, code?: WechatErrorCode): error is WechatProtocolError {
  return error instanceof WechatProtocolError && (code === undefined || error.code === code);
}
