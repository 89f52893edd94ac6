import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseArticle, parseArticles, sourceLinkOf } from './article.validation';

const base = { title: '标题', content: '<p>正文</p>', thumb_media_id: 'THUMB' };

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseArticle', () => {
  it('fills WeChat defaults: news, flags 0, digest from the first 54 characters of the text', () => {
    const text = '一二三四五六七八九十'.repeat(6);
    const article = parseArticle({ ...base, content: `<section><p>${text}</p><script>x()</script></section>` });
    expect(article).toMatchObject({
      articleType: 'news',
      author: '',
      contentSourceUrl: '',
      showCoverPic: 0,
      needOpenComment: 0,
      onlyFansCanComment: 0,
      picCrop2351: '',
      imageMediaIds: [],
      content: `<section><p>${text}</p></section>`,
    });
    expect(article.digest).toBe(text.slice(0, 54));
  });

  it('keeps a given digest and accepts flags as numbers, strings or booleans', () => {
    const article = parseArticle({
      ...base,
      digest: '摘要',
      need_open_comment: '1',
      only_fans_can_comment: true,
      show_cover_pic: 1,
    });
    expect(article).toMatchObject({ digest: '摘要', needOpenComment: 1, onlyFansCanComment: 1, showCoverPic: 1 });
  });

  it('counts limits in characters, so emoji and CJK count once', () => {
    expect(parseArticle({ ...base, title: '😀'.repeat(32) }).title).toHaveLength(64);
    expect(codeOf(() => parseArticle({ ...base, title: '字'.repeat(33) }))).toBe('article.title_too_long');
    expect(codeOf(() => parseArticle({ ...base, author: '字'.repeat(17) }))).toBe('article.author_too_long');
    expect(codeOf(() => parseArticle({ ...base, digest: 'd'.repeat(129) }))).toBe('article.digest_too_long');
    expect(codeOf(() => parseArticle({ ...base, content: 'c'.repeat(20_000) }))).toBe('article.content_too_long');
    expect(parseArticle({ ...base, content: 'c'.repeat(19_999) }).content).toHaveLength(19_999);
  });

  it('refuses missing or mistyped fields and content with nothing left once sanitised', () => {
    expect(codeOf(() => parseArticle({ ...base, title: '' }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, title: 5 }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, content: undefined }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, need_open_comment: 2 }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, article_type: 'video' }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle('article'))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, content: '<script>alert(1)</script>' }))).toBe('article.invalid_content');
  });

  it('requires a cover for news and images for newspic', () => {
    expect(codeOf(() => parseArticle({ ...base, thumb_media_id: undefined }))).toBe('article.invalid_media_id');
    expect(codeOf(() => parseArticle({ ...base, article_type: 'newspic' }))).toBe('article.invalid_field');
    expect(codeOf(() => parseArticle({ ...base, article_type: 'newspic', image_info: { image_list: [{}] } }))).toBe(
      'article.invalid_media_id',
    );
    const many = { image_list: Array.from({ length: 21 }, (_, i) => ({ image_media_id: `I${i}` })) };
    expect(codeOf(() => parseArticle({ ...base, article_type: 'newspic', image_info: many }))).toBe('article.invalid_field');
    const pic = parseArticle({
      title: '图片',
      content: '说明',
      article_type: 'newspic',
      image_info: { image_list: [{ image_media_id: 'A' }, { image_media_id: 'B' }] },
    });
    expect(pic).toMatchObject({ articleType: 'newspic', thumbMediaId: '', imageMediaIds: ['A', 'B'] });
  });

  it('checks crops as four normalised coordinates', () => {
    expect(parseArticle({ ...base, pic_crop_235_1: '0.1_0_0.9_0.5' }).picCrop2351).toBe('0.1_0_0.9_0.5');
    for (const bad of ['0_0_1', '0.5_0_0.4_1', '0_0_1.2_1', 'a_b_c_d', 7]) {
      expect(
        codeOf(() => parseArticle({ ...base, pic_crop_1_1: bad })),
        String(bad),
      ).toBe('article.invalid_crop');
    }
  });

  it('accepts http(s) and scheme-less source URLs and refuses other schemes', () => {
    expect(parseArticle({ ...base, content_source_url: 'https://example.com/a' }).contentSourceUrl).toBe('https://example.com/a');
    const bare = parseArticle({ ...base, content_source_url: 'www.qq.com:8080/x' });
    expect(sourceLinkOf(bare)).toBe('http://www.qq.com:8080/x');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://a b', 'x'.repeat(2049)]) {
      expect(
        codeOf(() => parseArticle({ ...base, content_source_url: bad })),
        bad.slice(0, 20),
      ).toBe('article.invalid_source_url');
    }
  });
});

describe('parseArticles', () => {
  it('takes 1 to 8 articles', () => {
    expect(codeOf(() => parseArticles(undefined))).toBe('article.empty');
    expect(codeOf(() => parseArticles([]))).toBe('article.empty');
    expect(codeOf(() => parseArticles({}))).toBe('article.invalid_field');
    expect(parseArticles(Array.from({ length: 8 }, () => base))).toHaveLength(8);
    expect(codeOf(() => parseArticles(Array.from({ length: 9 }, () => base)))).toBe('article.too_many');
  });
});
