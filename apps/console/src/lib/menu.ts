/**
 * WeChat menu JSON as the console reads it. The API passes buttons through untyped (`unknown[]`),
 * so everything here is parsed defensively: a malformed button becomes a named placeholder rather
 * than breaking the page.
 */

/** A menu button; `sub_button` is always an array here (WeChat sometimes nests it as `{list}`). */
export interface MenuButton {
  name: string;
  type: string | null;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button: MenuButton[];
}

const VALUE_FIELDS = ['key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function subButtons(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (isRecord(raw) && Array.isArray(raw.list)) return raw.list;
  return [];
}

/** One button from untyped JSON. */
export function parseButton(raw: unknown): MenuButton {
  if (!isRecord(raw)) return { name: '?', type: null, sub_button: [] };
  const button: MenuButton = {
    name: typeof raw.name === 'string' ? raw.name : '?',
    type: typeof raw.type === 'string' ? raw.type : null,
    sub_button: subButtons(raw.sub_button).map(parseButton),
  };
  for (const field of VALUE_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string') button[field] = value;
  }
  return button;
}

/** Buttons of a menu; extra columns beyond WeChat's three are kept so the operator can see them. */
export function parseButtons(raw: readonly unknown[]): MenuButton[] {
  return raw.map(parseButton);
}

/** The target of a button in one line: its key, URL, mini-program page or media id. */
export function buttonValue(button: MenuButton): string {
  if (button.type === 'miniprogram') return [button.appid, button.pagepath, button.url].filter(Boolean).join(' · ');
  for (const field of VALUE_FIELDS) {
    const value = button[field];
    if (value) return value;
  }
  return '';
}

/** Match-rule fields as `[field, value]` pairs, skipping blanks (WeChat returns empty strings). */
export function matchRuleEntries(rule: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(rule)
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .map(([field, value]) => [field, typeof value === 'string' ? value : JSON.stringify(value)]);
}
