import { describe, expect, it } from 'vitest';
import { formatDuration, isDurationText, toMillis } from './format';

describe('format', () => {
  it('accepts both WeChat seconds and epoch milliseconds', () => {
    expect(toMillis(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMillis(1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it('writes clock offsets compactly with a sign', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(7_200_000)).toBe('+2h');
    expect(formatDuration(-(86_400_000 + 90_000))).toBe('-1d 1m 30s');
  });

  it('accepts the durations the clock endpoint understands', () => {
    for (const ok of ['2h', '90s', '1d12h', '3600', ' 2H ']) expect(isDurationText(ok)).toBe(true);
    for (const bad of ['', 'h', '2 hours', '-2h', '1.5h']) expect(isDurationText(bad)).toBe(false);
  });
});
