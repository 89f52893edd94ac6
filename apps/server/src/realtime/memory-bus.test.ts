import { describe, expect, it } from 'vitest';
import { MemoryBus } from './memory-bus';

describe('MemoryBus', () => {
  it('delivers to every subscriber and stops after unsubscribe', async () => {
    const bus = new MemoryBus();
    const seen: unknown[] = [];
    const off = bus.subscribe('t', (p) => seen.push(p));
    bus.subscribe('t', () => {
      throw new Error('bad subscriber');
    });
    await bus.publish('t', 1);
    off();
    await bus.publish('t', 2);
    expect(seen).toEqual([1]);
  });
});
