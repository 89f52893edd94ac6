import { describe, expect, it } from 'vitest';
import { bodyKind, changedLines, fullUrl, prettyBody, prettyXml, queryParams } from './pretty';

describe('prettyXml', () => {
  it('indents WeChat XML and keeps CDATA values on their element’s line', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_123]]></ToUserName><CreateTime>1348831860</CreateTime>' +
      '<Articles><item><Title><![CDATA[a <b> c]]></Title></item></Articles><Empty/></xml>';
    expect(prettyXml(xml)).toBe(
      [
        '<xml>',
        '  <ToUserName><![CDATA[gh_123]]></ToUserName>',
        '  <CreateTime>1348831860</CreateTime>',
        '  <Articles>',
        '    <item>',
        '      <Title><![CDATA[a <b> c]]></Title>',
        '    </item>',
        '  </Articles>',
        '  <Empty/>',
        '</xml>',
      ].join('\n'),
    );
  });

  it('re-indents already formatted XML and keeps empty elements together', () => {
    expect(prettyXml('<?xml version="1.0"?>\n<xml>\n    <A></A>\n</xml>\n')).toBe(
      '<?xml version="1.0"?>\n<xml>\n  <A></A>\n</xml>',
    );
  });

  it('leaves broken XML untouched', () => {
    expect(prettyXml('<xml><a></b></xml>')).toBe('<xml><a></b></xml>');
    expect(prettyXml('<xml><a>')).toBe('<xml><a>');
    expect(prettyXml('success')).toBe('success');
  });
});

describe('prettyBody', () => {
  it('handles XML, JSON and plain answers', () => {
    expect(bodyKind('  ')).toBe('empty');
    expect(bodyKind('success')).toBe('text');
    expect(bodyKind('{"a":1}')).toBe('json');
    expect(bodyKind('{oops')).toBe('text');
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('<xml><A>1</A></xml>')).toBe('<xml>\n  <A>1</A>\n</xml>');
    expect(prettyBody('success')).toBe('success');
  });
});

describe('query helpers', () => {
  it('splits the signed query and rebuilds the full URL', () => {
    expect(queryParams('signature=abc&timestamp=1&nonce=2')).toEqual([
      ['signature', 'abc'],
      ['timestamp', '1'],
      ['nonce', '2'],
    ]);
    expect(queryParams('')).toEqual([]);
    expect(fullUrl('http://dev.local/cb', 'a=1')).toBe('http://dev.local/cb?a=1');
    expect(fullUrl('http://dev.local/cb?x=y', '?a=1')).toBe('http://dev.local/cb?x=y&a=1');
    expect(fullUrl('http://dev.local/cb', '')).toBe('http://dev.local/cb');
  });
});

describe('changedLines', () => {
  it('marks the lines that differ on each side', () => {
    const diff = changedLines('<xml>\n  <A>1</A>\n  <B>2</B>\n</xml>', '<xml>\n  <A>1</A>\n  <B>3</B>\n  <C/>\n</xml>');
    expect(diff && [...diff.left]).toEqual([2]);
    expect(diff && [...diff.right]).toEqual([2, 3]);
    expect(changedLines('same', 'same')).toEqual({ left: new Set(), right: new Set() });
    expect(changedLines('a\nb', '')).toEqual({ left: new Set([0, 1]), right: new Set([0]) });
  });

  it('gives up on texts too large to diff', () => {
    expect(changedLines('a\n'.repeat(600), 'b\n'.repeat(600))).toBeNull();
  });
});
