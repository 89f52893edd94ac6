import type { CustomMessageRequest } from '@gzh/contracts';

/**
 * The message drawer's draft (a text, or a news card with one article, as customer-service news
 * allows since 2018) and the request it becomes, with the server's checks repeated so the
 * operator sees a problem before spending one of the window's messages on a refusal.
 */
export type CustomKind = 'text' | 'news';

export interface CustomDraft {
  msgtype: CustomKind;
  text: string;
  title: string;
  description: string;
  url: string;
  picUrl: string;
}

export const EMPTY_CUSTOM_DRAFT: CustomDraft = { msgtype: 'text', text: '', title: '', description: '', url: '', picUrl: '' };

/** The server's `MAX_OUTBOUND_TEXT`: characters of a customer-service text. */
export const CUSTOM_TEXT_LIMIT = 2048;

export type CustomProblem = 'textRequired' | 'textTooLong' | 'titleRequired' | 'invalidUrl' | 'invalidPicUrl';

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export function toCustomMessage(draft: CustomDraft): { request: CustomMessageRequest } | { problem: CustomProblem } {
  if (draft.msgtype === 'text') {
    if (!draft.text.trim()) return { problem: 'textRequired' };
    if ([...draft.text].length > CUSTOM_TEXT_LIMIT) return { problem: 'textTooLong' };
    return { request: { msgtype: 'text', content: draft.text } };
  }
  const title = draft.title.trim();
  const url = draft.url.trim();
  const picUrl = draft.picUrl.trim();
  if (!title) return { problem: 'titleRequired' };
  if (url && !isHttpUrl(url)) return { problem: 'invalidUrl' };
  if (picUrl && !isHttpUrl(picUrl)) return { problem: 'invalidPicUrl' };
  return { request: { msgtype: 'news', article: { title, description: draft.description.trim(), url, picUrl } } };
}
