import type { BroadcastView } from '@gzh/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { waitFor } from '../../../testing/wait-for';

/** Reads raw SSE blocks from a listening server until `enough` says stop. */
async function readStream(
  url: string,
  trigger: () => Promise<unknown>,
  enough: (blocks: string[]) => boolean,
): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const blocks: string[] = [];
  let text = '';
  const timer = setTimeout(() => controller.abort(), 10_000);
  await trigger();
  try {
    while (!enough(blocks)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const parts = text.split('\n\n');
      text = parts.pop() ?? '';
      blocks.push(...parts);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return blocks;
}

describe.each(TEST_DIALECTS)('follower inbox of broadcasts and transient stream events (%s)', (dialect) => {
  let t: TestApp;
  let address: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('lists broadcasts newest first and announces a new one on the stream', async () => {
    const sub = await seedAccount(t.services, { type: 'subscription', verified: true, name: '订阅号' });
    const svc = await seedAccount(t.services, { type: 'service', verified: true, name: '服务号' });
    const { person, token } = await t.services.followers.createPerson({ nickname: 'reader' });
    await t.services.followers.follow(person.id, sub.appid);
    await t.services.followers.follow(person.id, svc.appid);
    const send = async (accountId: string, content: string) => {
      const b = await t.services.broadcasts.submit(accountId, {
        audience: { kind: 'all' },
        msgtype: 'text',
        payload: { text: { content } },
      });
      await waitFor(async () => (await t.services.broadcasts.get(accountId, b.id)).status !== 'SENDING', `broadcast ${b.id}`);
      return b;
    };
    const first = await send(sub.accountId, 'from the subscription account');
    const blocks = await readStream(
      `${address}/api/follower/stream?token=${token}`,
      () => send(svc.accountId, 'from the service account'),
      (seen) => seen.some((b) => b.includes('event: broadcast')),
    );
    const announced = blocks.find((b) => b.includes('event: broadcast'))!;
    expect(announced).not.toMatch(/^id:/m); // transient: not part of the resumable message sequence
    const view = JSON.parse(/^data: (.*)$/m.exec(announced)![1]!) as BroadcastView;
    expect(view).toMatchObject({
      appid: svc.appid,
      accountType: 'service',
      body: { type: 'text', content: 'from the service account' },
    });

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/follower/broadcasts',
      headers: { authorization: `Bearer ${token}` },
    });
    const { broadcasts } = res.json<{ broadcasts: BroadcastView[] }>();
    expect(broadcasts.map((b) => [b.appid, b.accountType])).toEqual([
      [svc.appid, 'service'],
      [sub.appid, 'subscription'],
    ]);
    const older = await t.app.inject({
      method: 'GET',
      url: `/api/follower/broadcasts?before=${broadcasts[0]!.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(older.json<{ broadcasts: BroadcastView[] }>().broadcasts.map((b) => b.id)).toEqual([first.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/follower/broadcasts' })).statusCode).toBe(401);
  });

  it('shows the typing indicator while the account types', async () => {
    const a = await seedAccount(t.services);
    const { person, token } = await t.services.followers.createPerson({ nickname: 'typist' });
    const { follower } = await t.services.followers.follow(person.id, a.appid);
    const blocks = await readStream(
      `${address}/api/follower/stream?token=${token}`,
      () => t.services.customMessages.typing(a.accountId, follower.openid, 'Typing'),
      (seen) => seen.some((b) => b.includes('event: typing')),
    );
    const typing = JSON.parse(/^data: (.*)$/m.exec(blocks.find((b) => b.includes('event: typing'))!)![1]!) as {
      appid: string;
      until: number;
    };
    expect(typing).toEqual({ appid: a.appid, until: t.services.clock.nowMs() + 15_000 });
  });
});
