import type { MessageView } from '@gzh/contracts';
import { Client, Pool } from 'undici';
import type { BenchFollower } from './child-protocol';
import type { LoadResult, LoadSettings } from './load';

/**
 * A closed-loop load of followers chatting with an account through gzh, measured the way a
 * person experiences it: from pressing "send" to the developer's reply appearing in the chat.
 *
 * `POST /api/follower/accounts/:appid/messages` answers as soon as the message is stored; the push
 * to the developer server, its reply and the reply's storage happen afterwards in the worker. So
 * each simulated follower keeps its own Server-Sent Events stream open (`GET /api/follower/stream`,
 * as the follower client does) and a round trip ends when the reply to its message (`replyTo` =
 * the message id) arrives there. Each follower sends its next message only then, like a person
 * waiting for an answer, so the concurrency is exactly the number of followers.
 *
 * autocannon cannot do this (a request's end is not the end of the exchange), hence this small
 * generator: undici keep-alive connections, one pool for the sends, one connection per stream.
 */

/** Who chats with which account, and what the developer's bot must answer. */
export interface RoundTripTarget {
  /** gzh's base URL. */
  url: string;
  appid: string;
  /** One loop per follower; each has its own session and stream. */
  followers: BenchFollower[];
  /** Text every message carries. */
  content: string;
  /** Text every reply must carry; anything else counts as a failure. */
  expectedReply: string;
  /** Reads the server process's CPU time so far (ms, every thread), at both ends of the window. */
  serverCpuMs?: () => Promise<number>;
}

/** Latency percentiles in milliseconds (nearest rank over every recorded sample). */
export interface LatencySummary {
  average: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface RoundTripResult {
  /** Round trips: `requestsPerSecond` is completed round trips per second. */
  roundTrips: LoadResult;
  /** Until the send itself was answered (message stored, push queued); a part of each round trip. */
  send: LatencySummary;
  /** The first few distinct failure reasons, for the log. */
  failureReasons: string[];
  /** The server's CPU time in the measured window divided by the round trips completed in it. */
  serverCpuMsPerRoundTrip: number | null;
}

/** Longer than gzh's own give-up point (3 attempts × 5 s would be 15 s only for a dead server). */
const REPLY_TIMEOUT_MS = 20_000;

/**
 * Runs `followers.length` loops for `settings.warmupSeconds` (discarded) then
 * `settings.durationSeconds` (measured). A round trip counts when it completes inside the
 * measured window; the one in flight when the window closes is finished but not counted.
 */
export async function measureRoundTrips(target: RoundTripTarget, settings: LoadSettings): Promise<RoundTripResult> {
  const pool = new Pool(target.url, { connections: target.followers.length, pipelining: 1 });
  const streams: FollowerStream[] = [];
  try {
    for (const follower of target.followers) streams.push(await FollowerStream.open(target.url, follower.token));
    const measureFrom = performance.now() + settings.warmupSeconds * 1000;
    const endAt = measureFrom + settings.durationSeconds * 1000;
    const samples = { roundTrip: [] as number[], send: [] as number[], failures: 0, reasons: new Set<string>() };

    const loop = async (follower: BenchFollower, stream: FollowerStream) => {
      while (performance.now() < endAt) {
        const started = performance.now();
        try {
          const id = await sendText(pool, target, follower);
          const sent = performance.now();
          const reply = await stream.replyTo(id, REPLY_TIMEOUT_MS);
          const ended = performance.now();
          if (ended < measureFrom || ended > endAt) continue;
          if (reply.body.type !== 'text' || reply.body.content !== target.expectedReply) {
            throw new Error(`unexpected reply ${JSON.stringify(reply.body).slice(0, 120)}`);
          }
          samples.roundTrip.push(ended - started);
          samples.send.push(sent - started);
        } catch (error) {
          const at = performance.now();
          if (at < measureFrom || at > endAt) continue;
          samples.failures++;
          if (samples.reasons.size < 5) samples.reasons.add(error instanceof Error ? error.message : String(error));
        }
      }
    };
    // The server's CPU clock is read when the measured window opens and when it closes.
    const cpuAt = (at: number) =>
      target.serverCpuMs
        ? new Promise<number>((resolve, reject) =>
            setTimeout(() => void target.serverCpuMs!().then(resolve, reject), Math.max(0, at - performance.now())),
          )
        : Promise.resolve(null);
    const [, cpuFrom, cpuTo] = await Promise.all([
      Promise.all(target.followers.map((follower, i) => loop(follower, streams[i]!))),
      cpuAt(measureFrom),
      cpuAt(endAt),
    ]);

    const roundTrip = summarize(samples.roundTrip);
    return {
      roundTrips: {
        requestsPerSecond: roundTrip.count / settings.durationSeconds,
        latencyAverage: roundTrip.average,
        latencyP50: roundTrip.p50,
        latencyP99: roundTrip.p99,
        latencyMax: roundTrip.max,
        totalRequests: roundTrip.count,
        failures: samples.failures,
      },
      send: summarize(samples.send),
      failureReasons: [...samples.reasons],
      serverCpuMsPerRoundTrip:
        cpuFrom !== null && cpuTo !== null && roundTrip.count > 0 ? (cpuTo - cpuFrom) / roundTrip.count : null,
    };
  } finally {
    await Promise.all(streams.map((s) => s.close()));
    await pool.close();
  }
}

/** Sends one text as `follower`; returns the stored message's id (what the reply points back to). */
async function sendText(pool: Pool, target: RoundTripTarget, follower: BenchFollower): Promise<number> {
  const response = await pool.request({
    path: `/api/follower/accounts/${target.appid}/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${follower.token}` },
    body: JSON.stringify({ type: 'text', content: target.content }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`send answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  const id = (JSON.parse(text) as { message?: { id?: unknown } }).message?.id;
  if (typeof id !== 'number') throw new Error(`send answered without a message id: ${text.slice(0, 200)}`);
  return id;
}

/**
 * One follower's event stream on its own connection. Replies are matched to the message they
 * answer; one that arrives before the send's own response (the worker can be that quick) is
 * kept until asked for.
 */
class FollowerStream {
  private readonly waiting = new Map<number, (reply: MessageView) => void>();
  private readonly early = new Map<number, MessageView>();
  private buffer = '';

  private constructor(private readonly client: Client) {}

  /** Connects and returns once the server has started the stream (and so subscribed it). */
  static async open(url: string, token: string): Promise<FollowerStream> {
    const client = new Client(url, { bodyTimeout: 0, headersTimeout: 10_000 });
    const stream = new FollowerStream(client);
    const response = await client.request({
      path: `/api/follower/stream?token=${encodeURIComponent(token)}`,
      method: 'GET',
      headers: { accept: 'text/event-stream' },
    });
    if (response.statusCode !== 200) {
      const text = await response.body.text();
      await client.close();
      throw new Error(`follower stream answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
    }
    const body = response.body;
    body.setEncoding('utf8');
    // The stream ends when we close the client; any other end shows as replies timing out.
    body.on('error', () => undefined);
    // The server writes `retry:` right after subscribing to the bus: the first chunk means ready.
    await new Promise<void>((resolve, reject) => {
      body.on('data', (chunk: string) => {
        stream.take(chunk);
        resolve();
      });
      body.once('error', reject);
    });
    return stream;
  }

  /** The reply to message `id`, or a rejection after `timeoutMs`. */
  replyTo(id: number, timeoutMs: number): Promise<MessageView> {
    const early = this.early.get(id);
    if (early) {
      this.early.delete(id);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no reply to message ${id} on the stream within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  async close(): Promise<void> {
    await this.client.destroy();
  }

  /** Splits the text into events (blank-line separated) and dispatches each reply. */
  private take(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) continue; // `retry:` and keep-alive comments
      const message = JSON.parse(data) as MessageView;
      if (message.direction !== 'out' || message.replyTo === null) continue;
      const waiter = this.waiting.get(message.replyTo);
      if (waiter) {
        this.waiting.delete(message.replyTo);
        waiter(message);
      } else {
        this.early.set(message.replyTo, message);
      }
    }
  }
}

/** Nearest-rank percentiles over a sorted copy; exact, and cheap at these sample counts. */
function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const count = sorted.length;
  if (count === 0) return { average: 0, p50: 0, p99: 0, max: 0, count };
  const rank = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))]!;
  let total = 0;
  for (const value of sorted) total += value;
  return { average: total / count, p50: rank(50), p99: rank(99), max: sorted[count - 1]!, count };
}
