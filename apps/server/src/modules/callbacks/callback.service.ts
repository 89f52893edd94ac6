import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newSortableId } from '../../shared/ids';
import { isHttpUrl } from '../../shared/url';
import type { AccountService, DeveloperConfigInput } from '../accounts/account.service';
import type { Account } from '../accounts/account.types';
import type { CallbackRepo, DeliveryEntry, DeliveryFilter } from './callback.repo';
import type { PassiveReply, PushAttempt, PushSender } from './push-sender';
import { RETRYABLE_OUTCOMES } from './push-sender';
import type { Push } from './push.types';

/** What happens to a push after its answer is known; implemented by the conversations module. */
export interface PushListener {
  onPushReply(push: Push, reply: PassiveReply | null): Promise<void>;
  onPushFailed(push: Push): Promise<void>;
}

/** Result of one delivery attempt, for the job processor: try again, or done. */
export type DeliveryVerdict = 'done' | 'retry';

/** True when the account pushes to a developer server (WeChat's developer mode). */
export function inDeveloperMode(account: Account): boolean {
  return account.callback.enabled && !!account.callback.url && !!account.callback.token;
}

/**
 * Developer servers: saving the configuration behind a successful URL check, delivering pushes
 * attempt by attempt with every attempt recorded in the delivery ledger, and replaying recorded
 * pushes to the same or another URL.
 */
export class CallbackService {
  private listener: PushListener | undefined;

  constructor(
    private readonly repo: CallbackRepo,
    private readonly accounts: AccountService,
    private readonly sender: PushSender,
    private readonly clock: Clock,
    private readonly retentionMs: number,
  ) {}

  /** Wires in the conversations module (which itself depends on this one for queuing). */
  useListener(listener: PushListener): void {
    this.listener = listener;
  }

  /**
   * Saves a developer configuration. When the result is an enabled server, the URL check runs
   * first and nothing is saved unless the server echoes correctly; the reason is reported.
   */
  async configure(accountId: string, input: DeveloperConfigInput): Promise<Account> {
    const account = await this.requireAccount(accountId);
    if (input.enabled) {
      if (!input.url || !input.token)
        throw new AppError('account.invalid_field', 'enabling the developer server needs a URL and a Token');
      const check = await this.sender.verify(input.url, input.token);
      if (!check.ok) {
        throw new AppError('callback.verify_failed', `URL verification failed: ${check.reason}`, {
          reason: check.reason,
          url: input.url,
        });
      }
    }
    return this.accounts.setDeveloperConfig(account.id, input);
  }

  /** Runs the URL check against a URL without saving anything. */
  verify(url: string, token: string) {
    return this.sender.verify(url, token);
  }

  probe(url: string) {
    return this.sender.probe(url);
  }

  /**
   * One delivery attempt of a push. Retryable failures answer `retry` while attempts remain;
   * otherwise the conversation is told the push failed (the follower sees WeChat's notice).
   */
  async deliver(push: Push, attempt: number, maxAttempts: number): Promise<DeliveryVerdict> {
    const account = await this.accounts.getById(push.accountId);
    if (!account || !inDeveloperMode(account)) return 'done';
    const result = await this.sender.send(account, push);
    await this.record(
      account,
      { pushId: push.id, kind: kindOf(push), openid: push.openid, messageId: push.messageId, attempt },
      result,
      null,
    );
    if (result.outcome === 'reply' || result.outcome === 'ack') {
      await this.listener?.onPushReply(push, result.reply);
      return 'done';
    }
    if (RETRYABLE_OUTCOMES.includes(result.outcome) && attempt < maxAttempts) return 'retry';
    await this.listener?.onPushFailed(push);
    return 'done';
  }

  list(accountId: string, filter: DeliveryFilter): Promise<DeliveryEntry[]> {
    return this.repo.list(accountId, { ...filter, limit: Math.min(Math.max(filter.limit, 1), 200) });
  }

  async get(accountId: string, id: string): Promise<DeliveryEntry> {
    const entry = await this.repo.find(accountId, id);
    if (!entry) throw new AppError('callback.delivery_not_found', `delivery ${id} not found`);
    return entry;
  }

  /** Attempts of one push, in order. */
  attempts(accountId: string, pushId: string): Promise<DeliveryEntry[]> {
    return this.repo.forPush(accountId, pushId);
  }

  /**
   * Sends a recorded push again — to the configured URL or another one — and records the new
   * attempt (kind `replay`) next to the original so the two answers can be compared. The follower
   * is not involved: a replay never reaches the chat.
   */
  async replay(accountId: string, id: string, url?: string): Promise<DeliveryEntry> {
    const original = await this.get(accountId, id);
    const account = await this.requireAccount(accountId);
    const target = url ?? account.callback.url;
    if (!isHttpUrl(target)) throw new AppError('account.invalid_field', 'replay needs an http(s) URL');
    const result = await this.sender.resend(account, original.plainBody, original.openid ?? '', target);
    const about = { pushId: original.pushId, kind: 'replay', openid: original.openid, messageId: original.messageId, attempt: 0 };
    return this.record(account, about, result, original);
  }

  /** Drops ledger entries past retention (scheduler role). */
  purge(): Promise<number> {
    return this.repo.purge(this.clock.nowMs() - this.retentionMs);
  }

  private async record(
    account: Account,
    about: Pick<DeliveryEntry, 'pushId' | 'kind' | 'openid' | 'messageId' | 'attempt'>,
    result: PushAttempt,
    replayOf: DeliveryEntry | null,
  ): Promise<DeliveryEntry> {
    const entry: DeliveryEntry = {
      ...about,
      id: newSortableId('dlv', this.clock.nowMs()),
      accountId: account.id,
      mode: result.mode,
      url: result.url,
      query: result.query,
      plainBody: result.plainBody,
      sentBody: result.sentBody,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      responseBody: result.responseBody,
      replyType: result.reply?.msgType ?? null,
      error: result.error,
      latencyMs: result.latencyMs,
      replayOf: replayOf?.id ?? null,
      createdAt: this.clock.nowMs(),
    };
    await this.repo.insert(entry);
    return entry;
  }

  private async requireAccount(accountId: string): Promise<Account> {
    const account = await this.accounts.getById(accountId);
    if (!account) throw new AppError('account.not_found', `account ${accountId} not found`);
    return account;
  }
}

/** Ledger kind of a push: `message` or the event name. */
function kindOf(push: Push): string {
  return push.payload.kind === 'message' ? 'message' : push.payload.event;
}
