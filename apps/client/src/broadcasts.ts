import type { BroadcastView, MessageBodyView, MessageView } from '@gzh/contracts';
import type { Conversation } from './messages';

/**
 * Broadcasts (群发) on the phone, as WeChat shows them: a service account's broadcasts sit in its
 * chat and move it up the chat list like a message; a subscription account's are folded under one
 * "订阅号消息" entry, which opens a feed of every subscription account's broadcasts. They arrive
 * from the inbox (on every stream connect) and as live `broadcast` events; each is kept once.
 */

/** Read-mark key of the subscriptions folder (AppIDs start with `wx`, so it never clashes). */
export const SUBSCRIPTIONS = 'subscriptions';

/** Last broadcast id seen per service account, and for the folder. */
export type BroadcastMarks = Record<string, number>;

export interface BroadcastStore {
  /** Adds broadcasts from the inbox or the stream; ids already held are ignored. */
  add(items: readonly BroadcastView[]): void;
  /** Every broadcast, newest first (the same array until it changes). */
  all(): readonly BroadcastView[];
  /** One account's broadcasts, oldest first, for its chat. */
  ofAccount(appid: string): readonly BroadcastView[];
  /** Subscription accounts' broadcasts, newest first: the folder's feed. */
  subscriptions(): readonly BroadcastView[];
  /** Unseen broadcasts of a service account (by appid) or of the folder ({@link SUBSCRIPTIONS}). */
  unread(key: string): number;
  markRead(key: string): void;
  subscribe(listener: () => void): () => void;
}

const NONE: readonly BroadcastView[] = [];

/** Where a broadcast is listed: its service account's chat, or the subscriptions folder. */
export function folderOf(b: BroadcastView): string {
  return b.accountType === 'subscription' ? SUBSCRIPTIONS : b.appid;
}

export function createBroadcastStore(marks: BroadcastMarks = {}, saveMarks?: (marks: BroadcastMarks) => void): BroadcastStore {
  const byId = new Map<number, BroadcastView>();
  const listeners = new Set<() => void>();
  let all: BroadcastView[] = [];
  const perAccount = new Map<string, readonly BroadcastView[]>();
  let subscriptions: readonly BroadcastView[] | null = null;

  const inFolder = (key: string) => all.filter((b) => folderOf(b) === key);

  return {
    add(items) {
      let changed = false;
      for (const b of items) {
        if (byId.has(b.id)) continue;
        byId.set(b.id, b);
        changed = true;
      }
      if (!changed) return;
      all = [...byId.values()].sort((a, b) => b.id - a.id);
      perAccount.clear();
      subscriptions = null;
      for (const listener of [...listeners]) listener();
    },
    all: () => all,
    ofAccount(appid) {
      let list = perAccount.get(appid);
      if (!list) perAccount.set(appid, (list = all.filter((b) => b.appid === appid).reverse()));
      return list.length ? list : NONE;
    },
    subscriptions() {
      subscriptions ??= inFolder(SUBSCRIPTIONS);
      return subscriptions;
    },
    unread(key) {
      const mark = marks[key] ?? 0;
      return inFolder(key).filter((b) => b.id > mark).length;
    },
    markRead(key) {
      // Opening a chat reads all of that account's broadcasts; opening the folder reads the folder.
      const latest = (key === SUBSCRIPTIONS ? inFolder(key) : all.filter((b) => b.appid === key))[0]?.id ?? 0;
      if (latest <= (marks[key] ?? 0)) return;
      marks = { ...marks, [key]: latest };
      saveMarks?.(marks);
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A broadcast drawn as a chat message of its account (the message bubble needs only these fields). */
export function broadcastAsMessage(b: BroadcastView): MessageView {
  return {
    id: -b.id,
    appid: b.appid,
    direction: 'out',
    msgid: null,
    body: b.body,
    source: 'broadcast',
    replyTo: null,
    createdAt: b.createdAt,
  };
}

/** One entry of a chat: a message or a broadcast, with a key unique across both. */
export interface TimelineEntry {
  key: string;
  message: MessageView;
}

/**
 * A chat's messages and its account's broadcasts in time order. While older history is not loaded
 * yet (`complete` false), broadcasts older than the first loaded message wait for it, so they never
 * sit above a gap.
 */
export function chatTimeline(
  messages: readonly MessageView[],
  broadcasts: readonly BroadcastView[],
  complete: boolean,
): TimelineEntry[] {
  const from = complete || messages.length === 0 ? -Infinity : messages[0]!.createdAt;
  const entries: TimelineEntry[] = messages.map((m) => ({ key: `m${m.id}`, message: m }));
  for (const b of broadcasts) if (b.createdAt >= from) entries.push({ key: `b${b.id}`, message: broadcastAsMessage(b) });
  // Stable: equal times keep messages (in id order) before broadcasts (in id order).
  return entries.sort((a, b) => a.message.createdAt - b.message.createdAt);
}

/** An entry of the chat list: an account (messages and service broadcasts) or the folder. */
export type ChatListItem =
  | { kind: 'account'; appid: string; body: MessageBodyView; createdAt: number; unread: number }
  | { kind: 'subscriptions'; latest: BroadcastView; unread: number };

/**
 * The chat list: conversations and service accounts' broadcasts per account (the newer of the two
 * is the preview, unread counts add up), plus one folder entry for subscription accounts'
 * broadcasts; latest first.
 */
export function chatListItems(
  conversations: readonly Conversation[],
  store: Pick<BroadcastStore, 'all' | 'unread'>,
): ChatListItem[] {
  const latestService = new Map<string, BroadcastView>();
  let latestSubscription: BroadcastView | undefined;
  for (const b of store.all()) {
    if (b.accountType === 'subscription') latestSubscription ??= b;
    else if (!latestService.has(b.appid)) latestService.set(b.appid, b);
  }
  const list: ChatListItem[] = [];
  for (const c of conversations) {
    const b = latestService.get(c.appid);
    latestService.delete(c.appid);
    const last = b && b.createdAt >= c.last.createdAt ? b : c.last;
    const unread = c.unread + (b ? store.unread(c.appid) : 0);
    list.push({ kind: 'account', appid: c.appid, body: last.body, createdAt: last.createdAt, unread });
  }
  for (const b of latestService.values()) {
    list.push({ kind: 'account', appid: b.appid, body: b.body, createdAt: b.createdAt, unread: store.unread(b.appid) });
  }
  if (latestSubscription) list.push({ kind: 'subscriptions', latest: latestSubscription, unread: store.unread(SUBSCRIPTIONS) });
  const time = (i: ChatListItem) => (i.kind === 'account' ? i.createdAt : i.latest.createdAt);
  return list.sort((a, b) => time(b) - time(a));
}
