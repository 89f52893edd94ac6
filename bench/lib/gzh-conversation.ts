import type { RunningServer } from '../../apps/server/src/main';
import type { BenchAccount } from './gzh';
import type { BenchFollower, ConnectDeveloperMessage, RecordedPush } from './child-protocol';

/**
 * Set-up of the conversation scenario inside the gzh child, through the services the follower
 * API and the console call, so that what is measured afterwards over HTTP meets the same state a
 * real deployment would have: people who followed the account, and a developer configuration
 * saved behind a passed URL check.
 */

/** How long the priming round trip may take before the set-up is declared broken. */
const PRIMING_TIMEOUT_MS = 10_000;

/**
 * Creates `n` people and has each follow the account, each with its own follower session. Done
 * before the developer server is connected, so no `subscribe` pushes are in flight when the
 * load starts.
 */
export async function createFollowers(server: RunningServer, account: BenchAccount, n: number): Promise<BenchFollower[]> {
  const { followers } = server.services;
  const created: BenchFollower[] = [];
  for (let i = 0; i < n; i++) {
    const { person, token } = await followers.createPerson({ nickname: `bench follower ${i + 1}` });
    const { follower } = await followers.follow(person.id, account.appid);
    created.push({ personId: person.id, token, openid: follower.openid });
  }
  return created;
}

/**
 * Points the account at the developer server (`callbacks.configure` runs WeChat's URL check
 * first, as the console does), then sends one text as the first follower and waits for the
 * developer's reply to be shown. Returns that push as the delivery ledger recorded it, for the
 * baseline to replay; throws with the ledger's reason when the round trip does not work.
 */
export async function connectDeveloper(
  server: RunningServer,
  account: BenchAccount,
  sender: BenchFollower,
  request: ConnectDeveloperMessage,
): Promise<RecordedPush> {
  const { callbacks, conversations } = server.services;
  const { developer } = request;
  await callbacks.configure(account.accountId, {
    url: request.url,
    token: developer.token,
    encodingAesKey: developer.encodingAesKey,
    mode: developer.mode,
    enabled: true,
  });

  const message = await conversations.send(sender.personId, account.appid, { type: 'text', content: request.content });
  const deadline = performance.now() + PRIMING_TIMEOUT_MS;
  let replies = await conversations.repliesTo(account.accountId, message.id);
  while (replies.length === 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    replies = await conversations.repliesTo(account.accountId, message.id);
  }
  const attempts = await callbacks.attempts(account.accountId, `msg-${message.id}`);
  const answered = attempts.find((a) => a.outcome === 'reply');
  const reply = replies[0];
  if (!answered || !reply || reply.body.type !== 'text') {
    const seen = attempts.map((a) => `${a.outcome}${a.error ? ` (${a.error})` : ''}`).join(', ') || 'no attempt recorded';
    throw new Error(`priming round trip got no text reply within ${PRIMING_TIMEOUT_MS / 1000} s; ledger: ${seen}`);
  }
  return {
    url: answered.url,
    query: answered.query,
    body: answered.sentBody,
    replyBody: answered.responseBody ?? '',
    shown: reply.body.content,
  };
}
