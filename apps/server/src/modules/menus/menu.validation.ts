import { BUTTON_FIELDS, MENU_LIMITS, type ButtonField, type ButtonType } from '@gzh/contracts';
import type { AppError } from '../../shared/errors';
import { MenuErrors } from './menu.errors';

/**
 * Pure validation and normalisation of custom menus (spec/api-catalog.md §2.1, §2.4).
 *
 * Input is whatever JSON the SDK sent, typed `unknown`: every wrong type anywhere in the tree ends
 * in a WeChat errcode, never an exception of another kind. Output is the normalised form gzh
 * stores and returns from `menu/get`: leaf buttons carry only the fields their type uses plus
 * `sub_button: []`, parents carry only `name` and `sub_button`. `null` counts as absent
 * (spec §0.1), so re-submitting a `menu/get` answer is always accepted.
 *
 * Errcode choices follow WeChat's published table (40015 invalid menu type, 40016 invalid button
 * size, 40017 invalid button type, … 40027), which the spec's §2.1 list paraphrases:
 * - 40015 is used for a node of the wrong JSON type (`button` not an array, a button not an
 *   object, `sub_button` not an array).
 * - A missing or wrong-typed field reports the errcode of its size rule (a missing `key` is a
 *   key of invalid size), as WeChat does (it answers 40027 for a miniprogram sub button without
 *   `url`). Fields without a size rule (`appid`, `pagepath`, `media_id`, `article_id`) report the
 *   button-type errcode: the button does not form a valid button of its type.
 */

/** Top-level buttons per menu. */
export const MAX_BUTTONS = MENU_LIMITS.buttons;
/** Sub buttons per top-level button. */
export const MAX_SUB_BUTTONS = MENU_LIMITS.subButtons;
/** Name limits in UTF-8 bytes: ≈4 Chinese characters at the top, ≈20 below. */
export const MAX_NAME_BYTES = MENU_LIMITS.nameBytes;
export const MAX_SUB_NAME_BYTES = MENU_LIMITS.subNameBytes;
export const MAX_KEY_BYTES = MENU_LIMITS.keyBytes;
export const MAX_URL_BYTES = MENU_LIMITS.urlBytes;
/** Matchrule region names: gzh has no geography table, so only a sanity limit applies. */
export const MAX_REGION_CHARS = 64;

export { BUTTON_FIELDS, type ButtonType };

/** A button that does something when tapped. `sub_button` is always empty (WeChat's shape). */
export interface LeafButton {
  type: ButtonType;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button: [];
}

/** A top-level button that only opens its sub buttons. */
export interface ParentButton {
  name: string;
  sub_button: LeafButton[];
}

export type MenuButton = LeafButton | ParentButton;

/** True for a button that opens sub buttons rather than acting itself. */
export function isParent(button: MenuButton): button is ParentButton {
  return !('type' in button);
}

/** Language codes a matchrule may name (spec §2.4). */
export const MATCHRULE_LANGUAGES = [
  'zh_CN',
  'zh_TW',
  'zh_HK',
  'en',
  'id',
  'ms',
  'es',
  'ko',
  'it',
  'ja',
  'pl',
  'pt',
  'ru',
  'th',
  'vi',
  'ar',
  'hi',
  'he',
  'tr',
  'de',
  'fr',
] as const;

/**
 * A normalised matchrule: only the fields that constrain, every value a string, the tag under its
 * input name `tag_id` (`menu/get` presents it as `group_id`).
 */
export interface MatchRule {
  tag_id?: string;
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  client_platform_type?: string;
  language?: string;
}

/** What a matchrule is compared with: the follower's person profile and tags. */
export interface MatchProfile {
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  platform: number;
  tagIds: readonly number[];
}

interface Level {
  maxNameBytes: number;
  type: (detail?: string) => AppError;
  name: (detail?: string) => AppError;
  key: (detail?: string) => AppError;
  url: (detail?: string) => AppError;
}

const TOP: Level = {
  maxNameBytes: MAX_NAME_BYTES,
  type: MenuErrors.buttonType,
  name: MenuErrors.buttonNameSize,
  key: MenuErrors.buttonKeySize,
  url: MenuErrors.buttonUrlSize,
};

const SUB: Level = {
  maxNameBytes: MAX_SUB_NAME_BYTES,
  type: MenuErrors.subButtonType,
  name: MenuErrors.subButtonNameSize,
  key: MenuErrors.subButtonKeySize,
  url: MenuErrors.subButtonUrlSize,
};

export interface ValidateOptions {
  /**
   * Conditional menus report a leaf without `type` as 65308 ("button without response type"),
   * the errcode WeChat lists for addconditional; the default menu reports it as 40017/40024.
   */
  conditional?: boolean;
}

/** Validates the `button` array of `menu/create` / `menu/addconditional` and normalises it. */
export function validateButtons(raw: unknown, options: ValidateOptions = {}): MenuButton[] {
  if (!present(raw)) throw MenuErrors.buttonSize('button is missing');
  if (!Array.isArray(raw)) throw MenuErrors.invalidMenuType('button must be an array');
  if (raw.length < 1 || raw.length > MAX_BUTTONS) {
    throw MenuErrors.buttonSize(`${raw.length} top-level buttons, 1 to ${MAX_BUTTONS} allowed`);
  }
  return raw.map((button: unknown, i) => topButton(button, `button[${i}]`, options));
}

function topButton(raw: unknown, path: string, options: ValidateOptions): MenuButton {
  const node = asObject(raw, path);
  const subs = node.sub_button;
  if (present(subs) && !Array.isArray(subs)) throw MenuErrors.invalidMenuType(`${path}.sub_button must be an array`);
  // An empty sub_button marks a leaf (that is how menu/get prints leaves), so only a non-empty
  // list makes a parent; a parent's own type/key/url are ignored, as WeChat ignores them.
  if (Array.isArray(subs) && subs.length > 0) {
    const name = checkName(node.name, path, TOP);
    if (subs.length > MAX_SUB_BUTTONS) {
      throw MenuErrors.subButtonSize(`${path} has ${subs.length} sub buttons, at most ${MAX_SUB_BUTTONS} allowed`);
    }
    return { name, sub_button: subs.map((sub: unknown, j) => subButton(sub, `${path}.sub_button[${j}]`, options)) };
  }
  return leaf(node, path, TOP, options);
}

function subButton(raw: unknown, path: string, options: ValidateOptions): LeafButton {
  const node = asObject(raw, path);
  const nested = node.sub_button;
  if (present(nested) && !(Array.isArray(nested) && nested.length === 0)) {
    throw MenuErrors.subMenuLevel(`${path} cannot have sub buttons, menus have two levels`);
  }
  return leaf(node, path, SUB, options);
}

function leaf(node: Record<string, unknown>, path: string, level: Level, options: ValidateOptions): LeafButton {
  const name = checkName(node.name, path, level);
  const type = node.type;
  if (!present(type) && options.conditional) throw MenuErrors.buttonNoAction(`${path} has no type`);
  if (typeof type !== 'string' || !Object.hasOwn(BUTTON_FIELDS, type)) {
    throw level.type(`${path}.type ${typeof type === 'string' ? `"${type}" is not a button type` : 'is missing'}`);
  }
  const buttonType = type as ButtonType;
  const out: LeafButton = { type: buttonType, name, sub_button: [] };
  for (const field of BUTTON_FIELDS[buttonType]) {
    out[field] = checkField(node[field], field, `${path}.${field}`, buttonType, level);
  }
  // Re-create in WeChat's key order (type, name, fields, sub_button) for readable output.
  const { sub_button, ...rest } = out;
  return { ...rest, sub_button };
}

function checkName(value: unknown, path: string, level: Level): string {
  if (typeof value !== 'string' || value === '') throw level.name(`${path}.name is missing`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > level.maxNameBytes) throw level.name(`${path}.name is ${bytes} bytes, at most ${level.maxNameBytes} allowed`);
  return value;
}

function checkField(value: unknown, field: ButtonField, path: string, type: ButtonType, level: Level): string {
  if (field === 'key') return checkSized(value, path, MAX_KEY_BYTES, level.key);
  if (field === 'url') {
    const url = checkSized(value, path, MAX_URL_BYTES, level.url);
    if (!isHttpUrl(url)) throw MenuErrors.invalidUrl(`${path} must be an absolute http(s) URL`);
    return url;
  }
  if (typeof value !== 'string' || value === '') throw level.type(`${path} is required for ${type} buttons`);
  return value;
}

function checkSized(value: unknown, path: string, maxBytes: number, error: (detail?: string) => AppError): string {
  if (typeof value !== 'string' || value === '') throw error(`${path} is missing`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxBytes) throw error(`${path} is ${bytes} bytes, at most ${maxBytes} allowed`);
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Validates an addconditional matchrule and normalises it.
 *
 * gzh choice: `sex`, `country`, `province` and `city` are still accepted (WeChat has been
 * rejecting these privacy fields since 2021, 65320 (?)) and matched against the follower's person
 * profile, so that sandbox scenarios can exercise region and sex targeting. Region names are
 * compared case-insensitively after trimming; there is no geography table, so 65312–65314 only
 * reject values that are not short strings. `group_id` (the name `menu/get` prints) is accepted as
 * an alias of `tag_id` so a `menu/get` answer can be posted back. Values outside their domain
 * (sex, client_platform_type, language) have no errcode of their own in WeChat's table and are
 * reported as 47003 "argument invalid".
 */
export function validateMatchRule(raw: unknown): MatchRule {
  if (!present(raw)) throw MenuErrors.matchRuleMissing();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw MenuErrors.matchRuleMissing();
  const input = raw as Record<string, unknown>;
  const rule: MatchRule = {};
  const tag = blankToAbsent(present(input.tag_id) ? input.tag_id : input.group_id);
  if (tag !== undefined) rule.tag_id = checkTagId(tag);
  const sex = blankToAbsent(input.sex);
  if (sex !== undefined) rule.sex = checkChoice(sex, ['1', '2'], 'sex must be 1 (male) or 2 (female)');
  const platform = blankToAbsent(input.client_platform_type);
  if (platform !== undefined) {
    rule.client_platform_type = checkChoice(
      platform,
      ['1', '2', '3'],
      'client_platform_type must be 1 (iOS), 2 (Android) or 3 (others)',
    );
  }
  const language = blankToAbsent(input.language);
  if (language !== undefined)
    rule.language = checkChoice(language, MATCHRULE_LANGUAGES, `language must be one of ${MATCHRULE_LANGUAGES.join(' ')}`);
  const country = checkRegion(input.country, MenuErrors.invalidCountry);
  const province = checkRegion(input.province, MenuErrors.invalidProvince);
  const city = checkRegion(input.city, MenuErrors.invalidCity);
  if ((province !== undefined || city !== undefined) && country === undefined) throw MenuErrors.countryMissing();
  if (city !== undefined && province === undefined) throw MenuErrors.provinceMissing();
  if (country !== undefined) rule.country = country;
  if (province !== undefined) rule.province = province;
  if (city !== undefined) rule.city = city;
  if (Object.keys(rule).length === 0) throw MenuErrors.matchRuleEmpty();
  return rule;
}

/** Tag ids arrive as numbers or numeric strings depending on the SDK. */
function checkTagId(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return String(Number(value.trim()));
  throw MenuErrors.invalidTagId();
}

function checkChoice(value: unknown, allowed: readonly string[], message: string): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !allowed.includes(text)) throw MenuErrors.invalidMatchRule(message);
  return text;
}

function checkRegion(value: unknown, error: () => AppError): string | undefined {
  const v = blankToAbsent(value);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw error();
  const text = v.trim();
  // eslint-disable-next-line no-control-regex
  if ([...text].length > MAX_REGION_CHARS || /[\u0000-\u001f\u007f]/.test(text)) throw error();
  return text;
}

/**
 * Whether a follower sees a conditional menu: every field the rule names must match (fields it
 * leaves out match anyone). Person fields are compared as WeChat names them in `user/info`.
 */
export function matchesRule(rule: MatchRule, profile: MatchProfile): boolean {
  if (rule.tag_id !== undefined && !profile.tagIds.includes(Number(rule.tag_id))) return false;
  if (rule.sex !== undefined && String(profile.sex) !== rule.sex) return false;
  if (rule.client_platform_type !== undefined && String(profile.platform) !== rule.client_platform_type) return false;
  if (rule.language !== undefined && !sameText(profile.language, rule.language)) return false;
  if (rule.country !== undefined && !sameText(profile.country, rule.country)) return false;
  if (rule.province !== undefined && !sameText(profile.province, rule.province)) return false;
  if (rule.city !== undefined && !sameText(profile.city, rule.city)) return false;
  return true;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function asObject(raw: unknown, path: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw MenuErrors.invalidMenuType(`${path} must be an object`);
  return raw as Record<string, unknown>;
}

/** `null` and `undefined` are both "absent" on the WeChat wire (spec §0.1). */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Absent, `null` and blank strings all mean "no constraint" in a matchrule. */
function blankToAbsent(value: unknown): unknown {
  if (!present(value)) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}
