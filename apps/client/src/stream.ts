import type { MessageView } from '@gzh/contracts';
import { useSyncExternalStore } from 'react';
import { API_BASE, api } from './api';
import { createMessageStore } from './messages';
import type { Conversation, MessageStore, ReadMarks } from './messages';

/**
 * The app-wide message stream: one EventSource per signed-in person, feeding one message store.
 * The server replays everything after the last event id it is given, so a fresh stream brings the
 * whole history (chat list previews and unread counts) and a reconnect only what was missed:
 * the browser resends Last-Event-ID by itself; after a failure that closed the stream for good,
 * a new one resumes from the last id this stream delivered (`?lastEventId=`). The store drops
 * anything it already holds, so history pages and send answers never show a message twice.
 */

const RETRY_MS = 3000;
/** Events arriving together (the backlog on connect) are added to the store as one batch. */
const BATCH_MS = 30;

const listeners = new Set<() => void>();
const notify = (): void => {
  for (const listener of [...listeners]) listener();
};
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

let store: MessageStore = createMessageStore();
let unhook = store.subscribe(notify);
let stop: (() => void) | null = null;

/** Replaces the store (another person signed in); screens follow through `notify`. */
function replaceStore(next: MessageStore): void {
  unhook();
  store = next;
  unhook = next.subscribe(notify);
  notify();
}

function marksKey(personId: string): string {
  return `gzh.phone.read.${personId}`;
}

function loadMarks(personId: string): ReadMarks {
  try {
    const value = JSON.parse(localStorage.getItem(marksKey(personId)) ?? '{}') as unknown;
    return typeof value === 'object' && value !== null ? (value as ReadMarks) : {};
  } catch {
    return {};
  }
}

/** Opens the stream of a signed-in person (closing any other one). */
export function startStream(personId: string, token: string): void {
  stopStream();
  replaceStore(
    createMessageStore(loadMarks(personId), (marks) => {
      try {
        localStorage.setItem(marksKey(personId), JSON.stringify(marks));
      } catch {
        // No storage: unread counts then last until the page is closed.
      }
    }),
  );
  const current = store;
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
  replaceStore(createMessageStore());
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
