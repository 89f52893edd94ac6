/**
 * Interop: developer servers that fail, behind gzh's conversation gateway, on real sockets.
 *
 * What it proves: whatever a developer server does wrong — nobody listening, too slow, HTTP 500,
 * a body that is not XML, an encrypted reply gzh cannot trust, a reply over the size cap, a
 * redirect — the follower's message is stored, the delivery ledger says what happened attempt
 * by attempt (retryable failures three times, answers that are there but unusable once), and the
 * follower sees WeChat's notice 「该公众号暂时无法提供服务，请稍后再试」 exactly once. And one
 * account's slow server does not hold up another account's healthy one.
 *
 * How the fault servers are configured: every fault server answers the URL-check GET correctly
 * and misbehaves only on pushes, so the configuration goes through `callbacks.configure` (the
 * URL check) exactly as in production. The one exception is the closed port, which cannot pass
 * a URL check; its configuration is saved directly with `accounts.setDeveloperConfig`, as if the
 * server had gone away after a successful check.
 *
 * The per-attempt limit is shortened to 300 ms (WeChat's is 5 s) to keep the suite fast.
 */
import { createDecipheriv } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import wechat from 'wechat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEncryptedReply } from '../../apps/server/src/http/wechat/envelope';
import type { CallbackMode } from '../../apps/server/src/modules/accounts/account.types';
import type { PushOutcome } from '../../apps/server/src/modules/callbacks/push-sender';
import { SERVICE_UNAVAILABLE_NOTICE } from '../../apps/server/src/modules/messages/message.types';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../apps/server/src/testing/test-context';
import {
  closedPortUrl,
  newEncodingAesKey,
  newToken,
  startFaultServer,
  startWechatServer,
  type FaultServer,
  type RunningServer,
} from './support/developer-server';
import { attemptsOf, chat, newFollower, pushSettled, sendText, shown, waitFor, type FollowerSession } from './support/gateway';

const TIMEOUT_MS = 300;
const ATTEMPTS = 3;

/** What a fault server knows about the account it serves. */
interface DeveloperSide {
  token: string;
  encodingAesKey: string;
  appid: string;
  originalId: string;
  openid: string;
  url: string;
}

interface FaultCase {
  name: string;
  mode: CallbackMode;
  outcome: PushOutcome;
  attempts: number;
  /** How the server answers each push; absent for the closed port. */
  answer?: (side: DeveloperSide, res: ServerResponse) => void;
}

/** A text reply rendered by node-webot's own template (its `CreateTime` is in milliseconds). */
const textReply = (side: DeveloperSide, content: string) => wechat.reply(content, side.originalId, side.openid);

/** An encrypted reply as an SDK builds it, with the secrets given. */
const encryptedReply = (side: DeveloperSide, secrets: { token: string; encodingAesKey: string }) =>
  buildEncryptedReply({
    ...secrets,
    appid: side.appid,
    replyXml: textReply(side, '你好'),
    timestamp: String(Date.now()),
    nonce: '1357924680',
  });

/**
 * An encrypted reply under a wrong key whose PKCS#7 padding nevertheless looks valid when opened
 * with the account's key (about 1 in 256 wrong keys do): decryption then fails further on, at the
 * length header, and must still count as an untrusted reply.
 */
function wrongKeyWithPlausiblePadding(side: DeveloperSide): string {
  const key = Buffer.from(`${side.encodingAesKey}=`, 'base64');
  for (;;) {
    const reply = encryptedReply(side, { token: side.token, encodingAesKey: newEncodingAesKey() });
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(reply)![1]!;
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
    if (plain.at(-1) === 1) return reply;
  }
}

const CASES: FaultCase[] = [
  { name: 'nothing listens on the port', mode: 'plain', outcome: 'refused', attempts: ATTEMPTS },
  {
    name: 'the server answers after the time limit',
    mode: 'plain',
    outcome: 'timeout',
    attempts: ATTEMPTS,
    answer: (side, res) => setTimeout(() => res.end(textReply(side, 'too late')), TIMEOUT_MS * 2),
  },
  {
    name: 'the server answers HTTP 500',
    mode: 'plain',
    outcome: 'http_error',
    attempts: ATTEMPTS,
    answer: (_side, res) => res.writeHead(500).end('Internal Server Error'),
  },
  {
    name: 'the server answers JSON instead of XML',
    mode: 'plain',
    outcome: 'bad_xml',
    attempts: 1,
    answer: (_side, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}'),
  },
  {
    name: 'the encrypted reply is signed with another Token',
    mode: 'safe',
    outcome: 'bad_signature',
    attempts: 1,
    answer: (side, res) => res.end(encryptedReply(side, { token: newToken(), encodingAesKey: side.encodingAesKey })),
  },
  {
    name: 'the encrypted reply is encrypted with another EncodingAESKey',
    mode: 'safe',
    outcome: 'bad_signature',
    attempts: 1,
    answer: (side, res) => res.end(encryptedReply(side, { token: side.token, encodingAesKey: newEncodingAesKey() })),
  },
  {
    name: 'the reply under another EncodingAESKey happens to have plausible padding',
    mode: 'safe',
    outcome: 'bad_signature',
    attempts: 1,
    answer: (side, res) => res.end(wrongKeyWithPlausiblePadding(side)),
  },
  {
    name: 'the reply is larger than 256 KiB',
    mode: 'plain',
    outcome: 'oversize',
    attempts: 1,
    answer: (side, res) => res.end(textReply(side, '长'.repeat(100 * 1024))),
  },
  {
    name: 'the server redirects (302)',
    mode: 'plain',
    outcome: 'redirect',
    attempts: ATTEMPTS,
    answer: (side, res) => res.writeHead(302, { location: `${side.url}/moved` }).end(),
  },
];

// On both databases: attempts are counted and retried by the database job queue.
describe.each(TEST_DIALECTS)('developer servers that fail (%s)', (dialect) => {
  let t: TestApp;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    // SQLite sends through a push thread (as `gzh start` does on a multi-core machine), PostgreSQL
    // on the main thread: the fault matrix holds for both senders.
    t = await createTestApp(dialect, {
      callbackTimeoutMs: TIMEOUT_MS,
      callbackAttempts: ATTEMPTS,
      pushThreads: dialect === 'sqlite' ? 1 : 0,
    });
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await t?.close();
  });

  /**
   * An account whose follower followed in editor mode (so no `subscribe` push muddies the count),
   * then switched to the fault server.
   */
  async function accountFailingWith(c: FaultCase) {
    const { appid, accountId } = await seedAccount(t.services, { name: c.name.slice(0, 30) });
    const follower = await newFollower(t.services, appid, 'follower');
    const token = newToken();
    const encodingAesKey = newEncodingAesKey();
    let server: FaultServer | undefined;
    let url: string;
    if (c.answer) {
      const side: DeveloperSide = {
        token,
        encodingAesKey,
        appid,
        originalId: (await t.services.accounts.getById(accountId))!.originalId,
        openid: follower.openid,
        url: '',
      };
      const answer = c.answer;
      server = await startFaultServer(token, (_push, res) => answer(side, res));
      servers.push(server);
      url = side.url = server.url;
    } else {
      url = await closedPortUrl();
    }
    const config = { url, token, encodingAesKey: c.mode === 'plain' ? null : encodingAesKey, mode: c.mode, enabled: true };
    if (server) await t.services.callbacks.configure(accountId, config);
    else await t.services.accounts.setDeveloperConfig(accountId, config);
    return { appid, accountId, follower, server };
  }

  it.each(CASES)('$name → $outcome ×$attempts, the message is kept and the notice shown once', async (c) => {
    const { appid, accountId, follower, server } = await accountFailingWith(c);

    const sent = await sendText(t.app, appid, follower, `你好 (${c.outcome})`);
    await pushSettled(t.services, sent.id);

    // The follower's message is stored, whatever the developer server did.
    expect((await chat(t.services, accountId, follower)).find((m) => m.id === sent.id)).toMatchObject({
      direction: 'in',
      msgid: sent.msgid,
      body: { type: 'text', content: `你好 (${c.outcome})` },
    });

    const attempts = await attemptsOf(t.services, accountId, sent.id);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual(Array.from({ length: c.attempts }, (_, i) => [i + 1, c.outcome]));
    // Every retry carries the same push: same MsgId and CreateTime, the developer's dedup keys.
    expect(new Set(attempts.map((a) => a.plainBody)).size).toBe(1);
    expect(attempts[0]!.plainBody).toContain(`<MsgId>${sent.msgid}</MsgId>`);
    expect(attempts.every((a) => a.error)).toBe(true);
    if (server) expect(server.posts).toBe(c.attempts);

    const notices = (await shown(t.services, accountId, follower)).filter((m) => m.body.type === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      source: 'notice',
      replyTo: sent.id,
      body: { type: 'notice', content: SERVICE_UNAVAILABLE_NOTICE },
    });
    expect(await t.services.conversations.repliesTo(accountId, sent.id)).toHaveLength(1);
  });

  it('discards answers that arrive after the attempt was given up', async () => {
    let answered = 0;
    const { appid, accountId, follower } = await accountFailingWith({
      name: 'late answers',
      mode: 'plain',
      outcome: 'timeout',
      attempts: ATTEMPTS,
      answer: (side, res) =>
        setTimeout(() => {
          res.end(textReply(side, 'too late'));
          answered++;
        }, TIMEOUT_MS * 2),
    });
    const sent = await sendText(t.app, appid, follower, 'late');
    await pushSettled(t.services, sent.id);
    await waitFor(async () => answered === ATTEMPTS, 'the slow server to give its late answers');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const replies = await t.services.conversations.repliesTo(accountId, sent.id);
    expect(replies.map((m) => m.body.type)).toEqual(['notice']);
  });
});

describe('one account with a slow server next to one with a healthy server', () => {
  let t: TestApp;
  let ticking: NodeJS.Timeout | undefined;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite', { callbackTimeoutMs: TIMEOUT_MS, callbackAttempts: ATTEMPTS });
    // Time runs here as on a production server, so the job queue sees pushes in arrival order
    // (under the frozen test clock every push would be due at the same instant).
    ticking = setInterval(() => t.time.advance(5), 5);
  });

  afterAll(async () => {
    clearInterval(ticking);
    await Promise.all(servers.map((s) => s.close()));
    await t?.close();
  });

  /** `n` followers of a slow account, and one follower of a healthy account. */
  async function twoAccounts(n: number) {
    const slowToken = newToken();
    const slowServer = await startFaultServer(slowToken, (_push, res) => setTimeout(() => res.end('success'), TIMEOUT_MS * 3));
    const healthyToken = newToken();
    const healthyServer = await startWechatServer({ token: healthyToken }, (message, res) =>
      res.reply(`收到：${message.Content}`),
    );
    servers.push(slowServer, healthyServer);

    const slow = await seedAccount(t.services, { name: `慢 ${n}` });
    const slowFollowers: FollowerSession[] = [];
    for (let i = 0; i < n; i++) slowFollowers.push(await newFollower(t.services, slow.appid, `slow ${i}`));
    const healthy = await seedAccount(t.services, { name: `快 ${n}` });
    const healthyFollower = await newFollower(t.services, healthy.appid, 'healthy');

    const plain = { encodingAesKey: null, mode: 'plain' as const, enabled: true };
    await t.services.callbacks.configure(slow.accountId, { url: slowServer.url, token: slowToken, ...plain });
    await t.services.callbacks.configure(healthy.accountId, { url: healthyServer.url, token: healthyToken, ...plain });
    return { slow, slowFollowers, healthy, healthyFollower };
  }

  /** Every slow follower sends at once; then the healthy follower sends. Returns the healthy reply's latency. */
  async function burstThenHealthy(n: number) {
    const accounts = await twoAccounts(n);
    const { slow, slowFollowers, healthy, healthyFollower } = accounts;
    const burst = await Promise.all(slowFollowers.map((f) => sendText(t.app, slow.appid, f, '在吗')));
    const started = performance.now();
    const sent = await sendText(t.app, healthy.appid, healthyFollower, 'ping');
    const reply = await waitFor(
      async () => (await t.services.conversations.repliesTo(healthy.accountId, sent.id))[0],
      'the healthy reply',
    );
    return { ...accounts, burst, reply, latencyMs: performance.now() - started };
  }

  it('answers the healthy account before even the first attempt to the slow one times out', async () => {
    // More pushes in flight than one account may have at once (16), fewer than the worker runs (64).
    const n = 24;
    const { slow, slowFollowers, burst, reply, latencyMs } = await burstThenHealthy(n);
    expect(reply.body).toEqual({ type: 'text', content: '收到：ping' });
    expect(latencyMs).toBeLessThan(TIMEOUT_MS);
    // The slow account's pushes are all still unresolved at this point…
    for (const f of slowFollowers) expect((await shown(t.services, slow.accountId, f)).length).toBe(0);

    // …and each of them still ends in three timeouts and one notice.
    for (const message of burst) await pushSettled(t.services, message.id, 15_000);
    for (const [i, message] of burst.entries()) {
      expect((await attemptsOf(t.services, slow.accountId, message.id)).map((a) => a.outcome)).toEqual([
        'timeout',
        'timeout',
        'timeout',
      ]);
      expect((await shown(t.services, slow.accountId, slowFollowers[i]!)).map((m) => m.body.type)).toEqual(['notice']);
    }
  });

  // Over-limit pushes of one account wait for a lane inside their delivery job, holding a worker
  // slot each; the worker runs enough slots (DELIVER_CALLBACK_CONCURRENCY) that a burst of slow
  // pushes this size cannot starve other accounts.
  it('keeps the healthy account prompt even when the slow account has more pushes in flight than the worker runs', async () => {
    const { latencyMs } = await burstThenHealthy(200);
    expect(latencyMs).toBeLessThan(TIMEOUT_MS);
  });
});
