import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { checkClientMsgId, checkMiniprogram, checkNoticeUrl, checkTemplateData } from './template-data';

const classic = {
  content: '{{first.DATA}}\n订单号：{{keyword1.DATA}}\n金额：{{keyword2.DATA}}\n{{remark.DATA}}',
  keywords: [],
};
const category = { content: '商品名称：{{thing2.DATA}}\n订单状态：{{phrase4.DATA}}', keywords: ['商品名称', '订单状态'] };

/** The 47003 detail a bad payload is refused with. */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isAppError(error, 'template.argument_invalid')) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('checkTemplateData', () => {
  it('keeps values and colours of a classic template and lets first/remark be left out', () => {
    expect(
      checkTemplateData(classic, {
        keyword1: { value: 'E1001', color: '#173177' },
        keyword2: { value: 39.8 },
      }),
    ).toEqual({ keyword1: { value: 'E1001', color: '#173177' }, keyword2: { value: '39.8' } });
  });

  it('drops colours of category templates (WeChat ignores them there)', () => {
    expect(checkTemplateData(category, { thing2: { value: '耳机', color: '#ff0000' }, phrase4: { value: '已发货' } })).toEqual({
      thing2: { value: '耳机' },
      phrase4: { value: '已发货' },
    });
  });

  it('refuses unknown keys, missing fields and wrong shapes, naming the field', () => {
    expect(
      refusal(() => checkTemplateData(classic, { keyword1: { value: 'a' }, keyword2: { value: 'b' }, keyword3: { value: 'c' } })),
    ).toMatch(/data\.keyword3 is not a field/);
    expect(refusal(() => checkTemplateData(classic, { keyword1: { value: 'a' } }))).toMatch(/data\.keyword2 is missing/);
    expect(refusal(() => checkTemplateData(category, { thing2: { value: 'a' } }))).toMatch(/data\.phrase4 is missing/);
    expect(refusal(() => checkTemplateData(classic, { keyword1: 'a', keyword2: { value: 'b' } }))).toMatch(
      /keyword1 must be an object/,
    );
    expect(refusal(() => checkTemplateData(classic, { keyword1: { value: ['a'] }, keyword2: { value: 'b' } }))).toMatch(
      /must be a string/,
    );
    expect(refusal(() => checkTemplateData(classic, { keyword1: {}, keyword2: { value: 'b' } }))).toMatch(/must be a string/);
    expect(refusal(() => checkTemplateData(classic, 'data'))).toMatch(/data must be an object/);
    expect(refusal(() => checkTemplateData(classic, [{ value: 'a' }]))).toMatch(/data must be an object/);
  });

  it('enforces value limits: 200 characters in classic templates, by type in category ones', () => {
    expect(() => checkTemplateData(classic, { keyword1: { value: '字'.repeat(200) }, keyword2: { value: 'b' } })).not.toThrow();
    expect(
      refusal(() => checkTemplateData(classic, { keyword1: { value: '字'.repeat(201) }, keyword2: { value: 'b' } })),
    ).toMatch(/exceeds 200/);
    expect(() => checkTemplateData(category, { thing2: { value: '字'.repeat(20) }, phrase4: { value: '已发货' } })).not.toThrow();
    expect(refusal(() => checkTemplateData(category, { thing2: { value: '字'.repeat(21) }, phrase4: { value: '已' } }))).toMatch(
      /thing2\.value exceeds 20/,
    );
    expect(
      refusal(() => checkTemplateData(category, { thing2: { value: 'a' }, phrase4: { value: '已经发货了' + '!' } })),
    ).toMatch(/phrase4\.value exceeds 5/);
  });

  it('refuses colours that are not #rgb or #rrggbb', () => {
    for (const color of ['red', '#12345', '#GGGGGG', 173177, '#1731777']) {
      expect(refusal(() => checkTemplateData(classic, { keyword1: { value: 'a', color }, keyword2: { value: 'b' } }))).toMatch(
        /color/,
      );
    }
    expect(checkTemplateData(classic, { keyword1: { value: 'a', color: '#abc' }, keyword2: { value: 'b', color: '' } })).toEqual({
      keyword1: { value: 'a', color: '#abc' },
      keyword2: { value: 'b' },
    });
  });
});

describe('url, miniprogram and client_msg_id', () => {
  it('accepts http(s) URLs and treats an empty one as none', () => {
    expect(checkNoticeUrl('https://example.com/order/1?x=1')).toBe('https://example.com/order/1?x=1');
    expect(checkNoticeUrl('')).toBeUndefined();
    expect(checkNoticeUrl(undefined)).toBeUndefined();
    for (const url of ['javascript:alert(1)', 'ftp://example.com', 'example.com', 42, `https://e.com/${'a'.repeat(2048)}`]) {
      expect(refusal(() => checkNoticeUrl(url))).toMatch(/url/);
    }
  });

  it('shape-checks miniprogram and accepts the older `path` name', () => {
    expect(checkMiniprogram({ appid: 'wx0123456789abcdef', pagepath: 'index?foo=bar' })).toEqual({
      appid: 'wx0123456789abcdef',
      pagepath: 'index?foo=bar',
    });
    expect(checkMiniprogram({ appid: 'wx0123456789abcdef', path: 'pages/a' })).toEqual({
      appid: 'wx0123456789abcdef',
      pagepath: 'pages/a',
    });
    expect(checkMiniprogram({ appid: 'wx0123456789abcdef' })).toEqual({ appid: 'wx0123456789abcdef', pagepath: '' });
    expect(refusal(() => checkMiniprogram({ appid: 'nope', pagepath: 'a' }))).toMatch(/appid/);
    expect(refusal(() => checkMiniprogram({ appid: 'wx0123456789abcdef', pagepath: 7 }))).toMatch(/pagepath/);
    expect(refusal(() => checkMiniprogram('wx0123456789abcdef'))).toMatch(/miniprogram/);
  });

  it('takes client_msg_id strings of up to 64 characters', () => {
    expect(checkClientMsgId(undefined)).toBeNull();
    expect(checkClientMsgId('')).toBeNull();
    expect(checkClientMsgId('order-1001')).toBe('order-1001');
    expect(refusal(() => checkClientMsgId('x'.repeat(65)))).toMatch(/client_msg_id/);
    expect(refusal(() => checkClientMsgId(1001))).toMatch(/client_msg_id/);
  });
});
