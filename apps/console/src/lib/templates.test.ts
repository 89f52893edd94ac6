import { describe, expect, it } from 'vitest';
import { industryLabel, requiredFields, sendData } from './templates';

const classic = { placeholders: ['first', 'keyword1', 'keyword2', 'remark'], category: false };
const category = { placeholders: ['thing1', 'time2'], category: true };

describe('template send form', () => {
  it('requires every field but a classic template’s first and remark', () => {
    expect(requiredFields(classic)).toEqual(['keyword1', 'keyword2']);
    expect(requiredFields(category)).toEqual(['thing1', 'time2']);
  });

  it('builds data from the filled fields, with colours only on classic templates', () => {
    expect(
      sendData(classic, {
        first: { value: '' },
        keyword1: { value: 'E1', color: ' #173177 ' },
        keyword2: { value: '12', color: '' },
        remark: undefined,
      }),
    ).toEqual({ keyword1: { value: 'E1', color: '#173177' }, keyword2: { value: '12' } });
    expect(sendData(category, { thing1: { value: '耳机', color: '#ff0000' } })).toEqual({ thing1: { value: '耳机' } });
  });

  it('labels industries as WeChat does', () => {
    expect(industryLabel({ firstClass: 'IT科技', secondClass: '互联网|电子商务' })).toBe('IT科技 / 互联网|电子商务');
    expect(industryLabel(null)).toBe('');
  });
});
