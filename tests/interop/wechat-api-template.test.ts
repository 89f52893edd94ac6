/**
 * Interop: template notices end to end with unchanged npm SDKs — the `wechat-api` SDK
 * (node-webot/wechat-api 1.35, `lib/api_template.js`) against a gzh listening on a real port, and
 * a developer server built on the `wechat` middleware (node-webot/wechat 2.x) that receives the
 * TEMPLATESENDJOBFINISH push.
 *
 * What it proves: the SDK's six template methods work with their own URLs and argument shapes
 * (`setIndustry({industry_id1, industry_id2})`, `addTemplate(short)`, `sendTemplate(openid, id,
 * dest, data)`); WeChat errcodes arrive as `WeChatAPIError` codes (40037, 43004, 43100, 47003);
 * the msgid the SDK reads with plain `JSON.parse` is exact (below 2^53) and is the very `MsgID`
 * the middleware then receives with `Status` `success`, in safe (encrypted) mode; and the
 * follower sees the card in the chat.
 *
 * The SDK is pointed at gzh through its `endpoint` property, as in wechat-api.test.ts.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WechatAPI from 'wechat-api';
import type { Callback, IndustryResult, Ok, PrivateTemplate, TemplateData } from 'wechat-api';
import { createTestApp, seedAccount, type TestApp } from '../../apps/server/src/testing/test-context';
import { newEncodingAesKey, newToken, startWechatServer, type WechatDeveloperServer } from './support/developer-server';
import { newFollower, shown, waitFor, type FollowerSession } from './support/gateway';

/** Runs one callback-style SDK method as a promise. */
function call<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
}

const DATA: TemplateData = {
  first: { value: '您的订单已支付成功。', color: '#173177' },
  orderMoneySum: { value: '¥128.00', color: '#173177' },
  orderProductName: { value: '无线蓝牙耳机 ×1' },
  remark: { value: '我们将尽快为您发货。' },
};

describe('wechat-api template methods and a wechat-middleware developer server against a listening gzh', () => {
  let t: TestApp;
  let baseUrl: string;
  let api: WechatAPI;
  let dev: WechatDeveloperServer;
  let accountId: string;
  let appid: string;
  let fan: FollowerSession;
  let templateId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const account = await seedAccount(t.services, { name: '模板互通' });
    ({ accountId, appid } = account);
    api = new WechatAPI(account.appid, account.secret);
    api.endpoint = baseUrl;

    const token = newToken();
    const encodingAESKey = newEncodingAesKey();
    // The developer acknowledges every push with an empty answer, as job results expect.
    dev = await startWechatServer({ token, appid, encodingAESKey }, (_message, res) => res.reply(''));
    await t.services.callbacks.configure(accountId, {
      url: dev.url,
      token,
      encodingAesKey: encodingAESKey,
      mode: 'safe',
      enabled: true,
    });
    fan = await newFollower(t.services, appid, '耳机买家');
  });

  afterAll(async () => {
    await dev?.close();
    await t?.close();
  });

  it('sets and reads the industries, and a second change in the month is 43100', async () => {
    expect(await call<Ok>((done) => api.setIndustry({ industry_id1: '1', industry_id2: '4' }, done))).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(await call<IndustryResult>((done) => api.getIndustry(done))).toMatchObject({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: '电子技术' },
    });
    await expect(call<Ok>((done) => api.setIndustry({ industry_id1: 2, industry_id2: 4 }, done))).rejects.toMatchObject({
      name: 'WeChatAPIError',
      code: 43100,
    });
  });

  it('adds TM00015, lists it, and refuses an unknown short id with 40037', async () => {
    const added = await call<Ok & { template_id: string }>((done) => api.addTemplate('TM00015', done));
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(added.template_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    templateId = added.template_id;
    const { template_list } = await call<{ template_list: PrivateTemplate[] }>((done) => api.getAllPrivateTemplate(done));
    expect(template_list).toEqual([
      {
        template_id: templateId,
        title: '订单支付成功',
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content: '{{first.DATA}}\n支付金额：{{orderMoneySum.DATA}}\n商品信息：{{orderProductName.DATA}}\n{{remark.DATA}}',
        example: expect.stringContaining('支付金额：¥128.00') as string,
      },
    ]);
    await expect(call((done) => api.addTemplate('TM00000', done))).rejects.toMatchObject({ name: 'WeChatAPIError', code: 40037 });
  });

  it('sends a notice: an exact msgid, the card in the chat, TEMPLATESENDJOBFINISH with that MsgID at the middleware', async () => {
    const result = await call<Ok & { msgid: number }>((done) =>
      api.sendTemplate(fan.openid, templateId, 'https://shop.example/orders/1001', DATA, done),
    );
    expect(result).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(Number.isSafeInteger(result.msgid)).toBe(true);
    const msgid = String(result.msgid);
    expect(msgid).toMatch(/^\d{16}$/);

    const card = await waitFor(
      async () => (await shown(t.services, accountId, fan)).find((m) => m.source === 'template'),
      'the template card in the chat',
    );
    expect(card.body).toMatchObject({
      type: 'template',
      templateId,
      title: '订单支付成功',
      data: DATA,
      url: 'https://shop.example/orders/1001',
    });

    const push = await waitFor(
      async () => dev.pushes.find((p) => p.message.Event === 'TEMPLATESENDJOBFINISH'),
      'TEMPLATESENDJOBFINISH at the developer server',
    );
    expect(push.message).toMatchObject({ MsgType: 'event', FromUserName: fan.openid, MsgID: msgid, Status: 'success' });
    // Element names are case-sensitive: job results use MsgID, never MsgId.
    expect(push.xml).toContain(`<MsgID>${msgid}</MsgID>`);
    expect(push.query).toMatchObject({ encrypt_type: 'aes' });
  });

  it('takes the `{url, miniprogram}` form of dest, and refuses bad input with the SDK error codes', async () => {
    const viaObject = await call<Ok & { msgid: number }>((done) =>
      api.sendTemplate(
        fan.openid,
        templateId,
        { miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'pages/order?id=1001' } },
        { orderMoneySum: { value: '¥1.00' }, orderProductName: { value: '贴纸' } },
        done,
      ),
    );
    expect(viaObject.errcode).toBe(0);

    await expect(call((done) => api.sendTemplate(fan.openid, 'x'.repeat(43), null, DATA, done))).rejects.toMatchObject({
      code: 40037,
    });
    await expect(
      call((done) => api.sendTemplate(fan.openid, templateId, null, { ...DATA, keyword9: { value: '?' } }, done)),
    ).rejects.toMatchObject({ code: 47003 });
    await t.services.followers.unfollow(fan.personId, appid);
    await expect(call((done) => api.sendTemplate(fan.openid, templateId, null, DATA, done))).rejects.toMatchObject({
      code: 43004,
    });
  });

  it('deletes the template, after which sending with it is 40037', async () => {
    expect(await call<Ok>((done) => api.delPrivateTemplate(templateId, done))).toMatchObject({ errcode: 0 });
    const { template_list } = await call<{ template_list: PrivateTemplate[] }>((done) => api.getAllPrivateTemplate(done));
    expect(template_list).toEqual([]);
    await expect(call((done) => api.delPrivateTemplate(templateId, done))).rejects.toMatchObject({ code: 40037 });
  });
});
