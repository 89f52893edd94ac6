/**
 * A minimal Server-Sent Events reader over `fetch` streaming, for checking the follower stream
 * on a listening server the way a browser's EventSource consumes it (id / event / data fields,
 * comments and `retry:` ignored, resume with `Last-Event-ID`).
 */
import type { MessageView } from '@gzh/contracts';
import { waitFor } from './gateway';

/** One dispatched event. */
export interface StreamEvent {
  id: number;
  event: string;
  data: MessageView;
}

export interface EventStreamReader {
  /** HTTP status and content type of the stream response. */
  status: number;
  contentType: string | null;
  /** Every event received so far, in order. */
  events: StreamEvent[];
  /** Waits until an event matches `predicate` and returns it. */
  until(predicate: (event: StreamEvent) => boolean, what: string, timeoutMs?: number): Promise<StreamEvent>;
  /** Disconnects (as a closed tab or a dropped network would). */
  close(): Promise<void>;
}

/** Opens `url` as an event stream, optionally resuming after `lastEventId`. */
export async function openEventStream(url: string, lastEventId?: number): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) },
    signal: controller.signal,
  });
  if (!response.body) throw new Error(`stream has no body (HTTP ${response.status})`);
  const events: StreamEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (event) events.push(event);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    until: (predicate, what, timeoutMs = 10_000) => waitFor(async () => events.find(predicate), what, timeoutMs),
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

function parseBlock(block: string): StreamEvent | null {
  let id: number | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = Number(value);
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (id === undefined || data.length === 0) return null;
  return { id, event, data: JSON.parse(data.join('\n')) as MessageView };
}
