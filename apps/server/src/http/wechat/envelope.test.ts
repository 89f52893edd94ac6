import { describe, expect, it } from 'vitest';
import { decryptMessage, encryptMessage } from './aes-crypto';
import {
  appendQuery,
  buildEncryptedReply,
  buildPush,
  checkEchoAnswer,
  openEncryptedReply,
  pushQuery,
  verificationQuery,
} from './envelope';
import { isWechatError, type WechatErrorCode } from './errors';
import { textMessage } from './messages';
import { msgSignature, verifyMsgSignature, verifySha1Signature } from './signature';
import { VECTOR, VECTOR_REPLY_BODY } from './spec-vectors';
import { childText, parseXml } from './xml';

const { token, encodingAesKey, appid, push, reply } = VECTOR;
const OPEN = { token, appid, encodingAesKey, maxBytes: 64 * 1024 };

function codeOf(fn: () => unknown): WechatErrorCode | 'no error' | 'untyped error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return isWechatError(error) ? error.code : 'untyped error';
  }
}

/** The §6.9 inner message, built rather than copied. */
const fields = textMessage({
  toUserName: 'gh_a1b2c3d4e5f6',
  fromUserName: push.openid,
  createTime: 1700000000,
  content: 'hello 你好',
  msgId: '24300000000000001',
});

function params(query: string): string[] {
  return [...new URLSearchParams(query).keys()];
}

describe('URL verification GET (§1)', () => {
  it('carries signature, timestamp, nonce and echostr only', () => {
    const q = verificationQuery({ token, timestamp: push.timestamp, nonce: push.nonce, echostr: '4375120948345356249' });
    expect(q).toBe(`signature=${push.signature}&timestamp=1700000000&nonce=1357924680&echostr=4375120948345356249`);
    expect(params(q)).not.toContain('encrypt_type');
  });

  it('refuses empty parameters (WxJava cannot sign them)', () => {
    expect(codeOf(() => verificationQuery({ token, timestamp: '1', nonce: '2', echostr: '' }))).toBe('wechat.argument_invalid');
  });

  it('accepts the echo exactly, or after trimming whitespace with a flag for the log', () => {
    expect(checkEchoAnswer('4375120948345356249', '4375120948345356249')).toEqual({ verified: true, trimmed: false });
    expect(checkEchoAnswer('4375120948345356249\n', '4375120948345356249')).toEqual({ verified: true, trimmed: true });
    expect(checkEchoAnswer('"4375120948345356249"', '4375120948345356249').verified).toBe(false);
    expect(checkEchoAnswer('', '4375120948345356249').verified).toBe(false);
  });
});

describe('push query (§2.1)', () => {
  const common = { token, timestamp: push.timestamp, nonce: push.nonce, openid: push.openid };

  it('plaintext mode: signature, timestamp, nonce, openid — and no encrypt_type', () => {
    const q = pushQuery({ ...common, mode: 'plain' });
    expect(params(q)).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
    expect(verifySha1Signature(token, push.timestamp, push.nonce, new URLSearchParams(q).get('signature'))).toBe(true);
  });

  it('compatible and safe mode add encrypt_type=aes and msg_signature (the §6.9 request)', () => {
    expect(pushQuery({ ...common, mode: 'safe', encrypt: push.encrypt })).toBe(push.query);
    expect(pushQuery({ ...common, mode: 'compatible', encrypt: push.encrypt })).toBe(push.query);
  });

  it('refuses an Encrypt that does not fit the mode and an empty openid', () => {
    expect(codeOf(() => pushQuery({ ...common, mode: 'safe' }))).toBe('wechat.argument_invalid');
    expect(codeOf(() => pushQuery({ ...common, mode: 'plain', encrypt: 'x' }))).toBe('wechat.argument_invalid');
    expect(codeOf(() => pushQuery({ ...common, openid: '', mode: 'plain' }))).toBe('wechat.argument_invalid');
  });

  it('appends to a developer URL with or without its own query', () => {
    expect(appendQuery('https://dev.example/wx', 'a=1')).toBe('https://dev.example/wx?a=1');
    expect(appendQuery('https://dev.example/wx?app=3', 'a=1')).toBe('https://dev.example/wx?app=3&a=1');
    expect(appendQuery('https://dev.example/wx?', 'a=1')).toBe('https://dev.example/wx?a=1');
    expect(appendQuery('https://dev.example/wx#frag', 'a=1')).toBe('https://dev.example/wx?a=1');
  });
});

describe('buildPush (§6.6)', () => {
  const base = { token, appid, encodingAesKey, fields, openid: push.openid, timestamp: push.timestamp, nonce: push.nonce };

  it('safe mode reproduces the §6.9 request: query, ToUserName + Encrypt body', () => {
    const built = buildPush({ ...base, mode: 'safe', random: push.random });
    expect(built.plainXml).toBe(push.innerXml);
    expect(built.encrypt).toBe(push.encrypt);
    expect(built.query).toBe(push.query);
    expect(built.body).toBe(
      `<xml><ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><Encrypt><![CDATA[${push.encrypt}]]></Encrypt></xml>`,
    );
  });

  it('compatible mode keeps every plaintext field and appends Encrypt last', () => {
    const built = buildPush({ ...base, mode: 'compatible', random: push.random });
    expect(built.body).toBe(push.innerXml.replace('</xml>', `<Encrypt><![CDATA[${push.encrypt}]]></Encrypt></xml>`));
    const root = parseXml(built.body, { maxBytes: 64 * 1024 });
    expect(root.children.at(-1)?.name).toBe('Encrypt');
    expect(childText(root, 'MsgId')).toBe('24300000000000001');
  });

  it('plaintext mode sends the message as is', () => {
    const built = buildPush({ ...base, mode: 'plain', encodingAesKey: null });
    expect(params(built.query)).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
    expect(built.body).toBe(push.innerXml);
    expect(built.encrypt).toBeUndefined();
  });

  it('a developer following the spec can verify and decrypt what we send', () => {
    const built = buildPush({ ...base, mode: 'safe' });
    const q = new URLSearchParams(built.query);
    const encrypt = childText(parseXml(built.body, { maxBytes: 4096 }), 'Encrypt') ?? '';
    expect(verifyMsgSignature(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt, q.get('msg_signature'))).toBe(true);
    expect(decryptMessage(encrypt, encodingAesKey, appid).xml).toBe(push.innerXml);
  });

  it('refuses encrypted modes without a key', () => {
    expect(codeOf(() => buildPush({ ...base, mode: 'safe', encodingAesKey: null }))).toBe('wechat.argument_invalid');
  });
});

describe('encrypted reply (§6.7)', () => {
  it('opens the §6.9 reply into its inner XML', () => {
    expect(openEncryptedReply(VECTOR_REPLY_BODY, OPEN)).toEqual({
      xml: reply.innerXml,
      timestamp: reply.timestamp,
      nonce: reply.nonce,
    });
  });

  it('buildEncryptedReply reproduces the §6.9 reply envelope', () => {
    const body = buildEncryptedReply({
      token,
      appid,
      encodingAesKey,
      replyXml: reply.innerXml,
      timestamp: reply.timestamp,
      nonce: reply.nonce,
      random: reply.random,
    });
    expect(body).toBe(VECTOR_REPLY_BODY);
  });

  it('accepts millisecond timestamps, a reused request nonce, newlines and any order (§5.5)', () => {
    const timestamp = '1700000001234';
    const encrypt = encryptMessage(reply.innerXml, appid, encodingAesKey);
    const signature = msgSignature(token, timestamp, push.nonce, encrypt);
    const body = `<xml>\n<Nonce>${push.nonce}</Nonce>\n<TimeStamp>${timestamp}</TimeStamp>\n<MsgSignature>${signature}</MsgSignature>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`;
    expect(openEncryptedReply(body, OPEN).xml).toBe(reply.innerXml);
  });

  it('refuses a bad signature, another AppID, missing fields and garbage with typed errors', () => {
    const tampered = VECTOR_REPLY_BODY.replace(reply.msgSignature, reply.msgSignature.replace(/^9/, '8'));
    expect(codeOf(() => openEncryptedReply(tampered, OPEN))).toBe('wechat.signature_mismatch');
    expect(codeOf(() => openEncryptedReply(VECTOR_REPLY_BODY, { ...OPEN, token: 'other' }))).toBe('wechat.signature_mismatch');

    const foreign = buildEncryptedReply({
      token,
      appid: 'wx0000000000000000',
      encodingAesKey,
      replyXml: '<xml/>',
      timestamp: '1',
      nonce: '2',
    });
    expect(codeOf(() => openEncryptedReply(foreign, OPEN))).toBe('wechat.appid_mismatch');

    const wrongKey = buildEncryptedReply({
      token,
      appid,
      encodingAesKey: 'B'.repeat(43),
      replyXml: '<xml/>',
      timestamp: '1',
      nonce: '2',
    });
    expect(codeOf(() => openEncryptedReply(wrongKey, OPEN))).toMatch(/^wechat\.(padding|length|plaintext|appid)_/);

    expect(codeOf(() => openEncryptedReply(VECTOR_REPLY_BODY.replace(/<Nonce>.*<\/Nonce>/, ''), OPEN))).toBe(
      'wechat.envelope_invalid',
    );
    expect(codeOf(() => openEncryptedReply('<xml><Encrypt><![CDATA[]]></Encrypt></xml>', OPEN))).toBe('wechat.envelope_invalid');

    const garbage = 'not*base64';
    const signed = `<xml><Encrypt>${garbage}</Encrypt><MsgSignature>${msgSignature(token, '1', '2', garbage)}</MsgSignature><TimeStamp>1</TimeStamp><Nonce>2</Nonce></xml>`;
    expect(codeOf(() => openEncryptedReply(signed, OPEN))).toBe('wechat.base64_invalid');
    expect(codeOf(() => openEncryptedReply('garbage', OPEN))).toBe('wechat.xml_invalid');
  });
});
