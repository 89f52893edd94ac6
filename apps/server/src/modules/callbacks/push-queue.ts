import { createHash } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { AccountService } from '../accounts/account.service';
import { inDeveloperMode } from './callback.service';
import type { JobFinishEvent, Push } from './push.types';

/** Where pushes wait for delivery (the job queue; a restart loses nothing). */
export interface PushQueue {
  enqueue(push: Push): Promise<void>;
}

/**
 * The OpenID that job-finish events for the whole account (mass send, publishing) carry as
 * `FromUserName`. WeChat puts an operator-side OpenID there; gzh derives a stable one per account
 * so developers' parsers (which expect an OpenID-shaped value) are satisfied.
 */
export function operatorOpenId(accountId: string): string {
  const digest = createHash('sha256').update(`operator:${accountId}`).digest('base64url');
  return `o${digest.slice(0, 27)}`;
}

/**
 * Reports asynchronous job results (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH, PUBLISHJOBFINISH) to
 * the account's developer server. Accounts in editor mode get nothing, as on WeChat. The push id
 * is the caller's deterministic key (`tpl-<msgid>`, …), so a job that resumes after a crash and
 * reports again queues the push once.
 */
export class JobResultPushes {
  constructor(
    private readonly accounts: AccountService,
    private readonly queue: PushQueue,
    private readonly clock: Clock,
  ) {}

  async report(accountId: string, key: string, openid: string, event: JobFinishEvent): Promise<void> {
    const account = await this.accounts.getById(accountId);
    if (!account || !inDeveloperMode(account)) return;
    await this.queue.enqueue({
      id: `job-${key}`,
      accountId,
      openid,
      createTime: Math.floor(this.clock.nowMs() / 1000),
      messageId: null,
      payload: { kind: 'event', ...event },
    });
  }
}
