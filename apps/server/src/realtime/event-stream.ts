import type { FastifyReply, FastifyRequest } from 'fastify';

/** One event of a stream; `id` is what a reconnecting client sends back as Last-Event-ID. */
export interface StreamEvent {
  id: number;
  event: string;
  data: unknown;
}

/** An event a nudge brings along: shown directly by a stream whose last id is `previousId`. */
export interface NextEvent {
  previousId: number;
  event: () => Promise<StreamEvent>;
}

export interface EventStreamOptions {
  /** Resume point: events with a larger id are sent. */
  lastEventId: number;
  /** Events after `afterId`, in id order, at most {@link EventStreamOptions.batchSize}. */
  fetchAfter(afterId: number): Promise<StreamEvent[]>;
  /** The most `fetchAfter` returns; a shorter batch means the stream has caught up. */
  batchSize: number;
  /**
   * Registers a nudge for "there may be new events"; returns the unsubscribe function. A nudge
   * may carry the new event itself and the id of the event just before it: a stream that is
   * idle and has shown exactly up to that id shows it without a read (no gap is possible);
   * otherwise the nudge is an ordinary one.
   */
  subscribe(nudge: (next?: NextEvent) => void): () => void;
  /**
   * Registers sources of transient events (typing indicators, "a broadcast arrived"): written
   * without an `id:` line, so they do not move Last-Event-ID and are not replayed on reconnect.
   * Returns the unsubscribe function.
   */
  transient?(send: (event: string, data: unknown) => void): () => void;
  /** Safety net for writers the bus cannot reach (another process on the same database). */
  pollMs?: number;
  heartbeatMs?: number;
}

/**
 * Serves a Server-Sent Events stream that never skips and never repeats: every send is driven by
 * "fetch everything after the last id sent" — on connect (the backlog after Last-Event-ID), on
 * every bus nudge, and on a slow poll — and only one fetch runs at a time. The one shortcut is a
 * nudge that brings its event and the id of the event before it: when the stream is idle and has
 * shown exactly up to that id, the event is shown without a read (a chat's live messages, one
 * read fewer each).
 */
export function serveEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  let last = options.lastEventId;
  let running = false;
  let pending = false;
  let closed = false;

  const pump = async (next?: NextEvent): Promise<void> => {
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    let direct = next?.previousId === last ? next.event : undefined;
    try {
      do {
        pending = false;
        for (;;) {
          // The event the nudge brought stands in for the first read; any later round reads.
          const batch = direct ? [await direct()] : await options.fetchAfter(last);
          direct = undefined;
          for (const event of batch) {
            if (closed || event.id <= last) continue;
            raw.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
            last = event.id;
          }
          // A short batch is the end: no second read just to see it come back empty.
          if (batch.length < options.batchSize || closed) break;
        }
      } while (pending && !closed);
    } catch (error) {
      request.log.warn({ err: error }, 'event stream fetch failed');
    } finally {
      running = false;
    }
  };

  const unsubscribe = options.subscribe((next) => void pump(next));
  const unsubscribeTransient =
    options.transient?.((event, data) => {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }) ?? (() => undefined);
  const poll = setInterval(() => void pump(), options.pollMs ?? 2000);
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unsubscribeTransient();
    clearInterval(poll);
    clearInterval(heartbeat);
  };
  request.raw.on('close', close);
  raw.on('close', close);
  void pump();
}

/** Reads the resume point: the `Last-Event-ID` header (browsers) or a `lastEventId` query value. */
export function lastEventIdOf(request: FastifyRequest): number {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown> | undefined)?.lastEventId;
  const raw = (Array.isArray(header) ? header[0] : header) ?? (typeof query === 'string' ? query : undefined);
  const id = raw === undefined ? 0 : Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}
