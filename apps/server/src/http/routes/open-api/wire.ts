/**
 * JSON as WeChat writes it: UTF-8, `application/json; encoding=utf-8`, and 64-bit integers
 * (msgid, msg_data_id, publish_id) as raw numbers without precision loss — values given as
 * `bigint` are printed digit for digit.
 */
export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

const BIG_MARK = '\u0000big:';

export function toWireJson(value: unknown): string {
  try {
    // Fast path: JSON.stringify throws on the first bigint, which is when the replacer is needed.
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  let hasBig = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') {
      hasBig = true;
      return BIG_MARK + v.toString();
    }
    return v;
  });
  return hasBig ? text.replace(/"\\u0000big:(-?\d+)"/g, '$1') : text;
}

/**
 * Parses a JSON request body. `undefined` for an empty body; throws `SyntaxError` on malformed
 * JSON. `\uXXXX` escapes are accepted (the real server sometimes rejects them with 40033; being
 * lenient is safer for SDKs that escape non-ASCII).
 */
export function parseJsonBody(raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === '') return undefined;
  return JSON.parse(raw) as unknown;
}
