import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, MP4 } from '../../../testing/media-fixtures';
import { createTestApp, fetchToken, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';

describe.each(TEST_DIALECTS)('customer-service messages and the 48-hour window (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let secret: string;
  let at: string;
  /** Posts with a live token (the tests move the clock by days, past the token's 2 hours). */
  const post = async (path: string, body: unknown): Promise<{ errcode: number; errmsg: string }> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${encodeURIComponent(at)}`,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json<{ errcode: number; errmsg: string }>();
    if (answer.errcode !== 42001) return answer;
    at = await fetchToken(t.app, appid, secret);
    return post(path, body);
  };
  const text = (touser: string, content = 'hello') =>
    post('/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content } });
  /** A new follower; follows now (which opens the one-minute event window). */
  const follower = async () => {
    const { person } = await t.services.followers.createPerson({ nickname: 'kf test' });
    const { follower } = await t.services.followers.follow(person.id, appid);
    return { personId: person.id, openid: follower.openid, followerId: follower.id };
  };
  const customMessages = async (followerId: number) =>
    (await t.services.messages.conversation(accountId, followerId)).filter((m) => m.source === 'custom');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ appid, accountId, secret } = await seedAccount(t.services));
    at = await fetchToken(t.app, appid, secret);
  });
  afterAll(() => t.close());

  it('a follow opens a one-minute window of 3 messages', async () => {
    const f = await follower();
    for (let i = 0; i < 3; i++) expect((await text(f.openid, `m${i}`)).errcode).toBe(0);
    const over = await text(f.openid);
    expect(over.errcode).toBe(45047);
    expect(over.errmsg).toMatch(/^out of response count limit/);
    expect(await customMessages(f.followerId)).toHaveLength(3);
  });

  it('the event window closes after a minute: 45015', async () => {
    const f = await follower();
    t.time.advance(61_000);
    const res = await text(f.openid);
    expect(res.errcode).toBe(45015);
    expect(res.errmsg).toMatch(/^response out of time limit or subscription is canceled/);
    expect(await customMessages(f.followerId)).toHaveLength(0);
  });

  it("a follower's message opens 5 messages for 48 hours; a new message resets the count", async () => {
    const f = await follower();
    t.time.advance(120_000);
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hi' });
    for (let i = 0; i < 5; i++) expect((await text(f.openid, `r${i}`)).errcode).toBe(0);
    expect((await text(f.openid)).errcode).toBe(45047);
    t.time.advance(47 * 3_600_000);
    expect((await text(f.openid)).errcode).toBe(45047);
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'again' });
    expect((await text(f.openid)).errcode).toBe(0);
    t.time.advance(48 * 3_600_000 + 1);
    expect((await text(f.openid)).errcode).toBe(45015);
    const window = await t.services.customMessages.window(accountId, f.openid);
    expect(window).toMatchObject({ open: false, remaining: 0, window: null });
  });

  it('shows the window as the console sees it', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hi' });
    await text(f.openid);
    const window = await t.services.customMessages.window(accountId, f.openid);
    expect(window).toMatchObject({ open: true, window: 'message', subscribed: true });
    expect(window.message).toMatchObject({ used: 1, quota: 5 });
    // the follow's event window (3) is still open too
    expect(window.remaining).toBe(4 + 3);
  });

  it('unfollowed followers are out of the window', async () => {
    const f = await follower();
    await t.services.followers.unfollow(f.personId, appid);
    expect((await text(f.openid)).errcode).toBe(45015);
  });

  it('delivers every kind it supports to the chat', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hi' });
    const news = {
      touser: f.openid,
      msgtype: 'news',
      news: { articles: [{ title: 'T', description: 'D', url: 'https://example.com/a', picurl: 'https://example.com/p.png' }] },
    };
    expect((await post('/cgi-bin/message/custom/send', news)).errcode).toBe(0);
    const menu = {
      touser: f.openid,
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: '您对本次服务是否满意呢?',
        list: [
          { id: '101', content: '满意' },
          { id: '102', content: '不满意' },
        ],
        tail_content: '欢迎再次光临',
      },
    };
    expect((await post('/cgi-bin/message/custom/send', menu)).errcode).toBe(0);
    const shown = await customMessages(f.followerId);
    expect(shown.map((m) => m.body.type).sort()).toEqual(['msgmenu', 'news']);
    expect(shown.find((m) => m.body.type === 'msgmenu')?.body).toMatchObject({
      list: [{ id: '101', content: '满意' }, { id: '102' }],
    });
  });

  it('sends uploaded media: the image reaches the chat by its public URL; wrong kinds and foreign ids are 40007', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'photo please' });
    const image = await t.services.media.upload(accountId, { type: 'image', file: { filename: 'a.jpg', bytes: JPEG() } });
    const video = await t.services.media.upload(accountId, { type: 'video', file: { filename: 'v.mp4', bytes: MP4() } });
    const send = (body: Record<string, unknown>) => post('/cgi-bin/message/custom/send', { touser: f.openid, ...body });
    expect((await send({ msgtype: 'image', image: { media_id: image.mediaId } })).errcode).toBe(0);
    expect((await send({ msgtype: 'video', video: { media_id: video.mediaId, title: 'clip', description: 'd' } })).errcode).toBe(
      0,
    );
    // an image id where a voice is needed, and another account's image
    expect((await send({ msgtype: 'voice', voice: { media_id: image.mediaId } })).errcode).toBe(40007);
    const other = await seedAccount(t.services, { name: 'other' });
    const foreign = await t.services.media.upload(other.accountId, { type: 'image', file: { filename: 'b.jpg', bytes: JPEG() } });
    expect((await send({ msgtype: 'image', image: { media_id: foreign.mediaId } })).errcode).toBe(40007);
    const shown = await customMessages(f.followerId);
    expect(shown.map((m) => m.body.type)).toEqual(['video', 'image']);
    const picUrl = (shown[1]!.body as { picUrl: string }).picUrl;
    const served = await t.app.inject({ method: 'GET', url: new URL(picUrl).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(JPEG())).toBe(true);
    // temporary media expire after three days
    t.time.advance(3 * 86_400_000 + 1);
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'again' });
    expect((await send({ msgtype: 'image', image: { media_id: image.mediaId } })).errcode).toBe(40007);
  });

  it('refuses bad input with WeChat errcodes and sends nothing', async () => {
    const f = await follower();
    await t.services.conversations.send(f.personId, appid, { type: 'text', content: 'hi' });
    const send = (body: Record<string, unknown>) => post('/cgi-bin/message/custom/send', { touser: f.openid, ...body });
    expect(
      (await post('/cgi-bin/message/custom/send', { touser: 'nope', msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(40003);
    expect((await send({ msgtype: 'telegram', telegram: {} })).errcode).toBe(40008);
    expect((await send({ msgtype: 'link', link: { title: 'x' } })).errcode).toBe(40008);
    expect((await send({ msgtype: 'text' })).errcode).toBe(47001);
    expect((await send({ msgtype: 'text', text: { content: '' } })).errcode).toBe(47001);
    expect((await send({ msgtype: 'text', text: { content: 'x'.repeat(2049) } })).errcode).toBe(45002);
    expect((await send({ msgtype: 'image', image: { media_id: 'unknown-media' } })).errcode).toBe(40007);
    expect((await send({ msgtype: 'mpnews', mpnews: { media_id: 'unknown-media' } })).errcode).toBe(40007);
    const two = { title: 'a', description: '', url: 'https://e.com', picurl: '' };
    expect((await send({ msgtype: 'news', news: { articles: [two, two] } })).errcode).toBe(45008);
    expect((await send({ msgtype: 'text', text: { content: 'x' }, customservice: { kf_account: 'nobody' } })).errcode).toBe(
      65400,
    );
    expect((await post('/cgi-bin/message/custom/send', '')).errcode).toBe(44002);
    expect((await post('/cgi-bin/message/custom/send', '{oops')).errcode).toBe(47001);
    expect(await customMessages(f.followerId)).toHaveLength(0);
    // the refused sends spent nothing: the whole window is still there
    expect((await t.services.customMessages.window(accountId, f.openid)).message).toMatchObject({ used: 0 });
  });

  it('typing: within 30 s of an interaction, once at a time, cleared by a message', async () => {
    const f = await follower();
    const typing = (command: unknown) => post('/cgi-bin/message/custom/typing', { touser: f.openid, command });
    expect((await typing('Dancing')).errcode).toBe(45072);
    expect((await typing('Typing')).errcode).toBe(0);
    expect((await typing('Typing')).errcode).toBe(45081);
    expect((await typing('CancelTyping')).errcode).toBe(0);
    expect((await typing('Typing')).errcode).toBe(0);
    expect((await text(f.openid)).errcode).toBe(0); // ends the indicator
    expect((await typing('Typing')).errcode).toBe(0);
    t.time.advance(31_000);
    expect((await typing('Typing')).errcode).toBe(45080);
  });
});
