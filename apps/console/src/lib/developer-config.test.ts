import { describe, expect, it } from 'vitest';
import {
  AES_KEY_PATTERN,
  developerConfigProblems,
  generateEncodingAesKey,
  TOKEN_PATTERN,
  toDeveloperConfig,
} from './developer-config';

describe('generateEncodingAesKey', () => {
  it('makes keys the server accepts, different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateEncodingAesKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(AES_KEY_PATTERN);
  });

  it('skips biased bytes instead of folding them onto the first characters', () => {
    // Bytes 248–255 would map to A–H again under a plain modulo; they must be discarded.
    let call = 0;
    const fill = (bytes: Uint8Array) => bytes.fill(call++ === 0 ? 255 : 0);
    expect(generateEncodingAesKey(fill)).toBe('A'.repeat(43));
    expect(call).toBe(2);
  });
});

describe('developer form → PUT body', () => {
  it('turns blanks into null and trims values', () => {
    expect(
      toDeveloperConfig({
        url: ' https://a.example/cb ',
        token: '',
        encodingAesKey: '  ',
        mode: 'plain',
        enabled: false,
      }),
    ).toEqual({
      url: 'https://a.example/cb',
      token: null,
      encodingAesKey: null,
      mode: 'plain',
      enabled: false,
    });
  });

  it('flags what the server would reject before sending', () => {
    expect(developerConfigProblems({ url: null, token: null, encodingAesKey: null, mode: 'safe', enabled: true })).toEqual([
      'aesKeyRequired',
      'enabledNeedsUrl',
    ]);
    expect(
      developerConfigProblems({
        url: 'http://x',
        token: 'abc',
        encodingAesKey: null,
        mode: 'plain',
        enabled: true,
      }),
    ).toEqual([]);
  });

  it('applies WeChat’s Token rule', () => {
    expect(TOKEN_PATTERN.test('ab')).toBe(false);
    expect(TOKEN_PATTERN.test('abc123')).toBe(true);
    expect(TOKEN_PATTERN.test('has-dash')).toBe(false);
    expect(TOKEN_PATTERN.test('x'.repeat(33))).toBe(false);
  });
});
