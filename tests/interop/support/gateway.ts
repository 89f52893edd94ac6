/**
 * The follower's side of the conversation gateway, for the interop tests: followers made through
 * the services, messages and menu taps sent through the follower API exactly as the client sends
 * them, and waits on what the worker delivers (it runs in the background, on real time).
 */
import type { MessageView } from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import { JobNames } from '../../../apps/server/src/jobs/job-names';
import type { DeliveryEntry } from '../../../apps/server/src/modules/callbacks/callback.repo';
import type { Message } from '../../../apps/server/src/modules/messages/message.types';
import type { Services } from '../../../apps/server/src/services';
import { waitFor } from '../../../apps/server/src/testing/wait-for';

export { waitFor };

/** A person following one account, with the follower-client session token. */
export interface FollowerSession {
  personId: string;
  /** Bearer token of the follower API. */
  token: string;
  openid: string;
  followerId: number;
}

/** Creates a person and follows `appid` (which pushes `subscribe` in developer mode). */
export async function newFollower(services: Services, appid: string, nickname: string): Promise<FollowerSession> {
  const { person, token } = await services.followers.createPerson({ nickname });
  const { follower } = await services.followers.follow(person.id, appid);
  return { personId: person.id, token, openid: follower.openid, followerId: follower.id };
}

/** `POST /api/follower/accounts/:appid/messages` with a text, as the follower client sends it. */
export async function sendText(
  app: FastifyInstance,
  appid: string,
  session: FollowerSession,
  content: string,
): Promise<MessageView> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/follower/accounts/${appid}/messages`,
    headers: { authorization: `Bearer ${session.token}` },
    payload: { type: 'text', content },
  });
  if (res.statusCode !== 200) throw new Error(`send failed: HTTP ${res.statusCode} ${res.body}`);
  return res.json<{ message: MessageView }>().message;
}

/** `POST /api/follower/accounts/:appid/menu/click` for a `click` button. */
export async function tapClickButton(app: FastifyInstance, appid: string, session: FollowerSession, key: string): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/follower/accounts/${appid}/menu/click`,
    headers: { authorization: `Bearer ${session.token}` },
    payload: { type: 'click', key },
  });
  if (res.statusCode !== 200) throw new Error(`menu click failed: HTTP ${res.statusCode} ${res.body}`);
}

/** The follower's chat with the account, oldest first. */
export async function chat(services: Services, accountId: string, session: FollowerSession): Promise<Message[]> {
  return (await services.messages.conversation(accountId, session.followerId, undefined, 200)).reverse();
}

/** Messages the account showed the follower (replies, notices), oldest first. */
export async function shown(services: Services, accountId: string, session: FollowerSession): Promise<Message[]> {
  return (await chat(services, accountId, session)).filter((m) => m.direction === 'out');
}

/** Waits until the push of inbound message `messageId` has finished all its attempts. */
export async function pushSettled(services: Services, messageId: number, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    async () => {
      const job = await services.jobs.getJob(JobNames.deliverCallback, `msg-${messageId}`);
      return job?.state === 'completed' || job?.state === 'failed';
    },
    `the push of message ${messageId} to settle`,
    timeoutMs,
  );
}

/** Ledger entries of the push of inbound message `messageId`, attempt by attempt. */
export function attemptsOf(services: Services, accountId: string, messageId: number): Promise<DeliveryEntry[]> {
  return services.callbacks.attempts(accountId, `msg-${messageId}`);
}
