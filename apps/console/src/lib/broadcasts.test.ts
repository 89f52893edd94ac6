import { describe, expect, it } from 'vitest';
import type { BroadcastDraft } from './broadcasts';
import {
  draftProblems,
  EMPTY_DRAFT,
  newClientMsgId,
  parseOpenIds,
  pollInterval,
  progressOf,
  summaryOf,
  toAudience,
  toContent,
} from './broadcasts';

const A = 'o' + 'A'.repeat(27);
const B = 'o' + 'b_-9'.repeat(6) + 'xyz';
const draft = (patch: Partial<BroadcastDraft>): BroadcastDraft => ({ ...EMPTY_DRAFT, ...patch });

describe('parseOpenIds', () => {
  it('splits on lines, commas, semicolons and spaces (also full-width), once each, in order', () => {
    expect(parseOpenIds(`${A}\n${B}, ${A}；\n\n`)).toEqual({ openids: [A, B], invalid: [] });
    expect(parseOpenIds(`${A} not-an-openid ${B}x`)).toEqual({ openids: [A], invalid: ['not-an-openid', `${B}x`] });
    expect(parseOpenIds('  ')).toEqual({ openids: [], invalid: [] });
  });
});

describe('toAudience', () => {
  it('builds all, tag and list audiences', () => {
    expect(toAudience(draft({}))).toEqual({ audience: { kind: 'all' } });
    expect(toAudience(draft({ audience: 'tag', tagId: 0 }))).toEqual({ audience: { kind: 'tag', tagId: 0 } });
    expect(toAudience(draft({ audience: 'list', openidText: `${A}\n${B}` }))).toEqual({
      audience: { kind: 'list', openids: [A, B] },
    });
  });

  it('says what is missing, as the server would refuse it', () => {
    expect(toAudience(draft({ audience: 'tag' }))).toEqual({ problem: 'tagRequired' });
    expect(toAudience(draft({ audience: 'list', openidText: `${A} ${A}` }))).toEqual({ problem: 'listTooShort' });
    expect(toAudience(draft({ audience: 'list', openidText: `${A} ${B} nope` }))).toEqual({ problem: 'invalidOpenids' });
    const many = Array.from({ length: 10_001 }, (_, i) => 'o' + String(i).padStart(27, '0')).join('\n');
    expect(toAudience(draft({ audience: 'list', openidText: many }))).toEqual({ problem: 'listTooLong' });
  });
});

describe('toContent', () => {
  it('sends text as typed and media ids trimmed', () => {
    expect(toContent(draft({ text: ' 本周活动 ' }))).toEqual({ content: { msgtype: 'text', content: ' 本周活动 ' } });
    expect(toContent(draft({ msgtype: 'mpnews', mediaId: ' MEDIA1 ' }))).toEqual({
      content: { msgtype: 'mpnews', mediaId: 'MEDIA1' },
    });
  });

  it('checks text length in characters (emoji count once) and that a media id is given', () => {
    expect(toContent(draft({ text: '  ' }))).toEqual({ problem: 'textRequired' });
    expect(toContent(draft({ text: '😀'.repeat(2048) }))).toHaveProperty('content');
    expect(toContent(draft({ text: 'x'.repeat(2049) }))).toEqual({ problem: 'textTooLong' });
    expect(toContent(draft({ msgtype: 'image' }))).toEqual({ problem: 'mediaIdRequired' });
    expect(toContent(draft({ msgtype: 'voice', mediaId: 'm'.repeat(129) }))).toEqual({ problem: 'mediaIdTooLong' });
  });

  it('lists every problem, audience first', () => {
    expect(draftProblems(draft({ audience: 'tag' }))).toEqual(['tagRequired', 'textRequired']);
    expect(draftProblems(draft({ text: 'ok' }))).toEqual([]);
  });
});

describe('progress', () => {
  it('measures processed followers against the audience and never shows 100 % while sending', () => {
    expect(progressOf({ status: 'SENDING', totalCount: 250, expectedTotal: 1000 })).toEqual({
      done: 250,
      total: 1000,
      percent: 25,
    });
    expect(progressOf({ status: 'SENDING', totalCount: 1000, expectedTotal: 1000 }).percent).toBe(99);
    expect(progressOf({ status: 'SENDING', totalCount: 0, expectedTotal: 0 }).percent).toBe(0);
    expect(progressOf({ status: 'SEND_SUCCESS', totalCount: 998, expectedTotal: 998 })).toEqual({
      done: 998,
      total: 998,
      percent: 100,
    });
  });

  it('polls only while something is sending', () => {
    expect(pollInterval([{ status: 'SEND_SUCCESS' }, { status: 'SENDING' }])).toBe(1000);
    expect(pollInterval([{ status: 'SEND_SUCCESS' }, { status: 'DELETE' }])).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });
});

describe('newClientMsgId', () => {
  it('is short enough for clientmsgid (64 bytes) and differs per send', () => {
    const id = newClientMsgId(1_800_000_000_000, () => 0.5);
    expect(id).toMatch(/^console-[0-9a-z]+-[0-9a-z]+$/);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(newClientMsgId(1_800_000_000_000, () => 0.25)).not.toBe(id);
  });
});

describe('summaryOf', () => {
  it('names what was sent', () => {
    expect(summaryOf({ type: 'text', content: '第一行\n第二行' })).toBe('第一行 第二行');
    expect(summaryOf({ type: 'mpnews', articles: [{ title: '标题', digest: '', author: '', thumbUrl: '', url: '' }] })).toBe(
      '标题',
    );
    expect(summaryOf({ type: 'image', mediaId: 'IMG', picUrl: '' })).toBe('IMG');
    expect(summaryOf({ type: 'video', mediaId: 'V', thumbMediaId: '', title: '' })).toBe('V');
  });
});
