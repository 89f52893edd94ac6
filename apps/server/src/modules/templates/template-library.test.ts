import { templatePlaceholders } from '@gzh/contracts';
import { describe, expect, it } from 'vitest';
import { CATEGORY_VALUE_LIMITS } from './template-data';
import { INDUSTRIES, industryById, parseIndustryId } from './industries';
import { assembleCategory, libraryOf, libraryTemplate, TEMPLATE_LIBRARY } from './template-library';

describe('industry codes', () => {
  it("has WeChat's 41 codes with their class names", () => {
    expect(INDUSTRIES).toHaveLength(41);
    expect(industryById(1)).toEqual({ id: 1, firstClass: 'IT科技', secondClass: '互联网|电子商务' });
    expect(industryById(13)).toEqual({ id: 13, firstClass: '运输与仓储', secondClass: '快递' });
    expect(industryById(41)).toEqual({ id: 41, firstClass: '其它', secondClass: '其它' });
    expect(industryById(0)).toBeUndefined();
    expect(industryById(42)).toBeUndefined();
  });

  it('reads codes as numbers or numeric strings and nothing else', () => {
    expect(parseIndustryId('4')).toBe(4);
    expect(parseIndustryId(4)).toBe(4);
    expect(parseIndustryId(' 41 ')).toBe(41);
    for (const bad of ['0', '42', 42, 1.5, '1.5', 'IT', '', null, true, ['1'], { id: 1 }])
      expect(parseIndustryId(bad)).toBeNull();
  });
});

describe('template library', () => {
  it('holds at least 40 templates across many industries, each id once', () => {
    expect(TEMPLATE_LIBRARY.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TEMPLATE_LIBRARY.map((t) => t.shortId)).size).toBe(TEMPLATE_LIBRARY.length);
    expect(new Set(TEMPLATE_LIBRARY.map((t) => t.industryId)).size).toBeGreaterThanOrEqual(15);
    for (const t of TEMPLATE_LIBRARY) {
      expect(industryById(t.industryId), t.shortId).toBeDefined();
      expect(t.shortId).toMatch(t.kind === 'classic' ? /^(TM\d{5}|OPENTM\d{9})$/ : /^\d{5}$/);
    }
  });

  it('gives classic templates first/remark placeholders and an example line per content line', () => {
    for (const t of TEMPLATE_LIBRARY.filter((e) => e.kind === 'classic')) {
      const names = templatePlaceholders(t.content);
      expect(names[0], t.shortId).toBe('first');
      expect(names.at(-1), t.shortId).toBe('remark');
      expect(names.length, t.shortId).toBeGreaterThanOrEqual(3);
      expect(t.example.split('\n'), t.shortId).toHaveLength(t.content.split('\n').length);
      expect(t.example, t.shortId).not.toMatch(/\{\{/);
    }
  });

  it('gives category templates typed keywords whose examples fit their limits', () => {
    const categories = TEMPLATE_LIBRARY.filter((e) => e.kind === 'category');
    expect(categories.length).toBeGreaterThanOrEqual(5);
    for (const t of categories) {
      expect(new Set(t.keywords.map((k) => k.key)).size, t.shortId).toBe(t.keywords.length);
      expect(new Set(t.keywords.map((k) => k.name)).size, t.shortId).toBe(t.keywords.length);
      for (const k of t.keywords) {
        const limit = CATEGORY_VALUE_LIMITS[k.key.replace(/\d+$/, '')];
        expect(limit, `${t.shortId} ${k.key}`).toBeDefined();
        expect([...k.example].length, `${t.shortId} ${k.key}`).toBeLessThanOrEqual(limit!);
      }
    }
  });

  it('assembles category content from the chosen keywords, in the order chosen', () => {
    const t = libraryTemplate('43216')!;
    const [id, , , status] = t.keywords;
    expect(assembleCategory([status!, id!])).toEqual({
      content: '订单状态：{{phrase4.DATA}}\n订单编号：{{character_string1.DATA}}',
      example: '订单状态：已发货\n订单编号：E20261124103522',
    });
  });

  it('filters by industry and finds entries by short id', () => {
    expect(libraryOf(13).map((t) => t.shortId)).toEqual(['OPENTM202243318', 'OPENTM401201865', '49533']);
    expect(libraryOf().length).toBe(TEMPLATE_LIBRARY.length);
    expect(libraryTemplate('TM00015')?.title).toBe('订单支付成功');
    expect(libraryTemplate('TM99999')).toBeUndefined();
  });
});
