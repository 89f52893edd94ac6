import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, sanitiseHtml } from './html-sanitiser';

describe('sanitiseHtml', () => {
  it('keeps the markup WeChat articles are made of', () => {
    const html =
      '<section style="text-align:center;color:rgb(62, 62, 62)"><p><strong>标题</strong><br/>正文 <em>强调</em></p>' +
      '<img src="http://mmbiz.qpic.cn/a.png" data-ratio="0.8" alt="图"><ul><li>一</li></ul>' +
      '<a href="https://example.com/x?a=1&amp;b=2" target="_blank">链接</a></section>';
    expect(sanitiseHtml(html)).toBe(
      '<section style="text-align:center;color:rgb(62, 62, 62)"><p><strong>标题</strong><br />正文 <em>强调</em></p>' +
        '<img src="http://mmbiz.qpic.cn/a.png" data-ratio="0.8" alt="图"><ul><li>一</li></ul>' +
        '<a href="https://example.com/x?a=1&amp;b=2" target="_blank">链接</a></section>',
    );
  });

  it('keeps SVG layouts and custom mp-* tags', () => {
    const html =
      '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/><animate attributeName="opacity" values="0;1" dur="1s"/></svg><mp-common-profile data-id="x"></mp-common-profile>';
    expect(sanitiseHtml(html)).toBe(
      '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff" /><animate attributeName="opacity" values="0;1" dur="1s" /></svg><mp-common-profile data-id="x"></mp-common-profile>',
    );
  });

  it('drops scripts, styles and other raw-text elements with their content', () => {
    expect(sanitiseHtml('<p>a</p><script>alert(1)</script><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(sanitiseHtml('<p>a<SCRIPT type="text/javascript">x="</script>"</SCRIPT>b</p>')).toBe('<p>a"b</p>');
    expect(sanitiseHtml('<style>body{display:none}</style>ok')).toBe('ok');
    expect(sanitiseHtml('<iframe src="https://evil.example"></iframe>ok')).toBe('ok');
    expect(sanitiseHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>ok')).toBe(
      '<img src="x">"&gt;ok',
    );
    expect(sanitiseHtml('<textarea><img src=x onerror=alert(1)></textarea>ok')).toBe('ok');
    expect(sanitiseHtml('a<script>never closed')).toBe('a');
    expect(sanitiseHtml('a<plaintext><b>everything after</b>')).toBe('a');
  });

  it('strips event handlers however they are written', () => {
    expect(sanitiseHtml('<img src="a.png" onerror="alert(1)">')).toBe('<img src="a.png">');
    expect(sanitiseHtml('<p ONCLICK=alert(1) class=x>t</p>')).toBe('<p class="x">t</p>');
    expect(sanitiseHtml('<svg onload=alert(1)><circle r="1"/></svg>')).toBe('<svg><circle r="1" /></svg>');
    expect(sanitiseHtml('<img/src="a.png"/onerror=alert(1)>')).toBe('<img src="a.png">');
    expect(sanitiseHtml('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>')).toBe('<svg><set to="alert(1)" /></svg>');
  });

  it('removes javascript: and similar URLs, including encoded and spaced ones', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A&#x61&#x76&#x61script:alert(1)',
      'javascript&colon;alert(1)',
      'vbscript:msgbox(1)',
    ]) {
      expect(sanitiseHtml(`<a href="${href}">x</a>`), href).toBe('<a>x</a>');
    }
    expect(sanitiseHtml('<svg><a xlink:href="javascript:alert(1)">x</a></svg>')).toBe('<svg><a>x</a></svg>');
    expect(sanitiseHtml('<svg><animate attributeName="href" values="#;javascript:alert(1)"/></svg>')).toBe(
      '<svg><animate attributeName="href" /></svg>',
    );
    expect(sanitiseHtml('<p style="background:url(javascript:alert(1))">t</p>')).toBe('<p>t</p>');
    expect(sanitiseHtml('<p style="width:expression(alert(1))">t</p>')).toBe('<p>t</p>');
  });

  it('allows inline images but no other data: URLs', () => {
    expect(sanitiseHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=">');
    expect(sanitiseHtml('<a href="data:text/html,<script>alert(1)</script>">x</a>')).toBe('<a>x</a>');
    expect(sanitiseHtml('<img src="data:text/html;base64,PHNjcmlwdD4=">')).toBe('<img>');
  });

  it('drops elements that load or submit elsewhere but keeps their text', () => {
    expect(sanitiseHtml('<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x"><p>t</p>')).toBe(
      '<p>t</p>',
    );
    expect(sanitiseHtml('<form action="https://evil.example"><input name="pw"><button>登录</button></form>')).toBe('登录');
    expect(sanitiseHtml('<object data="x.swf">fallback</object>')).toBe('fallback');
    expect(sanitiseHtml('<html><head><title>t</title></head><body><p>b</p></body></html>')).toBe('<p>b</p>');
  });

  it('escapes stray angle brackets and drops comments so a browser sees no other tags', () => {
    expect(sanitiseHtml('1 < 2 > 0')).toBe('1 &lt; 2 &gt; 0');
    expect(sanitiseHtml('a<!-- <img src=x onerror=alert(1)> -->b')).toBe('ab');
    expect(sanitiseHtml('a<!--><img src=x onerror=alert(1)>b')).toBe('a<img src="x">b');
    expect(sanitiseHtml('<![CDATA[<img src=x onerror=alert(1)>]]>')).toBe(']]&gt;');
    expect(sanitiseHtml('a<?php echo 1 ?>b')).toBe('ab');
    expect(sanitiseHtml('<p title="a>b">t</p>')).toBe('<p title="a>b">t</p>');
    expect(sanitiseHtml('<p title=\'say "hi"\'>t</p>')).toBe('<p title="say &quot;hi&quot;">t</p>');
    expect(sanitiseHtml('<p title="x')).toBe('');
  });

  it('keeps the first of duplicated attributes, as browsers do', () => {
    expect(sanitiseHtml('<a href="https://ok.example" href="javascript:alert(1)">x</a>')).toBe(
      '<a href="https://ok.example">x</a>',
    );
    expect(sanitiseHtml('<a href="javascript:alert(1)" href="https://ok.example">x</a>')).toBe('<a>x</a>');
  });
});

describe('htmlToText', () => {
  it('reads the text of article HTML for digests', () => {
    expect(htmlToText('<section><p>第一段&nbsp;文字</p><p>第二段</p></section><script>x()</script>')).toBe('第一段 文字 第二段');
    expect(htmlToText('  <b>a</b><i>b</i>  ')).toBe('ab');
  });
});

describe('decodeEntities', () => {
  it('decodes numeric and common named references and leaves unknown ones', () => {
    expect(decodeEntities('&#106;&#x61;&amp;&lt;&colon;&ldquo;&unknown;&#0;')).toBe('ja&<:“&unknown;\ufffd');
  });
});
