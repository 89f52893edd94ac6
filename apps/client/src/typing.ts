/**
 * The "对方正在输入…" indicator. A `typing` event says until when the account types (epoch ms on
 * the server's clock, 0 = stopped). The event is transient — never replayed — so it is always
 * fresh: the phone shows it from arrival for the time left, trusting `until` only when it agrees
 * with the phone's clock (the sandbox clock may be frozen or moved); otherwise for the longest an
 * indicator lasts.
 */

/** WeChat's longest typing indicator (`message/custom/typing`: 15 s). */
export const TYPING_MAX_MS = 15_000;

/** The phone-clock time until which the indicator shows for an event received at `now`; 0 = hide. */
export function typingDeadline(until: number, now: number): number {
  if (until <= 0) return 0;
  const left = until - now;
  return now + (left > 0 && left <= TYPING_MAX_MS ? left : TYPING_MAX_MS);
}
