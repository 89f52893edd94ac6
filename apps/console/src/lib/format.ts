import type { Locale } from '../i18n';

// Timestamps below this are Unix seconds (WeChat's wire unit); above it, epoch milliseconds.
// 1e11 ms is March 1973, 1e11 s is the year 5138, so the two ranges never meet.
const SECONDS_LIMIT = 1e11;

/** Epoch milliseconds from a timestamp in either seconds or milliseconds. */
export function toMillis(timestamp: number): number {
  return timestamp < SECONDS_LIMIT ? timestamp * 1000 : timestamp;
}

/** Date and time in the console language, e.g. `2026/11/22 14:03:05`. */
export function formatDateTime(timestamp: number, locale: Locale): string {
  if (!Number.isFinite(timestamp) || timestamp <= 0) return '—';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(toMillis(timestamp)));
}

/** A signed duration such as `+1d 2h 3m 4s` or `-90s`; `0s` for none. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let rest = Math.round(Math.abs(ms) / 1000);
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return sign + parts.join(' ');
}

/** The `by` of a clock advance as the server accepts it: `2h`, `90s`, `1d12h`, or plain seconds. */
export function isDurationText(text: string): boolean {
  return /^(\d+[dhms])+$|^\d+$/i.test(text.trim());
}
