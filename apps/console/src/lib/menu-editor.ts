import { BUTTON_FIELDS, MENU_LIMITS, type ButtonField, type ButtonType } from '@gzh/contracts/menu';
import { swap } from './arrays';
import { utf8Bytes } from './bytes';
import type { MenuButton } from './menu';

/**
 * The visual menu editor's model and rules, kept free of React so they can be unit-tested.
 * Limits and required fields come from `@gzh/contracts`, shared with the server's `menu/create`:
 * 1–3 top-level buttons, ≤ 5 sub buttons each, names ≤ 16 / ≤ 60 UTF-8 bytes, key ≤ 128 bytes,
 * url ≤ 1024 bytes and absolute http(s).
 */

export const MAX_TOP_BUTTONS = MENU_LIMITS.buttons;
export const MAX_SUB_BUTTONS = MENU_LIMITS.subButtons;
export const MAX_TOP_NAME_BYTES = MENU_LIMITS.nameBytes;
export const MAX_SUB_NAME_BYTES = MENU_LIMITS.subNameBytes;
export const MAX_KEY_BYTES = MENU_LIMITS.keyBytes;
export const MAX_URL_BYTES = MENU_LIMITS.urlBytes;

export { BUTTON_FIELDS, type ButtonField, type ButtonType };

export const BUTTON_TYPES = Object.keys(BUTTON_FIELDS) as ButtonType[];

export function isButtonType(value: unknown): value is ButtonType {
  return typeof value === 'string' && Object.hasOwn(BUTTON_FIELDS, value);
}

/** Fields the editor shows for a type. */
export function fieldsOf(type: ButtonType): readonly ButtonField[] {
  return BUTTON_FIELDS[type];
}

/**
 * A button being edited. Every field is kept while the operator switches types (so switching
 * back does not lose what was typed); only the fields of the chosen type are sent.
 */
export interface DraftButton {
  /** Stable React key; not sent. */
  uid: string;
  name: string;
  type: ButtonType;
  key: string;
  url: string;
  appid: string;
  pagepath: string;
  media_id: string;
  article_id: string;
  /** Sub buttons (top level only); a top-level button with sub buttons is a parent. */
  subs: DraftButton[];
}

/** Which button is selected: a top-level button, or one of its sub buttons. */
export interface Selection {
  top: number;
  sub: number | null;
}

let uidCounter = 0;
const nextUid = (): string => `b${++uidCounter}`;

/** A new click button with the given (localised) name. */
export function newButton(name: string): DraftButton {
  return {
    uid: nextUid(),
    name,
    type: 'click',
    key: '',
    url: '',
    appid: '',
    pagepath: '',
    media_id: '',
    article_id: '',
    subs: [],
  };
}

/** Editor model from the menu as `menu/get` returned it (already parsed defensively). */
export function fromMenuButtons(buttons: readonly MenuButton[]): DraftButton[] {
  const convert = (button: MenuButton, withSubs: boolean): DraftButton => ({
    uid: nextUid(),
    name: button.name,
    type: isButtonType(button.type) ? button.type : 'click',
    key: button.key ?? '',
    url: button.url ?? '',
    appid: button.appid ?? '',
    pagepath: button.pagepath ?? '',
    media_id: button.media_id ?? '',
    article_id: button.article_id ?? '',
    subs: withSubs ? button.sub_button.map((sub) => convert(sub, false)) : [],
  });
  return buttons.map((button) => convert(button, true));
}

/** A leaf button in WeChat JSON. */
export interface LeafButtonJson {
  type: ButtonType;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
}

/** A parent button in WeChat JSON. */
export interface ParentButtonJson {
  name: string;
  sub_button: LeafButtonJson[];
}

export type ButtonJson = LeafButtonJson | ParentButtonJson;

/** The body of `PUT /menus` (WeChat's `menu/create`). */
export interface MenuJson {
  button: ButtonJson[];
}

function leafJson(button: DraftButton): LeafButtonJson {
  const out: LeafButtonJson = { type: button.type, name: button.name };
  for (const field of BUTTON_FIELDS[button.type]) out[field] = button[field].trim();
  return out;
}

/**
 * WeChat menu JSON from the editor model: parents carry only `name` and `sub_button`, leaves
 * only `type`, `name` and the fields of their type (trimmed). Names are sent as typed.
 */
export function toMenuJson(buttons: readonly DraftButton[]): MenuJson {
  return {
    button: buttons.map((button) =>
      button.subs.length > 0 ? { name: button.name, sub_button: button.subs.map(leafJson) } : leafJson(button),
    ),
  };
}

/** One reason the menu would be refused; `field` names the input to highlight. */
export interface MenuProblem {
  at: Selection | null;
  field: 'menu' | 'name' | 'type' | ButtonField;
  code: 'empty' | 'tooManyTop' | 'tooManySub' | 'required' | 'tooLong' | 'invalidUrl';
  /** Bytes used and allowed, for `tooLong`. */
  bytes?: number;
  limit?: number;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Byte limit of a field, or null when WeChat sets none. */
export function fieldLimit(field: ButtonField): number | null {
  if (field === 'key') return MAX_KEY_BYTES;
  if (field === 'url') return MAX_URL_BYTES;
  return null;
}

/** Byte limit of a button's name at its level. */
export function nameLimit(at: Selection): number {
  return at.sub === null ? MAX_TOP_NAME_BYTES : MAX_SUB_NAME_BYTES;
}

function checkLeaf(button: DraftButton, at: Selection, problems: MenuProblem[]): void {
  for (const field of BUTTON_FIELDS[button.type]) {
    const value = button[field].trim();
    if (value === '') {
      problems.push({ at, field, code: 'required' });
      continue;
    }
    const limit = fieldLimit(field);
    const bytes = utf8Bytes(value);
    if (limit !== null && bytes > limit) problems.push({ at, field, code: 'tooLong', bytes, limit });
    else if (field === 'url' && !isHttpUrl(value)) problems.push({ at, field, code: 'invalidUrl' });
  }
}

function checkName(button: DraftButton, at: Selection, problems: MenuProblem[]): void {
  if (button.name === '') {
    problems.push({ at, field: 'name', code: 'required' });
    return;
  }
  const limit = nameLimit(at);
  const bytes = utf8Bytes(button.name);
  if (bytes > limit) problems.push({ at, field: 'name', code: 'tooLong', bytes, limit });
}

/** Everything the server would refuse, in menu order; empty when the menu can be saved. */
export function validateMenu(buttons: readonly DraftButton[]): MenuProblem[] {
  const problems: MenuProblem[] = [];
  if (buttons.length === 0) problems.push({ at: null, field: 'menu', code: 'empty' });
  if (buttons.length > MAX_TOP_BUTTONS) problems.push({ at: null, field: 'menu', code: 'tooManyTop', limit: MAX_TOP_BUTTONS });
  buttons.forEach((button, top) => {
    const at: Selection = { top, sub: null };
    checkName(button, at, problems);
    if (button.subs.length > MAX_SUB_BUTTONS) problems.push({ at, field: 'menu', code: 'tooManySub', limit: MAX_SUB_BUTTONS });
    if (button.subs.length === 0) checkLeaf(button, at, problems);
    button.subs.forEach((sub, index) => {
      const subAt: Selection = { top, sub: index };
      checkName(sub, subAt, problems);
      checkLeaf(sub, subAt, problems);
    });
  });
  return problems;
}

/** Problems of one button (for highlighting its inputs). */
export function problemsAt(problems: readonly MenuProblem[], at: Selection): MenuProblem[] {
  return problems.filter((p) => p.at !== null && p.at.top === at.top && p.at.sub === at.sub);
}

// ---- Edits: each returns a new array and never mutates its input. ----

/** The button at a selection, if it exists. */
export function buttonAt(buttons: readonly DraftButton[], at: Selection | null): DraftButton | undefined {
  if (!at) return undefined;
  const top = buttons[at.top];
  return at.sub === null ? top : top?.subs[at.sub];
}

/** Adds a top-level button (no-op at the limit) and returns the list and the new selection. */
export function addTop(buttons: readonly DraftButton[], name: string): { buttons: DraftButton[]; selected: Selection | null } {
  if (buttons.length >= MAX_TOP_BUTTONS) return { buttons: [...buttons], selected: null };
  return { buttons: [...buttons, newButton(name)], selected: { top: buttons.length, sub: null } };
}

/** Adds a sub button under a top-level button (no-op at the limit). */
export function addSub(
  buttons: readonly DraftButton[],
  top: number,
  name: string,
): { buttons: DraftButton[]; selected: Selection | null } {
  const parent = buttons[top];
  if (!parent || parent.subs.length >= MAX_SUB_BUTTONS) return { buttons: [...buttons], selected: null };
  const next = buttons.map((b, i) => (i === top ? { ...b, subs: [...b.subs, newButton(name)] } : b));
  return { buttons: next, selected: { top, sub: parent.subs.length } };
}

/** Applies a change to the selected button. */
export function updateAt(
  buttons: readonly DraftButton[],
  at: Selection,
  patch: Partial<Omit<DraftButton, 'uid' | 'subs'>>,
): DraftButton[] {
  return buttons.map((button, i) => {
    if (i !== at.top) return button;
    if (at.sub === null) return { ...button, ...patch };
    return { ...button, subs: button.subs.map((sub, j) => (j === at.sub ? { ...sub, ...patch } : sub)) };
  });
}

/** Removes the selected button (with its sub buttons) and returns what to select next. */
export function removeAt(buttons: readonly DraftButton[], at: Selection): { buttons: DraftButton[]; selected: Selection | null } {
  if (at.sub === null) {
    const next = buttons.filter((_, i) => i !== at.top);
    return { buttons: next, selected: next.length ? { top: Math.min(at.top, next.length - 1), sub: null } : null };
  }
  const next = buttons.map((b, i) => (i === at.top ? { ...b, subs: b.subs.filter((_, j) => j !== at.sub) } : b));
  const left = next[at.top]?.subs.length ?? 0;
  return { buttons: next, selected: left ? { top: at.top, sub: Math.min(at.sub, left - 1) } : { top: at.top, sub: null } };
}

/** Moves the selected button one place (delta −1 or +1) among its siblings; no-op at the ends. */
export function moveAt(
  buttons: readonly DraftButton[],
  at: Selection,
  delta: -1 | 1,
): { buttons: DraftButton[]; selected: Selection } {
  if (at.sub === null) {
    const to = at.top + delta;
    if (to < 0 || to >= buttons.length) return { buttons: [...buttons], selected: at };
    return { buttons: swap(buttons, at.top, to), selected: { top: to, sub: null } };
  }
  const parent = buttons[at.top];
  const to = at.sub + delta;
  if (!parent || to < 0 || to >= parent.subs.length) return { buttons: [...buttons], selected: at };
  const next = buttons.map((b, i) => (i === at.top ? { ...b, subs: swap(b.subs, at.sub ?? 0, to) } : b));
  return { buttons: next, selected: { top: at.top, sub: to } };
}

/** True when two drafts would save the same menu (used for the "unsaved changes" hint). */
export function sameMenu(a: readonly DraftButton[], b: readonly DraftButton[]): boolean {
  return JSON.stringify(toMenuJson(a)) === JSON.stringify(toMenuJson(b));
}
