import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { AccountErrors } from '../accounts/account.errors';
import type { AccountService } from '../accounts/account.service';
import type { JobResultPushes } from '../callbacks/push-queue';
import { FollowerErrors } from '../followers/follower.errors';
import type { FollowerService } from '../followers/follower.service';
import type { Follower } from '../followers/follower.types';
import type { MessageService } from '../messages/message.service';
import { industryById, parseIndustryId, type Industry } from './industries';
import { checkClientMsgId, checkMiniprogram, checkNoticeUrl, checkTemplateData } from './template-data';
import { assembleCategory, industryNames, libraryOf, libraryTemplate, MAX_CATEGORY_KEYWORDS } from './template-library';
import { TemplateErrors } from './template.errors';
import type { TemplateStore } from './template.repo';
import type {
  LibraryKeyword,
  LibraryTemplate,
  PrivateTemplate,
  TemplateNotice,
  TemplateSend,
  TemplateSendInput,
  TemplateSendStatus,
} from './template.types';

/** Private templates one account may hold (45026 beyond; spec §3.3). */
export const MAX_PRIVATE_TEMPLATES = 25;

/**
 * How long a `client_msg_id` stays taken: a send repeating it within this window answers the
 * first send's msgid and shows nothing. WeChat documents the key but not the window (spec §3.3
 * "(?)"); 24 hours covers a developer's retry loop and a redeploy without keeping keys forever.
 */
export const DEFAULT_CLIENT_MSG_ID_WINDOW_MS = 24 * 3_600_000;

/** Smallest generated msgid: every msgid has 16 digits, like the larger ones WeChat returns. */
const MSGID_FLOOR = 10n ** 15n;
/** msgids stay below 2^53 so SDKs that `JSON.parse` the answer read them exactly. */
const MSGID_CEILING = 2n ** 53n;

/**
 * A template-send msgid: a random 16-digit decimal below 2^53 (Number.MAX_SAFE_INTEGER). It is
 * answered as a JSON number, and JavaScript SDKs (wechat-api, co-wechat-api with plain
 * JSON.parse) would silently round anything larger.
 */
export function newTemplateMsgId(): string {
  const span = MSGID_CEILING - MSGID_FLOOR;
  return (MSGID_FLOOR + (randomBytes(8).readBigUInt64BE() % span)).toString();
}

/** A private template id in WeChat's shape: 43 characters of `[A-Za-z0-9_-]`. */
export function newTemplateId(): string {
  return randomBytes(32).toString('base64url');
}

export interface TemplateServiceOptions {
  /** See {@link DEFAULT_CLIENT_MSG_ID_WINDOW_MS}. */
  clientMsgIdWindowMs?: number;
  /** Time zone of "once a month" for industry changes (the quota zone, UTC+8 by default). */
  utcOffsetMinutes?: number;
}

/** What a send answered: the msgid, and whether it repeated an earlier `client_msg_id`. */
export interface TemplateSendResult {
  msgid: string;
  repeated: boolean;
}

/**
 * Template notices (模板消息, spec/api-catalog.md §3.3) of service accounts: industries, private
 * templates copied from the library, and `message/template/send` with its TEMPLATESENDJOBFINISH
 * report (spec/callback-protocol.md §4.3).
 *
 * Delivery happens inside the send call, after the send row is stored: the row (msgid, status
 * `pending`, the notice) is the durable record, then the notice is written to the follower's chat
 * (and reaches the follower client live over the bus), the row is marked, and the job result is
 * queued to the developer server through the durable push queue. So when the HTTP answer leaves,
 * everything it promises is stored; a crash in between leaves a `pending` row that a repeat of the
 * same `client_msg_id` finishes instead of sending twice. Doing it in the request rather than in a
 * job costs two small writes and keeps the 43101/43004 answers and the card in the chat in step
 * with what the developer was told.
 */
export class TemplateService {
  private readonly clientMsgIdWindowMs: number;
  private readonly utcOffsetMinutes: number;

  constructor(
    private readonly repo: TemplateStore,
    private readonly accounts: Pick<AccountService, 'getById' | 'requireByAppId'>,
    private readonly followers: Pick<FollowerService, 'getByOpenId' | 'followerOfPerson'>,
    private readonly messages: Pick<MessageService, 'recordOutbound'>,
    private readonly jobResults: Pick<JobResultPushes, 'report'>,
    private readonly clock: Clock,
    options: TemplateServiceOptions = {},
  ) {
    this.clientMsgIdWindowMs = options.clientMsgIdWindowMs ?? DEFAULT_CLIENT_MSG_ID_WINDOW_MS;
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
  }

  // ── library and industries ─────────────────────────────────────────────────────────────────

  /** The template library, optionally of one industry code. */
  library(industryId?: number): LibraryTemplate[] {
    return libraryOf(industryId);
  }

  /**
   * `api_set_industry`: codes 1–41 as numbers or strings. Setting the pair already set is a no-op;
   * a real change is allowed once per calendar month (43100) and removes the private templates of
   * industries the account leaves, as WeChat does. Returns how many templates were removed.
   */
  async setIndustry(accountId: string, industryId1: unknown, industryId2: unknown): Promise<{ removed: number }> {
    await this.requireServiceAccount(accountId);
    if ([industryId1, industryId2].some((v) => v === undefined || v === '')) throw TemplateErrors.industryMissing();
    const primaryId = parseIndustryId(industryId1);
    if (primaryId === null) throw TemplateErrors.industryInvalid(industryId1);
    const secondaryId = parseIndustryId(industryId2);
    if (secondaryId === null) throw TemplateErrors.industryInvalid(industryId2);
    const current = await this.repo.industry(accountId);
    if (current?.primaryId === primaryId && current.secondaryId === secondaryId) return { removed: 0 };
    const now = this.clock.nowMs();
    if (current && this.monthOf(current.changedAt) === this.monthOf(now)) throw TemplateErrors.industryTooFrequent();
    return { removed: await this.repo.setIndustry(accountId, { primaryId, secondaryId, changedAt: now }) };
  }

  /** `get_industry`: the pair with class names, or `null` when never set. */
  async getIndustry(accountId: string): Promise<{ primary: Industry; secondary: Industry; changedAt: number } | null> {
    await this.requireServiceAccount(accountId);
    const pair = await this.repo.industry(accountId);
    if (!pair) return null;
    return { primary: industryById(pair.primaryId)!, secondary: industryById(pair.secondaryId)!, changedAt: pair.changedAt };
  }

  /** When the industries may next be changed (epoch ms), or `null` when they may be changed now. */
  async industryLockedUntil(accountId: string): Promise<number | null> {
    const pair = await this.repo.industry(accountId);
    if (!pair || this.monthOf(pair.changedAt) !== this.monthOf(this.clock.nowMs())) return null;
    const offset = this.utcOffsetMinutes * 60_000;
    const local = new Date(pair.changedAt + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - offset;
  }

  // ── private templates ──────────────────────────────────────────────────────────────────────

  /**
   * `api_add_template`: copies a library template into the account's private list and returns
   * its 43-character id. Category templates need `keyword_name_list` (1–5 of their keyword
   * names, in the order to show); classic templates ignore it. Adding the same template with the
   * same keywords again returns the id it already has.
   */
  async addTemplate(accountId: string, shortId: unknown, keywordNames?: unknown): Promise<string> {
    await this.requireServiceAccount(accountId);
    const entry = typeof shortId === 'string' ? libraryTemplate(shortId.trim()) : undefined;
    if (!entry) throw TemplateErrors.invalidTemplateId(shortId);
    const chosen = chooseKeywords(entry, keywordNames);
    const { content, example } = entry.kind === 'category' ? assembleCategory(chosen) : entry;
    const keywords = chosen.map((k) => k.name);
    const existing = (await this.repo.templates(accountId)).find(
      (t) => t.shortId === entry.shortId && t.keywords.join('\n') === keywords.join('\n'),
    );
    if (existing) return existing.templateId;
    // Two concurrent adds at 24 may both pass this count and leave 26; the list stays usable and
    // the next add is refused, which is cheaper than serialising every add per account.
    if ((await this.repo.countTemplates(accountId)) >= MAX_PRIVATE_TEMPLATES) {
      throw TemplateErrors.tooManyTemplates(MAX_PRIVATE_TEMPLATES);
    }
    const names = industryNames(entry.industryId);
    const template: PrivateTemplate = {
      templateId: newTemplateId(),
      shortId: entry.shortId,
      industryId: entry.industryId,
      title: entry.title,
      primaryIndustry: names.primary,
      deputyIndustry: names.deputy,
      content,
      example,
      keywords,
      createdAt: this.clock.nowMs(),
    };
    await this.repo.insertTemplate(accountId, template);
    return template.templateId;
  }

  /** `get_all_private_template`, oldest first. */
  async listTemplates(accountId: string): Promise<PrivateTemplate[]> {
    await this.requireServiceAccount(accountId);
    return this.repo.templates(accountId);
  }

  /** `del_private_template`: 40037 when the account has no such template. */
  async deleteTemplate(accountId: string, templateId: unknown): Promise<void> {
    await this.requireServiceAccount(accountId);
    if (typeof templateId !== 'string' || !(await this.repo.deleteTemplate(accountId, templateId))) {
      throw TemplateErrors.invalidTemplateId(templateId);
    }
  }

  // ── sending ────────────────────────────────────────────────────────────────────────────────

  /**
   * `message/template/send`. Checks, in order: service account (48001), a live repeat of
   * `client_msg_id` (answered with the first msgid, nothing shown), the recipient (40003 not an
   * OpenID of this account, 43004 unsubscribed), the template (40037), `data`/`url`/
   * `miniprogram` (47003), the follower's refusal (43101). Then stores, shows and reports the
   * notice (see the class comment).
   */
  async send(accountId: string, input: TemplateSendInput): Promise<TemplateSendResult> {
    await this.requireServiceAccount(accountId);
    const clientMsgId = checkClientMsgId(input.clientMsgId);
    if (clientMsgId !== null) {
      const prior = await this.liveRepeat(accountId, clientMsgId);
      if (prior) return { msgid: prior.msgid, repeated: true };
    }
    const follower = await this.followers.getByOpenId(accountId, input.touser);
    if (!follower.subscribed) throw TemplateErrors.notSubscribed();
    const template = typeof input.templateId === 'string' ? await this.repo.template(accountId, input.templateId) : undefined;
    if (!template) throw TemplateErrors.invalidTemplateId(input.templateId);
    const notice: TemplateNotice = {
      type: 'template',
      templateId: template.templateId,
      title: template.title,
      content: template.content,
      data: checkTemplateData(template, input.data),
    };
    const url = checkNoticeUrl(input.url);
    if (url !== undefined) notice.url = url;
    const miniprogram = checkMiniprogram(input.miniprogram);
    if (miniprogram !== undefined) notice.miniprogram = miniprogram;
    if (await this.repo.blocksNotices(accountId, follower.id)) throw TemplateErrors.userRefused();

    const { send, created } = await this.store(accountId, follower, template.templateId, clientMsgId, notice);
    if (created) await this.deliver(send, follower, false);
    return { msgid: send.msgid, repeated: !created };
  }

  /** One send by its msgid (console). */
  findSend(accountId: string, msgid: string): Promise<TemplateSend | undefined> {
    return this.repo.send(accountId, msgid);
  }

  /** Latest sends, newest first (console history). */
  recentSends(accountId: string, limit = 20): Promise<TemplateSend[]> {
    return this.repo.recentSends(accountId, Math.min(Math.max(limit, 1), 100));
  }

  // ── the follower's side ────────────────────────────────────────────────────────────────────

  /** Whether the person refuses the account's notices (follower client). */
  async noticesBlocked(personId: string, appid: string): Promise<boolean> {
    const { accountId, follower } = await this.followerOf(personId, appid);
    return this.repo.blocksNotices(accountId, follower.id);
  }

  /** The follower client's "接收模板消息" switch: sends get 43101 while `blocked` is true. */
  async setNoticesBlocked(personId: string, appid: string, blocked: boolean): Promise<boolean> {
    const { accountId, follower } = await this.followerOf(personId, appid);
    await this.repo.setBlocksNotices(accountId, follower.id, blocked, this.clock.nowMs());
    return blocked;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private async requireServiceAccount(accountId: string): Promise<void> {
    const account = await this.accounts.getById(accountId);
    if (!account || account.type !== 'service') {
      throw AccountErrors.unauthorized('template notices are only available to service accounts');
    }
  }

  /**
   * The send that already holds `clientMsgId` within the window (finishing it first if a crash
   * left it pending). A key whose window is over is released so this send can take it.
   */
  private async liveRepeat(accountId: string, clientMsgId: string): Promise<TemplateSend | undefined> {
    const prior = await this.repo.sendByClientMsgId(accountId, clientMsgId);
    if (!prior) return undefined;
    if (this.clock.nowMs() - prior.createdAt >= this.clientMsgIdWindowMs) {
      await this.repo.releaseClientMsgId(accountId, prior.msgid);
      return undefined;
    }
    if (prior.status === 'pending') {
      const follower = await this.followers.getByOpenId(accountId, prior.openid);
      await this.deliver(prior, follower, true);
    }
    return prior;
  }

  /**
   * Stores the send as `pending` under a fresh msgid. A concurrent send holding the same
   * `client_msg_id` wins the unique index; its row is returned instead (and, if still pending,
   * finished by whichever request got there first). A msgid collision is retried with a new id.
   */
  private async store(
    accountId: string,
    follower: Follower,
    templateId: string,
    clientMsgId: string | null,
    notice: TemplateNotice,
  ): Promise<{ send: TemplateSend; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const now = this.clock.nowMs();
      const send: TemplateSend = {
        msgid: newTemplateMsgId(),
        accountId,
        templateId,
        followerId: follower.id,
        openid: follower.openid,
        clientMsgId,
        notice,
        status: 'pending',
        messageId: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.repo.insertSend(send);
        return { send, created: true };
      } catch (error) {
        const winner = clientMsgId === null ? undefined : await this.repo.sendByClientMsgId(accountId, clientMsgId);
        if (winner) return { send: winner, created: false };
        if (attempt >= 3) throw error;
      }
    }
  }

  /**
   * Shows the notice to the follower (unless they unfollowed or refused meanwhile, which only a
   * resumed send can meet), records the outcome and reports TEMPLATESENDJOBFINISH with the same
   * msgid the developer was answered.
   */
  private async deliver(send: TemplateSend, follower: Follower, recheck: boolean): Promise<TemplateSendStatus> {
    let status: TemplateSendStatus = 'success';
    let messageId: number | null = null;
    if (recheck && !follower.subscribed) status = 'failed: system failed';
    else if (recheck && (await this.repo.blocksNotices(send.accountId, follower.id))) status = 'failed:user block';
    else messageId = (await this.messages.recordOutbound(follower, send.notice, 'template', null)).id;
    await this.repo.finishSend(send.accountId, send.msgid, status, messageId, this.clock.nowMs());
    await this.jobResults.report(send.accountId, `tpl-${send.msgid}`, send.openid, {
      event: 'TEMPLATESENDJOBFINISH',
      msgId: send.msgid,
      status,
    });
    send.status = status;
    send.messageId = messageId;
    return status;
  }

  private async followerOf(personId: string, appid: string): Promise<{ accountId: string; follower: Follower }> {
    const account = await this.accounts.requireByAppId(appid);
    const follower = await this.followers.followerOfPerson(account.id, personId);
    if (!follower) throw FollowerErrors.notFollowing();
    return { accountId: account.id, follower };
  }

  /** `YYYY-MM` of an instant in the configured time zone. */
  private monthOf(ms: number): string {
    return new Date(ms + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 7);
  }
}

/**
 * The keywords of a category template named by `keyword_name_list` (40246 when missing, empty,
 * unknown, repeated or more than five). Classic templates take none; a list sent for one is
 * accepted and ignored, but it must still be a list of strings.
 */
function chooseKeywords(entry: LibraryTemplate, names: unknown): LibraryKeyword[] {
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
    throw TemplateErrors.keywordInvalid('keyword_name_list must be a list of keyword names');
  }
  if (entry.kind === 'classic') return [];
  const list = (names ?? []) as string[];
  if (list.length === 0) throw TemplateErrors.keywordInvalid('keyword_name_list is required for a category template');
  if (list.length > MAX_CATEGORY_KEYWORDS) {
    throw TemplateErrors.keywordInvalid(`at most ${MAX_CATEGORY_KEYWORDS} keywords`);
  }
  if (new Set(list).size !== list.length) throw TemplateErrors.keywordInvalid('keyword_name_list repeats a keyword');
  return list.map((name) => {
    const keyword = entry.keywords.find((k) => k.name === name);
    if (!keyword) throw TemplateErrors.keywordInvalid(`keyword name invalid: ${name.slice(0, 32)}`);
    return keyword;
  });
}
