import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePlaceholders, templateText } from './template-card';

const CONTENT = '{{first.DATA}}\n订单号：{{keyword1.DATA}}\n金额：{{keyword2.DATA}} 元\n{{remark.DATA}}';

describe('template placeholders', () => {
  it('lists each {{name.DATA}} once, in order, and ignores malformed ones', () => {
    expect(templatePlaceholders(CONTENT)).toEqual(['first', 'keyword1', 'keyword2', 'remark']);
    expect(templatePlaceholders('{{a.DATA}}{{ a.DATA }}{{b.data}}{{1c.DATA}}{c.DATA}')).toEqual(['a']);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders as separate runs with their colours, keeping literal text', () => {
    const lines = renderTemplate(CONTENT, {
      first: { value: '您好' },
      keyword1: { value: 'E1001', color: '#173177' },
      keyword2: { value: '12.5' },
      remark: { value: '谢谢' },
    });
    expect(lines).toEqual([
      [{ name: 'first', value: '您好' }],
      [{ text: '订单号：' }, { name: 'keyword1', value: 'E1001', color: '#173177' }],
      [{ text: '金额：' }, { name: 'keyword2', value: '12.5' }, { text: ' 元' }],
      [{ name: 'remark', value: '谢谢' }],
    ]);
  });

  it('leaves out lines that are only unfilled placeholders, never labelled ones', () => {
    expect(templateText(CONTENT, { keyword1: { value: 'E1001' }, keyword2: { value: '' } })).toBe('订单号：E1001\n金额： 元');
  });

  it('keeps markup in values as text (the UIs render runs as text nodes)', () => {
    expect(renderTemplate('{{x.DATA}}', { x: { value: '<img src=x onerror=alert(1)>' } })).toEqual([
      [{ name: 'x', value: '<img src=x onerror=alert(1)>' }],
    ]);
  });

  it('does not read inherited properties as values', () => {
    expect(templateText('{{constructor.DATA}}\n{{toString.DATA}}：x', {})).toBe('：x');
  });
});
