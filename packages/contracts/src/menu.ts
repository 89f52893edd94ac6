/**
 * WeChat's custom-menu rules (spec/api-catalog.md §2.1), in one place for the server's
 * `menu/create` validation and the console's visual editor, so the two can never disagree.
 */
export const MENU_LIMITS = {
  /** Top-level buttons per menu. */
  buttons: 3,
  /** Sub buttons per top-level button. */
  subButtons: 5,
  /** Name limits in UTF-8 bytes: ≈4 Chinese characters at the top, ≈20 below. */
  nameBytes: 16,
  subNameBytes: 60,
  keyBytes: 128,
  urlBytes: 1024,
} as const;

/** Value fields a button may carry. */
export type ButtonField = 'key' | 'url' | 'appid' | 'pagepath' | 'media_id' | 'article_id';

/** Fields each button type requires, in WeChat's order. */
export const BUTTON_FIELDS = {
  click: ['key'],
  view: ['url'],
  miniprogram: ['url', 'appid', 'pagepath'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  media_id: ['media_id'],
  view_limited: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
} as const satisfies Record<string, readonly ButtonField[]>;

export type ButtonType = keyof typeof BUTTON_FIELDS;
