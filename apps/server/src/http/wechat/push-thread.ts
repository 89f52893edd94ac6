import { parentPort, workerData } from 'node:worker_threads';
import type { PushAccount } from '../../modules/callbacks/push-sender';
import type { Push } from '../../modules/callbacks/push.types';
import { HttpPushSender } from './push-sender';

/** Settings a push thread is started with (see {@link ThreadedPushSender}). */
export interface PushThreadData {
  timeoutMs: number;
  maxResponseBytes: number | undefined;
}

/** One call into a push thread; `nowMs` is the caller's clock (the sandbox clock may be frozen). */
export type PushThreadRequest =
  | { id: number; op: 'send'; nowMs: number; account: PushAccount; push: Push; url: string | undefined }
  | { id: number; op: 'resend'; nowMs: number; account: PushAccount; plainXml: string; openid: string; url: string }
  | { id: number; op: 'close' };

export type PushThreadResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/**
 * The body of a push thread: an {@link HttpPushSender} of its own (its own keep-alive pool) that
 * builds, signs, encrypts, sends and reads pushes for the main thread. Lanes are kept by the main
 * thread, so this sender does not limit per account again.
 *
 * The sender reads its clock once, synchronously, when a call starts (for the push's timestamp),
 * so setting `now` just before each call gives every push the caller's time.
 */
function serve(): void {
  const port = parentPort;
  if (!port) throw new Error('push-thread.ts runs as a worker thread');
  const data = workerData as PushThreadData;
  let now = Date.now();
  const sender = new HttpPushSender({
    clock: { nowMs: () => now },
    timeoutMs: data.timeoutMs,
    ...(data.maxResponseBytes !== undefined ? { maxResponseBytes: data.maxResponseBytes } : {}),
    perAccountConcurrency: Number.POSITIVE_INFINITY,
  });
  const answer = (id: number, work: Promise<unknown>) =>
    work.then(
      (value) => port.postMessage({ id, ok: true, value } satisfies PushThreadResponse),
      (error: unknown) =>
        port.postMessage({
          id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        } satisfies PushThreadResponse),
    );
  port.on('message', (request: PushThreadRequest) => {
    switch (request.op) {
      case 'send':
        now = request.nowMs;
        void answer(request.id, sender.send(request.account, request.push, request.url ? { url: request.url } : {}));
        return;
      case 'resend':
        now = request.nowMs;
        void answer(request.id, sender.resend(request.account, request.plainXml, request.openid, request.url));
        return;
      case 'close':
        void answer(request.id, sender.close()).then(() => port.close());
        return;
    }
  });
}

serve();
