import { describe, expect, it } from 'vitest';
import type { CustomDraft } from './custom-message';
import { EMPTY_CUSTOM_DRAFT, toCustomMessage } from './custom-message';

const draft = (patch: Partial<CustomDraft>): CustomDraft => ({ ...EMPTY_CUSTOM_DRAFT, ...patch });

describe('toCustomMessage', () => {
  it('sends text as typed', () => {
    expect(toCustomMessage(draft({ text: ' 您好 ' }))).toEqual({ request: { msgtype: 'text', content: ' 您好 ' } });
  });

  it('refuses empty and over-long text before a window message is spent', () => {
    expect(toCustomMessage(draft({ text: ' \n ' }))).toEqual({ problem: 'textRequired' });
    expect(toCustomMessage(draft({ text: '字'.repeat(2048) }))).toHaveProperty('request');
    expect(toCustomMessage(draft({ text: '字'.repeat(2049) }))).toEqual({ problem: 'textTooLong' });
  });

  it('builds a one-article news card with trimmed fields', () => {
    expect(
      toCustomMessage(
        draft({ msgtype: 'news', title: ' 新品 ', description: ' 看看 ', url: ' https://example.com/a ', picUrl: '' }),
      ),
    ).toEqual({
      request: { msgtype: 'news', article: { title: '新品', description: '看看', url: 'https://example.com/a', picUrl: '' } },
    });
  });

  it('requires a title and http(s) links', () => {
    expect(toCustomMessage(draft({ msgtype: 'news' }))).toEqual({ problem: 'titleRequired' });
    expect(toCustomMessage(draft({ msgtype: 'news', title: 't', url: 'javascript:alert(1)' }))).toEqual({
      problem: 'invalidUrl',
    });
    expect(toCustomMessage(draft({ msgtype: 'news', title: 't', picUrl: 'ftp://x/y.png' }))).toEqual({
      problem: 'invalidPicUrl',
    });
  });
});
