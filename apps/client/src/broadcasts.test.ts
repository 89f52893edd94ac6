import type { BroadcastView, MessageView } from '@gzh/contracts';
import { describe, expect, it, vi } from 'vitest';
import { chatListItems, chatTimeline, createBroadcastStore, SUBSCRIPTIONS } from './broadcasts';
import { createMessageStore } from './messages';

const SVC = 'wx00000000000000aa';
const SVC2 = 'wx00000000000000cc';
const SUB = 'wx00000000000000bb';
const T0 = 1_700_000_000_000;

function broadcast(id: number, appid = SVC, createdAt = T0 + id * 1000): BroadcastView {
  return {
    id,
    appid,
    accountType: appid === SUB ? 'subscription' : 'service',
    body: { type: 'text', content: `b${id}` },
    createdAt,
  };
}

function msg(id: number, appid = SVC, createdAt = T0 + id * 1000): MessageView {
  return {
    id,
    appid,
    direction: 'out',
    msgid: null,
    body: { type: 'text', content: `m${id}` },
    source: 'auto',
    replyTo: null,
    createdAt,
  };
}

describe('broadcast store', () => {
  it('keeps each broadcast once, from the inbox or the stream, newest first', () => {
    const store = createBroadcastStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.add([broadcast(2), broadcast(1)]); // inbox
    store.add([broadcast(3)]); // live event
    store.add([broadcast(3), broadcast(2)]); // inbox again after a reconnect: nothing new
    expect(store.all().map((b) => b.id)).toEqual([3, 2, 1]);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.ofAccount(SVC).map((b) => b.id)).toEqual([1, 2, 3]);
  });

  it('files subscription accounts’ broadcasts in the folder and counts unread per place', () => {
    const saved: Record<string, number>[] = [];
    const store = createBroadcastStore({ [SVC]: 1 }, (marks) => saved.push(marks));
    store.add([broadcast(1), broadcast(2), broadcast(3, SUB), broadcast(4, SUB)]);
    expect(store.subscriptions().map((b) => b.id)).toEqual([4, 3]);
    expect(store.unread(SVC)).toBe(1);
    expect(store.unread(SUBSCRIPTIONS)).toBe(2);
    expect(store.unread(SUB)).toBe(0); // a subscription account's broadcasts count in the folder only
    store.markRead(SUBSCRIPTIONS);
    store.markRead(SVC);
    expect([store.unread(SUBSCRIPTIONS), store.unread(SVC)]).toEqual([0, 0]);
    expect(saved.at(-1)).toEqual({ [SVC]: 2, [SUBSCRIPTIONS]: 4 });
    store.markRead(SVC); // nothing new: no write
    expect(saved).toHaveLength(2);
  });
});

describe('chatTimeline', () => {
  it('merges messages and the account’s broadcasts in time order with distinct keys', () => {
    const entries = chatTimeline([msg(1), msg(5)], [broadcast(3), broadcast(5)], true);
    expect(entries.map((e) => e.key)).toEqual(['m1', 'b3', 'm5', 'b5']);
    expect(entries[1]!.message).toMatchObject({ direction: 'out', source: 'broadcast', body: { content: 'b3' } });
  });

  it('holds back broadcasts older than the loaded history until it is complete', () => {
    expect(chatTimeline([msg(4), msg(6)], [broadcast(2), broadcast(5)], false).map((e) => e.key)).toEqual(['m4', 'b5', 'm6']);
    expect(chatTimeline([], [broadcast(2)], false).map((e) => e.key)).toEqual(['b2']);
  });
});

describe('chatListItems', () => {
  it('puts service broadcasts in their account’s entry and subscription ones in one folder, latest first', () => {
    const messages = createMessageStore();
    messages.add([msg(1, SVC), msg(2, SVC2), msg(3, SUB)]);
    const store = createBroadcastStore();
    store.add([broadcast(10, SVC), broadcast(11, SUB), broadcast(12, SUB), broadcast(13, 'wx00000000000000dd')]);
    const items = chatListItems(messages.conversations(), store);
    expect(items).toEqual([
      { kind: 'account', appid: 'wx00000000000000dd', body: { type: 'text', content: 'b13' }, createdAt: T0 + 13_000, unread: 1 },
      { kind: 'subscriptions', latest: broadcast(12, SUB), unread: 2 },
      // the service account's broadcast is newer than its last message: it is the preview; unread adds up
      { kind: 'account', appid: SVC, body: { type: 'text', content: 'b10' }, createdAt: T0 + 10_000, unread: 2 },
      // a subscription account's own messages still make a chat entry
      { kind: 'account', appid: SUB, body: { type: 'text', content: 'm3' }, createdAt: T0 + 3000, unread: 1 },
      { kind: 'account', appid: SVC2, body: { type: 'text', content: 'm2' }, createdAt: T0 + 2000, unread: 1 },
    ]);
  });

  it('keeps the last message as the preview when it is newer than the broadcast', () => {
    const messages = createMessageStore();
    messages.add([msg(20, SVC)]);
    const store = createBroadcastStore();
    store.add([broadcast(10, SVC)]);
    expect(chatListItems(messages.conversations(), store)).toEqual([
      { kind: 'account', appid: SVC, body: { type: 'text', content: 'm20' }, createdAt: T0 + 20_000, unread: 2 },
    ]);
  });
});
