import { describe, expect, it } from 'vitest';
import { isWechatError } from './errors';
import {
  imageMessage,
  linkMessage,
  locationMessage,
  shortVideoMessage,
  textMessage,
  u64,
  videoMessage,
  voiceMessage,
} from './messages';
import { VECTOR } from './spec-vectors';
import { buildXml, childText, parseXml } from './xml';

const h = { toUserName: 'gh_a1b2c3d4e5f6', fromUserName: 'oAbCdEfGhIjKlMnOpQrStUvWx012', createTime: 1700000000 };
const HEAD =
  '<ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><FromUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></FromUserName><CreateTime>1700000000</CreateTime>';

function code(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return isWechatError(error) ? error.code : 'untyped error';
  }
}

describe('ordinary messages (§3)', () => {
  it('text reproduces the §6.9 inner XML exactly', () => {
    expect(buildXml(textMessage({ ...h, content: 'hello 你好', msgId: '24300000000000001' }))).toBe(VECTOR.push.innerXml);
  });

  it('location reproduces the §3 example exactly (bare coordinates and Scale, CDATA Label)', () => {
    const xml = buildXml(
      locationMessage({
        ...h,
        latitude: 31.230416,
        longitude: 121.473701,
        scale: 15,
        label: "People's Square, Shanghai",
        msgId: '24300000000000002',
      }),
    );
    expect(xml).toBe(
      `<xml>${HEAD}<MsgType><![CDATA[location]]></MsgType><Location_X>31.230416</Location_X><Location_Y>121.473701</Location_Y><Scale>15</Scale><Label><![CDATA[People's Square, Shanghai]]></Label><MsgId>24300000000000002</MsgId></xml>`,
    );
  });

  it('writes each type with its fields in the spec order, MsgId after them', () => {
    const id = { msgId: '1' };
    const names = (fields: object) => Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined);
    const common = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType'];
    expect(names(imageMessage({ ...h, ...id, picUrl: 'p', mediaId: 'm' }))).toEqual([...common, 'PicUrl', 'MediaId', 'MsgId']);
    expect(names(voiceMessage({ ...h, ...id, mediaId: 'm', format: 'amr' }))).toEqual([...common, 'MediaId', 'Format', 'MsgId']);
    expect(names(voiceMessage({ ...h, ...id, mediaId: 'm', format: 'amr', recognition: '你好' }))).toEqual([
      ...common,
      'MediaId',
      'Format',
      'Recognition',
      'MsgId',
    ]);
    expect(names(videoMessage({ ...h, ...id, mediaId: 'm', thumbMediaId: 't' }))).toEqual([
      ...common,
      'MediaId',
      'ThumbMediaId',
      'MsgId',
    ]);
    expect(names(linkMessage({ ...h, ...id, title: 't', description: 'd', url: 'u' }))).toEqual([
      ...common,
      'Title',
      'Description',
      'Url',
      'MsgId',
    ]);
    expect(shortVideoMessage({ ...h, ...id, mediaId: 'm', thumbMediaId: 't' }).MsgType).toBe('shortvideo');
    expect(videoMessage({ ...h, ...id, mediaId: 'm', thumbMediaId: 't' }).MsgType).toBe('video');
  });

  it('adds MsgDataId and Idx after MsgId for messages from an article', () => {
    const xml = buildXml(textMessage({ ...h, content: 'x', msgId: '7', msgDataId: '2247483658', idx: 2 }));
    expect(xml).toContain('<MsgId>7</MsgId><MsgDataId><![CDATA[2247483658]]></MsgDataId><Idx>2</Idx></xml>');
  });

  it('adds bizmsgmenuid after MsgId for a tap on a customer-service menu item', () => {
    expect(buildXml(textMessage({ ...h, content: '满意', msgId: '8', bizmsgmenuid: '101' }))).toContain(
      '<Content><![CDATA[满意]]></Content><MsgId>8</MsgId><bizmsgmenuid>101</bizmsgmenuid></xml>',
    );
    expect(buildXml(textMessage({ ...h, content: 'x', msgId: '8', bizmsgmenuid: 'a<b' }))).toContain(
      '<bizmsgmenuid><![CDATA[a<b]]></bizmsgmenuid>',
    );
    expect(buildXml(textMessage({ ...h, content: 'x', msgId: '8' }))).not.toContain('bizmsgmenuid');
  });

  it('keeps a 64-bit MsgId exact through build and parse', () => {
    const xml = buildXml(textMessage({ ...h, content: 'x', msgId: '6075283943937494502' }));
    expect(xml).toContain('<MsgId>6075283943937494502</MsgId>');
    expect(childText(parseXml(xml, { maxBytes: 4096 }), 'MsgId')).toBe('6075283943937494502');
    expect(u64('18446744073709551615').text).toBe('18446744073709551615');
  });

  it('refuses ids that are not unsigned 64-bit decimals and times that are not whole seconds', () => {
    for (const bad of ['', '-1', '01', '1e5', '18446744073709551616', '6075283943937494502.0', ' 7']) {
      expect(
        code(() => textMessage({ ...h, content: 'x', msgId: bad })),
        bad,
      ).toBe('wechat.argument_invalid');
    }
    expect(code(() => textMessage({ ...h, createTime: 1.5, content: 'x', msgId: '1' }))).toBe('wechat.argument_invalid');
    expect(code(() => textMessage({ ...h, createTime: -1, content: 'x', msgId: '1' }))).toBe('wechat.argument_invalid');
  });
});
