import type { BroadcastView, MessageView } from '@gzh/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's EventSource: records what was opened, lets a test push events. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.OPEN;
  onmessage: ((event: { data: string; lastEventId: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  onopen: (() => void) | null = null;
  readonly handlers = new Map<string, (event: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, handler: (event: { data: string }) => void): void {
    this.handlers.set(type, handler);
  }
  emit(message: MessageView): void {
    this.onmessage?.({ data: JSON.stringify(message), lastEventId: String(message.id) });
  }
  /** An id-less named event (`broadcast`, `typing`). */
  emitNamed(type: string, data: unknown): void {
    this.handlers.get(type)?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
  fail(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}

function msg(id: number, appid = 'wxa'): MessageView {
  return {
    id,
    appid,
    direction: 'out',
    msgid: null,
    body: { type: 'text', content: `m${id}` },
    source: 'auto',
    replyTo: null,
    createdAt: id,
  };
}

const storage = new Map<string, string>();
/** What `GET /api/follower/broadcasts` answers in these tests. */
let inbox: BroadcastView[] = [];

function broadcast(id: number, accountType: 'service' | 'subscription' = 'service'): BroadcastView {
  return { id, appid: 'wxa', accountType, body: { type: 'text', content: `b${id}` }, createdAt: id };
}

/** Renders a hook once (server-side) and returns what it gave. */
async function probe<T>(hook: () => T): Promise<T> {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  let value: T | undefined;
  function Probe() {
    value = hook();
    return null;
  }
  renderToString(createElement(Probe));
  return value as T;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.opened = [];
  storage.clear();
  inbox = [];
  vi.stubGlobal('window', globalThis);
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, v),
    removeItem: (k: string) => storage.delete(k),
  });
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      Promise.resolve(
        new Response(
          JSON.stringify(
            url.startsWith('/api/follower/broadcasts') ? { broadcasts: inbox } : { person: { id: 'p1', nickname: 'x' } },
          ),
          { status: 200 },
        ),
      ),
    ),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('message stream', () => {
  it('batches events into the store, once each, and resumes after a closed stream from the last id', async () => {
    const stream = await import('./stream');
    stream.startStream('p1', 'tok');
    const first = FakeEventSource.opened[0]!;
    expect(first.url).toBe('/api/follower/stream?token=tok');

    first.emit(msg(1));
    first.emit(msg(2));
    stream.addMessages([msg(3)]); // a send answer, ahead of the stream
    await vi.advanceTimersByTimeAsync(50);
    first.emit(msg(3)); // the same message on the stream
    await vi.advanceTimersByTimeAsync(50);

    first.fail(); // refused (e.g. the server restarted with an error): the browser gives up
    await vi.advanceTimersByTimeAsync(3500);
    const second = FakeEventSource.opened[1]!;
    // Resumes from what the stream delivered, not from ids learned elsewhere.
    expect(second.url).toBe('/api/follower/stream?token=tok&lastEventId=3');
    second.emit(msg(4));
    await vi.advanceTimersByTimeAsync(50);

    let seen: number[] = [];
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    function Probe() {
      seen = stream.useMessages('wxa').map((m) => m.id);
      return null;
    }
    renderToString(createElement(Probe));
    expect(seen).toEqual([1, 2, 3, 4]);
    stream.stopStream();
    expect(second.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('keeps read marks per person and forgets messages on sign-out', async () => {
    const stream = await import('./stream');
    stream.startStream('p1', 'tok');
    FakeEventSource.opened[0]!.emit(msg(5));
    await vi.advanceTimersByTimeAsync(50);
    stream.markRead('wxa');
    expect(JSON.parse(storage.get('gzh.phone.read.p1') ?? '{}')).toEqual({ wxa: 5 });
    stream.stopStream();

    stream.startStream('p1', 'tok');
    FakeEventSource.opened[1]!.emit(msg(5));
    FakeEventSource.opened[1]!.emit(msg(6));
    await vi.advanceTimersByTimeAsync(50);
    let unread: number[] = [];
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    function Probe() {
      unread = stream.useConversations().map((c) => c.unread);
      return null;
    }
    renderToString(createElement(Probe));
    expect(unread).toEqual([1]);
    stream.stopStream();
  });

  it('reads the inbox on every connect and merges live broadcast events, once each', async () => {
    const stream = await import('./stream');
    inbox = [broadcast(2), broadcast(1)];
    stream.startStream('p1', 'tok');
    const es = FakeEventSource.opened[0]!;
    es.onopen?.();
    await vi.advanceTimersByTimeAsync(10);
    es.emitNamed('broadcast', broadcast(3));
    es.emitNamed('broadcast', broadcast(3)); // repeated
    es.emitNamed('broadcast', 'not json');
    inbox = [broadcast(4, 'subscription'), broadcast(3), broadcast(2)];
    es.onopen?.(); // a reconnect: the one announced while down comes from the inbox
    await vi.advanceTimersByTimeAsync(10);
    expect((await probe(() => stream.useAccountBroadcasts('wxa'))).map((b) => b.id)).toEqual([1, 2, 3, 4]);
    expect((await probe(() => stream.useSubscriptionFeed())).map((b) => b.id)).toEqual([4]);
    const items = await probe(() => stream.useChatList());
    expect(items.map((i) => i.kind)).toEqual(['subscriptions', 'account']);
    stream.stopStream();
  });

  it('shows typing until the event’s deadline or a stop', async () => {
    const stream = await import('./stream');
    stream.startStream('p1', 'tok');
    const es = FakeEventSource.opened[0]!;
    es.emitNamed('typing', { appid: 'wxa', until: Date.now() + 5000 });
    expect(await probe(() => stream.useTyping('wxa'))).toBe(true);
    expect(await probe(() => stream.useTyping('wxb'))).toBe(false);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await probe(() => stream.useTyping('wxa'))).toBe(false);
    es.emitNamed('typing', { appid: 'wxa', until: Date.now() + 5000 });
    es.emitNamed('typing', { appid: 'wxa', until: 0 });
    expect(await probe(() => stream.useTyping('wxa'))).toBe(false);
    stream.stopStream();
  });
});
