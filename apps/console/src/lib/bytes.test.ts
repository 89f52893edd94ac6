import { describe, expect, it } from 'vitest';
import { fitsBytes, truncateBytes, utf8Bytes } from './bytes';

describe('utf8Bytes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('')).toBe(0);
    expect(utf8Bytes('menu')).toBe(4);
    expect(utf8Bytes('菜单')).toBe(6);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('今日歌曲A')).toBe(13);
  });

  it('applies WeChat’s 16-byte top-level name limit: 5 Chinese characters fit, 6 do not', () => {
    expect(fitsBytes('今日歌曲好', 16)).toBe(true);
    expect(fitsBytes('今日歌曲好听', 16)).toBe(false);
    expect(fitsBytes('今日歌曲a', 16)).toBe(true);
    expect(fitsBytes('a'.repeat(16), 16)).toBe(true);
  });
});

describe('truncateBytes', () => {
  it('keeps whole characters only', () => {
    expect(truncateBytes('今日歌曲好听', 16)).toBe('今日歌曲好');
    expect(truncateBytes('ab😀c', 5)).toBe('ab');
    expect(truncateBytes('short', 60)).toBe('short');
  });
});
