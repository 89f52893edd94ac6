import { describe, expect, it } from 'vitest';
import { TYPING_MAX_MS, typingDeadline } from './typing';

describe('typingDeadline', () => {
  const now = 1_700_000_000_000;

  it('shows the indicator until `until` when the clocks agree', () => {
    expect(typingDeadline(now + 9_000, now)).toBe(now + 9_000);
  });

  it('hides it on a stop (until 0)', () => {
    expect(typingDeadline(0, now)).toBe(0);
  });

  it('falls back to the longest indicator when the server clock is elsewhere (sandbox)', () => {
    expect(typingDeadline(now - 3_600_000, now)).toBe(now + TYPING_MAX_MS); // frozen in the past
    expect(typingDeadline(now + 86_400_000, now)).toBe(now + TYPING_MAX_MS); // advanced by a day
  });
});
