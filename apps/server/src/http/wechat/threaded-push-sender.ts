import { Worker } from 'node:worker_threads';
import type { PushAccount, PushAttempt, PushSender, VerifyResult } from '../../modules/callbacks/push-sender';
import type { Push } from '../../modules/callbacks/push.types';
import { AccountLanes } from './account-lanes';
import { DEFAULT_PER_ACCOUNT_CONCURRENCY, HttpPushSender, type HttpPushSenderOptions } from './push-sender';
import type { PushThreadData, PushThreadRequest, PushThreadResponse } from './push-thread';

export interface ThreadedPushSenderOptions extends HttpPushSenderOptions {
  /** Worker threads that carry pushes (at least 1). */
  threads: number;
  /** Told when a thread stops unexpectedly (it is replaced at the next push). */
  onThreadError?: (error: unknown) => void;
}

/** Where a thread's call waits for its answer. */
interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker thread and the calls it has not answered yet. */
interface PushThread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Set once the thread has exited; a dead thread takes no calls. */
  exited: boolean;
}

/**
 * A {@link PushSender} whose pushes are built, signed, encrypted, sent and read in worker
 * threads, each with an {@link HttpPushSender} of its own.
 *
 * Why: a follower's round trip is mostly the main thread's work (its HTTP request, the database,
 * the event stream) plus the push exchange (XML, SHA-1, AES both ways, the developer server's
 * HTTP connection). On one thread the two queue behind each other while other cores sit idle;
 * moved to a thread, the exchange runs beside the rest. What crosses the thread boundary is small:
 * the push and four fields of the account one way, the attempt (the push XML, the answer) back.
 *
 * The per-account lanes stay here, so the limit holds across threads. URL checks and probes are
 * rare and answered on this thread. Calls to a thread that stops are failed (the delivery job
 * retries them) and the thread is replaced.
 */
export class ThreadedPushSender implements PushSender {
  private readonly local: HttpPushSender;
  private readonly lanes: AccountLanes;
  private readonly threads: (PushThread | undefined)[];
  private next = 0;
  private lastId = 0;
  private closed = false;

  constructor(private readonly options: ThreadedPushSenderOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('threads must be an integer >= 1');
    this.local = new HttpPushSender(options);
    this.lanes = new AccountLanes(options.perAccountConcurrency ?? DEFAULT_PER_ACCOUNT_CONCURRENCY);
    // Started now, not at the first push: loading a thread takes a moment the first follower
    // should not wait for.
    this.threads = Array.from({ length: options.threads }, () => this.spawn());
  }

  send(account: PushAccount, push: Push, options: { url?: string } = {}): Promise<PushAttempt> {
    const nowMs = this.options.clock.nowMs();
    return this.lanes.run(account.id, () =>
      this.call<PushAttempt>({ op: 'send', nowMs, account: slim(account), push, url: options.url }),
    );
  }

  resend(account: PushAccount, plainXml: string, openid: string, url: string): Promise<PushAttempt> {
    const nowMs = this.options.clock.nowMs();
    return this.lanes.run(account.id, () =>
      this.call<PushAttempt>({ op: 'resend', nowMs, account: slim(account), plainXml, openid, url }),
    );
  }

  verify(url: string, token: string): Promise<VerifyResult> {
    return this.local.verify(url, token);
  }

  probe(url: string) {
    return this.local.probe(url);
  }

  /** Lets every thread finish what it is sending, then stops them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.threads.map(async (thread) => {
        if (!thread || thread.exited) return;
        const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
        await this.callOn(thread, { op: 'close' }).catch(() => undefined);
        // Held until the thread is gone: answering the close unrefs it, and a process whose
        // event loop has nothing else left would otherwise end here with the close unfinished.
        thread.worker.ref();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
        clearTimeout(timer);
        if (!thread.exited) await thread.worker.terminate();
      }),
    );
    await this.local.close();
  }

  private call<T>(request: DistributiveOmit<PushThreadRequest, 'id'>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('push sender closed'));
    const index = this.next;
    this.next = (this.next + 1) % this.threads.length;
    let thread = this.threads[index];
    if (!thread || thread.exited) this.threads[index] = thread = this.spawn();
    return this.callOn(thread, request) as Promise<T>;
  }

  private callOn(thread: PushThread, request: DistributiveOmit<PushThreadRequest, 'id'>): Promise<unknown> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      // A thread with calls in flight keeps the process alive until they are answered (a CLI
      // command waiting on its close, say); an idle one does not.
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ ...request, id });
    });
  }

  private spawn(): PushThread {
    const data: PushThreadData = { timeoutMs: this.options.timeoutMs ?? 5000, maxResponseBytes: this.options.maxResponseBytes };
    const worker = startThread(data);
    // The server's lifetime is the server's business; an idle push thread keeps nothing alive.
    worker.unref();
    const thread: PushThread = { worker, pending: new Map(), exited: false };
    worker.on('message', (response: PushThreadResponse) => {
      const pending = thread.pending.get(response.id);
      if (!pending) return;
      thread.pending.delete(response.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if (response.ok) pending.resolve(response.value);
      else pending.reject(new Error(response.error));
    });
    const fail = (error: Error) => {
      thread.exited = true;
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (error) => {
      this.options.onThreadError?.(error);
      fail(error);
    });
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.options.onThreadError?.(new Error(`push thread exited with code ${code}`));
      fail(new Error('push thread stopped'));
    });
    return thread;
  }
}

/** What a thread needs of the account; the rest (secret hashes, salts) stays on this thread. */
function slim(account: PushAccount): PushAccount {
  return { id: account.id, appid: account.appid, originalId: account.originalId, callback: account.callback };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Starts `push-thread` as a worker. gzh runs its TypeScript through tsx, which a worker thread
 * does not inherit, so from the TypeScript sources the thread starts at a small JavaScript entry
 * that registers tsx first; built JavaScript is loaded directly.
 */
function startThread(data: PushThreadData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(new URL(fromSource ? './push-thread-boot.mjs' : './push-thread.js', import.meta.url), { workerData: data });
}
