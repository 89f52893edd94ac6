import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPersonInput } from '../../../modules/followers/follower.service';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Body = Record<string, unknown> & { errcode?: number; errmsg?: string };

const DEFAULT_MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        {
          type: 'miniprogram',
          name: 'wxa',
          url: 'http://mp.weixin.qq.com',
          appid: 'wx286b93c14bbf93aa',
          pagepath: 'pages/lunar/index',
        },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
      ],
    },
    {
      name: '发图',
      sub_button: [
        { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0', sub_button: [] },
        { type: 'pic_weixin', name: '微信相册发图', key: 'rselfmenu_1_2' },
        { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
        { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
        { type: 'article_view_limited', name: '文章', article_id: 'ARTICLE_ID1' },
      ],
    },
  ],
};

const oneButtonMenu = (name: string) => ({ button: [{ type: 'click', name, key: name }] });

describe.each(TEST_DIALECTS)('custom menus over the open API (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let token: string;

  const send = async (method: 'GET' | 'POST', path: string, payload?: unknown, at = token): Promise<Body> => {
    const res = await t.app.inject({
      method,
      url: `${path}?access_token=${encodeURIComponent(at)}`,
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
    expect(res.statusCode).toBe(200);
    return res.json<Body>();
  };
  const post = (path: string, payload?: unknown, at?: string) => send('POST', path, payload, at);
  const get = (path: string, at?: string) => send('GET', path, undefined, at);
  const follower = async (profile: NewPersonInput): Promise<string> => {
    const { person } = await t.services.followers.createPerson(profile);
    return (await t.services.followers.follow(person.id, appid)).follower.openid;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    let secret: string;
    ({ appid, secret, accountId } = await seedAccount(t.services));
    token = await fetchToken(t.app, appid, secret);
  });
  afterAll(() => t.close());

  it('answers 46003 and a closed selfmenu before any menu exists', async () => {
    expect((await get('/cgi-bin/menu/get')).errcode).toBe(46003);
    expect((await get('/cgi-bin/menu/get')).errmsg).toMatch(/^menu no exist rid: /);
    expect(await get('/cgi-bin/get_current_selfmenu_info')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      is_menu_open: 0,
      selfmenu_info: { button: [] },
    });
    expect(
      (await post('/cgi-bin/menu/addconditional', { ...DEFAULT_MENU, matchrule: { client_platform_type: '1' } })).errcode,
    ).toBe(65303);
  });

  it('creates a menu and returns it from menu/get in WeChat shape', async () => {
    expect(await post('/cgi-bin/menu/create', DEFAULT_MENU)).toEqual({ errcode: 0, errmsg: 'ok' });
    const body = await get('/cgi-bin/menu/get');
    expect(Object.keys(body).sort()).toEqual(['errcode', 'errmsg', 'menu']);
    const menu = body.menu as { button: Record<string, unknown>[]; menuid?: unknown };
    expect(menu.menuid).toBeUndefined(); // only printed when conditional menus exist
    expect(menu.button[0]).toEqual({ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] });
    expect(menu.button[1]).toEqual({
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
        {
          type: 'miniprogram',
          name: 'wxa',
          url: 'http://mp.weixin.qq.com',
          appid: 'wx286b93c14bbf93aa',
          pagepath: 'pages/lunar/index',
          sub_button: [],
        },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
      ],
    });
    expect((menu.button[2]!.sub_button as unknown[])[3]).toEqual({
      type: 'media_id',
      name: '图片',
      media_id: 'MEDIA_ID1',
      sub_button: [],
    });
    // Posting the menu/get answer back is accepted unchanged.
    expect((await post('/cgi-bin/menu/create', { button: menu.button })).errcode).toBe(0);
    expect((await get('/cgi-bin/menu/get')).menu).toEqual(menu);
  });

  it('presents get_current_selfmenu_info with sub_button as {list}', async () => {
    const body = await get('/cgi-bin/get_current_selfmenu_info');
    expect(body.is_menu_open).toBe(1);
    const buttons = (body.selfmenu_info as { button: Record<string, unknown>[] }).button;
    expect(buttons[0]).toEqual({ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' });
    expect(buttons[1]).toEqual({
      name: '菜单',
      sub_button: {
        list: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
          {
            type: 'miniprogram',
            name: 'wxa',
            url: 'http://mp.weixin.qq.com',
            appid: 'wx286b93c14bbf93aa',
            pagepath: 'pages/lunar/index',
          },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
        ],
      },
    });
  });

  it('rejects bad menus with WeChat errcodes and leaves the stored menu alone', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ type: 'click', name: `子${i}`, key: `k${i}` }));
    const subOf = (button: unknown) => ({ button: [{ name: '菜单', sub_button: [button] }] });
    const cases: [unknown, number][] = [
      [{ button: 'nope' }, 40015],
      [{ button: [{ name: '菜单', sub_button: 5 }] }, 40015],
      [{ button: [] }, 40016],
      [{ nothing: true }, 40016],
      [
        {
          button: [
            ...oneButtonMenu('a').button,
            ...oneButtonMenu('b').button,
            ...oneButtonMenu('c').button,
            ...oneButtonMenu('d').button,
          ],
        },
        40016,
      ],
      [{ button: [{ type: 'tap', name: 'x', key: 'k' }] }, 40017],
      [{ button: [{ name: 'x', key: 'k' }] }, 40017],
      [{ button: [{ type: 'click', name: '一二三四五六', key: 'k' }] }, 40018],
      [{ button: [{ type: 'click', name: 'x', key: 'k'.repeat(129) }] }, 40019],
      [{ button: [{ type: 'view', name: 'x', url: `https://a.cn/${'u'.repeat(1012)}` }] }, 40020],
      [subOf({ name: '子', sub_button: five }), 40022],
      [{ button: [{ name: '菜单', sub_button: [...five, ...five.slice(0, 1)] }] }, 40023],
      [subOf({ type: 'tap', name: 'x', key: 'k' }), 40024],
      [subOf({ type: 'click', name: '菜'.repeat(21), key: 'k' }), 40025],
      [subOf({ type: 'click', name: 'x', key: {} }), 40026],
      [subOf({ type: 'miniprogram', name: 'x', appid: 'wx1', pagepath: 'p' }), 40027],
      [{ button: [{ type: 'view', name: 'x', url: 'www.soso.com' }] }, 65317],
    ];
    for (const [payload, errcode] of cases) {
      expect((await post('/cgi-bin/menu/create', payload)).errcode, JSON.stringify(payload)).toBe(errcode);
    }
    const detail = await post('/cgi-bin/menu/create', subOf({ type: 'click', name: '菜'.repeat(21), key: 'k' }));
    expect(detail.errmsg).toMatch(/^invalid sub button name size, button\[0\]\.sub_button\[0\]\.name is 63 bytes/);
    expect(((await get('/cgi-bin/menu/get')).menu as { button: unknown[] }).button).toHaveLength(3);
  });

  it('answers the transport errors: 47001 bad JSON, 44002 empty body, 43002 / 43001 wrong method', async () => {
    expect((await post('/cgi-bin/menu/create', '{"button":[')).errcode).toBe(47001);
    expect((await post('/cgi-bin/menu/create', '[1,2]')).errcode).toBe(47001);
    expect((await post('/cgi-bin/menu/create', '')).errcode).toBe(44002);
    expect((await get('/cgi-bin/menu/create')).errcode).toBe(43002);
    expect((await get('/cgi-bin/menu/trymatch')).errcode).toBe(43002);
    expect((await post('/cgi-bin/menu/get', {})).errcode).toBe(43001);
    expect((await get('/cgi-bin/menu/get', 'garbage')).errcode).toBe(40001);
  });

  it('serves conditional menus: matchrules, menu/get shape, trymatch by platform and tag', async () => {
    const vip = await t.services.tags.create(accountId, 'VIP');
    const iosVip = await follower({ platform: 1, language: 'en' });
    const android = await follower({ platform: 2, sex: 2, country: '中国', province: '广东', city: '广州' });
    const ios = await follower({ platform: 1 });
    await t.services.tags.tag(accountId, vip.id, [iosVip]);

    const iosMenu = await post('/cgi-bin/menu/addconditional', {
      ...oneButtonMenu('iOS'),
      matchrule: { client_platform_type: '1' },
    });
    expect(iosMenu.errcode).toBe(0);
    expect(typeof iosMenu.menuid).toBe('string');
    const vipMenu = await post('/cgi-bin/menu/addconditional', {
      ...oneButtonMenu('VIP'),
      matchrule: { tag_id: vip.id, sex: '', language: null },
    });
    const gzMenu = await post('/cgi-bin/menu/addconditional', {
      ...oneButtonMenu('广州'),
      matchrule: { country: '中国', province: '广东', city: '广州', sex: 2 },
    });

    const trymatch = async (userId: unknown) => post('/cgi-bin/menu/trymatch', { user_id: userId });
    const seen = async (openid: string) => ((await trymatch(openid)).button as { name: string }[])[0]!.name;
    const vipView = await trymatch(iosVip);
    expect(vipView).toEqual({ errcode: 0, errmsg: 'ok', button: vipView.button, menu: { button: vipView.button } });
    expect(vipView.button).toEqual([{ type: 'click', name: 'VIP', key: 'VIP', sub_button: [] }]);
    expect(await seen(ios)).toBe('iOS');
    expect(await seen(android)).toBe('广州');

    const body = await get('/cgi-bin/menu/get');
    const menu = body.menu as { menuid: unknown };
    expect(typeof menu.menuid).toBe('number');
    const conditional = body.conditionalmenu as { matchrule: unknown; menuid: unknown; button: unknown[] }[];
    expect(conditional.map((c) => c.matchrule)).toEqual([
      { client_platform_type: '1' },
      { group_id: String(vip.id) },
      { sex: '2', country: '中国', province: '广东', city: '广州' },
    ]);
    expect(conditional.map((c) => String(c.menuid))).toEqual([iosMenu.menuid, vipMenu.menuid, gzMenu.menuid]);
    expect(conditional.every((c) => typeof c.menuid === 'number')).toBe(true);

    // Removing the newest match falls back to the next one, then to the default menu.
    expect((await post('/cgi-bin/menu/delconditional', { menuid: vipMenu.menuid })).errcode).toBe(0);
    expect(await seen(iosVip)).toBe('iOS');
    expect((await post('/cgi-bin/menu/delconditional', { menuid: Number(iosMenu.menuid) })).errcode).toBe(0);
    expect(await seen(iosVip)).toBe('今日歌曲');
    expect((await post('/cgi-bin/menu/delconditional', { menuid: vipMenu.menuid })).errcode).toBe(65301);
    expect((await post('/cgi-bin/menu/delconditional', { menuid: String(menu.menuid) })).errcode).toBe(65301);
    expect((await post('/cgi-bin/menu/delconditional', { menuid: 'abc' })).errcode).toBe(65301);

    expect((await trymatch('o' + 'x'.repeat(27))).errcode).toBe(46002);
    expect((await trymatch('nobody')).errcode).toBe(46002);
    expect((await trymatch(undefined)).errcode).toBe(46002);
  });

  it('validates addconditional bodies', async () => {
    const add = async (matchrule: unknown, menu: object = oneButtonMenu('c')) =>
      (await post('/cgi-bin/menu/addconditional', { ...menu, matchrule })).errcode;
    expect(await add(undefined)).toBe(65304);
    expect(await add({ tag_id: '', sex: null })).toBe(65307);
    expect(await add({ tag_id: '999' })).toBe(45159);
    expect(await add({ province: '广东' })).toBe(65310);
    expect(await add({ country: '中国', city: '广州' })).toBe(65311);
    expect(await add({ country: 86 })).toBe(65312);
    expect(await add({ language: 'klingon' })).toBe(47003);
    expect(await add({ client_platform_type: 9 })).toBe(47003);
    expect(await add({ client_platform_type: 1 }, { button: [{ name: 'x', key: 'k' }] })).toBe(65308);
    expect(await add({ client_platform_type: 1 }, { button: [{ type: 'click', name: '一二三四五六', key: 'k' }] })).toBe(40018);
  });

  it('caps conditional menus at 20 (65305), keeps them across menu/create, and menu/delete removes all', async () => {
    const existing = ((await get('/cgi-bin/menu/get')).conditionalmenu as unknown[] | undefined)?.length ?? 0;
    for (let i = existing; i < 20; i++) {
      expect(
        (await post('/cgi-bin/menu/addconditional', { ...oneButtonMenu(`m${i}`), matchrule: { language: 'fr' } })).errcode,
      ).toBe(0);
    }
    expect((await post('/cgi-bin/menu/addconditional', { ...oneButtonMenu('m21'), matchrule: { language: 'fr' } })).errcode).toBe(
      65305,
    );
    expect((await post('/cgi-bin/menu/create', oneButtonMenu('新菜单'))).errcode).toBe(0);
    const body = await get('/cgi-bin/menu/get');
    expect((body.conditionalmenu as unknown[]).length).toBe(20);
    expect((body.menu as { button: { name: string }[] }).button[0]!.name).toBe('新菜单');

    expect(await get('/cgi-bin/menu/delete')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await get('/cgi-bin/menu/get')).errcode).toBe(46003);
    expect((await get('/cgi-bin/get_current_selfmenu_info')).is_menu_open).toBe(0);
    const someone = await follower({});
    expect((await post('/cgi-bin/menu/trymatch', { user_id: someone })).errcode).toBe(46003);
    expect((await post('/cgi-bin/menu/addconditional', { ...oneButtonMenu('x'), matchrule: { language: 'fr' } })).errcode).toBe(
      65303,
    );
    expect(await t.services.menus.view(accountId)).toEqual({ menu: null, conditionalmenu: [] });
  });

  it('keeps accounts apart', async () => {
    const other = await seedAccount(t.services, { name: 'Other' });
    const otherToken = await fetchToken(t.app, other.appid, other.secret);
    expect((await post('/cgi-bin/menu/create', oneButtonMenu('其他'), otherToken)).errcode).toBe(0);
    expect((await get('/cgi-bin/menu/get')).errcode).toBe(46003);
    const otherMenu = (await get('/cgi-bin/menu/get', otherToken)).menu as { button: { name: string }[] };
    expect(otherMenu.button[0]!.name).toBe('其他');
  });
});
