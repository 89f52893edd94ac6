import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomMessageResponse, ServiceWindowView } from '@gzh/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { consoleCall, loginRoles, type ConsoleSession } from '../../../testing/console-session';

type Json = Record<string, unknown>;
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(TEST_DIALECTS)('console: customer-service messages and the window (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  const sessions: Record<string, ConsoleSession> = {};

  const call = (user: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    consoleCall<Json>(t, sessions[user]!, method, url, body, headers);
  const windowOf = async (openid: string) =>
    (await call('owner', 'GET', `/accounts/${appid}/followers/${openid}/window`)).body.window as ServiceWindowView;
  const send = (openid: string, body: unknown, user = 'owner') =>
    call(user, 'POST', `/accounts/${appid}/followers/${openid}/messages`, body);
  const errorOf = (res: { body: Json }) => (res.body as unknown as ErrorBody).error;
  /** A follower who has just followed (which opens the one-minute event window). */
  const follower = async () => {
    const { person } = await t.services.followers.createPerson({ nickname: 'console kf' });
    const { follower } = await t.services.followers.follow(person.id, appid);
    return { personId: person.id, openid: follower.openid, followerId: follower.id };
  };
  const customMessages = async (followerId: number) =>
    (await t.services.messages.conversation(accountId, followerId))
      .filter((m) => m.source === 'custom')
      .sort((a, b) => a.id - b.id);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(sessions, await loginRoles(t, 'Kf Org', ['owner', 'agent', 'analyst']));
    ({ appid, accountId } = await seedAccount(t.services, { org: 'Kf Org', name: '客服服务号' }));
  });
  afterAll(() => t.close());

  it('shows the window before sending: a follow opens 3 for a minute, a message 5 for 48 hours', async () => {
    const f = await follower();
    const now = t.services.clock.nowMs();
    expect(await windowOf(f.openid)).toMatchObject({
      openid: f.openid,
      subscribed: true,
      open: true,
      window: 'event',
      remaining: 3,
      closesAt: now + 60_000,
      message: null,
      event: { used: 0, quota: 3 },
      now,
    });
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: '在吗' });
    const view = await windowOf(f.openid);
    expect(view).toMatchObject({ window: 'message', closesAt: now + 48 * 3_600_000, message: { used: 0, quota: 5 } });
    expect(view.remaining).toBe(8); // both windows are open: 5 + 3
  });

  it('sends text, one-article news and a msgmenu; each reaches the chat and spends the window', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hello' });
    const text = await send(f.openid, { msgtype: 'text', content: '您好，有什么可以帮您？' });
    expect(text.status).toBe(200);
    const answer = text.body as unknown as CustomMessageResponse;
    expect(answer.message).toMatchObject({
      appid,
      direction: 'out',
      source: 'custom',
      body: { type: 'text', content: '您好，有什么可以帮您？' },
    });
    expect(answer.window.message).toMatchObject({ used: 1, quota: 5 });

    const news = await send(f.openid, { msgtype: 'news', article: { title: '新品上市', url: 'https://example.com/a' } });
    expect(news.status).toBe(200);
    expect((news.body as unknown as CustomMessageResponse).message.body).toEqual({
      type: 'news',
      articles: [{ title: '新品上市', description: '', url: 'https://example.com/a', picUrl: '' }],
    });
    const menu = await send(f.openid, {
      msgtype: 'msgmenu',
      headContent: '您对本次服务是否满意？',
      items: [
        { id: '101', content: '满意' },
        { id: '102', content: '不满意' },
      ],
      tailContent: '欢迎再次光临',
    });
    expect(menu.status).toBe(200);
    expect((menu.body as unknown as CustomMessageResponse).message.body).toMatchObject({
      type: 'msgmenu',
      headContent: '您对本次服务是否满意？',
      list: [
        { id: '101', content: '满意' },
        { id: '102', content: '不满意' },
      ],
    });
    expect((await customMessages(f.followerId)).map((m) => m.body.type)).toEqual(['text', 'news', 'msgmenu']);
    expect((await windowOf(f.openid)).message).toMatchObject({ used: 3 });
  });

  it('a tap on a msgmenu item comes back as text and reaches the developer server with bizmsgmenuid', async () => {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      if (req.method === 'GET') return void res.end(new URL(req.url ?? '/', 'http://x').searchParams.get('echostr'));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.end('success');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const dev = await seedAccount(t.services, { org: 'Kf Org', name: '开发者模式' });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
      await t.services.callbacks.configure(dev.accountId, {
        url,
        token: 'menutoken',
        encodingAesKey: null,
        mode: 'plain',
        enabled: true,
      });
      const { person, token } = await t.services.followers.createPerson({ nickname: 'tapper' });
      await t.services.followers.follow(person.id, dev.appid);
      const tap = await t.app.inject({
        method: 'POST',
        url: `/api/follower/accounts/${dev.appid}/messages`,
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'text', content: '满意', bizmsgmenuid: '101' },
      });
      expect(tap.statusCode).toBe(200);
      expect(tap.json<{ message: { body: unknown } }>().message.body).toEqual({
        type: 'text',
        content: '满意',
        bizmsgmenuid: '101',
      });
      for (let i = 0; i < 100 && !bodies.some((b) => b.includes('<MsgType><![CDATA[text]]>')); i++)
        await new Promise((r) => setTimeout(r, 20));
      const pushed = bodies.find((b) => b.includes('<MsgType><![CDATA[text]]>'));
      expect(pushed).toContain('<Content><![CDATA[满意]]></Content>');
      expect(pushed).toMatch(/<MsgId>\d+<\/MsgId><bizmsgmenuid>101<\/bizmsgmenuid><\/xml>/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses outside the window with the reason, and stores nothing', async () => {
    const f = await follower();
    t.time.advance(61_000);
    expect(await windowOf(f.openid)).toMatchObject({ open: false, window: null, remaining: 0 });
    const res = await send(f.openid, { msgtype: 'text', content: 'too late' });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('kf.out_of_window');
    expect(errorOf(res).message).toMatch(/out of time limit/);
    expect(await customMessages(f.followerId)).toHaveLength(0);
  });

  it('refuses a spent window as a quota (429) after the fifth message', async () => {
    const f = await follower();
    t.time.advance(61_000);
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hi' });
    for (let i = 0; i < 5; i++) expect((await send(f.openid, { msgtype: 'text', content: `r${i}` })).status).toBe(200);
    expect(await windowOf(f.openid)).toMatchObject({ open: true, window: null, remaining: 0 });
    const over = await send(f.openid, { msgtype: 'text', content: 'one more' });
    expect(over.status).toBe(429);
    expect(errorOf(over).code).toBe('kf.response_count_limit');
  });

  it('refuses bad content with WeChat’s reasons (400) before spending anything', async () => {
    const f = await follower();
    const empty = await send(f.openid, { msgtype: 'text', content: '  ' });
    expect([empty.status, errorOf(empty).code]).toEqual([400, 'message.bad_payload']);
    const long = await send(f.openid, { msgtype: 'text', content: 'x'.repeat(2049) });
    expect([long.status, errorOf(long).code]).toEqual([400, 'message.content_too_long']);
    const image = await send(f.openid, { msgtype: 'image', mediaId: 'no-such-media' });
    expect([image.status, errorOf(image).code]).toEqual([400, 'message.invalid_media_id']);
    const menu = await send(f.openid, { msgtype: 'msgmenu', items: [] });
    expect([menu.status, errorOf(menu).code]).toEqual([400, 'message.bad_payload']);
    const unknownType = await send(f.openid, { msgtype: 'music' });
    expect([unknownType.status, errorOf(unknownType).code]).toEqual([400, 'common.invalid_request']);
    expect((await windowOf(f.openid)).event).toMatchObject({ used: 0 });
  });

  it('a follower who left has no window', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'bye' });
    await t.services.followers.unfollow(f.personId, appid);
    expect(await windowOf(f.openid)).toMatchObject({ subscribed: false, open: false, remaining: 0 });
    const res = await send(f.openid, { msgtype: 'text', content: 'come back' });
    expect([res.status, errorOf(res).code]).toEqual([409, 'kf.out_of_window']);
  });

  it('checks roles, the CSRF token, the openid and the organisation', async () => {
    const f = await follower();
    expect((await call('analyst', 'GET', `/accounts/${appid}/followers/${f.openid}/window`)).status).toBe(200);
    const analyst = await send(f.openid, { msgtype: 'text', content: 'x' }, 'analyst');
    expect([analyst.status, errorOf(analyst).code]).toEqual([403, 'auth.forbidden']);
    expect((await send(f.openid, { msgtype: 'text', content: '客服来了' }, 'agent')).status).toBe(200);
    const noCsrf = await call(
      'owner',
      'POST',
      `/accounts/${appid}/followers/${f.openid}/messages`,
      { msgtype: 'text', content: 'x' },
      { 'x-csrf-token': 'nope' },
    );
    expect(noCsrf.status).toBe(403);
    const unknown = await call('owner', 'GET', `/accounts/${appid}/followers/oNOSUCHFOLLOWER000000000000000/window`);
    expect([unknown.status, errorOf(unknown).code]).toEqual([400, 'follower.invalid_openid']);
    const foreign = await seedAccount(t.services, { org: 'Elsewhere' });
    expect((await call('owner', 'GET', `/accounts/${foreign.appid}/followers/${f.openid}/window`)).status).toBe(404);
  });
});
