import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_RULES as R, describeWindow, EMPTY_WINDOW, lastInteraction, windowToSpend } from './service-window';

const H = 3_600_000;

describe('customer-service window rules', () => {
  it('is closed until the follower interacts', () => {
    expect(windowToSpend(EMPTY_WINDOW, R, 1_000)).toBe('closed');
    expect(describeWindow(EMPTY_WINDOW, R, 1_000)).toMatchObject({ open: false, window: null, remaining: 0, closesAt: null });
    expect(lastInteraction(EMPTY_WINDOW)).toBeNull();
  });

  it('spends the message window first, then the event window, then reports it spent', () => {
    const state = { ...EMPTY_WINDOW, messageAt: 0, messageUsed: 4, eventAt: 10, eventUsed: 0 };
    expect(windowToSpend(state, R, 20)).toBe('message');
    expect(windowToSpend({ ...state, messageUsed: 5 }, R, 20)).toBe('event');
    expect(windowToSpend({ ...state, messageUsed: 5, eventUsed: 3 }, R, 20)).toBe('spent');
    expect(describeWindow({ ...state, messageUsed: 5 }, R, 20)).toMatchObject({
      window: 'event',
      remaining: 3,
      closesAt: 10 + 60_000,
    });
  });

  it('closes each window at its own time, to the millisecond', () => {
    const state = { ...EMPTY_WINDOW, messageAt: 0, eventAt: 0 };
    expect(windowToSpend(state, R, 60_000 - 1)).toBe('message');
    expect(describeWindow(state, R, 60_000).event).toBeNull();
    expect(windowToSpend(state, R, 48 * H - 1)).toBe('message');
    expect(windowToSpend(state, R, 48 * H)).toBe('closed');
  });

  it('uses the configured numbers (the 2021 rule allowed 20 messages)', () => {
    const old = { ...R, messageQuota: 20 };
    expect(windowToSpend({ ...EMPTY_WINDOW, messageAt: 0, messageUsed: 19 }, old, 1)).toBe('message');
    expect(windowToSpend({ ...EMPTY_WINDOW, messageAt: 0, messageUsed: 19 }, R, 1)).toBe('spent');
  });

  it('takes the later opening as the last interaction', () => {
    expect(lastInteraction({ ...EMPTY_WINDOW, messageAt: 5, eventAt: 9 })).toBe(9);
    expect(lastInteraction({ ...EMPTY_WINDOW, messageAt: 5 })).toBe(5);
  });
});
