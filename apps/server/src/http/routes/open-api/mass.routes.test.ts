import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, MP4 } from '../../../testing/media-fixtures';
import {
  createTestApp,
  fetchToken,
  seedAccount,
  seedFollowers,
  TEST_DIALECTS,
  type TestApp,
} from '../../../testing/test-context';
import { waitFor } from '../../../testing/wait-for';

type Answer = { errcode: number; errmsg: string; msg_id?: number; msg_status?: string; speed?: number; realspeed?: number };

describe.each(TEST_DIALECTS)('mass send (%s)', (dialect) => {
  let t: TestApp;

  /** An account with a token and its own `post`, refreshing the token when the clock moves on. */
  async function account(options: { type?: 'service' | 'subscription'; verified?: boolean; followers?: number } = {}) {
    const seeded = await seedAccount(t.services, { verified: options.verified ?? true, type: options.type ?? 'service' });
    let at = await fetchToken(t.app, seeded.appid, seeded.secret);
    const post = async (path: string, body: unknown): Promise<Answer> => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${path}?access_token=${encodeURIComponent(at)}`,
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(res.statusCode).toBe(200);
      const answer = res.json<Answer>();
      if (answer.errcode !== 42001) return answer;
      at = await fetchToken(t.app, seeded.appid, seeded.secret);
      return post(path, body);
    };
    const openids = await seedFollowers(t.services, seeded.appid, options.followers ?? 6);
    const settle = (msgId: number) =>
      waitFor(async () => {
        const b = await t.services.broadcasts.get(seeded.accountId, msgId);
        return b.status !== 'SENDING' && b;
      }, `broadcast ${msgId} to finish`);
    const text = (content: string, extra: Record<string, unknown> = {}) =>
      post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content }, ...extra });
    return { ...seeded, post, openids, settle, text };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { massPageSize: 2 });
  });
  afterAll(() => t.close());

  it('sends to every follower who can receive, page by page, exactly once', async () => {
    const a = await account({ followers: 7 });
    const gone = await t.services.followers.getByOpenId(a.accountId, a.openids[5]);
    await t.services.followers.unfollow(gone.personId, a.appid);
    await t.services.followers.setBlacklisted(a.accountId, [a.openids[6]], true);
    const res = await a.text('本周活动');
    expect(res).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(res).not.toHaveProperty('msg_data_id');
    const done = await a.settle(res.msg_id!);
    expect(done).toMatchObject({ status: 'SEND_SUCCESS', totalCount: 5, filterCount: 5, sentCount: 5, errorCount: 0 });
    expect(await t.services.broadcasts.get(a.accountId, String(res.msg_id))).toMatchObject({ id: res.msg_id });
    const got = await a.post('/cgi-bin/message/mass/get', { msg_id: String(res.msg_id) });
    expect(got).toMatchObject({ msg_id: res.msg_id, msg_status: 'SEND_SUCCESS' });
    // each receiving follower's inbox has it once; the unfollowed and blacklisted have nothing
    const first = await t.services.followers.getByOpenId(a.accountId, a.openids[0]);
    const inbox = await t.services.broadcasts.inbox(first.personId, undefined);
    expect(inbox.map((i) => i.broadcastId)).toEqual([res.msg_id]);
    expect(inbox[0]!.body).toEqual({ type: 'text', content: '本周活动' });
    expect(await t.services.broadcasts.inbox(gone.personId, undefined)).toEqual([]);
  });

  it('broadcasts media: images, mpvideo from uploadvideo and mpnews from a news material, with msg_data_id', async () => {
    const a = await account({ followers: 3 });
    const image = await t.services.media.upload(a.accountId, { type: 'image', file: { filename: 'p.jpg', bytes: JPEG() } });
    const pic = await a.post('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: true },
      msgtype: 'image',
      image: { media_id: image.mediaId },
    });
    expect((await a.settle(pic.msg_id!)).body).toMatchObject({ type: 'image', mediaId: image.mediaId });

    const clip = await t.services.media.upload(a.accountId, { type: 'video', file: { filename: 'c.mp4', bytes: MP4() } });
    const massVideo = await t.services.media.uploadMassVideo(a.accountId, {
      mediaId: clip.mediaId,
      title: '发布会',
      description: '回放',
    });
    const video = await a.post('/cgi-bin/message/mass/send', {
      touser: a.openids.slice(0, 2),
      msgtype: 'mpvideo',
      mpvideo: { media_id: massVideo.mediaId },
    });
    expect(await a.settle(video.msg_id!)).toMatchObject({ sentCount: 2, body: { type: 'video', title: '发布会' } });

    const cover = await t.services.media.addMaterial(a.accountId, {
      type: 'image',
      file: { filename: 'cover.jpg', bytes: JPEG() },
    });
    const news = await t.services.media.addNews(a.accountId, [
      {
        title: '十一月月报',
        thumb_media_id: cover.mediaId,
        author: '编辑部',
        digest: '本月要闻',
        content: '<p>正文</p>',
        content_source_url: 'https://example.com/r',
      },
    ]);
    const mpnews = await a.post('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: news.mediaId },
    });
    expect(mpnews.errcode).toBe(0);
    expect(typeof mpnews.msg_id).toBe('number');
    expect(typeof (mpnews as { msg_data_id?: unknown }).msg_data_id).toBe('number');
    const done = await a.settle(mpnews.msg_id!);
    expect(done.body).toMatchObject({
      type: 'mpnews',
      articles: [{ title: '十一月月报', digest: '本月要闻', author: '编辑部' }],
    });
    // mpnews broadcasts can be deleted (all articles, or one by 1-based index)
    expect((await a.post('/cgi-bin/message/mass/delete', { msg_id: mpnews.msg_id, article_idx: 2 })).errcode).toBe(47003);
    expect((await a.post('/cgi-bin/message/mass/delete', { msg_id: mpnews.msg_id, article_idx: 1 })).errcode).toBe(0);
    expect(await a.post('/cgi-bin/message/mass/get', { msg_id: mpnews.msg_id })).toMatchObject({ msg_status: 'DELETE' });
  });

  it('broadcasts a draft as mpnews with article pages; mass/delete takes the pages down', async () => {
    const a = await account({ followers: 2 });
    const cover = await t.services.media.addMaterial(a.accountId, { type: 'image', file: { filename: 'c.jpg', bytes: JPEG() } });
    const article = (title: string) => ({ title, thumb_media_id: cover.mediaId, content: `<p>${title} 正文</p>` });
    const draft = await t.services.articles.addDraft(a.accountId, [article('第一篇'), article('第二篇')]);
    const res = await a.post('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: draft },
    });
    const done = await a.settle(res.msg_id!);
    if (done.body.type !== 'mpnews') throw new Error('expected mpnews');
    const [first, second] = done.body.articles.map((c) => new URL(c.url).pathname);
    expect((await t.app.inject({ method: 'GET', url: first! })).statusCode).toBe(200);
    expect((await a.post('/cgi-bin/message/mass/delete', { msg_id: res.msg_id, article_idx: 2 })).errcode).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: first! })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: second! })).statusCode).toBe(410);
    expect((await a.post('/cgi-bin/message/mass/delete', { msg_id: res.msg_id })).errcode).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: first! })).statusCode).toBe(410);
  });

  it('sends to a tag and to an openid list', async () => {
    const a = await account({ followers: 5 });
    const tag = await t.services.tags.create(a.accountId, 'VIP');
    await t.services.tags.tag(a.accountId, tag.id, a.openids.slice(0, 3));
    const byTag = await a.post('/cgi-bin/message/mass/sendall', {
      filter: { is_to_all: false, tag_id: tag.id },
      msgtype: 'text',
      text: { content: 'vip' },
    });
    expect((await a.settle(byTag.msg_id!)).sentCount).toBe(3);
    // node-webot wechat-api names the tag group_id
    const byGroup = await a.post('/cgi-bin/message/mass/sendall', {
      filter: { group_id: tag.id },
      msgtype: 'text',
      text: { content: 'vip2' },
    });
    expect((await a.settle(byGroup.msg_id!)).sentCount).toBe(3);
    const byList = await a.post('/cgi-bin/message/mass/send', {
      touser: [a.openids[3], a.openids[4], a.openids[4]],
      msgtype: 'text',
      text: { content: 'list' },
    });
    expect(await a.settle(byList.msg_id!)).toMatchObject({ totalCount: 2, sentCount: 2 });
  });

  it('limits a service account to four broadcasts a month per follower and counts the filtered', async () => {
    const a = await account({ followers: 4 });
    const tag = await t.services.tags.create(a.accountId, 'early');
    await t.services.tags.tag(a.accountId, tag.id, a.openids.slice(0, 2));
    for (let i = 0; i < 4; i++) {
      const res = await a.post('/cgi-bin/message/mass/sendall', {
        filter: { tag_id: tag.id },
        msgtype: 'text',
        text: { content: `t${i}` },
      });
      await a.settle(res.msg_id!);
    }
    const estimate = await t.services.broadcasts.estimate(a.accountId, { kind: 'all' });
    expect(estimate).toMatchObject({ total: 4, reachable: 2, filtered: 2 });
    const fifth = await a.text('fifth');
    expect(await a.settle(fifth.msg_id!)).toMatchObject({ totalCount: 4, filterCount: 2, sentCount: 2 });
    // next month the limit starts over (the test clock starts on 22 November, UTC+8)
    t.time.advance(10 * 86_400_000);
    const december = await a.text('december');
    expect(await a.settle(december.msg_id!)).toMatchObject({ totalCount: 4, filterCount: 4, sentCount: 4 });
  });

  it('allows a subscription account one broadcast a day: 45028', async () => {
    const a = await account({ type: 'subscription', followers: 2 });
    expect((await a.text('one')).errcode).toBe(0);
    expect((await a.text('two')).errcode).toBe(45028);
    expect(await t.services.broadcasts.estimate(a.accountId, { kind: 'all' })).toMatchObject({ dailyLeft: 0 });
    t.time.advance(86_400_000);
    expect((await a.text('tomorrow')).errcode).toBe(0);
  });

  it('keeps clientmsgid idempotent: 45066 within a minute, 45065 with the msg_id within 24 hours', async () => {
    const a = await account({ followers: 2 });
    const first = await a.text('x', { clientmsgid: 'campaign-1' });
    expect(first.errcode).toBe(0);
    expect((await a.text('x', { clientmsgid: 'campaign-1' })).errcode).toBe(45066);
    t.time.advance(61_000);
    const again = await a.text('x', { clientmsgid: 'campaign-1' });
    expect(again).toMatchObject({ errcode: 45065, msg_id: first.msg_id });
    expect((await a.text('x', { clientmsgid: 'c'.repeat(65) })).errcode).toBe(45067);
    t.time.advance(24 * 3_600_000);
    const later = await a.text('x', { clientmsgid: 'campaign-1' });
    expect(later.errcode).toBe(0);
    expect(later.msg_id).not.toBe(first.msg_id);
  });

  it('previews to one follower, straight into the chat', async () => {
    const a = await account({ followers: 2 });
    const res = await a.post('/cgi-bin/message/mass/preview', {
      touser: a.openids[0],
      msgtype: 'text',
      text: { content: 'preview' },
    });
    expect(res).toMatchObject({ errcode: 0, errmsg: 'preview success' });
    const f = await t.services.followers.getByOpenId(a.accountId, a.openids[0]);
    const chat = await t.services.messages.conversation(a.accountId, f.id);
    expect(chat[0]).toMatchObject({ source: 'broadcast', body: { type: 'text', content: 'preview' } });
    expect(
      (await a.post('/cgi-bin/message/mass/preview', { towxname: 'someone', msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(40132);
    await t.services.followers.unfollow(f.personId, a.appid);
    expect(
      (await a.post('/cgi-bin/message/mass/preview', { touser: a.openids[0], msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(43004);
  });

  it('counts sendall and send on one daily quota of 100 calls: 45009', async () => {
    const a = await account({ followers: 2 });
    for (let i = 0; i < 99; i++) await t.services.quotas.consume(a.accountId, '/cgi-bin/message/mass/sendall');
    const list = { touser: a.openids, msgtype: 'text', text: { content: 'x' } };
    expect((await a.post('/cgi-bin/message/mass/send', list)).errcode).toBe(0);
    expect((await a.post('/cgi-bin/message/mass/send', list)).errcode).toBe(45009);
    expect((await a.text('x')).errcode).toBe(45009);
    expect(await a.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/message/mass/send' })).toMatchObject({
      quota: { daily_limit: 100, used: 100, remain: 0 },
    });
  });

  it('gets and sets the speed', async () => {
    const a = await account({ followers: 0 });
    expect(await a.post('/cgi-bin/message/mass/speed/get', {})).toMatchObject({ speed: 0, realspeed: 80 });
    expect((await a.post('/cgi-bin/message/mass/speed/set', { speed: 4 })).errcode).toBe(0);
    expect(await a.post('/cgi-bin/message/mass/speed/get', {})).toMatchObject({ speed: 4, realspeed: 10 });
    expect((await a.post('/cgi-bin/message/mass/speed/set', { speed: 5 })).errcode).toBe(45083);
    expect((await a.post('/cgi-bin/message/mass/speed/set', {})).errcode).toBe(45084);
  });

  it('refuses bad input with WeChat errcodes and queues nothing', async () => {
    const a = await account({ followers: 2 });
    const unverified = await account({ verified: false, followers: 0 });
    expect((await unverified.text('x')).errcode).toBe(48001);
    const send = (body: Record<string, unknown>) =>
      a.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, ...body });
    expect((await send({ msgtype: 'music', music: {} })).errcode).toBe(40008);
    expect((await send({ msgtype: 'wxcard', wxcard: { card_id: 'x' } })).errcode).toBe(40008);
    expect((await send({ msgtype: 'mpnews', mpnews: { media_id: 'nope' } })).errcode).toBe(40007);
    expect((await send({ msgtype: 'image', images: { media_ids: ['nope'] } })).errcode).toBe(40007);
    expect((await send({ msgtype: 'text', text: {} })).errcode).toBe(47001);
    expect(
      (await a.post('/cgi-bin/message/mass/sendall', { filter: { tag_id: 999 }, msgtype: 'text', text: { content: 'x' } }))
        .errcode,
    ).toBe(45159);
    expect(
      (await a.post('/cgi-bin/message/mass/send', { touser: [a.openids[0]], msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(40130);
    expect(
      (
        await a.post('/cgi-bin/message/mass/send', {
          touser: [a.openids[0], 'oNOTAFOLLOWERxxxxxxxxxxxxxxx'],
          msgtype: 'text',
          text: { content: 'x' },
        })
      ).errcode,
    ).toBe(40003);
    expect((await a.post('/cgi-bin/message/mass/get', { msg_id: 123456789 })).errcode).toBe(40059);
    expect((await unverified.post('/cgi-bin/message/mass/get', { msg_id: 'abc' })).errcode).toBe(40059);
    expect(await t.services.broadcasts.list(a.accountId, undefined)).toEqual([]);
    // delete: only mpnews and mpvideo broadcasts
    const sent = await send({ msgtype: 'text', text: { content: 'x' } });
    expect((await a.post('/cgi-bin/message/mass/delete', { msg_id: sent.msg_id })).errcode).toBe(40059);
  });
});
