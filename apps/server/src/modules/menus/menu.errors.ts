import { AppError } from '../../shared/errors';

/**
 * Errors of the menus module (spec/api-catalog.md §2). Each code has exactly one WeChat errcode in
 * `http/routes/open-api/errcodes.ts`. The level-specific pairs (`button_*` for top-level buttons,
 * `sub_button_*` for sub buttons) exist because WeChat reports them with different errcodes
 * (40017 vs 40024, 40018 vs 40025, …) and SDK users look those numbers up.
 *
 * `detail` becomes the message, which the open API appends to the errmsg (`invalid button name
 * size, button[1].name is 18 bytes (max 16)`), so a developer sees which button is wrong.
 */
export const MenuErrors = {
  /** A node of the button tree has the wrong JSON type (not an object / array). */
  invalidMenuType: (detail?: string) => new AppError('menu.invalid_menu_type', detail ?? 'invalid menu type'),
  /** 0 or more than 3 top-level buttons. */
  buttonSize: (detail?: string) => new AppError('menu.invalid_button_size', detail ?? 'invalid button size'),
  buttonType: (detail?: string) => new AppError('menu.invalid_button_type', detail ?? 'invalid button type'),
  buttonNameSize: (detail?: string) => new AppError('menu.invalid_button_name_size', detail ?? 'invalid button name size'),
  buttonKeySize: (detail?: string) => new AppError('menu.invalid_button_key_size', detail ?? 'invalid button key size'),
  buttonUrlSize: (detail?: string) => new AppError('menu.invalid_button_url_size', detail ?? 'invalid button url size'),
  /** A sub button carries sub buttons of its own (menus have two levels). */
  subMenuLevel: (detail?: string) => new AppError('menu.invalid_sub_menu_level', detail ?? 'invalid sub_menu level'),
  /** More than 5 sub buttons under one top-level button. */
  subButtonSize: (detail?: string) => new AppError('menu.invalid_sub_button_size', detail ?? 'invalid sub button size'),
  subButtonType: (detail?: string) => new AppError('menu.invalid_sub_button_type', detail ?? 'invalid sub button type'),
  subButtonNameSize: (detail?: string) =>
    new AppError('menu.invalid_sub_button_name_size', detail ?? 'invalid sub button name size'),
  subButtonKeySize: (detail?: string) =>
    new AppError('menu.invalid_sub_button_key_size', detail ?? 'invalid sub button key size'),
  subButtonUrlSize: (detail?: string) =>
    new AppError('menu.invalid_sub_button_url_size', detail ?? 'invalid sub button url size'),
  /** A `view`/`miniprogram` url that is not an absolute http(s) URL. */
  invalidUrl: (detail?: string) => new AppError('menu.invalid_url', detail ?? 'contain invalid url'),
  /** A conditional menu's leaf button without a `type` (WeChat's "button without response type"). */
  buttonNoAction: (detail?: string) => new AppError('menu.button_no_action', detail ?? 'exist empty button act'),
  /** No menu at all (menu/get, trymatch). */
  notFound: () => new AppError('menu.not_found', 'menu no exist'),
  /** trymatch: the user_id is not a follower of this account. */
  userNotFound: () => new AppError('menu.user_not_found', 'not exist user'),
  /** delconditional: no conditional menu with that menuid. */
  conditionalNotFound: () => new AppError('menu.conditional_not_found', 'this menu is not conditionalmenu'),
  noDefaultMenu: () => new AppError('menu.no_default_menu', 'there is no selfmenu, please create selfmenu first'),
  matchRuleMissing: () => new AppError('menu.matchrule_missing', 'match rule empty'),
  /** Every matchrule field is empty: the conditional menu would have no condition. */
  matchRuleEmpty: () => new AppError('menu.matchrule_empty', 'conditional menu is empty'),
  conditionalLimit: (max: number) => new AppError('menu.conditional_limit', `at most ${max} conditional menus per account`),
  countryMissing: () => new AppError('menu.country_missing', 'region info: country is empty'),
  provinceMissing: () => new AppError('menu.province_missing', 'region info: province is empty'),
  invalidCountry: () => new AppError('menu.invalid_country', 'invalid country info'),
  invalidProvince: () => new AppError('menu.invalid_province', 'invalid province info'),
  invalidCity: () => new AppError('menu.invalid_city', 'invalid city info'),
  /** matchrule.tag_id is malformed or not a tag of the account. */
  invalidTagId: () => new AppError('menu.invalid_tag_id', 'invalid tag id'),
  /** A matchrule value outside its domain (sex, client_platform_type, language). */
  invalidMatchRule: (detail: string) => new AppError('menu.invalid_matchrule', detail),
};
