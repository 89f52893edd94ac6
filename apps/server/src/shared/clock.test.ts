import { describe, expect, it } from 'vitest';
import { ManualClock, parseDuration, SandboxClock } from './clock';

describe('parseDuration', () => {
  it('reads compound durations and bare seconds', () => {
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d12h')).toBe(129_600_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('300')).toBe(300_000);
    expect(parseDuration('-5m')).toBe(-300_000);
    expect(parseDuration('250ms')).toBe(250);
  });

  it('returns null for anything else', () => {
    for (const bad of ['', 'soon', '2x', 'h2', '1h 30m', '1.5.h']) expect(parseDuration(bad), bad).toBeNull();
  });
});

describe('SandboxClock', () => {
  it('freezes, advances while frozen, and resumes from the frozen instant', () => {
    const base = new ManualClock(1_000_000);
    const clock = new SandboxClock(base);
    clock.freeze();
    base.advance(5_000);
    expect(clock.nowMs()).toBe(1_000_000);
    clock.advance(7_200_000);
    expect(clock.nowMs()).toBe(8_200_000);
    clock.unfreeze();
    expect(clock.nowMs()).toBe(8_200_000);
    base.advance(1_000);
    expect(clock.nowMs()).toBe(8_201_000);
  });

  it('advances and sets a running clock through its offset, and resets to the base', () => {
    const base = new ManualClock(0);
    const clock = new SandboxClock(base);
    clock.advance(60_000);
    expect(clock.nowMs()).toBe(60_000);
    clock.set(1_000);
    expect(clock.nowMs()).toBe(1_000);
    base.advance(10);
    expect(clock.nowMs()).toBe(1_010);
    clock.reset();
    expect(clock.nowMs()).toBe(10);
  });
});
