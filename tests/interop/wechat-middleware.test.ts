/**
 * Interop: a real developer server built on the unchanged node-webot `wechat` middleware (2.x,
 * from npm) behind gzh's conversation gateway, in each push mode (plain, compatible, safe).
 *
 * What it proves: a developer who already runs this middleware against WeChat points gzh at it
 * and nothing else changes. gzh's URL check passes with the right Token and is refused with a
 * wrong one (nothing saved); the middleware's signature and `msg_signature` checks accept gzh's
 * pushes and its decryption yields the exact WeChat fields; its replies (text, news; encrypted
 * with millisecond `TimeStamp` and a random integer `Nonce` when the push was) are verified,
 * decrypted and shown to the follower within WeChat's news limits; and the delivery ledger
 * records each exchange. A final suite follows the same conversation live on the follower's
 * Server-Sent Events stream, across a reconnect with Last-Event-ID.
 *
 * How the middleware is mounted: `wechat(config, handler)` on a bare `node:http` server, with
 * `req.query` parsed from the URL first (the middleware expects Express/Connect to have done it).
 */
import type { AddressInfo } from 'node:net';
import type { NewsItem, WechatResponse } from 'wechat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackMode } from '../../apps/server/src/modules/accounts/account.types';
import { SERVICE_UNAVAILABLE_NOTICE } from '../../apps/server/src/modules/messages/message.types';
import { AppError } from '../../apps/server/src/shared/errors';
import { createTestApp, seedAccount, type TestApp } from '../../apps/server/src/testing/test-context';
import { newEncodingAesKey, newToken, startWechatServer, type WechatDeveloperServer } from './support/developer-server';
import { chat, newFollower, sendText, shown, tapClickButton, waitFor, type FollowerSession } from './support/gateway';
import { openEventStream } from './support/sse';

const WELCOME = '欢迎关注！回复任意文字试试。';
const TODAY: NewsItem[] = [
  { title: '今日头条', description: '第一篇', picurl: 'https://cdn.example/1.jpg', url: 'https://example.com/1' },
  { title: '今日次条', description: '第二篇', picurl: 'https://cdn.example/2.jpg', url: 'https://example.com/2' },
];
const MORE: NewsItem = {
  title: '第三篇',
  description: '更多',
  picurl: 'https://cdn.example/3.jpg',
  url: 'https://example.com/3',
};

/** The developer's bot, written as node-webot's README writes one. */
function developerBot(message: Record<string, string | undefined>, res: WechatResponse): void {
  if (message.MsgType === 'event' && message.Event === 'subscribe') return res.reply(WELCOME);
  if (message.MsgType === 'event' && message.Event === 'CLICK' && message.EventKey === 'TODAY') return res.reply(TODAY);
  if (message.MsgType === 'text' && message.Content === '新闻') return res.reply([...TODAY, MORE]);
  if (message.MsgType === 'text') return res.reply(`你说：${message.Content ?? ''}`);
  res.reply(''); // acknowledge everything else without a reply
}

/** How the articles of a news reply look to the follower. */
const asShown = (items: NewsItem[]) =>
  items.map((a) => ({ title: a.title, description: a.description, picUrl: a.picurl, url: a.url }));

const MODES: CallbackMode[] = ['plain', 'compatible', 'safe'];

describe.each(MODES)('node-webot wechat middleware as the developer server (%s mode)', (mode) => {
  let t: TestApp;
  let dev: WechatDeveloperServer;
  let appid: string;
  let accountId: string;
  let originalId: string;
  let follower: FollowerSession;
  const token = newToken();
  const encodingAesKey = newEncodingAesKey();

  beforeAll(async () => {
    // Pushes go through a push thread, as `gzh start` sends them on a multi-core machine.
    t = await createTestApp('sqlite', { pushThreads: 1 });
    const seeded = await seedAccount(t.services, { name: `互通 ${mode}` });
    ({ appid, accountId } = seeded);
    originalId = (await t.services.accounts.getById(accountId))!.originalId;
    dev = await startWechatServer({ token, appid, encodingAESKey: encodingAesKey }, developerBot);
  });

  afterAll(async () => {
    await dev?.close();
    await t?.close();
  });

  it('passes the URL check through the console with the right Token; a wrong Token is refused and saves nothing', async () => {
    const config = { url: dev.url, token, encodingAesKey, mode, enabled: true };

    const refused: unknown = await t.services.callbacks
      .configure(accountId, { ...config, token: newToken() })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'callback.verify_failed' });
    expect((await t.services.accounts.getById(accountId))!.callback).toMatchObject({ url: null, enabled: false });
    // The check is the plain GET in every mode (§1.1): the middleware answered 401 on signature.
    const check = dev.requests.find((r) => r.method === 'GET')!;
    expect(Object.keys(check.query).sort()).toEqual(['echostr', 'nonce', 'signature', 'timestamp']);

    const org = (await t.services.accounts.getById(accountId))!.organisationId;
    await t.services.auth.createUser({ organisationId: org, username: `dev-${mode}`, password: 'correct horse', role: 'owner' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/console/auth/login',
      payload: { username: `dev-${mode}`, password: 'correct horse' },
    });
    expect(login.statusCode).toBe(200);
    const headers = {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
    const put = (body: typeof config) =>
      t.app.inject({ method: 'PUT', url: `/api/console/accounts/${appid}/developer`, headers, payload: body });

    const saved = await put(config);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ account: { developer: unknown } }>().account.developer).toEqual(config);

    // Changing to a Token the server does not use is refused, and the working one stays.
    const again = await put({ ...config, token: newToken() });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('callback.verify_failed');
    expect((await t.services.accounts.getById(accountId))!.callback).toEqual(config);
  });

  it('pushes subscribe when a person follows, and shows the welcome the middleware replies', async () => {
    t.time.advance(1000);
    follower = await newFollower(t.services, appid, `粉丝 ${mode}`);
    const welcome = await waitFor(
      async () => (await shown(t.services, accountId, follower)).find((m) => m.source === 'passive'),
      'the welcome reply',
    );
    expect(welcome.body).toEqual({ type: 'text', content: WELCOME });
    const push = dev.pushes.find((p) => p.message.Event === 'subscribe')!;
    expect(push.message).toMatchObject({ MsgType: 'event', FromUserName: follower.openid, ToUserName: originalId, EventKey: '' });
  });

  it('delivers a text as WeChat XML and shows the text the middleware replies', async () => {
    t.time.advance(1000);
    const sent = await sendText(t.app, appid, follower, 'hello');
    expect(sent).toMatchObject({ direction: 'in', source: 'follower', body: { type: 'text', content: 'hello' } });

    const reply = await waitFor(
      async () => (await t.services.conversations.repliesTo(accountId, sent.id))[0],
      'the reply to "hello"',
    );
    expect(reply).toMatchObject({ direction: 'out', source: 'passive', body: { type: 'text', content: '你说：hello' } });

    const push = dev.pushes.find((p) => p.message.MsgType === 'text' && p.message.Content === 'hello')!;
    expect(push.message).toEqual({
      ToUserName: originalId,
      FromUserName: follower.openid,
      CreateTime: expect.stringMatching(/^\d{10}$/) as unknown,
      MsgType: 'text',
      Content: 'hello',
      MsgId: sent.msgid,
    });
    expect(push.message.MsgId).toMatch(/^\d{19}$/);
    expect(push.query).toMatchObject({ openid: follower.openid, signature: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown });
    if (mode === 'plain') {
      expect(push.query).not.toHaveProperty('encrypt_type');
      expect(push.query).not.toHaveProperty('msg_signature');
    } else {
      expect(push.query).toMatchObject({
        encrypt_type: 'aes',
        msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown,
      });
    }

    const [entry] = await t.services.callbacks.attempts(accountId, `msg-${sent.id}`);
    expect(entry).toMatchObject({ outcome: 'reply', replyType: 'text', attempt: 1, mode, httpStatus: 200 });
    if (mode === 'plain') {
      expect(entry!.sentBody).toBe(entry!.plainBody);
      expect(entry!.responseBody).toContain('<Content><![CDATA[你说：hello]]></Content>');
    } else {
      // The middleware encrypted its answer because the push was; gzh verified and opened it.
      expect(entry!.responseBody).toMatch(/^<xml><Encrypt>.*<MsgSignature>.*<TimeStamp>\d{13}<\/TimeStamp><Nonce>/);
      expect(entry!.responseBody).not.toContain('你说');
      expect(entry!.sentBody).toContain('<Encrypt>');
      // Safe mode sends only ToUserName and Encrypt; compatible mode the plaintext fields too.
      expect(entry!.sentBody.includes('<Content>')).toBe(mode === 'compatible');
    }
  });

  it('pushes CLICK for a menu tap and shows the 2-article news the middleware replies', async () => {
    t.time.advance(1000);
    await t.services.menus.create(accountId, [{ type: 'click', name: '今日', key: 'TODAY' }]);
    await tapClickButton(t.app, appid, follower, 'TODAY');
    const news = await waitFor(
      async () => (await shown(t.services, accountId, follower)).find((m) => m.body.type === 'news'),
      'the news reply to the click',
    );
    expect(news).toMatchObject({ source: 'passive', body: { type: 'news', articles: asShown(TODAY) } });
    const push = dev.pushes.find((p) => p.message.Event === 'CLICK')!;
    expect(push.message).toMatchObject({ MsgType: 'event', EventKey: 'TODAY', FromUserName: follower.openid });
  });

  it('cuts a news reply to an ordinary message to its first article', async () => {
    t.time.advance(1000);
    const sent = await sendText(t.app, appid, follower, '新闻');
    const reply = await waitFor(async () => (await t.services.conversations.repliesTo(accountId, sent.id))[0], 'the news');
    expect(reply.body).toEqual({ type: 'news', articles: asShown(TODAY.slice(0, 1)) });
    // The middleware did send three; the ledger keeps its answer as it came.
    const [entry] = await t.services.callbacks.attempts(accountId, `msg-${sent.id}`);
    expect(entry).toMatchObject({ outcome: 'reply', replyType: 'news' });
  });

  it('records every exchange in the delivery ledger, newest first, one attempt each, all answered', async () => {
    // Each step above ran a (sandbox) second after the previous one, so the order is defined.
    const ledger = (await t.services.callbacks.list(accountId, { limit: 50 })).reverse();
    expect(ledger.map((e) => [e.kind, e.outcome, e.attempt])).toEqual([
      ['subscribe', 'reply', 1],
      ['message', 'reply', 1],
      ['CLICK', 'reply', 1],
      ['message', 'reply', 1],
    ]);
    expect(new Set(ledger.map((e) => e.mode))).toEqual(new Set([mode]));
    expect(ledger.every((e) => e.openid === follower.openid && e.url.startsWith(dev.url))).toBe(true);
    // Nothing failed, so the follower never saw WeChat's notice.
    const everything = await chat(t.services, accountId, follower);
    expect(everything.some((m) => m.body.type === 'notice' || JSON.stringify(m.body).includes(SERVICE_UNAVAILABLE_NOTICE))).toBe(
      false,
    );
    expect(everything.map((m) => [m.direction, m.source])).toEqual([
      ['out', 'passive'],
      ['in', 'follower'],
      ['out', 'passive'],
      ['out', 'passive'],
      ['in', 'follower'],
      ['out', 'passive'],
    ]);
  });
});

describe('the follower stream (SSE) while the middleware answers', () => {
  let t: TestApp;
  let dev: WechatDeveloperServer;
  let baseUrl: string;
  let appid: string;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    ({ appid, accountId } = await seedAccount(t.services, { name: '实时' }));
    const token = newToken();
    dev = await startWechatServer({ token }, developerBot);
    await t.services.callbacks.configure(accountId, { url: dev.url, token, encodingAesKey: null, mode: 'plain', enabled: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await dev?.close();
    await t?.close();
  });

  it('streams the message and its reply live, and resumes after Last-Event-ID without duplicates or gaps', async () => {
    const follower = await newFollower(t.services, appid, '在线');
    const streamUrl = `${baseUrl}/api/follower/stream?token=${follower.token}`;

    const first = await openEventStream(streamUrl);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/event-stream/);
    await first.until((e) => e.data.body.type === 'text' && e.data.body.content === WELCOME, 'the welcome on the stream');
    const sent = await sendText(t.app, appid, follower, 'ping');
    const reply = await first.until((e) => e.data.replyTo === sent.id, 'the reply to "ping" on the stream');
    expect(reply).toMatchObject({
      event: 'message',
      data: { appid, direction: 'out', source: 'passive', body: { content: '你说：ping' } },
    });
    expect(first.events.map((e) => e.id)).toContain(sent.id);
    const lastSeen = first.events.at(-1)!.id;
    await first.close();

    // While disconnected, the conversation goes on.
    const missed = await sendText(t.app, appid, follower, 'offline');
    await waitFor(async () => (await t.services.conversations.repliesTo(accountId, missed.id))[0], 'the reply while offline');

    const second = await openEventStream(streamUrl, lastSeen);
    await second.until((e) => e.data.replyTo === missed.id, 'the missed reply after reconnecting');
    const live = await sendText(t.app, appid, follower, 'back');
    await second.until((e) => e.data.replyTo === live.id, 'the reply after reconnecting');
    await second.close();

    const received = [...first.events, ...second.events].map((e) => e.id);
    const stored = (await t.services.messages.afterForPerson(follower.personId, 0)).map((m) => m.id);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(stored);
    expect(second.events[0]!.id).toBeGreaterThan(lastSeen);
  });
});
