/** Delivery-ledger vocabulary: outcomes, their colours, and the kinds offered as filters. */

export const OUTCOMES = [
  'reply',
  'ack',
  'timeout',
  'refused',
  'network',
  'http_error',
  'redirect',
  'oversize',
  'bad_xml',
  'bad_signature',
  'bad_reply',
  'invalid_url',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** antd tag colour per outcome: green answered, blue acknowledged, orange slow, red failed. */
export function outcomeColor(outcome: string): string {
  switch (outcome) {
    case 'reply':
      return 'success';
    case 'ack':
      return 'processing';
    case 'timeout':
      return 'warning';
    case 'redirect':
    case 'oversize':
      return 'gold';
    case 'bad_xml':
    case 'bad_signature':
    case 'bad_reply':
      return 'volcano';
    default:
      return 'error';
  }
}

/** True when the developer server answered acceptably (a reply or an empty/"success" ack). */
export function isSuccessOutcome(outcome: string): boolean {
  return outcome === 'reply' || outcome === 'ack';
}

/** Push kinds offered in the filter: messages, the common events, and replays. */
export const DELIVERY_KINDS = [
  'message',
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'view_miniprogram',
  'TEMPLATESENDJOBFINISH',
  'MASSSENDJOBFINISH',
  'replay',
] as const;

/** Latency colour: WeChat gives up after 5 s, so anything near it is a warning. */
export function latencyTone(ms: number): 'success' | 'warning' | 'danger' | undefined {
  if (ms >= 4500) return 'danger';
  if (ms >= 2000) return 'warning';
  return undefined;
}

/**
 * Whether two responses say the same thing, for the replay comparison: surrounding and
 * inter-tag whitespace is ignored, and so is `CreateTime`, which a developer server sets to the
 * time it answers and therefore differs on every replay.
 */
export function sameResponse(a: string | null, b: string | null): boolean {
  const norm = (s: string | null) =>
    (s ?? '')
      .replace(/>\s+</g, '><')
      .replace(/<CreateTime>\s*(<!\[CDATA\[)?\d*(\]\]>)?\s*<\/CreateTime>/g, '<CreateTime/>')
      .trim();
  return norm(a) === norm(b);
}

/** Rows of several keyset pages without duplicates (rows sharing a millisecond can repeat). */
export function mergePages<T extends { id: string }>(pages: ReadonlyArray<{ deliveries: readonly T[] }>): T[] {
  const seen = new Set<string>();
  const rows: T[] = [];
  for (const page of pages) {
    for (const row of page.deliveries) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
  }
  return rows;
}
