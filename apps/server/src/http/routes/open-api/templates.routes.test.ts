import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobNames } from '../../../jobs/job-names';
import type { Push } from '../../../modules/callbacks/push.types';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown>;

const SEND = '/cgi-bin/message/template/send';

describe.each(TEST_DIALECTS)('template notices on the open API (%s)', (dialect) => {
  let t: TestApp;
  let account: { appid: string; secret: string; accountId: string };
  let at: string;
  /** A following person of the account: OpenID and follower-API token. */
  let fan: { openid: string; token: string; personId: string };
  /** A person who followed and unfollowed. */
  let gone: { openid: string };
  /** A follower of another service account. */
  let stranger: { openid: string };

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token = at) => {
    const res = await t.app.inject({
      method,
      url: `${path}?access_token=${encodeURIComponent(token)}`,
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
    return { json: res.json<Json>(), raw: res.body };
  };
  const post = async (path: string, body: unknown, token = at) => (await call('POST', path, body, token)).json;
  const get = async (path: string, token = at) => (await call('GET', path, undefined, token)).json;

  const follow = async (appid: string, nickname: string) => {
    const { person, token } = await t.services.followers.createPerson({ nickname });
    const { follower } = await t.services.followers.follow(person.id, appid);
    return { openid: follower.openid, token, personId: person.id };
  };
  const inbox = async (appid: string, token: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/follower/accounts/${appid}/messages`,
      headers: { authorization: `Bearer ${token}` },
    });
    return res.json<{ messages: { source: string; body: Json }[] }>().messages;
  };
  const setNotices = async (appid: string, token: string, blocked: boolean) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/follower/accounts/${appid}/notices`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ blocked }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ blocked });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    account = await seedAccount(t.services, { name: '模板服务号' });
    at = await fetchToken(t.app, account.appid, account.secret);
    fan = await follow(account.appid, '小李');
    const leaving = await follow(account.appid, '小王');
    await t.services.followers.unfollow(leaving.personId, account.appid);
    gone = leaving;
    const other = await seedAccount(t.services, { name: '别的服务号' });
    stranger = await follow(other.appid, '小赵');
  });
  afterAll(() => t.close());

  describe('industries', () => {
    it('answers empty industry names before any are set', async () => {
      expect(await get('/cgi-bin/template/get_industry')).toEqual({
        errcode: 0,
        errmsg: 'ok',
        primary_industry: { first_class: '', second_class: '' },
        secondary_industry: { first_class: '', second_class: '' },
      });
    });

    it('refuses missing codes with 40103 and codes outside 1–41 with 40102', async () => {
      const cases: [unknown, number][] = [
        [{ industry_id1: '1' }, 40103],
        [{ industry_id2: 4 }, 40103],
        [{ industry_id1: '', industry_id2: '4' }, 40103],
        [{ industry_id1: '0', industry_id2: '4' }, 40102],
        [{ industry_id1: '1', industry_id2: 42 }, 40102],
        [{ industry_id1: 'IT科技', industry_id2: '4' }, 40102],
        [{ industry_id1: [1], industry_id2: '4' }, 40102],
        ['', 44002],
        ['industry_id1=1&industry_id2=4', 47001],
      ];
      for (const [body, errcode] of cases) {
        const res = await post('/cgi-bin/template/api_set_industry', body);
        expect(res.errcode, JSON.stringify(body)).toBe(errcode);
        expect(res.errmsg).toMatch(/ rid: /);
      }
    });

    it('sets the pair (strings or numbers), reads it back, and refuses a second change this month with 43100', async () => {
      expect(await post('/cgi-bin/template/api_set_industry', { industry_id1: '1', industry_id2: 13 })).toEqual({
        errcode: 0,
        errmsg: 'ok',
      });
      expect(await get('/cgi-bin/template/get_industry')).toMatchObject({
        primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
        secondary_industry: { first_class: '运输与仓储', second_class: '快递' },
      });
      // The same pair again is no change.
      expect((await post('/cgi-bin/template/api_set_industry', { industry_id1: 1, industry_id2: '13' })).errcode).toBe(0);
      const again = await post('/cgi-bin/template/api_set_industry', { industry_id1: '2', industry_id2: '13' });
      expect(again.errcode).toBe(43100);
      expect(again.errmsg).toMatch(/^change industry too frequently/);
    });
  });

  describe('private templates', () => {
    it('adds from the library, lists in WeChat shape, and deletes', async () => {
      const added = await post('/cgi-bin/template/api_add_template', { template_id_short: 'OPENTM202243318' });
      expect(added).toMatchObject({ errcode: 0, errmsg: 'ok' });
      expect(added.template_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const list = await get('/cgi-bin/template/get_all_private_template');
      expect(list.template_list).toEqual([
        {
          template_id: added.template_id,
          title: '快递签收提醒',
          primary_industry: '运输与仓储',
          deputy_industry: '快递',
          content:
            '{{first.DATA}}\n快递单号：{{keyword1.DATA}}\n签收时间：{{keyword2.DATA}}\n签收人：{{keyword3.DATA}}\n{{remark.DATA}}',
          example: expect.stringContaining('快递单号：YT7503398812261') as string,
        },
      ]);
      expect(await post('/cgi-bin/template/del_private_template', { template_id: added.template_id })).toEqual({
        errcode: 0,
        errmsg: 'ok',
      });
      expect((await get('/cgi-bin/template/get_all_private_template')).template_list).toEqual([]);
      expect((await post('/cgi-bin/template/del_private_template', { template_id: added.template_id })).errcode).toBe(40037);
      expect((await post('/cgi-bin/template/del_private_template', {})).errcode).toBe(40037);
    });

    it('takes keyword_name_list for category templates (40246 when it does not fit) and 40037 for unknown ids', async () => {
      const added = await post('/cgi-bin/template/api_add_template', {
        template_id_short: '49533',
        keyword_name_list: ['快递单号', '取件码', '驿站地址'],
      });
      expect(added.errcode).toBe(0);
      const listed = (await get('/cgi-bin/template/get_all_private_template')).template_list as Json[];
      expect(listed.find((x) => x.template_id === added.template_id)).toMatchObject({
        title: '快递到达通知',
        content: '快递单号：{{character_string1.DATA}}\n取件码：{{character_string3.DATA}}\n驿站地址：{{thing4.DATA}}',
        example: '快递单号：YT7503398812261\n取件码：8-2-3041\n驿站地址：幸福里小区东门驿站',
      });
      for (const keywords of [undefined, [], ['快递单号', '寄件人'], '快递单号']) {
        const res = await post('/cgi-bin/template/api_add_template', { template_id_short: '49533', keyword_name_list: keywords });
        expect(res.errcode, JSON.stringify(keywords)).toBe(40246);
      }
      for (const id of ['TM99999', '', 15, undefined]) {
        expect((await post('/cgi-bin/template/api_add_template', { template_id_short: id })).errcode, String(id)).toBe(40037);
      }
    });

    it('holds at most 25 private templates (45026); re-adding one it has still answers its id', async () => {
      const fresh = await seedAccount(t.services, { name: '满额服务号' });
      const token = await fetchToken(t.app, fresh.appid, fresh.secret);
      const classic = t.services.templates.library().filter((x) => x.kind === 'classic');
      const ids: string[] = [];
      for (const entry of classic.slice(0, 25)) {
        const res = await post('/cgi-bin/template/api_add_template', { template_id_short: entry.shortId }, token);
        expect(res.errcode, entry.shortId).toBe(0);
        ids.push(res.template_id as string);
      }
      const over = await post('/cgi-bin/template/api_add_template', { template_id_short: classic[25]!.shortId }, token);
      expect(over.errcode).toBe(45026);
      expect(over.errmsg).toMatch(/^template num exceeds limit/);
      const again = await post('/cgi-bin/template/api_add_template', { template_id_short: classic[0]!.shortId }, token);
      expect(again).toMatchObject({ errcode: 0, template_id: ids[0] });
    });
  });

  describe('message/template/send', () => {
    let templateId: string;
    const data = {
      first: { value: '您的快递已签收' },
      keyword1: { value: 'YT7503398812261', color: '#173177' },
      keyword2: { value: '2026-11-24 15:20' },
      keyword3: { value: '本人' },
      remark: { value: '<b>感谢使用</b>' },
    };
    beforeAll(async () => {
      templateId = (await post('/cgi-bin/template/api_add_template', { template_id_short: 'OPENTM202243318' }))
        .template_id as string;
    });

    it('answers a msgid as an exact JSON number below 2^53 and shows the card to the follower', async () => {
      const { json, raw } = await call('POST', SEND, {
        touser: fan.openid,
        template_id: templateId,
        url: 'https://example.com/parcel/1',
        miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'pages/parcel?id=1' },
        data,
      });
      expect(json).toMatchObject({ errcode: 0, errmsg: 'ok' });
      expect(raw).toMatch(/"msgid":\d{16}[,}]/);
      expect(Number.isSafeInteger(json.msgid)).toBe(true);
      const cards = (await inbox(account.appid, fan.token)).filter((m) => m.source === 'template');
      expect(cards).toHaveLength(1);
      expect(cards[0]!.body).toEqual({
        type: 'template',
        templateId,
        title: '快递签收提醒',
        content:
          '{{first.DATA}}\n快递单号：{{keyword1.DATA}}\n签收时间：{{keyword2.DATA}}\n签收人：{{keyword3.DATA}}\n{{remark.DATA}}',
        data,
        url: 'https://example.com/parcel/1',
        miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'pages/parcel?id=1' },
      });
    });

    it('refuses bad recipients: 40003 malformed or of another account, 43004 unsubscribed', async () => {
      const base = { template_id: templateId, data };
      expect((await post(SEND, { ...base, touser: 'not-an-openid' })).errcode).toBe(40003);
      expect((await post(SEND, { ...base })).errcode).toBe(40003);
      expect((await post(SEND, { ...base, touser: stranger.openid })).errcode).toBe(40003);
      const unsubscribed = await post(SEND, { ...base, touser: gone.openid });
      expect(unsubscribed.errcode).toBe(43004);
      expect(unsubscribed.errmsg).toMatch(/^require subscribe/);
    });

    it('refuses a template that is not private to the account with 40037', async () => {
      expect((await post(SEND, { touser: fan.openid, template_id: 'x'.repeat(43), data })).errcode).toBe(40037);
      expect((await post(SEND, { touser: fan.openid, data })).errcode).toBe(40037);
    });

    it('refuses data that does not fit, bad urls and miniprograms with 47003 naming the field', async () => {
      const base = { touser: fan.openid, template_id: templateId };
      const cases: [Json, RegExp][] = [
        [{ data: { ...data, keyword9: { value: 'x' } } }, /data\.keyword9/],
        [{ data: { first: { value: 'x' } } }, /data\.keyword1 is missing/],
        [{ data: { ...data, keyword1: { value: 'x'.repeat(201) } } }, /exceeds 200/],
        [{ data: { ...data, keyword1: { value: 'x', color: 'blue' } } }, /color/],
        [{ data: { ...data, keyword1: 'x' } }, /keyword1/],
        [{ data: 'x' }, /data must be an object/],
        [{}, /data must be an object/],
        [{ data, url: 'javascript:alert(1)' }, /url/],
        [{ data, miniprogram: { appid: 'gh_123', pagepath: 'a' } }, /miniprogram/],
        [{ data, client_msg_id: 'x'.repeat(65) }, /client_msg_id/],
      ];
      for (const [extra, message] of cases) {
        const res = await post(SEND, { ...base, ...extra });
        expect(res.errcode, JSON.stringify(extra)).toBe(47003);
        expect(res.errmsg).toMatch(message);
      }
      const { errcode } = await post(SEND, {
        ...base,
        data: { keyword1: data.keyword1, keyword2: data.keyword2, keyword3: data.keyword3 },
      });
      expect(errcode).toBe(0);
    });

    it('answers 43101 while the follower has switched the account’s notices off in the follower client', async () => {
      await setNotices(account.appid, fan.token, true);
      const refused = await post(SEND, { touser: fan.openid, template_id: templateId, data });
      expect(refused.errcode).toBe(43101);
      expect(refused.errmsg).toMatch(/^user refuse to accept the msg/);
      await setNotices(account.appid, fan.token, false);
      expect((await post(SEND, { touser: fan.openid, template_id: templateId, data })).errcode).toBe(0);
    });

    it('answers a repeated client_msg_id with the first msgid and sends nothing more', async () => {
      const before = (await inbox(account.appid, fan.token)).length;
      const body = { touser: fan.openid, template_id: templateId, client_msg_id: 'order-20261124-1', data };
      const first = await post(SEND, body);
      const second = await post(SEND, body);
      expect(first.errcode).toBe(0);
      expect(second).toEqual({ errcode: 0, errmsg: 'ok', msgid: first.msgid });
      expect(await inbox(account.appid, fan.token)).toHaveLength(before + 1);
      // Another key is another notice.
      const third = await post(SEND, { ...body, client_msg_id: 'order-20261124-2' });
      expect(third.msgid).not.toBe(first.msgid);
      expect(await inbox(account.appid, fan.token)).toHaveLength(before + 2);
    });

    it('queues TEMPLATESENDJOBFINISH for the developer server with the answered msgid', async () => {
      const dev = await seedAccount(t.services, { name: '开发者模式服务号' });
      const token = await fetchToken(t.app, dev.appid, dev.secret);
      const devFan = await follow(dev.appid, '小周');
      await t.services.accounts.setDeveloperConfig(dev.accountId, {
        url: 'http://127.0.0.1:9/wechat',
        token: 'devtoken',
        encodingAesKey: null,
        mode: 'plain',
        enabled: true,
      });
      const tid = (await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' }, token)).template_id;
      const sent = await post(
        SEND,
        {
          touser: devFan.openid,
          template_id: tid,
          data: { orderMoneySum: { value: '¥1.00' }, orderProductName: { value: '测试' } },
        },
        token,
      );
      expect(sent.errcode).toBe(0);
      const job = await t.services.jobs.getJob(JobNames.deliverCallback, `job-tpl-${String(sent.msgid)}`);
      const push = job?.payload as Push;
      expect(push).toMatchObject({
        accountId: dev.accountId,
        openid: devFan.openid,
        payload: { kind: 'event', event: 'TEMPLATESENDJOBFINISH', msgId: String(sent.msgid), status: 'success' },
      });
    });

    it('needs POST (43002)', async () => {
      expect((await get(SEND)).errcode).toBe(43002);
      expect((await post('/cgi-bin/template/get_industry', {})).errcode).toBe(43001);
    });
  });

  it('refuses every template endpoint to a subscription account with 48001', async () => {
    const sub = await seedAccount(t.services, { name: '订阅号', type: 'subscription' });
    const token = await fetchToken(t.app, sub.appid, sub.secret);
    const subFan = await follow(sub.appid, '小孙');
    const calls: [string, Json | undefined][] = [
      ['/cgi-bin/template/api_set_industry', { industry_id1: '1', industry_id2: '2' }],
      ['/cgi-bin/template/get_industry', undefined],
      ['/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' }],
      ['/cgi-bin/template/get_all_private_template', undefined],
      ['/cgi-bin/template/del_private_template', { template_id: 'x' }],
      [SEND, { touser: subFan.openid, template_id: 'x', data: {} }],
    ];
    for (const [path, body] of calls) {
      const res = body === undefined ? await get(path, token) : await post(path, body, token);
      expect(res.errcode, path).toBe(48001);
      expect(res.errmsg).toMatch(/^api unauthorized, template notices are only available to service accounts rid: /);
    }
  });

  it('refuses sends once the day’s 100,000 are used (45009) and accepts them again the next day', async () => {
    const busy = await seedAccount(t.services, { name: '繁忙服务号' });
    const token = await fetchToken(t.app, busy.appid, busy.secret);
    const busyFan = await follow(busy.appid, '小钱');
    const tid = (await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' }, token)).template_id;
    const body = {
      touser: busyFan.openid,
      template_id: tid,
      data: { orderMoneySum: { value: '1' }, orderProductName: { value: '2' } },
    };
    await t.services.database.db
      .insertInto('api_quota_usage')
      .values({ account_id: busy.accountId, api: SEND, day: t.services.quotas.dayKey(), used: 100_000 })
      .execute();
    const refused = await post(SEND, body, token);
    expect(refused.errcode).toBe(45009);
    t.time.advance(86_400_000);
    const nextDay = await post(SEND, body, await fetchToken(t.app, busy.appid, busy.secret));
    expect(nextDay.errcode).toBe(0);
  });
});
