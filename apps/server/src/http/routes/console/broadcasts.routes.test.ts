import type { BroadcastConsoleView, BroadcastListResponse } from '@gzh/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, seedFollowers, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { consoleCall, loginRoles, type ConsoleSession } from '../../../testing/console-session';

type Json = Record<string, unknown>;
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(TEST_DIALECTS)('console: broadcasts (%s)', (dialect) => {
  let t: TestApp;
  const sessions: Record<string, ConsoleSession> = {};

  const call = (user: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    consoleCall<Json>(t, sessions[user]!, method, url, body);
  const errorOf = (res: { body: Json }) => (res.body as unknown as ErrorBody).error;
  const viewOf = (res: { body: Json }) => res.body.broadcast as BroadcastConsoleView;

  /** An account of the console's organisation with `followers` followers. */
  const account = async (options: { type?: 'service' | 'subscription'; verified?: boolean; followers?: number } = {}) => {
    const seeded = await seedAccount(t.services, {
      org: 'Mass Org',
      type: options.type ?? 'service',
      verified: options.verified ?? true,
    });
    const openids = await seedFollowers(t.services, seeded.appid, options.followers ?? 3);
    const base = `/accounts/${seeded.appid}/broadcasts`;
    return {
      ...seeded,
      openids,
      estimate: (audience: unknown) => call('owner', 'POST', `${base}/estimate`, { audience }),
      send: (body: unknown, user = 'owner') => call(user, 'POST', base, body),
      text: (content: string, audience: unknown = { kind: 'all' }) =>
        call('owner', 'POST', base, { audience, content: { msgtype: 'text', content } }),
      preview: (body: unknown) => call('owner', 'POST', `${base}/preview`, body),
      list: (query = '', user = 'owner') => call(user, 'GET', `${base}${query}`),
      get: (msgId: number | string) => call('owner', 'GET', `${base}/${msgId}`),
      /** Polls the console's GET until the fan-out is done, as the console does. */
      settle: async (msgId: number): Promise<BroadcastConsoleView> => {
        for (let i = 0; i < 250; i++) {
          const view = viewOf(await call('owner', 'GET', `${base}/${msgId}`));
          if (view.status !== 'SENDING') return view;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`broadcast ${msgId} still sending`);
      },
    };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(sessions, await loginRoles(t, 'Mass Org', ['owner', 'analyst']));
  });
  afterAll(() => t.close());

  it('estimates, sends to everyone, and reports progress and results', async () => {
    const a = await account({ followers: 3 });
    expect((await a.estimate({ kind: 'all' })).body).toEqual({ total: 3, reachable: 3, filtered: 0, dailyLeft: null });
    const sent = await a.text('本周活动');
    expect(sent.status).toBe(200);
    const view = viewOf(sent);
    // Whether or not the fan-out has started yet, the bar heads for the whole audience.
    expect(view).toMatchObject({
      msgType: 'text',
      audience: 'all',
      body: { type: 'text', content: '本周活动' },
      expectedTotal: 3,
    });
    expect(await a.settle(view.msgId)).toMatchObject({
      status: 'SEND_SUCCESS',
      totalCount: 3,
      filterCount: 3,
      sentCount: 3,
      errorCount: 0,
      expectedTotal: 3,
    });
    const inbox = await t.services.broadcasts.inbox(
      (await t.services.followers.getByOpenId(a.accountId, a.openids[0])).personId,
      undefined,
    );
    expect(inbox.map((i) => i.broadcastId)).toEqual([view.msgId]);
  });

  it('shows the progress of a fan-out half way: reached so far plus those past the cursor', async () => {
    const a = await account({ followers: 4 });
    const done = await a.settle(viewOf(await a.text('x')).msgId);
    const stored = await t.services.broadcasts.get(a.accountId, done.msgId);
    const second = await t.services.followers.getByOpenId(a.accountId, a.openids[1]);
    // As the row reads after the first page of two followers.
    const halfWay = { ...stored, status: 'SENDING' as const, cursor: second.id, totalCount: 2, sentCount: 2, filterCount: 2 };
    expect(await t.services.broadcasts.expectedTotal(halfWay)).toBe(4);
    expect(await t.services.broadcasts.expectedTotal({ ...halfWay, cursor: 0, totalCount: 0 })).toBe(4);
  });

  it('sends to a tag and to an openid list, and checks both', async () => {
    const a = await account({ followers: 4 });
    const tag = await t.services.tags.create(a.accountId, 'VIP');
    await t.services.tags.tag(a.accountId, tag.id, a.openids.slice(0, 2));
    expect((await a.estimate({ kind: 'tag', tagId: tag.id })).body).toMatchObject({ total: 2, reachable: 2 });
    const byTag = viewOf(await a.text('vip', { kind: 'tag', tagId: tag.id }));
    expect(byTag).toMatchObject({ audience: 'tag', tagId: tag.id });
    expect(await a.settle(byTag.msgId)).toMatchObject({ totalCount: 2, sentCount: 2 });
    const list = { kind: 'list', openids: a.openids.slice(2) };
    expect((await a.estimate(list)).body).toMatchObject({ total: 2, reachable: 2 });
    expect(await a.settle(viewOf(await a.text('list', list)).msgId)).toMatchObject({
      audience: 'list',
      totalCount: 2,
      sentCount: 2,
    });

    const unknownTag = await a.text('x', { kind: 'tag', tagId: 999 });
    expect([unknownTag.status, errorOf(unknownTag).code]).toEqual([400, 'tag.invalid_id']);
    const one = await a.estimate({ kind: 'list', openids: [a.openids[0]] });
    expect([one.status, errorOf(one).code, errorOf(one).message]).toEqual([
      400,
      'broadcast.list_too_short',
      'invalid openid list size, at least two openid',
    ]);
    const stranger = await a.text('x', { kind: 'list', openids: [a.openids[0], 'oNOTAFOLLOWERxxxxxxxxxxxxxxx'] });
    expect([stranger.status, errorOf(stranger).code]).toEqual([400, 'follower.invalid_openid']);
  });

  it('filters followers at the monthly limit of a service account and says so before sending', async () => {
    const a = await account({ followers: 2 });
    for (let i = 0; i < 4; i++) await a.settle(viewOf(await a.text(`t${i}`)).msgId);
    expect((await a.estimate({ kind: 'all' })).body).toEqual({ total: 2, reachable: 0, filtered: 2, dailyLeft: null });
    expect(await a.settle(viewOf(await a.text('fifth')).msgId)).toMatchObject({ totalCount: 2, filterCount: 0, sentCount: 0 });
  });

  it('gives a subscription account one broadcast a day and refuses the second as a quota', async () => {
    const a = await account({ type: 'subscription', followers: 2 });
    expect((await a.estimate({ kind: 'all' })).body).toMatchObject({ dailyLeft: 1 });
    expect((await a.text('one')).status).toBe(200);
    expect((await a.estimate({ kind: 'all' })).body).toMatchObject({ dailyLeft: 0 });
    const second = await a.text('two');
    expect([second.status, errorOf(second).code]).toEqual([429, 'broadcast.no_quota']);
    expect(errorOf(second).message).toMatch(/once a day/);
  });

  it('refuses unverified accounts, unknown media and a repeated clientMsgId with the reason', async () => {
    const unverified = await account({ verified: false, followers: 2 });
    const refused = await unverified.text('x');
    expect([refused.status, errorOf(refused).code]).toEqual([400, 'account.api_unauthorized']);
    expect(errorOf(refused).message).toMatch(/verified/);

    const a = await account({ followers: 2 });
    for (const msgtype of ['image', 'voice', 'mpvideo', 'mpnews']) {
      const res = await a.send({ audience: { kind: 'all' }, content: { msgtype, mediaId: 'no-such-media' } });
      expect([msgtype, res.status, errorOf(res).code]).toEqual([msgtype, 400, 'message.invalid_media_id']);
    }
    const empty = await a.text(' ');
    expect([empty.status, errorOf(empty).code]).toEqual([400, 'message.bad_payload']);
    const badType = await a.send({ audience: { kind: 'all' }, content: { msgtype: 'music', mediaId: 'x' } });
    expect([badType.status, errorOf(badType).code]).toEqual([400, 'common.invalid_request']);

    const body = { audience: { kind: 'all' }, content: { msgtype: 'text', content: 'once' }, clientMsgId: 'campaign-7' };
    const first = viewOf(await a.send(body));
    const fast = await a.send(body);
    expect([fast.status, errorOf(fast).code]).toEqual([429, 'broadcast.client_msg_id_too_fast']);
    t.time.advance(61_000);
    const again = await a.send(body);
    expect([again.status, errorOf(again).code]).toEqual([409, 'broadcast.client_msg_id_exists']);
    expect((await a.list()).body.broadcasts as BroadcastConsoleView[]).toHaveLength(1);
    expect(first.clientMsgId).toBe('campaign-7');
  });

  it('previews into one follower’s chat without spending quota', async () => {
    const a = await account({ type: 'subscription', followers: 2 });
    const res = await a.preview({ touser: a.openids[0], content: { msgtype: 'text', content: '预览一下' } });
    expect(res.status).toBe(200);
    expect(viewOf(res)).toMatchObject({ audience: 'preview', status: 'SEND_SUCCESS', sentCount: 1, expectedTotal: 1 });
    const f = await t.services.followers.getByOpenId(a.accountId, a.openids[0]);
    const [latest] = await t.services.messages.conversation(a.accountId, f.id);
    expect(latest).toMatchObject({ source: 'broadcast', body: { type: 'text', content: '预览一下' } });
    expect((await a.estimate({ kind: 'all' })).body).toMatchObject({ dailyLeft: 1 });
    const stranger = await a.preview({ touser: 'oNOTAFOLLOWERxxxxxxxxxxxxxxx', content: { msgtype: 'text', content: 'x' } });
    expect([stranger.status, errorOf(stranger).code]).toEqual([400, 'follower.invalid_openid']);
  });

  it('lists newest first with paging, gets one, and checks roles and the organisation', async () => {
    const a = await account({ followers: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(viewOf(await a.text(`n${i}`)).msgId);
    const first = (await a.list('?limit=2')).body as unknown as BroadcastListResponse;
    expect(first.broadcasts.map((b) => b.msgId)).toEqual([ids[2], ids[1]]);
    expect(first.nextBefore).toBe(ids[1]);
    const rest = (await a.list(`?before=${first.nextBefore}&limit=2`)).body as unknown as BroadcastListResponse;
    expect(rest).toMatchObject({ broadcasts: [{ msgId: ids[0] }], nextBefore: null });
    expect(viewOf(await a.get(ids[0]!))).toMatchObject({ msgId: ids[0], body: { content: 'n0' } });

    const missing = await a.get(987654321);
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'broadcast.invalid_msg_id']);
    expect((await a.get('abc')).status).toBe(404);
    expect((await a.list('', 'analyst')).status).toBe(200);
    const analyst = await a.send({ audience: { kind: 'all' }, content: { msgtype: 'text', content: 'x' } }, 'analyst');
    expect([analyst.status, errorOf(analyst).code]).toEqual([403, 'auth.forbidden']);
    const foreign = await seedAccount(t.services, { org: 'Elsewhere', verified: true });
    expect((await call('owner', 'GET', `/accounts/${foreign.appid}/broadcasts`)).status).toBe(404);
    const other = await call('owner', 'GET', `/accounts/${foreign.appid}/broadcasts/${ids[0]}`);
    expect(other.status).toBe(404);
  });
});
