import type { MessageBodyView, MessageView } from '@gzh/contracts';

/**
 * The phone's messages, per account: filled by the live stream, by history pages and by the
 * answers to what the person sends. Each message is kept once (by id) and in id order, whichever
 * of those ways brought it first. Read marks (the last message id seen per account) give the
 * unread counts of the chat list.
 */

/** One entry of the chat list: an account with messages, its latest one and its unread count. */
export interface Conversation {
  appid: string;
  last: MessageView;
  unread: number;
}

/** Last read message id per appid. */
export type ReadMarks = Record<string, number>;

export interface MessageStore {
  /** Adds messages from any source; ids already held are ignored. */
  add(messages: readonly MessageView[]): void;
  /** An account's messages in id order (the same array until it changes, for useSyncExternalStore). */
  list(appid: string): readonly MessageView[];
  /** Accounts with messages, latest conversation first (same array until something changes). */
  conversations(): readonly Conversation[];
  /** Messages from the account the person has not seen yet. */
  unread(appid: string): number;
  /** Marks everything of the account held so far as read. */
  markRead(appid: string): void;
  subscribe(listener: () => void): () => void;
}

const NONE: readonly MessageView[] = [];

/** True for what the account put in the chat (replies, notices) rather than what the person sent. */
export function fromAccount(message: MessageView): boolean {
  return message.direction === 'out';
}

export function createMessageStore(marks: ReadMarks = {}, saveMarks?: (marks: ReadMarks) => void): MessageStore {
  const byAccount = new Map<string, MessageView[]>();
  const ids = new Set<number>();
  const listeners = new Set<() => void>();
  let conversations: Conversation[] | null = null;

  const emit = (): void => {
    conversations = null;
    for (const listener of [...listeners]) listener();
  };

  const unread = (appid: string): number => {
    const mark = marks[appid] ?? 0;
    let count = 0;
    for (const m of byAccount.get(appid) ?? NONE) if (m.id > mark && fromAccount(m)) count++;
    return count;
  };

  return {
    add(messages) {
      const touched = new Map<string, MessageView[]>();
      for (const m of messages) {
        if (ids.has(m.id)) continue;
        ids.add(m.id);
        let list = touched.get(m.appid);
        if (!list) touched.set(m.appid, (list = [...(byAccount.get(m.appid) ?? NONE)]));
        list.push(m);
      }
      if (touched.size === 0) return;
      for (const [appid, list] of touched)
        byAccount.set(
          appid,
          list.sort((a, b) => a.id - b.id),
        );
      emit();
    },
    list: (appid) => byAccount.get(appid) ?? NONE,
    conversations() {
      conversations ??= [...byAccount]
        .map(([appid, list]) => ({ appid, last: list[list.length - 1]!, unread: unread(appid) }))
        .sort((a, b) => b.last.createdAt - a.last.createdAt || b.last.id - a.last.id);
      return conversations;
    },
    unread,
    markRead(appid) {
      const last = byAccount.get(appid)?.at(-1)?.id ?? 0;
      if (last <= (marks[appid] ?? 0)) return;
      marks = { ...marks, [appid]: last };
      saveMarks?.(marks);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The second line of a chat list entry, as WeChat words it. */
export function previewText(body: MessageBodyView): string {
  switch (body.type) {
    case 'text':
    case 'notice':
      return body.content.replace(/\s+/g, ' ');
    case 'image':
      return '[图片]';
    case 'voice':
      return '[语音]';
    case 'video':
    case 'shortvideo':
      return '[视频]';
    case 'location':
      return '[位置]';
    case 'link':
      return `[链接] ${body.title}`;
    case 'music':
      return `[音乐] ${body.title}`;
    case 'news':
    case 'mpnews':
      return body.articles[0]?.title ?? '[图文]';
    case 'template':
      return body.title;
    case 'msgmenu':
      return body.headContent.replace(/\s+/g, ' ') || '[菜单]';
    case 'miniprogrampage':
      return `[小程序] ${body.title}`;
    case 'wxcard':
      return '[卡券]';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * WeChat's times: `14:05` today, `昨天` yesterday, `3月5日` this year, `2024/3/5` before; chat
 * separators (`clock`) add the time of day to the older forms.
 */
export function formatTime(ms: number, now: number, clock = false): string {
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const day = (t: number): number => new Date(t).setHours(0, 0, 0, 0);
  const days = Math.round((day(now) - day(ms)) / 86_400_000);
  if (days <= 0) return time;
  const date =
    days === 1
      ? '昨天'
      : d.getFullYear() === new Date(now).getFullYear()
        ? `${d.getMonth() + 1}月${d.getDate()}日`
        : `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;
  return clock ? `${date} ${time}` : date;
}
