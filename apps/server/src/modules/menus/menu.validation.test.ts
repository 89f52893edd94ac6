import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { BUTTON_FIELDS, matchesRule, validateButtons, validateMatchRule, type MatchProfile } from './menu.validation';

/** The domain code a call fails with (and the failure must be an AppError, never a TypeError). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

const click = (name = '今日歌曲', key = 'V1001_TODAY_MUSIC') => ({ type: 'click', name, key });
const view = (name = '搜索', url = 'http://www.soso.com/') => ({ type: 'view', name, url });
const parent = (subs: unknown[], name = '菜单') => ({ name, sub_button: subs });
const top = (button: unknown) => () => validateButtons([button]);
const sub = (button: unknown) => () => validateButtons([parent([button])]);

describe('validateButtons: accepted menus', () => {
  it('normalises every button type to WeChat shape: its own fields only, sub_button [] on leaves', () => {
    const full = {
      key: 'k',
      url: 'https://example.com/p?a=1',
      appid: 'wx286b93c14bbf93aa',
      pagepath: 'pages/lunar/index',
      media_id: 'MEDIA_ID1',
      article_id: 'ARTICLE_ID1',
    };
    for (const [type, fields] of Object.entries(BUTTON_FIELDS)) {
      const [button] = validateButtons([{ type, name: 'b', ...full, extra: 1 }]);
      const expected: Record<string, unknown> = { type, name: 'b' };
      for (const f of fields) expected[f] = full[f];
      expected.sub_button = [];
      expect(button, type).toEqual(expected);
      expect(Object.keys(button!).at(-1)).toBe('sub_button');
    }
  });

  it('keeps a parent to name and sub_button, ignoring a type given alongside sub buttons', () => {
    const menu = validateButtons([
      click(),
      { type: 'view', url: 'http://x.cn', ...parent([view(), click('赞一下我们', 'V1001_GOOD')]) },
    ]);
    expect(menu).toEqual([
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
        ],
      },
    ]);
    // A menu/get answer posts back unchanged.
    expect(validateButtons(JSON.parse(JSON.stringify(menu)))).toEqual(menu);
  });

  it('accepts 3 top-level buttons with 5 sub buttons each, and null as absent', () => {
    const five = Array.from({ length: 5 }, (_, i) => click(`子${i}`, `k${i}`));
    expect(validateButtons([parent(five), parent(five), parent(five)])).toHaveLength(3);
    expect(validateButtons([{ ...click(), url: null, sub_button: null }])[0]).toEqual({ ...click(), sub_button: [] });
  });
});

describe('validateButtons: structure (40015, 40016, 40022, 40023)', () => {
  it('40016 for no button list, an empty one, or more than 3 buttons', () => {
    expect(codeOf(() => validateButtons(undefined))).toBe('menu.invalid_button_size');
    expect(codeOf(() => validateButtons([]))).toBe('menu.invalid_button_size');
    expect(codeOf(() => validateButtons([click(), click(), click(), click()]))).toBe('menu.invalid_button_size');
  });

  it('40015 for nodes of the wrong JSON type anywhere in the tree', () => {
    for (const bad of ['x', 1, { button: [] }]) expect(codeOf(() => validateButtons(bad))).toBe('menu.invalid_menu_type');
    for (const bad of [null, 'click', 3, [click()]]) expect(codeOf(top(bad))).toBe('menu.invalid_menu_type');
    expect(codeOf(top({ name: '菜单', sub_button: { list: [click()] } }))).toBe('menu.invalid_menu_type');
    expect(codeOf(sub('x'))).toBe('menu.invalid_menu_type');
  });

  it('40023 for more than 5 sub buttons', () => {
    const six = Array.from({ length: 6 }, (_, i) => click(`子${i}`, `k${i}`));
    expect(codeOf(() => validateButtons([parent(six)]))).toBe('menu.invalid_sub_button_size');
  });

  it('40022 for a third level, while an empty sub_button on a sub button is fine', () => {
    expect(codeOf(sub(parent([click()])))).toBe('menu.invalid_sub_menu_level');
    expect(codeOf(sub({ ...click(), sub_button: {} }))).toBe('menu.invalid_sub_menu_level');
    expect(validateButtons([parent([{ ...click(), sub_button: [] }])])).toHaveLength(1);
  });
});

describe('validateButtons: names (40018 top ≤ 16 bytes, 40025 sub ≤ 60 bytes)', () => {
  it('counts UTF-8 bytes: 5 Chinese characters plus one letter fit at the top, 6 do not', () => {
    expect(validateButtons([click('一二三四五a')])[0]).toMatchObject({ name: '一二三四五a' }); // 16 bytes
    expect(codeOf(top(click('一二三四五六')))).toBe('menu.invalid_button_name_size'); // 18 bytes
    expect(codeOf(top(click('abcdefghijklmnopq')))).toBe('menu.invalid_button_name_size'); // 17 bytes
  });

  it('allows 20 Chinese characters (60 bytes) below, not one letter more', () => {
    const twenty = '菜'.repeat(20);
    expect(validateButtons([parent([click(twenty)])])).toHaveLength(1);
    expect(codeOf(sub(click(twenty + 'a')))).toBe('menu.invalid_sub_button_name_size');
    expect(codeOf(() => validateButtons([parent([click()], twenty)]))).toBe('menu.invalid_button_name_size');
  });

  it('reports a missing, empty or non-string name with the size errcode of its level', () => {
    for (const name of [undefined, '', 42, ['a']]) {
      expect(codeOf(top({ type: 'click', key: 'k', name }))).toBe('menu.invalid_button_name_size');
      expect(codeOf(sub({ type: 'click', key: 'k', name }))).toBe('menu.invalid_sub_button_name_size');
    }
    expect(codeOf(() => validateButtons([{ sub_button: [click()] }]))).toBe('menu.invalid_button_name_size');
  });
});

describe('validateButtons: types (40017 top, 40024 sub, 65308 conditional without type)', () => {
  it('rejects unknown, missing and non-string types', () => {
    for (const type of ['CLICK', 'text', undefined, 7]) {
      expect(codeOf(top({ ...click(), type }))).toBe('menu.invalid_button_type');
      expect(codeOf(sub({ ...click(), type }))).toBe('menu.invalid_sub_button_type');
    }
  });

  it('reports a missing appid, pagepath, media_id or article_id as an invalid button of its type', () => {
    const mini = {
      type: 'miniprogram',
      name: 'wxa',
      url: 'http://mp.weixin.qq.com',
      appid: 'wx286b93c14bbf93aa',
      pagepath: 'p/i',
    };
    expect(codeOf(top({ ...mini, appid: undefined }))).toBe('menu.invalid_button_type');
    expect(codeOf(sub({ ...mini, pagepath: '' }))).toBe('menu.invalid_sub_button_type');
    expect(codeOf(top({ type: 'media_id', name: 'm' }))).toBe('menu.invalid_button_type');
    expect(codeOf(sub({ type: 'article_view_limited', name: 'a', article_id: 5 }))).toBe('menu.invalid_sub_button_type');
  });

  it('uses 65308 only for a conditional menu leaf without any type', () => {
    const untyped = { name: 'x', key: 'k' };
    expect(codeOf(() => validateButtons([untyped], { conditional: true }))).toBe('menu.button_no_action');
    expect(codeOf(() => validateButtons([parent([untyped])], { conditional: true }))).toBe('menu.button_no_action');
    expect(codeOf(() => validateButtons([{ ...untyped, type: 'nope' }], { conditional: true }))).toBe('menu.invalid_button_type');
    expect(codeOf(() => validateButtons([untyped]))).toBe('menu.invalid_button_type');
  });
});

describe('validateButtons: key and url (40019/40026 ≤ 128 bytes, 40020/40027 ≤ 1024 bytes, 65317)', () => {
  it('limits keys in bytes and requires them on every key type', () => {
    expect(validateButtons([click('k', 'k'.repeat(128))])).toHaveLength(1);
    expect(codeOf(top(click('k', 'k'.repeat(129))))).toBe('menu.invalid_button_key_size');
    expect(codeOf(sub(click('k', '键'.repeat(43))))).toBe('menu.invalid_sub_button_key_size'); // 129 bytes
    for (const type of [
      'click',
      'scancode_push',
      'scancode_waitmsg',
      'pic_sysphoto',
      'pic_photo_or_album',
      'pic_weixin',
      'location_select',
    ]) {
      expect(codeOf(top({ type, name: 'n' })), type).toBe('menu.invalid_button_key_size');
      expect(codeOf(sub({ type, name: 'n', key: 12 })), type).toBe('menu.invalid_sub_button_key_size');
    }
  });

  it('limits urls in bytes, requires them on view and miniprogram, and wants absolute http(s)', () => {
    const base = 'https://example.com/';
    expect(validateButtons([view('v', base + 'a'.repeat(1024 - base.length))])).toHaveLength(1);
    expect(codeOf(top(view('v', base + 'a'.repeat(1025 - base.length))))).toBe('menu.invalid_button_url_size');
    expect(codeOf(sub(view('v', base + 'a'.repeat(1025 - base.length))))).toBe('menu.invalid_sub_button_url_size');
    expect(codeOf(top({ type: 'view', name: 'v' }))).toBe('menu.invalid_button_url_size');
    expect(codeOf(sub({ type: 'miniprogram', name: 'wxa', appid: 'wx1', pagepath: 'p' }))).toBe(
      'menu.invalid_sub_button_url_size',
    );
    for (const url of ['www.soso.com', 'javascript:alert(1)', 'ftp://example.com/x']) {
      expect(codeOf(top(view('v', url))), url).toBe('menu.invalid_url');
    }
  });
});

describe('validateMatchRule', () => {
  it('normalises values to strings, drops blanks, and accepts group_id for tag_id', () => {
    expect(
      validateMatchRule({
        tag_id: 100,
        sex: 1,
        client_platform_type: '2',
        language: 'zh_CN',
        country: ' 中国 ',
        province: '广东',
        city: '广州',
        x: 1,
      }),
    ).toEqual({
      tag_id: '100',
      sex: '1',
      client_platform_type: '2',
      language: 'zh_CN',
      country: '中国',
      province: '广东',
      city: '广州',
    });
    expect(validateMatchRule({ group_id: '2', sex: '', city: null })).toEqual({ tag_id: '2' });
  });

  it('65304 without a matchrule object, 65307 when every field is empty', () => {
    for (const raw of [undefined, null, 'tag', [1]]) expect(codeOf(() => validateMatchRule(raw))).toBe('menu.matchrule_missing');
    for (const raw of [{}, { tag_id: '', sex: null, country: '  ' }])
      expect(codeOf(() => validateMatchRule(raw))).toBe('menu.matchrule_empty');
  });

  it('rejects malformed tag ids, and values outside the sex, platform and language domains', () => {
    for (const tag_id of ['abc', -1, 1.5, { id: 1 }])
      expect(codeOf(() => validateMatchRule({ tag_id }))).toBe('menu.invalid_tag_id');
    expect(codeOf(() => validateMatchRule({ sex: 3 }))).toBe('menu.invalid_matchrule');
    expect(codeOf(() => validateMatchRule({ client_platform_type: '4' }))).toBe('menu.invalid_matchrule');
    expect(codeOf(() => validateMatchRule({ language: 'zh_cn' }))).toBe('menu.invalid_matchrule');
    expect(codeOf(() => validateMatchRule({ language: ['en'] }))).toBe('menu.invalid_matchrule');
  });

  it('requires the region hierarchy (65310, 65311) and sane region values (65312–65314)', () => {
    expect(codeOf(() => validateMatchRule({ province: '广东' }))).toBe('menu.country_missing');
    expect(codeOf(() => validateMatchRule({ city: '广州' }))).toBe('menu.country_missing');
    expect(codeOf(() => validateMatchRule({ country: '中国', city: '广州' }))).toBe('menu.province_missing');
    expect(codeOf(() => validateMatchRule({ country: 86 }))).toBe('menu.invalid_country');
    expect(codeOf(() => validateMatchRule({ country: '中国', province: { name: '广东' } }))).toBe('menu.invalid_province');
    expect(codeOf(() => validateMatchRule({ country: '中国', province: '广东', city: '广'.repeat(65) }))).toBe(
      'menu.invalid_city',
    );
  });
});

describe('matchesRule', () => {
  const person: MatchProfile = {
    sex: 1,
    country: '中国',
    province: '广东',
    city: 'Guangzhou',
    language: 'zh_CN',
    platform: 2,
    tagIds: [2, 101],
  };

  it('matches when every named field matches; absent fields match anyone', () => {
    expect(matchesRule({ tag_id: '101', client_platform_type: '2' }, person)).toBe(true);
    expect(matchesRule({ sex: '1', language: 'zh_CN', country: '中国', province: '广东', city: 'guangzhou' }, person)).toBe(true);
    expect(matchesRule({ tag_id: '102' }, person)).toBe(false);
    expect(matchesRule({ tag_id: '101', client_platform_type: '1' }, person)).toBe(false);
    expect(matchesRule({ sex: '2' }, person)).toBe(false);
    expect(matchesRule({ country: '中国', province: '浙江' }, person)).toBe(false);
    expect(matchesRule({ language: 'en' }, person)).toBe(false);
  });
});
