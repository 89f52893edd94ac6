import type { BroadcastView, MessageView, TypingEvent } from '@gzh/contracts';
import { useSyncExternalStore } from 'react';
import { API_BASE, api } from './api';
import { chatListItems, createBroadcastStore } from './broadcasts';
import type { BroadcastMarks, BroadcastStore, ChatListItem } from './broadcasts';
import { createMessageStore } from './messages';
import type { Conversation, MessageStore, ReadMarks } from './messages';
import { typingDeadline } from './typing';

/**
 * The app-wide message stream: one EventSource per signed-in person, feeding one message store.
 * The server replays everything after the last event id it is given, so a fresh stream brings the
 * whole history (chat list previews and unread counts) and a reconnect only what was missed:
 * the browser resends Last-Event-ID by itself; after a failure that closed the stream for good,
 * a new one resumes from the last id this stream delivered (`?lastEventId=`). The store drops
 * anything it already holds, so history pages and send answers never show a message twice.
 *
 * The same stream carries id-less events that are never replayed: `broadcast` (a broadcast reached
 * this person) and `typing` (the account is typing). Broadcasts missed while disconnected come from
 * the inbox, which is read again on every (re)connect.
 */

const RETRY_MS = 3000;
/** Events arriving together (the backlog on connect) are added to the store as one batch. */
const BATCH_MS = 30;
/** Broadcasts read from the inbox on connect (newest first); older ones page in from the folder. */
export const INBOX_PAGE = 50;

const listeners = new Set<() => void>();
let chatList: ChatListItem[] | null = null;
const notify = (): void => {
  chatList = null;
  for (const listener of [...listeners]) listener();
};
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

let store: MessageStore = createMessageStore();
let broadcasts: BroadcastStore = createBroadcastStore();
let unhook = [store.subscribe(notify), broadcasts.subscribe(notify)];
let stop: (() => void) | null = null;
/** Phone-clock deadlines of typing indicators per appid, and the timers that end them. */
const typing = new Map<string, number>();
const typingTimers = new Map<string, number>();

/** Replaces the stores (another person signed in); screens follow through `notify`. */
function replaceStores(next: MessageStore, nextBroadcasts: BroadcastStore): void {
  for (const off of unhook) off();
  store = next;
  broadcasts = nextBroadcasts;
  unhook = [next.subscribe(notify), nextBroadcasts.subscribe(notify)];
  for (const timer of typingTimers.values()) window.clearTimeout(timer);
  typingTimers.clear();
  typing.clear();
  notify();
}

function marksKey(personId: string): string {
  return `gzh.phone.read.${personId}`;
}

function broadcastMarksKey(personId: string): string {
  return `gzh.phone.read-broadcasts.${personId}`;
}

function loadMarks(key: string): ReadMarks {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '{}') as unknown;
    return typeof value === 'object' && value !== null ? (value as ReadMarks) : {};
  } catch {
    return {};
  }
}

function saver(key: string): (marks: ReadMarks | BroadcastMarks) => void {
  return (marks) => {
    try {
      localStorage.setItem(key, JSON.stringify(marks));
    } catch {
      // No storage: unread counts then last until the page is closed.
    }
  };
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/** Shows or ends an account's typing indicator; a timer re-renders when it runs out. */
function setTyping(event: TypingEvent): void {
  const deadline = typingDeadline(event.until, Date.now());
  window.clearTimeout(typingTimers.get(event.appid));
  typingTimers.delete(event.appid);
  if (deadline === 0) typing.delete(event.appid);
  else {
    typing.set(event.appid, deadline);
    typingTimers.set(
      event.appid,
      window.setTimeout(() => {
        typingTimers.delete(event.appid);
        typing.delete(event.appid);
        notify();
      }, deadline - Date.now()),
    );
  }
  notify();
}

/** Opens the stream of a signed-in person (closing any other one). */
export function startStream(personId: string, token: string): void {
  stopStream();
  replaceStores(
    createMessageStore(loadMarks(marksKey(personId)), saver(marksKey(personId))),
    createBroadcastStore(loadMarks(broadcastMarksKey(personId)), saver(broadcastMarksKey(personId))),
  );
  const current = store;
  const currentBroadcasts = broadcasts;
  let source: EventSource | null = null;
  let lastId = 0;
  let queue: MessageView[] = [];
  let flushTimer: number | undefined;
  let retryTimer: number | undefined;

  const flush = (): void => {
    flushTimer = undefined;
    const batch = queue;
    queue = [];
    current.add(batch);
  };

  const open = (): void => {
    const resume = lastId > 0 ? `&lastEventId=${lastId}` : '';
    const es = new EventSource(`${API_BASE}/stream?token=${encodeURIComponent(token)}${resume}`);
    source = es;
    es.onmessage = (event: MessageEvent<string>) => {
      let message: MessageView;
      try {
        message = JSON.parse(event.data) as MessageView;
      } catch {
        return;
      }
      lastId = Math.max(lastId, Number(event.lastEventId) || message.id);
      queue.push(message);
      flushTimer ??= window.setTimeout(flush, BATCH_MS);
    };
    // (Re)connected: broadcasts announced while the stream was down are only in the inbox.
    es.onopen = () => {
      api.broadcasts(undefined, INBOX_PAGE).then(
        (res) => stop === close && currentBroadcasts.add(res.broadcasts),
        () => undefined,
      );
    };
    es.addEventListener('broadcast', (event: MessageEvent<string>) => {
      const broadcast = parse<BroadcastView>(event.data);
      if (broadcast) currentBroadcasts.add([broadcast]);
    });
    es.addEventListener('typing', (event: MessageEvent<string>) => {
      const typingEvent = parse<TypingEvent>(event.data);
      if (typingEvent && stop === close) setTyping(typingEvent);
    });
    es.onerror = () => {
      // A dropped connection is retried by the browser; a refused one (bad token, server error) is
      // closed for good: check the session (a 401 signs out) and open a new stream from lastId.
      if (es.readyState !== EventSource.CLOSED || source !== es) return;
      source = null;
      retry();
    };
  };

  const retry = (): void => {
    retryTimer = window.setTimeout(() => {
      api.me().then(
        () => stop === close && open(),
        () => stop === close && retry(),
      );
    }, RETRY_MS);
  };

  const close = (): void => {
    source?.close();
    source = null;
    window.clearTimeout(flushTimer);
    window.clearTimeout(retryTimer);
  };
  stop = close;
  open();
}

/** Closes the stream and forgets the messages (signing out, switching person). */
export function stopStream(): void {
  stop?.();
  stop = null;
  replaceStores(createMessageStore(), createBroadcastStore());
}

/** Adds messages fetched or sent outside the stream. */
export function addMessages(messages: readonly MessageView[]): void {
  store.add(messages);
}

export function markRead(appid: string): void {
  store.markRead(appid);
}

/** One account's messages, oldest first, live. */
export function useMessages(appid: string): readonly MessageView[] {
  const get = (): readonly MessageView[] => store.list(appid);
  return useSyncExternalStore(subscribe, get, get);
}

/** Accounts with messages, latest first, with unread counts, live. */
export function useConversations(): readonly Conversation[] {
  const get = (): readonly Conversation[] => store.conversations();
  return useSyncExternalStore(subscribe, get, get);
}

/** An account's broadcasts, oldest first, live (they show in its chat). */
export function useAccountBroadcasts(appid: string): readonly BroadcastView[] {
  const get = (): readonly BroadcastView[] => broadcasts.ofAccount(appid);
  return useSyncExternalStore(subscribe, get, get);
}

/** Subscription accounts' broadcasts, newest first, live: the 订阅号消息 folder. */
export function useSubscriptionFeed(): readonly BroadcastView[] {
  const get = (): readonly BroadcastView[] => broadcasts.subscriptions();
  return useSyncExternalStore(subscribe, get, get);
}

/** The chat list: accounts (messages and service broadcasts) and the folder, latest first, live. */
export function useChatList(): readonly ChatListItem[] {
  const get = (): readonly ChatListItem[] => (chatList ??= chatListItems(store.conversations(), broadcasts));
  return useSyncExternalStore(subscribe, get, get);
}

/** Marks an account's broadcasts (by appid), or the folder's (`SUBSCRIPTIONS`), as seen. */
export function markBroadcastsRead(key: string): void {
  broadcasts.markRead(key);
}

/** Loads a page of older broadcasts into the store; resolves to how many the server returned. */
export async function loadOlderBroadcasts(before: number | undefined, limit = INBOX_PAGE): Promise<number> {
  const target = broadcasts;
  const res = await api.broadcasts(before, limit);
  target.add(res.broadcasts);
  return res.broadcasts.length;
}

/** Whether the account is typing now ("对方正在输入…"), live. */
export function useTyping(appid: string): boolean {
  const get = (): boolean => (typing.get(appid) ?? 0) > Date.now();
  return useSyncExternalStore(subscribe, get, get);
}
