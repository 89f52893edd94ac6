/**
 * Interop: customer-service messages and broadcasts (群发) driven by the unchanged `wechat-api`
 * SDK (node-webot/wechat-api 1.35) against a listening gzh, with the account's developer server
 * being the node-webot `wechat` middleware, which receives MASSSENDJOBFINISH.
 *
 * The SDK's mass methods send `filter: {is_to_all}` for `true`, `filter: {group_id}` for a number
 * (the pre-tag name of a tag id) and `touser: [...]` for a list; gzh takes all three.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WechatAPI from 'wechat-api';
import type { Callback, WeChatAPIError } from 'wechat-api';
import { createTestApp, seedAccount, type TestApp } from '../../apps/server/src/testing/test-context';
import { newToken, startWechatServer, type WechatDeveloperServer } from './support/developer-server';
import { newFollower, waitFor, type FollowerSession } from './support/gateway';

function call<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
}

/** The errcode a call failed with (the SDK's `WeChatAPIError.code`). */
async function errcodeOf(start: (done: Callback<unknown>) => void): Promise<number | undefined> {
  try {
    await call(start);
    return 0;
  } catch (error) {
    return (error as WeChatAPIError).code;
  }
}

describe('wechat-api: customer-service messages and broadcasts', () => {
  let t: TestApp;
  let api: WechatAPI;
  let accountId: string;
  let appid: string;
  let dev: WechatDeveloperServer;
  let followers: FollowerSession[];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const account = await seedAccount(t.services, { type: 'service', verified: true });
    ({ accountId, appid } = account);
    const token = newToken();
    dev = await startWechatServer({ token }, (_message, res) => res.reply(''));
    await t.services.callbacks.configure(accountId, { url: dev.url, token, encodingAesKey: null, mode: 'plain', enabled: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    api = new WechatAPI(account.appid, account.secret);
    api.endpoint = baseUrl;
    followers = [];
    for (let i = 0; i < 4; i++) followers.push(await newFollower(t.services, appid, `粉丝${i}`));
  });
  afterAll(async () => {
    await t?.close();
    await dev?.close();
  });

  it('sends customer-service messages inside the window and refuses them outside it', async () => {
    const [f] = followers;
    t.time.advance(61_000); // the follow's one-minute window has closed
    expect(await errcodeOf((done) => api.sendText(f!.openid, 'too late', done))).toBe(45015);
    await t.services.conversations.send(f!.personId, appid, { type: 'text', content: '在吗' });
    await call((done) => api.sendText(f!.openid, '在的，请问有什么可以帮您？', done));
    await call((done) => api.sendTextFromCs(f!.openid, 'kf2001@gzh', '客服小王为您服务', done));
    const article = { title: '退款进度', description: '点击查看', url: 'https://example.com/refund', picurl: '' };
    await call((done) => api.sendNews(f!.openid, [article], done));
    expect(await errcodeOf((done) => api.sendNews(f!.openid, [article, article], done))).toBe(45008);
    expect(await errcodeOf((done) => api.sendImage(f!.openid, 'no-such-media', done))).toBe(40007);
    const chat = await t.services.messages.conversation(accountId, f!.followerId);
    expect(chat.filter((m) => m.source === 'custom').map((m) => m.body.type)).toEqual(['news', 'text', 'text']);
    await call((done) => api.sendText(f!.openid, '4', done));
    await call((done) => api.sendText(f!.openid, '5', done));
    expect(await errcodeOf((done) => api.sendText(f!.openid, '6', done))).toBe(45047);
  });

  it('broadcasts to all, to a tag and to a list, and reports MASSSENDJOBFINISH to the developer', async () => {
    const all = await call<{ msg_id: number }>((done) => api.massSendText('全体通知', true, done));
    const status = await waitFor(async () => {
      const s = await call<{ msg_id: number; msg_status: string }>((done) => api.getMassMessageStatus(all.msg_id, done));
      return s.msg_status === 'SEND_SUCCESS' && s;
    }, 'the broadcast to finish');
    expect(status.msg_id).toBe(all.msg_id);
    const finished = await waitFor(
      async () => dev.pushes.find((p) => p.message.Event === 'MASSSENDJOBFINISH' && p.message.MsgID === String(all.msg_id)),
      'MASSSENDJOBFINISH',
    );
    expect(finished.message).toMatchObject({
      Status: 'send success',
      TotalCount: '4',
      FilterCount: '4',
      SentCount: '4',
      ErrorCount: '0',
    });

    const tag = await t.services.tags.create(accountId, '会员');
    await t.services.tags.tag(accountId, tag.id, [followers[0]!.openid, followers[1]!.openid]);
    const byTag = await call<{ msg_id: number }>((done) => api.massSendText('会员专享', tag.id, done));
    const list = await call<{ msg_id: number }>((done) =>
      api.massSendText('名单', [followers[2]!.openid, followers[3]!.openid], done),
    );
    for (const [msgId, sent] of [
      [byTag.msg_id, '2'],
      [list.msg_id, '2'],
    ] as const) {
      const push = await waitFor(
        async () => dev.pushes.find((p) => p.message.Event === 'MASSSENDJOBFINISH' && p.message.MsgID === String(msgId)),
        `MASSSENDJOBFINISH of ${msgId}`,
      );
      expect(push.message.SentCount).toBe(sent);
    }
    const inbox = await t.services.broadcasts.inbox(followers[0]!.personId, undefined);
    expect(inbox.map((i) => i.body)).toEqual([
      { type: 'text', content: '会员专享' },
      { type: 'text', content: '全体通知' },
    ]);

    const preview = await call<{ msg_id: number; errmsg?: string }>((done) =>
      api.previewText(followers[3]!.openid, '预览', done),
    );
    expect(preview.errmsg).toBe('preview success');
    expect(await errcodeOf((done) => api.deleteMass(all.msg_id, done))).toBe(40059); // text broadcasts cannot be deleted
    expect(await errcodeOf((done) => api.massSendText('x', [followers[0]!.openid], done))).toBe(40130);
  });
});
