import { EventEmitter } from 'node:events';
import type { RealtimeBus } from './realtime-bus';

/** In-process {@link RealtimeBus}: the embedded (single process) adapter. */
export class MemoryBus implements RealtimeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): Promise<void> {
    this.emitter.emit(topic, payload);
    return Promise.resolve();
  }

  subscribe(topic: string, handler: (payload: unknown) => void): () => void {
    const safe = (payload: unknown) => {
      try {
        handler(payload);
      } catch {
        // A failing subscriber must not break the publisher or other subscribers.
      }
    };
    this.emitter.on(topic, safe);
    return () => this.emitter.off(topic, safe);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
