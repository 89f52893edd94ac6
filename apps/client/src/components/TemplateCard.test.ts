import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TemplateCard, type TemplateBody } from './TemplateCard';

const body: TemplateBody = {
  type: 'template',
  templateId: 'x'.repeat(43),
  title: '快递签收提醒',
  content: '{{first.DATA}}\n快递单号：{{keyword1.DATA}}\n签收人：{{keyword2.DATA}}\n{{remark.DATA}}',
  data: {
    keyword1: { value: 'YT7503398812261', color: '#173177' },
    keyword2: { value: '<img src=x onerror=alert(1)>' },
  },
};

const render = (b: TemplateBody) => renderToStaticMarkup(createElement(TemplateCard, { body: b }));

describe('TemplateCard', () => {
  it('shows the title and the content with values in their colours, leaving out unfilled first/remark lines', () => {
    const html = render(body);
    expect(html).toContain('<div class="tpl-title">快递签收提醒</div>');
    expect(html).toContain(
      '<span>快递单号：</span><span class="tpl-value" data-field="keyword1" style="color:#173177">YT7503398812261</span>',
    );
    expect(html.match(/<p class="tpl-line">/g)).toHaveLength(2);
    expect(html).not.toContain('{{');
  });

  it('escapes values: markup in data is text, never elements', () => {
    const html = render(body);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('opens http(s) urls from a 详情 row and shows no row for other schemes or none', () => {
    expect(render({ ...body, url: 'https://example.com/p/1' })).toContain(
      '<a class="tpl-detail" href="https://example.com/p/1" target="_blank" rel="noopener noreferrer" data-testid="template-detail"><span>详情</span>',
    );
    expect(render({ ...body, url: 'javascript:alert(1)' })).not.toContain('tpl-detail');
    expect(render(body)).not.toContain('tpl-detail');
  });

  it('ignores colours that are not #rgb/#rrggbb', () => {
    const html = render({
      ...body,
      data: { keyword1: { value: 'a', color: 'red;background:url(x)' }, keyword2: { value: 'b' } },
    });
    expect(html).not.toContain('style=');
  });
});
