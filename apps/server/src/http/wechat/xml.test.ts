import { describe, expect, it } from 'vitest';
import { isWechatError, type WechatErrorCode } from './errors';
import { bare, buildXml, cdata, childElement, childElements, childText, parseXml, sanitizeXmlText, type XmlElement } from './xml';

const LIMIT = { maxBytes: 64 * 1024 };

function codeOf(fn: () => unknown): WechatErrorCode | 'no error' | 'untyped error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return isWechatError(error) ? error.code : 'untyped error';
  }
}

/** Leaf texts of the root, for compact assertions. */
function leaves(root: XmlElement): Record<string, string> {
  return Object.fromEntries(root.children.filter((c) => c.children.length === 0).map((c) => [c.name, c.text]));
}

describe('buildXml', () => {
  it('writes the §3 location example exactly: CDATA strings, bare numbers, no whitespace', () => {
    const xml = buildXml({
      ToUserName: 'gh_a1b2c3d4e5f6',
      FromUserName: 'oAbCdEfGhIjKlMnOpQrStUvWx012',
      CreateTime: 1700000000,
      MsgType: 'location',
      Location_X: 31.230416,
      Location_Y: 121.473701,
      Scale: 15,
      Label: "People's Square, Shanghai",
      MsgId: bare('24300000000000002'),
    });
    expect(xml).toBe(
      "<xml><ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><FromUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>31.230416</Location_X><Location_Y>121.473701</Location_Y><Scale>15</Scale><Label><![CDATA[People's Square, Shanghai]]></Label><MsgId>24300000000000002</MsgId></xml>",
    );
  });

  it('writes a 64-bit MsgId given as text exactly, and refuses an unsafe JS number', () => {
    expect(buildXml({ MsgId: bare('6075283943937494502') })).toBe('<xml><MsgId>6075283943937494502</MsgId></xml>');
    expect(buildXml({ MsgId: 6075283943937494502n })).toBe('<xml><MsgId>6075283943937494502</MsgId></xml>');
    // A JS number above 2^53 has already lost digits: refuse it rather than write the rounded value.
    expect(codeOf(() => buildXml({ MsgId: 2 ** 62 }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => buildXml({ X: Number.NaN }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => bare('1e5'))).toBe('wechat.argument_invalid');
    expect(codeOf(() => bare(' 12'))).toBe('wechat.argument_invalid');
  });

  it('splits "]]>" across two CDATA sections so the text survives a round trip', () => {
    const text = 'a]]>b ]]]]> <![CDATA[x]]>';
    const xml = buildXml({ Content: text });
    expect(xml).toBe('<xml><Content>' + cdata(text) + '</Content></xml>');
    expect(xml.match(/\]\]>/g)?.length).toBe(4); // three split points plus the final closer
    expect(childText(parseXml(xml, LIMIT), 'Content')).toBe(text);
  });

  it('writes nested elements and repeated items for news articles', () => {
    const xml = buildXml({
      ArticleCount: 2,
      Articles: { item: [{ Title: 'A', Url: 'https://a' }, { Title: 'B' }] },
      Empty: {},
      Skipped: undefined,
    });
    expect(xml).toBe(
      '<xml><ArticleCount>2</ArticleCount><Articles><item><Title><![CDATA[A]]></Title><Url><![CDATA[https://a]]></Url></item><item><Title><![CDATA[B]]></Title></item></Articles><Empty></Empty></xml>',
    );
  });

  it('writes an empty string as empty CDATA (plain follow EventKey)', () => {
    expect(buildXml({ EventKey: '' })).toBe('<xml><EventKey><![CDATA[]]></EventKey></xml>');
  });

  it('refuses characters XML 1.0 cannot carry, bad element names and nested lists', () => {
    expect(codeOf(() => buildXml({ Content: 'bell\u0007' }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => buildXml({ Content: 'half \uD83D surrogate' }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => buildXml({ 'bad name': 'x' }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => buildXml({ '1st': 'x' }))).toBe('wechat.xml_build_failed');
    expect(codeOf(() => buildXml({ L: [['x']] as unknown as string[] }))).toBe('wechat.xml_build_failed');
    // Tabs, newlines, emoji are fine; sanitizeXmlText removes only what is illegal.
    expect(buildXml({ Content: 'a\tb\nc 👋' })).toContain('a\tb\nc 👋');
    expect(sanitizeXmlText('ok\u0000\u0007 \uD83D👋')).toBe('ok 👋');
  });
});

describe('parseXml', () => {
  it('reads what buildXml writes', () => {
    const root = parseXml(buildXml({ A: 'x', B: 1, C: { item: [{ D: 'd1' }, { D: 'd2' }] } }), LIMIT);
    expect(root.name).toBe('xml');
    expect(leaves(root)).toEqual({ A: 'x', B: '1' });
    const c = childElement(root, 'C');
    expect(c && childElements(c, 'item').map((i) => childText(i, 'D'))).toEqual(['d1', 'd2']);
  });

  it('keeps a 64-bit MsgId and a millisecond time exactly as text', () => {
    const root = parseXml('<xml><MsgId>6075283943937494502</MsgId><CreateTime>1700000000123</CreateTime></xml>', LIMIT);
    expect(childText(root, 'MsgId')).toBe('6075283943937494502');
    expect(childText(root, 'CreateTime')).toBe('1700000000123');
  });

  it('is lenient about form (§5.5): declaration, BOM, whitespace, comments, plain text, any order', () => {
    const pretty = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<xml>
  <MsgType><![CDATA[text]]></MsgType>
  <Content>
    <![CDATA[  two  spaces  ]]>
  </Content>
  <ToUserName>oUser</ToUserName>
  <Url>https://x.example/?a=1&amp;b=&#20320;&#x597D;</Url>
  <Empty/>
</xml>
`;
    const root = parseXml(pretty, LIMIT);
    expect(leaves(root)).toEqual({
      MsgType: 'text',
      Content: '  two  spaces  ',
      ToUserName: 'oUser',
      Url: 'https://x.example/?a=1&b=你好',
      Empty: '',
    });
  });

  it('does not decode entities inside CDATA', () => {
    expect(childText(parseXml('<xml><C><![CDATA[&amp; <b>]]></C></xml>', LIMIT), 'C')).toBe('&amp; <b>');
  });

  it('accepts text that merely mentions DOCTYPE inside CDATA', () => {
    const root = parseXml('<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x "y">]]></Content></xml>', LIMIT);
    expect(childText(root, 'Content')).toBe('<!DOCTYPE html><!ENTITY x "y">');
  });

  it('refuses an entity bomb and external entities before parsing', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>';
    expect(codeOf(() => parseXml(laughs, LIMIT))).toBe('wechat.xml_doctype');
    const xxe = '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>';
    expect(codeOf(() => parseXml(xxe, LIMIT))).toBe('wechat.xml_doctype');
    expect(codeOf(() => parseXml('<!doctype xml><xml/>', LIMIT))).toBe('wechat.xml_doctype');
    expect(codeOf(() => parseXml('<xml><!ENTITY a "b"><A>&a;</A></xml>', LIMIT))).toBe('wechat.xml_doctype');
    expect(codeOf(() => parseXml('<xml><A>&undefined;</A></xml>', LIMIT))).not.toBe('untyped error');
  });

  it('refuses input over the byte limit, counting UTF-8 bytes', () => {
    const xml = `<xml><C><![CDATA[${'你'.repeat(100)}]]></C></xml>`; // 300 bytes of text, ~100 characters
    expect(codeOf(() => parseXml(xml, { maxBytes: 200 }))).toBe('wechat.xml_too_large');
    expect(codeOf(() => parseXml(Buffer.from(xml), { maxBytes: 200 }))).toBe('wechat.xml_too_large');
    expect(childText(parseXml(Buffer.from(xml), { maxBytes: 400 }), 'C')).toBe('你'.repeat(100));
  });

  it('refuses other roots, several roots, garbage and broken XML with typed errors', () => {
    const cases: [string, WechatErrorCode][] = [
      ['<XML><A>1</A></XML>', 'wechat.xml_root'],
      ['<root><A>1</A></root>', 'wechat.xml_root'],
      ['<xml><A>1</A></xml><xml><A>2</A></xml>', 'wechat.xml_invalid'], // the validator already refuses two roots
      ['', 'wechat.xml_invalid'],
      ['success', 'wechat.xml_invalid'],
      ['{"errcode":0}', 'wechat.xml_invalid'],
      ['<xml><A>unclosed</xml>', 'wechat.xml_invalid'],
      ['<xml><A>1</A></xml>trailing', 'wechat.xml_invalid'],
      ['<xml><![CDATA[unterminated</xml>', 'wechat.xml_invalid'],
      ['<xml><__proto__>1</__proto__></xml>', 'wechat.xml_invalid'],
      [`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`, 'wechat.xml_root'],
      [`<xml>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</xml>`, 'wechat.xml_invalid'],
    ];
    for (const [input, code] of cases)
      expect(
        codeOf(() => parseXml(input, LIMIT)),
        input.slice(0, 40),
      ).toBe(code);
    expect(codeOf(() => parseXml(Buffer.from([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0x3c]), LIMIT))).toBe('wechat.xml_invalid');
  });

  it('keeps elements it does not know (callers ignore them)', () => {
    const root = parseXml('<xml><FuncFlag>0</FuncFlag><A>1</A></xml>', LIMIT);
    expect(root.children.map((c) => c.name)).toEqual(['FuncFlag', 'A']);
  });

  it('childText is undefined for a missing element or one with children', () => {
    const root = parseXml('<xml><Image><MediaId>m</MediaId></Image></xml>', LIMIT);
    expect(childText(root, 'Nope')).toBeUndefined();
    expect(childText(root, 'Image')).toBeUndefined();
  });
});
