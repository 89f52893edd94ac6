import type { ServiceWindowView } from '@gzh/contracts';
import { describe, expect, it } from 'vitest';
import { formatTimeLeft, windowStatus } from './service-window';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

const view = (patch: Partial<ServiceWindowView>): ServiceWindowView => ({
  openid: 'o1234567890123456789012345678',
  subscribed: true,
  open: false,
  window: null,
  remaining: 0,
  closesAt: null,
  message: null,
  event: null,
  now: NOW,
  ...patch,
});

describe('windowStatus', () => {
  it('reads an open message window against the server clock, not the browser’s', () => {
    const status = windowStatus(
      view({
        open: true,
        window: 'message',
        remaining: 3,
        closesAt: NOW + 47 * HOUR,
        message: { openedAt: NOW - HOUR, closesAt: NOW + 47 * HOUR, used: 2, quota: 5 },
      }),
    );
    expect(status).toEqual({
      state: 'open',
      window: 'message',
      left: 3,
      quota: 5,
      closesAt: NOW + 47 * HOUR,
      closesInMs: 47 * HOUR,
      remaining: 3,
    });
  });

  it('reads the event window a follow opened', () => {
    const status = windowStatus(
      view({
        open: true,
        window: 'event',
        remaining: 3,
        closesAt: NOW + 40_000,
        event: { openedAt: NOW - 20_000, closesAt: NOW + 40_000, used: 0, quota: 3 },
      }),
    );
    expect(status).toMatchObject({ state: 'open', window: 'event', left: 3, quota: 3, closesInMs: 40_000 });
  });

  it('says why nothing can be sent', () => {
    expect(windowStatus(view({}))).toEqual({ state: 'closed', reason: 'no_interaction' });
    const spent = view({ open: true, message: { openedAt: NOW - HOUR, closesAt: NOW + HOUR, used: 5, quota: 5 } });
    expect(windowStatus(spent)).toEqual({ state: 'closed', reason: 'spent' });
    expect(windowStatus(view({ subscribed: false }))).toEqual({ state: 'closed', reason: 'unsubscribed' });
  });
});

describe('formatTimeLeft', () => {
  it('rounds down and names the units in each language', () => {
    expect(formatTimeLeft(47 * HOUR + 59 * 60_000 + 59_000, 'en')).toBe('47h 59m');
    expect(formatTimeLeft(47 * HOUR + 59 * 60_000, 'zh-CN')).toBe('47 小时 59 分');
    expect(formatTimeLeft(2 * HOUR, 'en')).toBe('2h');
    expect(formatTimeLeft(12 * 60_000 + 5_000, 'zh-CN')).toBe('12 分');
    expect(formatTimeLeft(45_500, 'en')).toBe('45s');
    expect(formatTimeLeft(-1, 'zh-CN')).toBe('0 秒');
  });
});
