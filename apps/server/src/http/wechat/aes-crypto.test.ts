import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptMessage, deriveAesKey, encryptMessage, isCanonicalEncodingAesKey, newEncodingAesKey } from './aes-crypto';
import { isWechatError, type WechatErrorCode } from './errors';
import { VECTOR } from './spec-vectors';

const KEY = VECTOR.encodingAesKey;
const APPID = VECTOR.appid;

/** Encrypt an arbitrary plaintext with the account key, no padding added: for hand-made faults. */
function rawEncrypt(plain: Buffer, encodingAesKey = KEY): string {
  const { key, iv } = deriveAesKey(encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function frame(xml: string, appid: string, lengthOverride?: number): Buffer {
  const msg = Buffer.from(xml, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(lengthOverride ?? msg.length, 0);
  return Buffer.concat([Buffer.from('0123456789abcdef'), len, msg, Buffer.from(appid)]);
}

function pkcs7(data: Buffer, block: number): Buffer {
  const pad = block - (data.length % block);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

function codeOf(fn: () => unknown): WechatErrorCode | 'no error' | 'untyped error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return isWechatError(error) ? error.code : 'untyped error';
  }
}

describe('key derivation (§6.2)', () => {
  it('decodes the 43-character key to the §6.9 AES key and IV', () => {
    const { key, iv } = deriveAesKey(KEY);
    expect(key.toString('hex')).toBe(VECTOR.aesKeyHex);
    expect(iv.toString('hex')).toBe(VECTOR.ivHex);
  });

  it('refuses keys of the wrong shape', () => {
    for (const bad of ['', KEY.slice(1), KEY + 'A', KEY.slice(0, 42) + '+', KEY.slice(0, 42) + '=']) {
      expect(
        codeOf(() => deriveAesKey(bad)),
        bad,
      ).toBe('wechat.aes_key_invalid');
    }
  });

  it('generates canonical keys that survive a strict base64 round trip', () => {
    for (let i = 0; i < 20; i++) {
      const k = newEncodingAesKey();
      expect(k).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(isCanonicalEncodingAesKey(k)).toBe(true);
      expect(Buffer.from(k + '=', 'base64').toString('base64')).toBe(k + '=');
    }
    expect(isCanonicalEncodingAesKey(KEY)).toBe(true);
    expect(isCanonicalEncodingAesKey(KEY.slice(0, 42) + 'B')).toBe(false);
  });
});

describe('encryptMessage (§6.3–§6.4)', () => {
  it('reproduces the §6.9 push ciphertext byte for byte', () => {
    expect(encryptMessage(VECTOR.push.innerXml, APPID, KEY, VECTOR.push.random)).toBe(VECTOR.push.encrypt);
  });

  it('reproduces the §6.9 reply ciphertext byte for byte', () => {
    expect(encryptMessage(VECTOR.reply.innerXml, APPID, KEY, Buffer.from(VECTOR.reply.random))).toBe(VECTOR.reply.encrypt);
  });

  it('pads to 32-byte blocks: 315 → 320 bytes, and an aligned plaintext gets a whole extra block', () => {
    expect(Buffer.from(VECTOR.push.encrypt, 'base64')).toHaveLength(320);
    // 16 + 4 + 282 + 18 = 320: already aligned, so 32 bytes of 0x20 are added.
    const aligned = encryptMessage('x'.repeat(282), APPID, KEY);
    expect(Buffer.from(aligned, 'base64')).toHaveLength(352);
    expect(decryptMessage(aligned, KEY, APPID).xml).toBe('x'.repeat(282));
  });

  it('counts the message length in UTF-8 bytes, not characters', () => {
    const plain = decryptMessage(VECTOR.push.encrypt, KEY);
    expect(Buffer.byteLength(plain.xml)).toBe(277);
    expect(plain.xml.length).toBeLessThan(277);
  });

  it('uses 16 random alphanumerics by default and differs on every call', () => {
    const a = decryptMessage(encryptMessage('<xml/>', APPID, KEY), KEY);
    const b = decryptMessage(encryptMessage('<xml/>', APPID, KEY), KEY);
    expect(a.random.toString('latin1')).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.random.equals(b.random)).toBe(false);
  });

  it('refuses a random prefix that is not 16 bytes', () => {
    expect(codeOf(() => encryptMessage('<xml/>', APPID, KEY, 'short'))).toBe('wechat.encrypt_failed');
  });
});

describe('decryptMessage', () => {
  it('opens both §6.9 ciphertexts into (random, inner XML, AppID)', () => {
    const push = decryptMessage(VECTOR.push.encrypt, KEY, APPID);
    expect(push).toEqual({ xml: VECTOR.push.innerXml, appid: APPID, random: Buffer.from(VECTOR.push.random) });
    const reply = decryptMessage(VECTOR.reply.encrypt, KEY, APPID);
    expect(reply.xml).toBe(VECTOR.reply.innerXml);
    expect(reply.random.toString()).toBe(VECTOR.reply.random);
  });

  it('round-trips CJK, emoji and an empty message', () => {
    for (const xml of ['', '<xml><Content><![CDATA[你好 👋]]></Content></xml>', 'a'.repeat(5000)]) {
      expect(decryptMessage(encryptMessage(xml, APPID, KEY), KEY, APPID).xml).toBe(xml);
    }
  });

  it('refuses a ciphertext for another AppID', () => {
    const other = encryptMessage('<xml/>', 'wx0000000000000000', KEY);
    expect(codeOf(() => decryptMessage(other, KEY, APPID))).toBe('wechat.appid_mismatch');
    // Without an expected AppID the trailer is simply reported.
    expect(decryptMessage(other, KEY).appid).toBe('wx0000000000000000');
  });

  it('trims whitespace around the AppID trailer, as EasyWeChat does', () => {
    const encrypt = rawEncrypt(pkcs7(frame('<xml/>', ` ${APPID}\n`), 32));
    expect(decryptMessage(encrypt, KEY, APPID).appid).toBe(APPID);
  });

  it('accepts 16-byte PKCS#7 padding too (§6.4)', () => {
    const encrypt = rawEncrypt(pkcs7(frame('<xml><A>1</A></xml>', APPID), 16));
    expect(decryptMessage(encrypt, KEY, APPID).xml).toBe('<xml><A>1</A></xml>');
  });

  it('fails with a typed error, never a crash, for a ciphertext made with another key', () => {
    const encrypt = encryptMessage(VECTOR.push.innerXml, APPID, KEY);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const wrongKey = randomBytes(32)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, 'A')
        .slice(0, 43);
      const code = codeOf(() => decryptMessage(encrypt, wrongKey, APPID));
      seen.add(code);
    }
    expect([...seen].every((c) => c.startsWith('wechat.'))).toBe(true);
  });

  it('names each kind of damage', () => {
    expect(codeOf(() => decryptMessage('not base64!!', KEY))).toBe('wechat.base64_invalid');
    expect(codeOf(() => decryptMessage('', KEY))).toBe('wechat.base64_invalid');
    expect(codeOf(() => decryptMessage('QUJD', KEY))).toBe('wechat.decrypt_failed'); // 3 bytes: not a whole block
    expect(codeOf(() => decryptMessage(VECTOR.push.encrypt, 'A'.repeat(42)))).toBe('wechat.aes_key_invalid');
    // Last byte 0x00 / 0x21 (outside 1…32) and inconsistent pad bytes.
    expect(codeOf(() => decryptMessage(rawEncrypt(Buffer.concat([frame('<xml/>', APPID), Buffer.alloc(20, 0)])), KEY))).toBe(
      'wechat.padding_invalid',
    );
    expect(codeOf(() => decryptMessage(rawEncrypt(Buffer.alloc(64, 0x21)), KEY))).toBe('wechat.padding_invalid');
    const skewed = pkcs7(frame('<xml/>', APPID), 32);
    skewed[skewed.length - 2] = 0;
    expect(codeOf(() => decryptMessage(rawEncrypt(skewed), KEY))).toBe('wechat.padding_invalid');
    // A length field larger than what follows, and a payload shorter than its header.
    expect(codeOf(() => decryptMessage(rawEncrypt(pkcs7(frame('<xml/>', APPID, 4096), 32)), KEY))).toBe('wechat.length_invalid');
    expect(codeOf(() => decryptMessage(rawEncrypt(pkcs7(Buffer.from('tiny'), 32)), KEY))).toBe('wechat.length_invalid');
    // Bytes that are not UTF-8.
    const notUtf8 = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 2, 0xc3, 0x28]), Buffer.from(APPID)]);
    expect(codeOf(() => decryptMessage(rawEncrypt(pkcs7(notUtf8, 32)), KEY))).toBe('wechat.plaintext_invalid');
  });

  it('tolerates line breaks inside the base64 (chunked encoders)', () => {
    const chunked = VECTOR.push.encrypt.replace(/(.{76})/g, '$1\r\n');
    expect(decryptMessage(chunked, KEY, APPID).xml).toBe(VECTOR.push.innerXml);
  });

  it('carries the official sample-code constant on its errors (§6.8)', () => {
    try {
      decryptMessage(encryptMessage('<xml/>', 'wx0000000000000000', KEY), KEY, APPID);
      expect.unreachable();
    } catch (error) {
      expect(isWechatError(error, 'wechat.appid_mismatch') && error.errcode).toBe(-40005);
    }
  });
});
