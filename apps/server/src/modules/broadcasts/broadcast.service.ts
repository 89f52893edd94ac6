import type { RealtimeBus } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import { CommonErrors } from '../../shared/errors';
import type { AccountService } from '../accounts/account.service';
import type { Account } from '../accounts/account.types';
import { operatorOpenId, type JobResultPushes } from '../callbacks/push-queue';
import { FollowerErrors } from '../followers/follower.errors';
import type { FollowerService } from '../followers/follower.service';
import type { Follower } from '../followers/follower.types';
import type { MessageService } from '../messages/message.service';
import type { MessageBody } from '../messages/message.types';
import { MessageErrors } from '../messages/message.errors';
import type { OutboundContent } from '../messages/outbound-content';
import type { TagService } from '../tags/tag.service';
import { BroadcastErrors } from './broadcast.errors';
import type { BroadcastRepo, MonthlyFilter } from './broadcast.repo';
import {
  BROADCAST_MSGTYPES,
  CLIENT_MSG_ID_MAX_BYTES,
  CLIENT_MSG_ID_MEMORY_MS,
  CLIENT_MSG_ID_RETRY_MS,
  LIST_MAX,
  LIST_MIN,
  SERVICE_MONTHLY_PER_FOLLOWER,
  SPEED_PER_MINUTE,
  SUBSCRIPTION_DAILY_BROADCASTS,
  type Audience,
  type Broadcast,
  type InboxItem,
} from './broadcast.types';

/** Bus topics: fan-out progress (console live view) and completion (follower streams). */
export const BROADCAST_PROGRESS = 'broadcast.progress';
export const BROADCAST_FINISHED = 'broadcast.finished';

export interface BroadcastEvent {
  accountId: string;
  broadcastId: number;
}

/** The article pages behind mpnews cards (the articles module, seen from here). */
export interface CardPages {
  deleteCardPages(accountId: string, urls: readonly string[]): Promise<number>;
}

/** Starts (or resumes) a broadcast's fan-out: the job queue, keyed by the broadcast id. */
export interface FanOutQueue {
  enqueue(broadcastId: number): Promise<void>;
}

export interface BroadcastSettings {
  /** Deliver at the documented speed levels; off = as fast as the database allows. */
  throttle: boolean;
  pageSize: number;
  /** Calendar days and months for the quotas are in this UTC offset (Beijing time on WeChat). */
  utcOffsetMinutes: number;
}

/** What `mass/sendall`, `mass/send` and the console composer hand over. */
export interface BroadcastRequest {
  audience: { kind: 'all' } | { kind: 'tag'; tagId: unknown } | { kind: 'list'; openids: unknown };
  msgtype: unknown;
  /** The whole request object (the payload sits under the msgtype's key). */
  payload: Record<string, unknown>;
  clientMsgId?: unknown;
}

const DAY_MS = 86_400_000;

/** A fan-out this large refreshes the database's statistics (see `BroadcastRepo.refreshStatistics`). */
const STATISTICS_REFRESH_ROWS = 10_000;

/**
 * Broadcasts (群发): submission under WeChat's rules (verified accounts, `clientmsgid`, a
 * subscription account's one a day, a service account's four a month per follower), then a
 * durable fan-out job that writes deliveries set-wise by keyset pages, reports MASSSENDJOBFINISH
 * once, and lets followers read their broadcasts in the inbox.
 */
export class BroadcastService {
  private queue: FanOutQueue | undefined;

  constructor(
    private readonly repo: BroadcastRepo,
    private readonly accounts: AccountService,
    private readonly followers: FollowerService,
    private readonly tags: TagService,
    private readonly messages: MessageService,
    private readonly content: OutboundContent,
    private readonly pages: CardPages,
    private readonly jobResults: JobResultPushes,
    private readonly bus: RealtimeBus,
    private readonly clock: Clock,
    private readonly settings: BroadcastSettings,
  ) {}

  /** Wires in the job queue (composition root). */
  useQueue(queue: FanOutQueue): void {
    this.queue = queue;
  }

  /** `mass/sendall` and `mass/send`: validates, stores, queues the fan-out. */
  async submit(accountId: string, request: BroadcastRequest): Promise<Broadcast> {
    const account = await this.requireVerified(accountId);
    const clientMsgId = await this.checkClientMsgId(accountId, request.clientMsgId);
    const audience = await this.resolveAudience(accountId, request.audience);
    const body = await this.resolveBody(accountId, request);
    const now = this.clock.nowMs();
    if (account.type === 'subscription') {
      const today = await this.repo.countSince(accountId, this.dayStart(now));
      if (today >= SUBSCRIPTION_DAILY_BROADCASTS) throw BroadcastErrors.noQuota('a subscription account broadcasts once a day');
    }
    const broadcast = await this.repo.insert(
      {
        accountId,
        msgType: String(request.msgtype),
        body,
        mediaId: mediaIdOf(request),
        msgDataId: null,
        audience: audience.kind,
        tagId: audience.kind === 'tag' ? audience.tagId : null,
        clientMsgId,
        status: 'SENDING',
        speed: await this.repo.speedOf(accountId),
        createdAt: now,
        startedAt: null,
      },
      audience.kind === 'list' ? audience.followerIds : [],
    );
    await this.queue?.enqueue(broadcast.id);
    return broadcast;
  }

  /** `mass/preview`: the message straight into one follower's chat; no quota is spent. */
  async preview(
    accountId: string,
    touser: unknown,
    request: Omit<BroadcastRequest, 'audience' | 'clientMsgId'>,
  ): Promise<Broadcast> {
    await this.requireVerified(accountId);
    const follower = await this.followers.getByOpenId(accountId, touser);
    if (!follower.subscribed) throw FollowerErrors.notFollowing();
    const body = await this.resolveBody(accountId, request);
    await this.messages.recordOutbound(follower, body, 'broadcast', null);
    const now = this.clock.nowMs();
    return this.repo.insert({
      accountId,
      msgType: String(request.msgtype),
      body,
      mediaId: mediaIdOf(request),
      msgDataId: null,
      audience: 'preview',
      tagId: null,
      clientMsgId: null,
      status: 'SEND_SUCCESS',
      speed: 0,
      createdAt: now,
      startedAt: now,
      finishedAt: now,
      totalCount: 1,
      filterCount: 1,
      sentCount: 1,
    });
  }

  /**
   * `mass/preview` by WeChat ID (`towxname`): persons in gzh have no WeChat ID, so no name
   * matches (40132, WeChat's "invalid username").
   */
  refuseWxName(): never {
    throw BroadcastErrors.invalidWxName();
  }

  /** `mass/get`. */
  async get(accountId: string, msgId: unknown): Promise<Broadcast> {
    const id = toMsgId(msgId);
    const broadcast = id === null ? undefined : await this.repo.find(accountId, id);
    if (!broadcast) throw BroadcastErrors.invalidMsgId();
    return broadcast;
  }

  list(accountId: string, beforeId: number | undefined, limit = 20): Promise<Broadcast[]> {
    return this.repo.list(accountId, beforeId, Math.min(Math.max(limit, 1), 100));
  }

  /**
   * The audience size a broadcast's fan-out is heading for: the members reached so far plus those
   * past the cursor who follow now. The cursor and the counters commit together, so one read of
   * the broadcast gives a consistent pair; finished broadcasts answer their final count.
   */
  async expectedTotal(broadcast: Broadcast): Promise<number> {
    if (broadcast.status !== 'SENDING' || broadcast.audience === 'preview') return broadcast.totalCount;
    return broadcast.totalCount + (await this.repo.countAfter(broadcast, broadcast.cursor));
  }

  /**
   * `mass/delete`: only mpnews and mpvideo broadcasts; `articleIdx` 1-based, 0 or absent for all.
   * Messages already delivered stay in followers' chats, as on WeChat.
   */
  async delete(accountId: string, msgId: unknown, articleIdx: unknown): Promise<void> {
    const broadcast = await this.get(accountId, msgId);
    if (broadcast.audience === 'preview' || !['mpnews', 'mpvideo'].includes(broadcast.msgType))
      throw BroadcastErrors.notDeletable();
    const count = broadcast.body.type === 'mpnews' ? broadcast.body.articles.length : 1;
    const idx = articleIdx === undefined || articleIdx === '' ? 0 : Number(articleIdx);
    if (!Number.isInteger(idx) || idx < 0 || idx > count) throw BroadcastErrors.invalidArticleIdx();
    const deleted =
      idx === 0 ? Array.from({ length: count }, (_, i) => i + 1) : [...new Set([...broadcast.deletedArticles, idx])];
    await this.repo.markDeleted(
      broadcast.id,
      deleted.sort((a, b) => a - b),
    );
    if (broadcast.body.type === 'mpnews') {
      const urls = broadcast.body.articles.filter((_, i) => idx === 0 || i + 1 === idx).map((a) => a.url);
      await this.pages.deleteCardPages(accountId, urls);
    }
  }

  async speed(accountId: string): Promise<{ speed: number; realspeed: number }> {
    const speed = await this.repo.speedOf(accountId);
    return { speed, realspeed: SPEED_PER_MINUTE[speed]! / 10_000 };
  }

  async setSpeed(accountId: string, speed: unknown): Promise<void> {
    if (speed === undefined || speed === null || speed === '') throw BroadcastErrors.speedMissing();
    const level = typeof speed === 'string' && /^\d+$/.test(speed) ? Number(speed) : speed;
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level >= SPEED_PER_MINUTE.length)
      throw BroadcastErrors.speedOutOfRange();
    await this.repo.setSpeed(accountId, level);
  }

  /** The console's "will reach N, M filtered by the monthly limit" before sending. */
  async estimate(
    accountId: string,
    audience: BroadcastRequest['audience'],
  ): Promise<{ total: number; reachable: number; filtered: number; dailyLeft: number | null }> {
    const account = await this.requireAccount(accountId);
    const resolved = await this.resolveAudience(accountId, audience);
    const now = this.clock.nowMs();
    const nextId = Number.MAX_SAFE_INTEGER;
    const monthly = account.type === 'service' ? await this.monthlyFilter(accountId, nextId, now) : null;
    if (resolved.kind === 'list') {
      // An unsent list has no targets table yet: count its followers directly.
      const total = resolved.followers.filter((f) => f.subscribed && !f.blacklisted).length;
      return { total, reachable: total, filtered: 0, dailyLeft: await this.dailyLeft(account, now) };
    }
    const { total, reachable } = await this.repo.estimate(
      { id: nextId, accountId, audience: resolved.kind, tagId: resolved.kind === 'tag' ? resolved.tagId : null },
      monthly,
    );
    return { total, reachable, filtered: total - reachable, dailyLeft: await this.dailyLeft(account, now) };
  }

  /**
   * The fan-out (job processor): pages of deliveries from the stored cursor until the audience is
   * exhausted, throttled to the broadcast's speed level when throttling is on. Safe to run again
   * after a crash (it resumes at the cursor) or after completion (it only re-reports, and the
   * report's push id makes that a no-op).
   */
  async fanOut(broadcastId: number): Promise<void> {
    let broadcast = await this.repo.findById(broadcastId);
    if (!broadcast) return;
    if (broadcast.status === 'SENDING') {
      const started = this.clock.nowMs();
      await this.repo.markStarted(broadcast.id, started);
      const monthly = await this.monthlyFilter(broadcast.accountId, broadcast.id, broadcast.createdAt);
      const perMs = SPEED_PER_MINUTE[broadcast.speed]! / 60_000;
      const pageSize = this.settings.throttle
        ? Math.min(this.settings.pageSize, Math.max(100, Math.round(perMs * 1000)))
        : this.settings.pageSize;
      const t0 = performance.now();
      let written = 0;
      let cursor: number | null = broadcast.cursor;
      while (cursor !== null) {
        const page = await this.repo.fanOutPage(broadcast, cursor, pageSize, monthly);
        written += page.total;
        cursor = page.cursor;
        await this.bus.publish(BROADCAST_PROGRESS, { accountId: broadcast.accountId, broadcastId } satisfies BroadcastEvent);
        if (this.settings.throttle && cursor !== null) {
          const wait = written / perMs - (performance.now() - t0);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
      await this.repo.finish(broadcast.id, 'SEND_SUCCESS', this.clock.nowMs());
      broadcast = (await this.repo.findById(broadcastId))!;
      if (broadcast.totalCount >= STATISTICS_REFRESH_ROWS) await this.repo.refreshStatistics();
      await this.bus.publish(BROADCAST_FINISHED, { accountId: broadcast.accountId, broadcastId } satisfies BroadcastEvent);
    }
    if (broadcast.status === 'SEND_SUCCESS' || broadcast.status === 'SEND_FAIL' || broadcast.status === 'DELETE') {
      await this.report(broadcast);
    }
  }

  /** Re-queues broadcasts left sending (a crash between storing and queuing; queue ids dedupe). */
  async resumeStalled(): Promise<number> {
    const ids = await this.repo.sendingIds();
    for (const id of ids) await this.queue?.enqueue(id);
    return ids.length;
  }

  /** A person's broadcasts from the accounts they follow, newest first (the follower client). */
  inbox(personId: string, beforeId: number | undefined, limit = 20): Promise<InboxItem[]> {
    return this.repo.inboxOfPerson(personId, beforeId, Math.min(Math.max(limit, 1), 100));
  }

  /** Whether one person received one broadcast (streams ask this when a broadcast finishes). */
  async inboxItem(personId: string, accountId: string, broadcastId: number): Promise<InboxItem | undefined> {
    const follower = await this.followers.followerOfPerson(accountId, personId);
    if (!follower) return undefined;
    return this.repo.delivery(broadcastId, follower.id);
  }

  private async report(b: Broadcast): Promise<void> {
    const articleUrls =
      b.body.type === 'mpnews' ? b.body.articles.map((a, i) => ({ articleIdx: i + 1, articleUrl: a.url })) : undefined;
    await this.jobResults.report(b.accountId, `mass-${b.id}`, operatorOpenId(b.accountId), {
      event: 'MASSSENDJOBFINISH',
      msgId: String(b.id),
      status: b.status === 'SEND_FAIL' ? 'send fail' : 'send success',
      totalCount: b.totalCount,
      filterCount: b.filterCount,
      sentCount: b.sentCount,
      errorCount: b.errorCount,
      ...(articleUrls ? { articleUrls } : {}),
    });
  }

  /**
   * The service account's four-a-month rule as the fan-out applies it. With fewer than four earlier
   * broadcasts this month nobody can be at the limit, so no per-follower check is needed.
   */
  private async monthlyFilter(accountId: string, beforeId: number, at: number): Promise<MonthlyFilter | null> {
    const account = await this.requireAccount(accountId);
    if (account.type !== 'service') return null;
    const span = await this.repo.monthSpan(accountId, this.monthStart(at), beforeId);
    if (span.fromId === null || span.count < SERVICE_MONTHLY_PER_FOLLOWER) return null;
    return { fromId: span.fromId, limit: SERVICE_MONTHLY_PER_FOLLOWER };
  }

  private async dailyLeft(account: Account, now: number): Promise<number | null> {
    if (account.type !== 'subscription') return null;
    return Math.max(0, SUBSCRIPTION_DAILY_BROADCASTS - (await this.repo.countSince(account.id, this.dayStart(now))));
  }

  private async resolveAudience(accountId: string, audience: BroadcastRequest['audience']): Promise<ResolvedAudience> {
    if (audience.kind === 'all') return { kind: 'all' };
    if (audience.kind === 'tag') return { kind: 'tag', tagId: await this.tags.usableTagId(accountId, audience.tagId) };
    if (!Array.isArray(audience.openids)) throw BroadcastErrors.listTooShort();
    const unique = [...new Set(audience.openids as unknown[])];
    if (unique.length < LIST_MIN) throw BroadcastErrors.listTooShort();
    if (unique.length > LIST_MAX) throw BroadcastErrors.listTooLong();
    const followers = await this.followers.resolveOpenIds(
      accountId,
      unique,
      { min: LIST_MIN, max: LIST_MAX },
      { notOfAccountAsInvalid: true },
    );
    return { kind: 'list', followerIds: followers.map((f) => f.id).sort((a, b) => a - b), followers };
  }

  private async resolveBody(accountId: string, request: Pick<BroadcastRequest, 'msgtype' | 'payload'>): Promise<MessageBody> {
    let payload = request.payload;
    // The multi-image form (`images.media_ids`) shows its first image in the chat.
    if (request.msgtype === 'image' && !payload.image && payload.images && typeof payload.images === 'object') {
      const ids = (payload.images as Record<string, unknown>).media_ids;
      const first: unknown = Array.isArray(ids) ? ids[0] : undefined;
      payload = { ...payload, image: { media_id: first } };
    }
    return this.content.resolve(accountId, request.msgtype, payload, BROADCAST_MSGTYPES);
  }

  private async checkClientMsgId(accountId: string, clientMsgId: unknown): Promise<string | null> {
    if (clientMsgId === undefined || clientMsgId === '') return null;
    if (typeof clientMsgId !== 'string' && typeof clientMsgId !== 'number')
      throw MessageErrors.badPayload('clientmsgid must be a string');
    const id = String(clientMsgId);
    if (Buffer.byteLength(id, 'utf8') > CLIENT_MSG_ID_MAX_BYTES) throw BroadcastErrors.clientMsgIdTooLong();
    const existing = await this.repo.findByClientMsgId(accountId, id);
    if (!existing) return id;
    const age = this.clock.nowMs() - existing.createdAt;
    if (age < CLIENT_MSG_ID_RETRY_MS) throw BroadcastErrors.clientMsgIdTooFast();
    if (age < CLIENT_MSG_ID_MEMORY_MS) throw BroadcastErrors.clientMsgIdExists(existing.id);
    await this.repo.releaseClientMsgId(existing.id);
    return id;
  }

  private async requireAccount(accountId: string): Promise<Account> {
    const account = await this.accounts.getById(accountId);
    if (!account) throw CommonErrors.notFound('account');
    return account;
  }

  private async requireVerified(accountId: string): Promise<Account> {
    const account = await this.requireAccount(accountId);
    if (!account.verified) throw BroadcastErrors.unverified();
    return account;
  }

  private dayStart(at: number): number {
    const offset = this.settings.utcOffsetMinutes * 60_000;
    return Math.floor((at + offset) / DAY_MS) * DAY_MS - offset;
  }

  private monthStart(at: number): number {
    const offset = this.settings.utcOffsetMinutes * 60_000;
    const local = new Date(at + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
  }
}

/** An audience checked against the account: a list carries its followers. */
type ResolvedAudience =
  Exclude<Audience, { kind: 'list' } | { kind: 'preview' }> | { kind: 'list'; followerIds: number[]; followers: Follower[] };

/** The media id an mpnews/voice/image/mpvideo broadcast refers to (for the console and delete). */
function mediaIdOf(request: Pick<BroadcastRequest, 'msgtype' | 'payload'>): string | null {
  const inner = request.payload[String(request.msgtype)];
  const id = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).media_id : undefined;
  return typeof id === 'string' ? id : null;
}

/** `msg_id` arrives as a number or a numeric string. */
function toMsgId(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}
