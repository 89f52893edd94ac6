import { describe, expect, it } from 'vitest';
import { buildEncryptedReply } from './envelope';
import { isWechatError } from './errors';
import { newsArticleLimit, parseReply, readReplyBody, type PassiveReply, type ReplyOutcome } from './reply';
import { VECTOR, VECTOR_REPLY_BODY } from './spec-vectors';
import { buildXml, parseXml } from './xml';

const LIMIT = { maxBytes: 64 * 1024 };
const SECRETS = { token: VECTOR.token, appid: VECTOR.appid, encodingAesKey: VECTOR.encodingAesKey, ...LIMIT };
const HEAD =
  '<ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_a1b2c3d4e5f6]]></FromUserName><CreateTime>1700000001</CreateTime>';
const header = { toUserName: 'oUser', fromUserName: 'gh_a1b2c3d4e5f6', createTime: '1700000001' };

function parse(body: string, articleLimit?: number): PassiveReply {
  return parseReply(parseXml(body, LIMIT), articleLimit === undefined ? {} : { articleLimit });
}

function failure(fn: () => unknown): { code: string; reason?: unknown; field?: unknown } {
  try {
    fn();
  } catch (error) {
    if (isWechatError(error)) return { code: error.code, reason: error.details?.reason, field: error.details?.field };
    return { code: 'untyped error' };
  }
  return { code: 'no error' };
}

function reply(outcome: ReplyOutcome): PassiveReply | undefined {
  return outcome.kind === 'reply' ? outcome.reply : undefined;
}

function news(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><Title><![CDATA[T${i}]]></Title><Description><![CDATA[D${i}]]></Description><PicUrl><![CDATA[https://p/${i}]]></PicUrl><Url><![CDATA[https://u/${i}]]></Url></item>`,
  );
  return `<xml>${HEAD}<MsgType><![CDATA[news]]></MsgType><ArticleCount>${count}</ArticleCount><Articles>${items.join('')}</Articles></xml>`;
}

describe('parseReply (§5.1)', () => {
  it('reads every reply kind', () => {
    const cases: [string, PassiveReply][] = [
      [
        '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi\nthere]]></Content>',
        { ...header, msgType: 'text', content: 'hi\nthere' },
      ],
      [
        '<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image>',
        { ...header, msgType: 'image', mediaId: 'm1' },
      ],
      [
        '<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[m2]]></MediaId></Voice>',
        { ...header, msgType: 'voice', mediaId: 'm2' },
      ],
      [
        '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId><Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description></Video>',
        { ...header, msgType: 'video', mediaId: 'm3', title: 'T', description: 'D' },
      ],
      [
        '<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description><MusicUrl><![CDATA[https://m]]></MusicUrl><HQMusicUrl><![CDATA[https://hq]]></HQMusicUrl><ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music>',
        {
          ...header,
          msgType: 'music',
          title: 'T',
          description: 'D',
          musicUrl: 'https://m',
          hqMusicUrl: 'https://hq',
          thumbMediaId: 'th',
        },
      ],
      [
        '<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>',
        { ...header, msgType: 'transfer_customer_service', kfAccount: 'test1@test' },
      ],
      [
        '<MsgType><![CDATA[transfer_customer_service]]></MsgType>',
        { ...header, msgType: 'transfer_customer_service', kfAccount: undefined },
      ],
    ];
    for (const [body, expected] of cases) expect(parse(`<xml>${HEAD}${body}</xml>`)).toEqual(expected);
  });

  it('reads the §5.1 news example', () => {
    const xml =
      '<xml><ToUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></ToUserName><FromUserName><![CDATA[gh_a1b2c3d4e5f6]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[Welcome]]></Title><Description><![CDATA[Start here]]></Description><PicUrl><![CDATA[https://cdn.example/cover.jpg]]></PicUrl><Url><![CDATA[https://example.com/start]]></Url></item></Articles></xml>';
    expect(parse(xml)).toMatchObject({
      msgType: 'news',
      articles: [
        {
          title: 'Welcome',
          description: 'Start here',
          picUrl: 'https://cdn.example/cover.jpg',
          url: 'https://example.com/start',
        },
      ],
      droppedArticles: 0,
      declaredCount: '1',
    });
  });

  it('accepts music without ThumbMediaId (node-webot omits it) and video without Title', () => {
    expect(parse(`<xml>${HEAD}<MsgType>music</MsgType><Music><MusicUrl>https://m</MusicUrl></Music></xml>`)).toMatchObject({
      msgType: 'music',
      musicUrl: 'https://m',
      thumbMediaId: undefined,
    });
    expect(parse(`<xml>${HEAD}<MsgType>video</MsgType><Video><MediaId>m</MediaId></Video></xml>`)).toMatchObject({
      title: undefined,
    });
  });

  it('keeps an empty Content as a text reply (it is not the "success" acknowledgement)', () => {
    expect(parse(`<xml>${HEAD}<MsgType>text</MsgType><Content><![CDATA[]]></Content></xml>`)).toMatchObject({ content: '' });
  });
});

describe('leniency (§5.5)', () => {
  it('wechatpy style: one element per line, MsgType first, no CDATA on numbers', () => {
    const xml = `<xml>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[hello]]></Content>
<ToUserName><![CDATA[oUser]]></ToUserName>
<FromUserName><![CDATA[gh_a1b2c3d4e5f6]]></FromUserName>
<CreateTime>1700000001</CreateTime>
</xml>`;
    expect(parse(xml)).toEqual({ ...header, msgType: 'text', content: 'hello' });
  });

  it('EasyWeChat style: declaration, plain text nodes with escaped entities, no CDATA', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><xml><ToUserName>oUser</ToUserName><FromUserName>gh_a1b2c3d4e5f6</FromUserName><CreateTime>1700000001</CreateTime><MsgType>text</MsgType><Content>a &lt;b&gt; &amp; c</Content></xml>';
    expect(parse(xml)).toMatchObject({ msgType: 'text', content: 'a <b> & c' });
  });

  it('node-webot style: millisecond CreateTime; FuncFlag and other unknown elements ignored', () => {
    const xml = `<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_a1b2c3d4e5f6]]></FromUserName><CreateTime>1700000001234</CreateTime><MsgType><![CDATA[news]]></MsgType><Content><![CDATA[]]></Content><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[t]]></Title></item></Articles><FuncFlag>0</FuncFlag></xml>`;
    expect(parse(xml)).toMatchObject({
      createTime: '1700000001234',
      articles: [{ title: 't', description: '', picUrl: '', url: '' }],
    });
  });

  it('accepts a reply without CreateTime', () => {
    const xml =
      '<xml><ToUserName>oUser</ToUserName><FromUserName>gh_x</FromUserName><MsgType>text</MsgType><Content>x</Content></xml>';
    expect(parse(xml)).toMatchObject({ createTime: undefined, content: 'x' });
  });
});

describe('news limits (§5.2)', () => {
  it('delivers at most 8 items by default, counting real items rather than ArticleCount', () => {
    const r = parse(news(10).replace('<ArticleCount>10</ArticleCount>', '<ArticleCount>3</ArticleCount>'));
    expect(r.msgType === 'news' && r.articles.map((a) => a.title)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
    expect(r).toMatchObject({ droppedArticles: 2, declaredCount: '3' });
  });

  it('delivers one item when answering an ordinary message, as the limit parameter says', () => {
    expect(newsArticleLimit('text')).toBe(1);
    expect(newsArticleLimit('event')).toBe(8);
    const r = parse(news(3), newsArticleLimit('text'));
    expect(r).toMatchObject({ articles: [{ title: 'T0' }], droppedArticles: 2 });
    expect(parse(news(12), 10)).toMatchObject({ droppedArticles: 2 });
  });

  it('refuses news with no item at all', () => {
    expect(failure(() => parse(news(0)))).toEqual({ code: 'wechat.reply_invalid', reason: 'no_articles', field: 'Articles' });
  });
});

describe('invalid replies', () => {
  it('names the reason and the field for the ledger', () => {
    const cases: [string, { reason: string; field: string }][] = [
      ['<MsgType>Text</MsgType><Content>x</Content>', { reason: 'unknown_msg_type', field: 'MsgType' }],
      ['<MsgType>mpnews</MsgType>', { reason: 'unknown_msg_type', field: 'MsgType' }],
      ['<Content>x</Content>', { reason: 'missing_field', field: 'MsgType' }],
      ['<MsgType>text</MsgType>', { reason: 'missing_field', field: 'Content' }],
      ['<MsgType>image</MsgType><MediaId>m</MediaId>', { reason: 'missing_field', field: 'Image' }],
      ['<MsgType>image</MsgType><Image><MediaId></MediaId></Image>', { reason: 'missing_field', field: 'Image.MediaId' }],
      ['<MsgType>voice</MsgType><Voice/>', { reason: 'missing_field', field: 'Voice.MediaId' }],
      ['<MsgType>video</MsgType><Video><Title>t</Title></Video>', { reason: 'missing_field', field: 'Video.MediaId' }],
      ['<MsgType>music</MsgType>', { reason: 'missing_field', field: 'Music' }],
    ];
    for (const [body, expected] of cases) {
      expect(
        failure(() => parse(`<xml>${HEAD}${body}</xml>`)),
        body,
      ).toEqual({ code: 'wechat.reply_invalid', ...expected });
    }
    expect(failure(() => parse('<xml><MsgType>text</MsgType><Content>x</Content></xml>'))).toMatchObject({ field: 'ToUserName' });
  });
});

describe('readReplyBody (§5.4)', () => {
  it('treats empty, blank and "success" bodies as acknowledgements', () => {
    expect(readReplyBody('', SECRETS)).toEqual({ kind: 'none', reason: 'empty' });
    expect(readReplyBody(new Uint8Array(), SECRETS)).toEqual({ kind: 'none', reason: 'empty' });
    expect(readReplyBody(' \r\n', SECRETS)).toEqual({ kind: 'none', reason: 'blank' });
    for (const ok of ['success', 'SUCCESS', ' Success\n'])
      expect(readReplyBody(ok, SECRETS)).toEqual({ kind: 'none', reason: 'success' });
    expect(readReplyBody(Buffer.from('success'), SECRETS)).toEqual({ kind: 'none', reason: 'success' });
  });

  it('parses a plaintext reply given as text or bytes', () => {
    const body = `<xml>${HEAD}<MsgType>text</MsgType><Content>你好</Content></xml>`;
    expect(readReplyBody(body, SECRETS)).toEqual({
      kind: 'reply',
      encrypted: false,
      reply: { ...header, msgType: 'text', content: '你好' },
    });
    expect(reply(readReplyBody(Buffer.from(body), SECRETS))).toMatchObject({ content: '你好' });
  });

  it('verifies and decrypts the §6.9 encrypted reply', () => {
    expect(readReplyBody(VECTOR_REPLY_BODY, SECRETS)).toEqual({
      kind: 'reply',
      encrypted: true,
      reply: {
        toUserName: 'oAbCdEfGhIjKlMnOpQrStUvWx012',
        fromUserName: 'gh_a1b2c3d4e5f6',
        createTime: '1700000001',
        msgType: 'text',
        content: 'echo: hello 你好',
      },
    });
  });

  it('applies the article limit inside an encrypted reply too', () => {
    const body = buildEncryptedReply({ ...SECRETS, replyXml: news(3), timestamp: '1', nonce: '2' });
    expect(reply(readReplyBody(body, { ...SECRETS, articleLimit: 1 }))).toMatchObject({ droppedArticles: 2 });
  });

  it('fails with typed errors on garbage, JSON, an encrypted reply without a key, and oversized bodies', () => {
    expect(failure(() => readReplyBody('hello', SECRETS)).code).toBe('wechat.xml_invalid');
    expect(failure(() => readReplyBody('{"errcode":0,"errmsg":"ok"}', SECRETS)).code).toBe('wechat.xml_invalid');
    expect(failure(() => readReplyBody('<html><body>502</body></html>', SECRETS)).code).toBe('wechat.xml_root');
    expect(failure(() => readReplyBody(VECTOR_REPLY_BODY, { ...SECRETS, encodingAesKey: null })).code).toBe(
      'wechat.envelope_invalid',
    );
    const big = buildXml({ Content: 'x'.repeat(70 * 1024) });
    expect(failure(() => readReplyBody(big, SECRETS)).code).toBe('wechat.xml_too_large');
    expect(failure(() => readReplyBody(Buffer.from(big), SECRETS)).code).toBe('wechat.xml_too_large');
  });
});
