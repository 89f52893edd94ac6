const encoder = new TextEncoder();

/**
 * Length of a string in UTF-8 bytes, the unit of WeChat's menu limits: a Chinese character is
 * 3 bytes, an emoji 4, ASCII 1. Lone surrogates count as U+FFFD (3 bytes), as the server does.
 */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** True when `text` fits in `max` UTF-8 bytes. */
export function fitsBytes(text: string, max: number): boolean {
  return utf8Bytes(text) <= max;
}

/**
 * The longest prefix of `text` that fits in `max` UTF-8 bytes, never splitting a character (used
 * to cut pasted names instead of rejecting them).
 */
export function truncateBytes(text: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > max) break;
    bytes += size;
    out += char;
  }
  return out;
}
