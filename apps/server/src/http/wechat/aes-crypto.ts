/**
 * WeChat message encryption (spec/callback-protocol.md §6.2–§6.4), `node:crypto` only.
 *
 * Guarantees:
 * - Key = base64(EncodingAESKey + "=") → 32 bytes (AES-256); IV = key[0..16).
 * - Plaintext = random(16) ‖ uint32be(byte length of msg) ‖ msg (UTF-8) ‖ AppID, padded with
 *   PKCS#7 to a 32-byte block (an aligned input gets a whole 32-byte pad block), encrypted with
 *   AES-256-CBC with library padding off, output as standard base64 — byte-for-byte what the
 *   official sample, wechatpy, WxJava, wechat-crypto and EasyWeChat produce (§6.9 reproduces).
 * - The random prefix defaults to 16 random alphanumerics (what the official samples, wechatpy
 *   and WxJava send) so that even a naive decoder that decodes the whole buffer as text works.
 * - Decryption never throws anything but a {@link WechatProtocolError}: non-base64, a partial AES
 *   block, bad padding, an impossible length, non-UTF-8 text and a wrong AppID each have their own
 *   code, so the delivery ledger can say why a reply was refused.
 * - Padding is checked as PKCS#7 with a pad of 1…32 bytes, so 16-byte PKCS#7 (some encoders) is
 *   accepted too (§6.4). SDK decoders go further and treat a last byte outside 1…32 as "no
 *   padding"; no known encoder emits that, and the only ways to get it are a wrong key or a
 *   corrupted body, so we refuse it with a clear reason instead of failing later on the AppID.
 */
import { createCipheriv, createDecipheriv, randomInt } from 'node:crypto';
import { wechatError } from './errors';

/** Block size of WeChat's PKCS#7 padding (not the AES block size of 16). */
export const WECHAT_PAD_BLOCK = 32;

/** AES key and IV derived from an EncodingAESKey. */
export interface AesKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** Result of {@link decryptMessage}. */
export interface DecryptedMessage {
  /** The inner message (XML) exactly as encrypted. */
  readonly xml: string;
  /** The AppID trailer, ASCII whitespace trimmed (EasyWeChat trims too). */
  readonly appid: string;
  /** The 16-byte random prefix, for tests and diagnostics. */
  readonly random: Buffer;
}

const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const CANONICAL_LAST_CHAR = /[AEIMQUYcgkosw048]$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Derive key and IV (§6.2). Throws `wechat.aes_key_invalid` unless the input is exactly 43
 * characters of `[A-Za-z0-9]` (the only shape the MP admin accepts).
 */
export function deriveAesKey(encodingAesKey: string): AesKey {
  if (!ENCODING_AES_KEY.test(encodingAesKey)) {
    throw wechatError('wechat.aes_key_invalid', 'EncodingAESKey must be exactly 43 letters or digits', {
      reason: 'bad_shape',
    });
  }
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  return { key, iv: key.subarray(0, 16) };
}

/**
 * True when the 43rd character carries no discarded bits, so that the key survives a strict
 * base64 round trip (§6.2). Lenient decoders accept any 43-char key; generate canonical ones.
 */
export function isCanonicalEncodingAesKey(encodingAesKey: string): boolean {
  return ENCODING_AES_KEY.test(encodingAesKey) && CANONICAL_LAST_CHAR.test(encodingAesKey);
}

/** A fresh canonical EncodingAESKey: 32 random bytes in the 43-character form WeChat shows. */
export function newEncodingAesKey(): string {
  let out = '';
  for (let i = 0; i < 42; i++) out += ALNUM.charAt(randomInt(ALNUM.length));
  // The last character encodes 4 data bits; pick one whose low two (discarded) bits are zero.
  return out + 'AEIMQUYcgkosw048'.charAt(randomInt(16));
}

function randomPrefix(): Buffer {
  let out = '';
  for (let i = 0; i < 16; i++) out += ALNUM.charAt(randomInt(ALNUM.length));
  return Buffer.from(out, 'ascii');
}

/**
 * Encrypt `plainXml` for `appid` (§6.3–§6.4) and return the base64 `Encrypt` value.
 *
 * `random16` fixes the 16-byte prefix (a Buffer, or a string whose UTF-8 form is 16 bytes); tests
 * use it to reproduce §6.9. Throws `wechat.aes_key_invalid` or `wechat.encrypt_failed`.
 */
export function encryptMessage(plainXml: string, appid: string, encodingAesKey: string, random16?: Buffer | string): string {
  const { key, iv } = deriveAesKey(encodingAesKey);
  const random = random16 === undefined ? randomPrefix() : Buffer.from(random16);
  if (random.length !== 16) {
    throw wechatError('wechat.encrypt_failed', `random prefix must be 16 bytes, got ${random.length}`, { reason: 'bad_random' });
  }
  const msg = Buffer.from(plainXml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const body = Buffer.concat([random, length, msg, Buffer.from(appid, 'utf8')]);
  const pad = WECHAT_PAD_BLOCK - (body.length % WECHAT_PAD_BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

function decodeBase64(encrypt: string): Buffer {
  // Line breaks are tolerated (old commons-codec chunked its output); anything else must be standard base64.
  const compact = encrypt.replace(/[\t\n\r ]+/g, '');
  if (compact.length === 0 || !BASE64.test(compact)) {
    throw wechatError('wechat.base64_invalid', 'Encrypt is not standard base64', { reason: 'not_base64' });
  }
  return Buffer.from(compact, 'base64');
}

function decipher(data: Buffer, { key, iv }: AesKey): Buffer {
  if (data.length % 16 !== 0) {
    throw wechatError('wechat.decrypt_failed', `ciphertext is ${data.length} bytes, not whole AES blocks`, {
      reason: 'partial_block',
    });
  }
  try {
    const d = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (cause) {
    throw wechatError('wechat.decrypt_failed', 'AES decryption failed', { reason: 'cipher', cause: String(cause) });
  }
}

function unpad(plain: Buffer): Buffer {
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > WECHAT_PAD_BLOCK || pad > plain.length) {
    throw wechatError('wechat.padding_invalid', `bad padding byte ${pad} (wrong key or corrupted ciphertext)`, {
      reason: 'bad_padding',
    });
  }
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) {
      throw wechatError('wechat.padding_invalid', 'inconsistent PKCS#7 padding (wrong key or corrupted ciphertext)', {
        reason: 'bad_padding',
      });
    }
  }
  return plain.subarray(0, plain.length - pad);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw wechatError('wechat.plaintext_invalid', `decrypted ${what} is not valid UTF-8`, { reason: 'not_utf8' });
  }
}

/**
 * Decrypt a base64 `Encrypt` value (§6.3–§6.4) into the inner XML and the AppID trailer.
 *
 * With `expectedAppid`, the trailer (ASCII whitespace trimmed) must equal it, else
 * `wechat.appid_mismatch`. Other failures: `wechat.aes_key_invalid`, `wechat.base64_invalid`,
 * `wechat.decrypt_failed`, `wechat.padding_invalid`, `wechat.length_invalid`,
 * `wechat.plaintext_invalid`.
 */
export function decryptMessage(encrypt: string, encodingAesKey: string, expectedAppid?: string): DecryptedMessage {
  const aes = deriveAesKey(encodingAesKey);
  const plain = unpad(decipher(decodeBase64(encrypt), aes));
  if (plain.length < 20) {
    throw wechatError('wechat.length_invalid', `decrypted payload is ${plain.length} bytes, shorter than its 20-byte header`, {
      reason: 'bad_length',
    });
  }
  const msgLength = plain.readUInt32BE(16);
  if (msgLength > plain.length - 20) {
    throw wechatError('wechat.length_invalid', `message length ${msgLength} exceeds the ${plain.length - 20} bytes available`, {
      reason: 'bad_length',
    });
  }
  const xml = decodeUtf8(plain.subarray(20, 20 + msgLength), 'message');
  const appid = decodeUtf8(plain.subarray(20 + msgLength), 'AppID').replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (expectedAppid !== undefined && appid !== expectedAppid) {
    throw wechatError('wechat.appid_mismatch', 'AppID inside the ciphertext does not match the account', {
      reason: 'wrong_appid',
      appid,
    });
  }
  return { xml, appid, random: Buffer.from(plain.subarray(0, 16)) };
}
