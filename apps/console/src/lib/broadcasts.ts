import type {
  BroadcastAudience,
  BroadcastConsoleView,
  BroadcastContent,
  BroadcastMediaType,
  MessageBodyView,
} from '@gzh/contracts';

/**
 * The broadcast composer's model: the draft as the form holds it, its checks (the rules the
 * server applies, so problems show before sending), the request it becomes, and how the list
 * shows a broadcast's progress while the fan-out runs.
 */

export type AudienceKind = 'all' | 'tag' | 'list';
export type ContentKind = 'text' | BroadcastMediaType;

export const CONTENT_KINDS: readonly ContentKind[] = ['text', 'image', 'voice', 'mpvideo', 'mpnews'];

export const BROADCAST_LIMITS = {
  /** Characters of a text broadcast (the server's `MAX_OUTBOUND_TEXT`). */
  text: 2048,
  /** `mass/send` takes 2 to 10,000 OpenIDs. */
  listMin: 2,
  listMax: 10_000,
  mediaId: 128,
} as const;

export interface BroadcastDraft {
  audience: AudienceKind;
  tagId: number | null;
  /** OpenIDs as pasted: one per line, or separated by commas, semicolons or spaces. */
  openidText: string;
  msgtype: ContentKind;
  text: string;
  mediaId: string;
}

export const EMPTY_DRAFT: BroadcastDraft = {
  audience: 'all',
  tagId: null,
  openidText: '',
  msgtype: 'text',
  text: '',
  mediaId: '',
};

export type DraftProblem =
  | 'tagRequired'
  | 'listTooShort'
  | 'listTooLong'
  | 'invalidOpenids'
  | 'textRequired'
  | 'textTooLong'
  | 'mediaIdRequired'
  | 'mediaIdTooLong';

const OPENID = /^o[A-Za-z0-9_-]{27}$/;

/** OpenIDs of a pasted list, each once and in the order given, and the entries that cannot be one. */
export function parseOpenIds(text: string): { openids: string[]; invalid: string[] } {
  const openids: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const entry of text.split(/[\s,;，；]+/)) {
    if (!entry || seen.has(entry)) continue;
    seen.add(entry);
    (OPENID.test(entry) ? openids : invalid).push(entry);
  }
  return { openids, invalid };
}

/** The audience of the draft, or the first reason it is not one yet. */
export function toAudience(draft: BroadcastDraft): { audience: BroadcastAudience } | { problem: DraftProblem } {
  if (draft.audience === 'all') return { audience: { kind: 'all' } };
  if (draft.audience === 'tag')
    return draft.tagId === null ? { problem: 'tagRequired' } : { audience: { kind: 'tag', tagId: draft.tagId } };
  const { openids, invalid } = parseOpenIds(draft.openidText);
  if (invalid.length) return { problem: 'invalidOpenids' };
  if (openids.length < BROADCAST_LIMITS.listMin) return { problem: 'listTooShort' };
  if (openids.length > BROADCAST_LIMITS.listMax) return { problem: 'listTooLong' };
  return { audience: { kind: 'list', openids } };
}

/** The content of the draft, or the first reason it is not sendable yet. Text is sent as typed. */
export function toContent(draft: BroadcastDraft): { content: BroadcastContent } | { problem: DraftProblem } {
  if (draft.msgtype === 'text') {
    if (!draft.text.trim()) return { problem: 'textRequired' };
    if ([...draft.text].length > BROADCAST_LIMITS.text) return { problem: 'textTooLong' };
    return { content: { msgtype: 'text', content: draft.text } };
  }
  const mediaId = draft.mediaId.trim();
  if (!mediaId) return { problem: 'mediaIdRequired' };
  if (mediaId.length > BROADCAST_LIMITS.mediaId) return { problem: 'mediaIdTooLong' };
  return { content: { msgtype: draft.msgtype, mediaId } };
}

/** Every problem of the draft (audience first), for the form's messages and the send button. */
export function draftProblems(draft: BroadcastDraft): DraftProblem[] {
  return [toAudience(draft), toContent(draft)].flatMap((r) => ('problem' in r ? [r.problem] : []));
}

/**
 * A fresh idempotency key for one send: a retried request (a timeout, a double click) carries the
 * same key, so the server answers "already sent" instead of broadcasting twice. ≤ 64 bytes.
 */
export function newClientMsgId(now: number, random: () => number = Math.random): string {
  return `console-${now.toString(36)}-${Math.floor(random() * 36 ** 8).toString(36)}`;
}

/** Where a broadcast's fan-out is: followers processed of the audience, as a whole percentage. */
export function progressOf(view: Pick<BroadcastConsoleView, 'status' | 'totalCount' | 'expectedTotal'>): {
  done: number;
  total: number;
  percent: number;
} {
  const total = Math.max(view.expectedTotal, view.totalCount);
  if (view.status !== 'SENDING') return { done: view.totalCount, total, percent: 100 };
  // A sending broadcast never shows 100 %: the last page may be written but not yet finished.
  const percent = total === 0 ? 0 : Math.min(99, Math.floor((view.totalCount / total) * 100));
  return { done: view.totalCount, total, percent };
}

/** How often to re-read the list: every `ms` while something is still sending, else not at all. */
export function pollInterval(views: readonly Pick<BroadcastConsoleView, 'status'>[] | undefined, ms = 1000): number | false {
  return views?.some((v) => v.status === 'SENDING') ? ms : false;
}

/** One line saying what a broadcast carried: the text, the first article's title, or the media id. */
export function summaryOf(body: MessageBodyView, mediaId?: string | null): string {
  switch (body.type) {
    case 'text':
      return body.content.replace(/\s+/g, ' ');
    case 'mpnews':
    case 'news':
      return body.articles[0]?.title ?? '';
    case 'video':
      return body.title || body.mediaId;
    case 'image':
    case 'voice':
      return body.mediaId;
    default:
      return mediaId ?? '';
  }
}
