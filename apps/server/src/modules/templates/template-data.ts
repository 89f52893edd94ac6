import { templatePlaceholders, type TemplateValue } from '@gzh/contracts';
import { isHttpUrl, MAX_URL_LENGTH } from '../../shared/url';
import { TemplateErrors } from './template.errors';
import type { PrivateTemplate, TemplateNotice } from './template.types';

/**
 * The checks of `message/template/send`'s payload (everything but the recipient and the
 * template id): `data` against the template's placeholders, `url`, `miniprogram` and
 * `client_msg_id`. Anything that does not fit is WeChat's 47003 "argument invalid", with a detail
 * naming the field, so a developer sees at once which value was refused.
 */

/** Longest value of a classic template's placeholder, in characters (gzh policy; WeChat documents none). */
export const MAX_CLASSIC_VALUE_LENGTH = 200;

/**
 * Value limits of category templates by placeholder type (the name without its trailing digits),
 * as WeChat's category library states them for its keyword types.
 */
export const CATEGORY_VALUE_LIMITS: Readonly<Record<string, number>> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 32,
  time: 32,
  date: 32,
  phrase: 5,
  phone_number: 17,
  car_number: 8,
  name: 10,
  const: 20,
};

/** Classic placeholders a sender may leave out: WeChat stopped showing them in 2023. */
const OPTIONAL_CLASSIC = new Set(['first', 'remark']);

/** Longest `client_msg_id` (the length WeChat allows for the mass-send `clientmsgid`). */
export const MAX_CLIENT_MSG_ID_LENGTH = 64;

/** Longest mini-program `pagepath`. */
const MAX_PAGEPATH_LENGTH = 1024;

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const APPID = /^wx[0-9a-fA-F]{16}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the template was assembled from category keywords (new-style: colours are not shown). */
export function isCategoryTemplate(template: Pick<PrivateTemplate, 'keywords'>): boolean {
  return template.keywords.length > 0;
}

/** Character limit of one placeholder's value. */
export function valueLimit(template: Pick<PrivateTemplate, 'keywords'>, name: string): number {
  if (!isCategoryTemplate(template)) return MAX_CLASSIC_VALUE_LENGTH;
  const type = name.replace(/\d+$/, '');
  return CATEGORY_VALUE_LIMITS[type] ?? MAX_CLASSIC_VALUE_LENGTH;
}

/**
 * `data` checked against the template: an object whose keys are exactly the template's
 * placeholders (a classic template's `first` and `remark` may be left out), each
 * `{value, color?}` with a string (or number) value within its limit and a `#rgb`/`#rrggbb`
 * colour. Colours of category templates are dropped, since WeChat ignores them there.
 */
export function checkTemplateData(
  template: Pick<PrivateTemplate, 'content' | 'keywords'>,
  data: unknown,
): Record<string, TemplateValue> {
  if (!isObject(data)) throw TemplateErrors.argumentInvalid('data must be an object of {value, color}');
  const placeholders = templatePlaceholders(template.content);
  const unknown = Object.keys(data).find((key) => !placeholders.includes(key));
  if (unknown !== undefined) throw TemplateErrors.argumentInvalid(`data.${unknown} is not a field of the template`);
  const category = isCategoryTemplate(template);
  const out: Record<string, TemplateValue> = {};
  for (const name of placeholders) {
    const entry = data[name];
    if (entry === undefined) {
      if (!category && OPTIONAL_CLASSIC.has(name)) continue;
      throw TemplateErrors.argumentInvalid(`data.${name} is missing`);
    }
    if (!isObject(entry)) throw TemplateErrors.argumentInvalid(`data.${name} must be an object with a value`);
    const raw = entry.value;
    const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
    if (typeof value !== 'string') throw TemplateErrors.argumentInvalid(`data.${name}.value must be a string`);
    const limit = valueLimit(template, name);
    if ([...value].length > limit) throw TemplateErrors.argumentInvalid(`data.${name}.value exceeds ${limit} characters`);
    const color = entry.color;
    if (color !== undefined && color !== '' && (typeof color !== 'string' || !COLOR.test(color))) {
      throw TemplateErrors.argumentInvalid(`data.${name}.color must be #rrggbb`);
    }
    out[name] = !category && typeof color === 'string' && color ? { value, color } : { value };
  }
  return out;
}

/** `url`: absent or empty means none; otherwise an absolute http(s) URL. */
export function checkNoticeUrl(url: unknown): string | undefined {
  if (url === undefined || url === '') return undefined;
  if (!isHttpUrl(url, MAX_URL_LENGTH)) throw TemplateErrors.argumentInvalid('url must be an http(s) URL');
  return url;
}

/**
 * `miniprogram`: `{appid, pagepath}` with an AppID-shaped `appid`; `path` is accepted for
 * `pagepath` (older WxJava beans send it, spec §0.3) and a missing path opens the home page.
 */
export function checkMiniprogram(value: unknown): TemplateNotice['miniprogram'] {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw TemplateErrors.argumentInvalid('miniprogram must be an object {appid, pagepath}');
  const { appid } = value;
  const pagepath = value.pagepath ?? value.path ?? '';
  if (typeof appid !== 'string' || !APPID.test(appid)) throw TemplateErrors.argumentInvalid('miniprogram.appid is not an AppID');
  if (typeof pagepath !== 'string' || pagepath.length > MAX_PAGEPATH_LENGTH) {
    throw TemplateErrors.argumentInvalid(`miniprogram.pagepath must be a string of at most ${MAX_PAGEPATH_LENGTH} characters`);
  }
  return { appid, pagepath };
}

/** `client_msg_id`: absent or empty means none; otherwise a string of at most 64 characters. */
export function checkClientMsgId(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_CLIENT_MSG_ID_LENGTH) {
    throw TemplateErrors.argumentInvalid(`client_msg_id must be a string of at most ${MAX_CLIENT_MSG_ID_LENGTH} characters`);
  }
  return value;
}
