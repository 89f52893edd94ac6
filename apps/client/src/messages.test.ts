import type { MessageBodyView, MessageView } from '@gzh/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createMessageStore, formatTime, previewText } from './messages';
import type { ReadMarks } from './messages';

const A = 'wx00000000000000aa';
const B = 'wx00000000000000bb';

function msg(
  id: number,
  appid = A,
  direction: 'in' | 'out' = 'out',
  body: MessageBodyView = { type: 'text', content: `m${id}` },
): MessageView {
  return {
    id,
    appid,
    direction,
    msgid: null,
    body,
    source: direction === 'in' ? 'follower' : 'auto',
    replyTo: null,
    createdAt: 1_700_000_000_000 + id * 1000,
  };
}

const ids = (list: readonly MessageView[]): number[] => list.map((m) => m.id);

describe('message store', () => {
  it('keeps each message once, whichever way it arrived', () => {
    const store = createMessageStore();
    store.add([msg(1), msg(2)]); // stream
    store.add([msg(2), msg(3)]); // history page overlapping it
    store.add([msg(3)]); // the answer to a send, then the same message on the stream
    store.add([msg(1), msg(3)]); // a reconnect replaying
    expect(ids(store.list(A))).toEqual([1, 2, 3]);
  });

  it('orders by id however messages arrive', () => {
    const store = createMessageStore();
    store.add([msg(10), msg(12)]);
    store.add([msg(3), msg(11), msg(1)]); // an older history page and a late live one
    expect(ids(store.list(A))).toEqual([1, 3, 10, 11, 12]);
  });

  it('keeps accounts apart', () => {
    const store = createMessageStore();
    store.add([msg(1, A), msg(2, B), msg(3, A)]);
    expect(ids(store.list(A))).toEqual([1, 3]);
    expect(ids(store.list(B))).toEqual([2]);
    expect(store.list('wx-none')).toEqual([]);
  });

  it('keeps snapshots stable until something changes, and notifies only on change', () => {
    const store = createMessageStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.add([msg(1, A), msg(2, B)]);
    const listA = store.list(A);
    const convs = store.conversations();
    expect(store.list(A)).toBe(listA);
    expect(store.conversations()).toBe(convs);
    store.add([msg(1, A)]); // duplicate: nothing new
    expect(listener).toHaveBeenCalledTimes(1);
    store.add([msg(3, B)]);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.list(A)).toBe(listA); // untouched account keeps its array
    expect(store.conversations()).not.toBe(convs);
  });

  it('counts unread messages from the account only, after the read mark', () => {
    const saved: ReadMarks[] = [];
    const store = createMessageStore({ [A]: 2 }, (marks) => saved.push(marks));
    store.add([
      msg(1, A),
      msg(2, A),
      msg(3, A, 'in'),
      msg(4, A),
      msg(5, A, 'out', { type: 'notice', content: '该公众号暂时无法提供服务，请稍后再试' }),
    ]);
    expect(store.unread(A)).toBe(2); // 4 and the notice; 3 is the person's own
    store.markRead(A);
    expect(store.unread(A)).toBe(0);
    expect(saved).toEqual([{ [A]: 5 }]);
    store.markRead(A); // nothing new: no save, no notification
    expect(saved).toHaveLength(1);
    store.add([msg(6, A)]);
    expect(store.unread(A)).toBe(1);
    expect(store.conversations()[0]?.unread).toBe(1);
  });

  it('does not count a late older message as unread below the mark', () => {
    const store = createMessageStore({ [A]: 10 });
    store.add([msg(7, A), msg(11, A)]);
    expect(store.unread(A)).toBe(1);
  });

  it('lists conversations latest first with their last message', () => {
    const store = createMessageStore();
    store.add([msg(1, A), msg(2, B), msg(3, A, 'in')]);
    expect(store.conversations().map((c) => [c.appid, c.last.id, c.unread])).toEqual([
      [A, 3, 1],
      [B, 2, 1],
    ]);
    store.add([msg(4, B)]);
    expect(store.conversations().map((c) => c.appid)).toEqual([B, A]);
  });
});

describe('previewText', () => {
  it('words each kind as WeChat does', () => {
    const cases: [MessageBodyView, string][] = [
      [{ type: 'text', content: '你好\n世界' }, '你好 世界'],
      [{ type: 'image', picUrl: 'https://x/y.png', mediaId: 'm' }, '[图片]'],
      [{ type: 'voice', mediaId: 'm', format: 'amr', recognition: '你好' }, '[语音]'],
      [{ type: 'video', mediaId: 'm', thumbMediaId: 't' }, '[视频]'],
      [{ type: 'location', latitude: 39.9, longitude: 116.4, scale: 15, label: '天安门' }, '[位置]'],
      [{ type: 'link', title: 'gzh', description: '', url: 'https://gzh.dev' }, '[链接] gzh'],
      [{ type: 'music', title: '歌', description: '', musicUrl: '', hqMusicUrl: '', thumbMediaId: '' }, '[音乐] 歌'],
      [
        {
          type: 'news',
          articles: [
            { title: '第一篇', description: '', picUrl: '', url: '' },
            { title: '第二篇', description: '', picUrl: '', url: '' },
          ],
        },
        '第一篇',
      ],
      [{ type: 'notice', content: '该公众号暂时无法提供服务，请稍后再试' }, '该公众号暂时无法提供服务，请稍后再试'],
    ];
    for (const [body, text] of cases) expect(previewText(body)).toBe(text);
  });
});

describe('formatTime', () => {
  const now = new Date(2026, 10, 23, 15, 30).getTime();
  it('shows the time today, 昨天 yesterday, the date before', () => {
    expect(formatTime(new Date(2026, 10, 23, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatTime(new Date(2026, 10, 22, 23, 59).getTime(), now)).toBe('昨天');
    expect(formatTime(new Date(2026, 10, 22, 23, 59).getTime(), now, true)).toBe('昨天 23:59');
    expect(formatTime(new Date(2026, 2, 5, 8, 0).getTime(), now)).toBe('3月5日');
    expect(formatTime(new Date(2025, 2, 5, 8, 0).getTime(), now, true)).toBe('2025/3/5 08:00');
  });
});
