import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

type Json = Record<string, unknown>;
interface MessageView {
  id: number;
  direction: string;
  source: string;
  replyTo: number | null;
  body: { type: string; content?: string; articles?: unknown[] };
}

describe.each(TEST_DIALECTS)('conversations in editor mode (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let token: string;
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await t.app.inject({
      method,
      url: `/api/follower${url}`,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<Json>() };
  };
  const history = async () => (await call('GET', `/accounts/${appid}/messages`)).body.messages as MessageView[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, accountId } = await seedAccount(t.services, { name: '客服小号' }));
    await t.services.accounts.updateProfile(accountId, { welcomeText: '欢迎关注！' });
    await t.services.replies.create(accountId, {
      kind: 'keyword',
      name: 'hours',
      keywords: [
        { text: '营业时间', match: 'contains' },
        { text: 'hours', match: 'exact' },
      ],
      replies: [{ type: 'text', content: '每天 9:00-18:00' }],
    });
    await t.services.replies.create(accountId, {
      kind: 'default',
      name: 'fallback',
      replies: [{ type: 'text', content: '收到，稍后回复您' }],
    });
    await t.services.replies.create(accountId, {
      kind: 'click',
      name: 'today',
      keywords: [{ text: 'TODAY', match: 'exact' }],
      replies: [
        { type: 'news', articles: [{ title: '今日推荐', description: '', picUrl: '', url: 'https://example.com/today' }] },
      ],
    });
    await t.services.menus.create(accountId, [
      { type: 'click', name: '今日', key: 'TODAY' },
      { type: 'view', name: '官网', url: 'https://example.com/' },
    ]);
    const created = await t.app.inject({ method: 'POST', url: '/api/follower/persons', payload: { nickname: '小王' } });
    token = created.json<{ token: string }>().token;
  });
  afterAll(() => t.close());

  it('refuses messages before following, then greets a new follower with the welcome text', async () => {
    expect((await call('POST', `/accounts/${appid}/messages`, { type: 'text', content: 'hi' })).status).toBe(404);
    await call('POST', `/accounts/${appid}/follow`);
    const messages = await history();
    expect(messages.map((m) => [m.direction, m.source, m.body.content])).toEqual([['out', 'auto', '欢迎关注！']]);
  });

  it('answers keywords (exact and contains) and falls back to the default reply', async () => {
    const send = async (content: string) =>
      (await call('POST', `/accounts/${appid}/messages`, { type: 'text', content })).body.message as MessageView;
    const a = await send('请问营业时间是？');
    const b = await send('hours');
    const c = await send('hours please');
    const messages = await history();
    const answer = (id: number) => messages.filter((m) => m.replyTo === id).map((m) => m.body.content);
    expect(answer(a.id)).toEqual(['每天 9:00-18:00']);
    expect(answer(b.id)).toEqual(['每天 9:00-18:00']);
    expect(answer(c.id)).toEqual(['收到，稍后回复您']);
    expect(a.direction).toBe('in');
    expect(String((a as unknown as { msgid: string }).msgid)).toMatch(/^\d{19}$/);
  });

  it('answers a non-text message with the default reply and rejects malformed ones', async () => {
    const loc = await call('POST', `/accounts/${appid}/messages`, {
      type: 'location',
      latitude: 31.23,
      longitude: 121.47,
      label: '人民广场',
    });
    expect(loc.status).toBe(200);
    const id = (loc.body.message as MessageView).id;
    expect((await history()).filter((m) => m.replyTo === id).map((m) => m.body.content)).toEqual(['收到，稍后回复您']);
    expect((await call('POST', `/accounts/${appid}/messages`, { type: 'text', content: '' })).status).toBe(400);
    expect((await call('POST', `/accounts/${appid}/messages`, { type: 'location', latitude: 200, longitude: 0 })).status).toBe(
      400,
    );
    expect((await call('POST', `/accounts/${appid}/messages`, { type: 'sticker' })).status).toBe(400);
  });

  it('shows the menu and answers a click with its configured reply; view buttons return their URL', async () => {
    const menu = (await call('GET', `/accounts/${appid}/menu`)).body.menu as { button: { name: string }[] };
    expect(menu.button.map((b) => b.name)).toEqual(['今日', '官网']);
    const before = (await history()).length;
    expect((await call('POST', `/accounts/${appid}/menu/click`, { type: 'click', key: 'TODAY' })).body).toEqual({ url: null });
    const after = await history();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.body.type).toBe('news');
    expect((await call('POST', `/accounts/${appid}/menu/click`, { type: 'view', url: 'https://example.com/' })).body).toEqual({
      url: 'https://example.com/',
    });
    expect((await call('POST', `/accounts/${appid}/menu/click`, { type: 'click', key: 'NOPE' })).status).toBe(404);
  });

  it('streams messages over SSE from Last-Event-ID without gaps or repeats', async () => {
    const all = await history();
    const from = all[1]!.id;
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/follower/stream?token=${token}`, {
      headers: { 'last-event-id': String(from) },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const ids: number[] = [];
    let text = '';
    const expected = all.filter((m) => m.id > from).length + 2;
    const sent = call('POST', `/accounts/${appid}/messages`, { type: 'text', content: 'hours' });
    while (ids.length < expected) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const events = text.split('\n\n');
      text = events.pop() ?? '';
      for (const event of events) {
        const id = /^id: (\d+)$/m.exec(event)?.[1];
        if (id) ids.push(Number(id));
      }
    }
    await sent;
    controller.abort();
    expect(ids[0]).toBe(from + 1);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(ids.at(-1)! - ids[0]! + 1).toBe(ids.length);
  });

  it('never skips a message the bus did not announce (another process wrote it) when live ones follow', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => {
      const info = t.app.server.address() as { port: number };
      return `http://127.0.0.1:${info.port}`;
    });
    const latest = (await history()).at(-1)!;
    const controller = new AbortController();
    const res = await fetch(`${address}/api/follower/stream?token=${token}`, {
      headers: { 'last-event-id': String(latest.id) },
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    // Written straight to the database, as the CLI or another node would: no bus announcement.
    const row = await t.services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', latest.id)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    const unannounced = await t.services.database.db
      .insertInto('messages')
      .values({ ...copy, body: JSON.stringify({ type: 'text', content: 'from elsewhere' }), msgid: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A live message (and its auto-reply) right after: announced, but not contiguous with what
    // the stream has shown, so the stream must read its backlog rather than show them directly.
    const sent = (await call('POST', `/accounts/${appid}/messages`, { type: 'text', content: 'hours' })).body
      .message as MessageView;
    const ids: number[] = [];
    let text = '';
    while (!ids.includes(sent.id + 1)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const events = text.split('\n\n');
      text = events.pop() ?? '';
      for (const event of events) {
        const id = /^id: (\d+)$/m.exec(event)?.[1];
        if (id) ids.push(Number(id));
      }
    }
    controller.abort();
    expect(ids).toEqual([Number(unannounced.id), sent.id, sent.id + 1]);
  });
});
