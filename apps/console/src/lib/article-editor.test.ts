import { describe, expect, it } from 'vitest';
import {
  articleProblems,
  charCount,
  emptyArticle,
  normaliseLink,
  publishStatusView,
  toInput,
  visibleText,
} from './article-editor';

const valid = { ...emptyArticle(), title: '标题', content: '<p>正文</p>', thumbMediaId: 'COVER' };

describe('articleProblems', () => {
  it('accepts a complete article', () => {
    expect(articleProblems(valid)).toEqual([]);
    expect(articleProblems({ ...valid, content: '<p><img src="https://cdn.example/a.png"></p>' })).toEqual([]);
  });

  it('names each broken rule with WeChat’s limits, counting characters like WeChat', () => {
    expect(articleProblems({ ...valid, title: '😀'.repeat(32) })).toEqual([]);
    expect(articleProblems({ ...emptyArticle() }).map((p) => p.key)).toEqual([
      'articles.problem.titleRequired',
      'articles.problem.contentRequired',
      'articles.problem.coverRequired',
    ]);
    expect(articleProblems({ ...valid, title: '字'.repeat(33) })).toEqual([{ key: 'articles.problem.titleTooLong', max: 32 }]);
    expect(articleProblems({ ...valid, author: '作'.repeat(17) })).toEqual([{ key: 'articles.problem.authorTooLong', max: 16 }]);
    expect(articleProblems({ ...valid, digest: 'd'.repeat(129) })).toEqual([{ key: 'articles.problem.digestTooLong', max: 128 }]);
    expect(articleProblems({ ...valid, content: '<p><br></p>' })).toEqual([{ key: 'articles.problem.contentRequired' }]);
    expect(articleProblems({ ...valid, content: 'x'.repeat(20_000) })).toEqual([
      { key: 'articles.problem.contentTooLong', max: 20_000 },
    ]);
    expect(articleProblems({ ...valid, contentSourceUrl: 'javascript:alert(1)' })).toEqual([
      { key: 'articles.problem.sourceUrl' },
    ]);
    expect(articleProblems({ ...valid, contentSourceUrl: 'www.example.com:8080/a' })).toEqual([]);
  });
});

describe('editor helpers', () => {
  it('counts code points and reads visible text', () => {
    expect(charCount('a😀中')).toBe(3);
    expect(visibleText('<p>&nbsp;<br></p>')).toBe('');
    expect(visibleText('<h2>标题</h2><p>正文</p>')).toBe('标题正文');
  });

  it('trims fields and drops "followers only" when comments are off', () => {
    expect(toInput({ ...valid, title: ' 标题 ', onlyFansCanComment: true })).toMatchObject({
      title: '标题',
      needOpenComment: false,
      onlyFansCanComment: false,
    });
    expect(toInput({ ...valid, needOpenComment: true, onlyFansCanComment: true }).onlyFansCanComment).toBe(true);
  });

  it('normalises toolbar links and refuses other schemes', () => {
    expect(normaliseLink('https://a.example/x')).toBe('https://a.example/x');
    expect(normaliseLink('a.example/x')).toBe('https://a.example/x');
    expect(normaliseLink('javascript:alert(1)')).toBeNull();
    expect(normaliseLink('a b')).toBeNull();
  });

  it('maps publish statuses to labels', () => {
    expect(publishStatusView(0).key).toBe('articles.status.success');
    expect(publishStatusView(1).color).toBe('processing');
    expect(publishStatusView(3).key).toBe('articles.status.failed');
    expect(publishStatusView(5).key).toBe('articles.status.deleted');
  });
});
