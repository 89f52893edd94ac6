import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { isAppError } from '../../shared/errors';
import type { Account } from '../accounts/account.types';
import type { JobFinishEvent } from '../callbacks/push.types';
import { FollowerErrors } from '../followers/follower.errors';
import type { Follower } from '../followers/follower.types';
import type { Message, MessageBody } from '../messages/message.types';
import type { TemplateStore } from './template.repo';
import { MAX_PRIVATE_TEMPLATES, newTemplateId, newTemplateMsgId, TemplateService } from './template.service';
import type { IndustryPair, PrivateTemplate, TemplateSend, TemplateSendStatus } from './template.types';

/** An in-memory {@link TemplateStore} with the same uniqueness rules as the tables. */
class MemoryStore implements TemplateStore {
  pairs = new Map<string, IndustryPair>();
  list: (PrivateTemplate & { accountId: string })[] = [];
  sends: TemplateSend[] = [];
  blocked = new Set<number>();

  async industry(accountId: string) {
    return this.pairs.get(accountId) ?? null;
  }
  async setIndustry(accountId: string, pair: IndustryPair) {
    this.pairs.set(accountId, pair);
    const before = this.list.length;
    this.list = this.list.filter(
      (t) => t.accountId !== accountId || t.industryId === pair.primaryId || t.industryId === pair.secondaryId,
    );
    return before - this.list.length;
  }
  async templates(accountId: string) {
    return this.list.filter((t) => t.accountId === accountId);
  }
  async template(accountId: string, templateId: string) {
    return this.list.find((t) => t.accountId === accountId && t.templateId === templateId);
  }
  async countTemplates(accountId: string) {
    return (await this.templates(accountId)).length;
  }
  async insertTemplate(accountId: string, template: PrivateTemplate) {
    this.list.push({ ...template, accountId });
  }
  async deleteTemplate(accountId: string, templateId: string) {
    const before = this.list.length;
    this.list = this.list.filter((t) => !(t.accountId === accountId && t.templateId === templateId));
    return this.list.length < before;
  }
  async insertSend(send: TemplateSend) {
    // A macrotask, so two concurrent sends really interleave here as they would on a database.
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.sends.some((s) => s.msgid === send.msgid)) throw new Error('duplicate msgid');
    if (send.clientMsgId && this.sends.some((s) => s.accountId === send.accountId && s.clientMsgId === send.clientMsgId)) {
      throw new Error('duplicate client_msg_id');
    }
    this.sends.push({ ...send });
  }
  async send(accountId: string, msgid: string) {
    return this.sends.find((s) => s.accountId === accountId && s.msgid === msgid);
  }
  async sendByClientMsgId(accountId: string, clientMsgId: string) {
    const found = this.sends.find((s) => s.accountId === accountId && s.clientMsgId === clientMsgId);
    return found && { ...found };
  }
  async releaseClientMsgId(accountId: string, msgid: string) {
    const found = this.sends.find((s) => s.accountId === accountId && s.msgid === msgid);
    if (found) found.clientMsgId = null;
  }
  async finishSend(accountId: string, msgid: string, status: TemplateSendStatus, messageId: number | null, atMs: number) {
    const found = this.sends.find((s) => s.accountId === accountId && s.msgid === msgid)!;
    Object.assign(found, { status, messageId, updatedAt: atMs });
  }
  async recentSends(accountId: string, limit: number) {
    return this.sends
      .filter((s) => s.accountId === accountId)
      .slice(-limit)
      .reverse();
  }
  async blocksNotices(_accountId: string, followerId: number) {
    return this.blocked.has(followerId);
  }
  async setBlocksNotices(_accountId: string, followerId: number, blocked: boolean) {
    if (blocked) this.blocked.add(followerId);
    else this.blocked.delete(followerId);
  }
}

const OPENID = 'o' + 'A'.repeat(27);
const GONE = 'o' + 'B'.repeat(27);

/** The code of the AppError `work` rejects with. */
async function codeOf(work: Promise<unknown>): Promise<string> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

describe('TemplateService', () => {
  let clock: ManualClock;
  let store: MemoryStore;
  let shown: { follower: Follower; body: MessageBody }[];
  let reported: { accountId: string; key: string; openid: string; event: JobFinishEvent }[];
  let service: TemplateService;
  const followers: Follower[] = [];

  const follower = (id: number, openid: string, subscribed: boolean): Follower => ({
    id,
    accountId: 'acc_service',
    personId: `p_${id}`,
    openid,
    unionid: openid,
    subscribed,
    subscribeTime: 0,
    unsubscribeTime: null,
    subscribeScene: 'ADD_SCENE_SEARCH',
    qrScene: null,
    qrSceneStr: null,
    remark: '',
    blacklisted: false,
    createdAt: 0,
  });

  beforeEach(() => {
    // 2026-11-10 10:00 in Beijing.
    clock = new ManualClock(Date.UTC(2026, 10, 10, 2, 0, 0));
    store = new MemoryStore();
    shown = [];
    reported = [];
    followers.length = 0;
    followers.push(follower(1, OPENID, true), follower(2, GONE, false));
    let messageId = 0;
    service = new TemplateService(
      store,
      {
        getById: async (id) => ({ id, type: id === 'acc_service' ? 'service' : 'subscription' }) as Account,
        requireByAppId: async () => ({ id: 'acc_service', type: 'service' }) as Account,
      },
      {
        getByOpenId: async (_accountId, openid) => {
          const found = followers.find((f) => f.openid === openid);
          if (!found) throw FollowerErrors.invalidOpenId(openid);
          return found;
        },
        followerOfPerson: async (_accountId, personId) => followers.find((f) => f.personId === personId),
      },
      {
        recordOutbound: async (f, body) => {
          shown.push({ follower: f, body });
          return { id: ++messageId } as Message;
        },
      },
      { report: async (accountId, key, openid, event) => void reported.push({ accountId, key, openid, event }) },
      clock,
    );
  });

  describe('industries', () => {
    it('refuses subscription accounts with 48001 (account.api_unauthorized) everywhere', async () => {
      for (const work of [
        service.setIndustry('acc_sub', 1, 2),
        service.getIndustry('acc_sub'),
        service.addTemplate('acc_sub', 'TM00015'),
        service.listTemplates('acc_sub'),
        service.deleteTemplate('acc_sub', 'x'),
        service.send('acc_sub', { touser: OPENID, templateId: 'x', data: {} }),
      ]) {
        expect(await codeOf(work)).toBe('account.api_unauthorized');
      }
    });

    it('tells a missing code (40103) from a code outside the table (40102)', async () => {
      expect(await codeOf(service.setIndustry('acc_service', undefined, '4'))).toBe('template.industry_missing');
      expect(await codeOf(service.setIndustry('acc_service', '1', ''))).toBe('template.industry_missing');
      expect(await codeOf(service.setIndustry('acc_service', '0', '4'))).toBe('template.industry_invalid');
      expect(await codeOf(service.setIndustry('acc_service', '1', 'IT'))).toBe('template.industry_invalid');
      expect(await service.getIndustry('acc_service')).toBeNull();
    });

    it('allows one change per calendar month in UTC+8; setting the same pair again is no change', async () => {
      await service.setIndustry('acc_service', '1', 4);
      expect(await service.getIndustry('acc_service')).toMatchObject({
        primary: { firstClass: 'IT科技', secondClass: '互联网|电子商务' },
        secondary: { firstClass: 'IT科技', secondClass: '电子技术' },
      });
      await service.setIndustry('acc_service', 1, '4');
      expect(await codeOf(service.setIndustry('acc_service', 2, 4))).toBe('template.industry_too_frequent');
      // 2026-12-01 00:00 in Beijing is 2026-11-30 16:00 UTC.
      expect(await service.industryLockedUntil('acc_service')).toBe(Date.UTC(2026, 10, 30, 16, 0, 0));
      clock.set(Date.UTC(2026, 10, 30, 15, 59, 0));
      expect(await codeOf(service.setIndustry('acc_service', 2, 4))).toBe('template.industry_too_frequent');
      clock.set(Date.UTC(2026, 10, 30, 16, 0, 0));
      expect(await service.industryLockedUntil('acc_service')).toBeNull();
      await service.setIndustry('acc_service', 2, 4);
      expect((await service.getIndustry('acc_service'))?.primary.secondClass).toBe('IT软件与服务');
    });

    it('removes private templates of industries the account leaves', async () => {
      const kept = await service.addTemplate('acc_service', 'TM00015'); // industry 1
      await service.addTemplate('acc_service', 'OPENTM202243318'); // industry 13
      expect(await service.setIndustry('acc_service', 1, 2)).toEqual({ removed: 1 });
      expect((await service.listTemplates('acc_service')).map((t) => t.templateId)).toEqual([kept]);
    });
  });

  describe('private templates', () => {
    it('copies a classic template with its industry names and a 43-character id', async () => {
      const id = await service.addTemplate('acc_service', ' TM00015 ', ['ignored for classic templates']);
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [template] = await service.listTemplates('acc_service');
      expect(template).toMatchObject({
        templateId: id,
        title: '订单支付成功',
        primaryIndustry: 'IT科技',
        deputyIndustry: '互联网|电子商务',
        keywords: [],
      });
      expect(template!.content).toContain('{{orderMoneySum.DATA}}');
    });

    it('builds category templates from keyword_name_list and refuses bad lists with 40246', async () => {
      const id = await service.addTemplate('acc_service', '43216', ['商品名称', '订单状态']);
      const template = (await service.listTemplates('acc_service')).find((t) => t.templateId === id)!;
      expect(template.content).toBe('商品名称：{{thing2.DATA}}\n订单状态：{{phrase4.DATA}}');
      expect(template.keywords).toEqual(['商品名称', '订单状态']);
      for (const names of [undefined, [], ['不存在'], ['商品名称', '商品名称'], '商品名称', [1], new Array(6).fill('x')]) {
        expect(await codeOf(service.addTemplate('acc_service', '43216', names)), JSON.stringify(names)).toBe(
          'template.keyword_invalid',
        );
      }
    });

    it('answers the same id for the same template and keywords, and holds at most 25', async () => {
      const first = await service.addTemplate('acc_service', 'TM00015');
      expect(await service.addTemplate('acc_service', 'TM00015')).toBe(first);
      const a = await service.addTemplate('acc_service', '43216', ['订单编号']);
      expect(await service.addTemplate('acc_service', '43216', ['订单状态'])).not.toBe(a);
      const others = service.library().filter((t) => t.kind === 'classic' && t.shortId !== 'TM00015');
      for (const t of others.slice(0, MAX_PRIVATE_TEMPLATES - 3)) await service.addTemplate('acc_service', t.shortId);
      expect(await service.listTemplates('acc_service')).toHaveLength(MAX_PRIVATE_TEMPLATES);
      expect(await codeOf(service.addTemplate('acc_service', others.at(-1)!.shortId))).toBe('template.too_many');
      // Re-adding one it already has is still answered.
      expect(await service.addTemplate('acc_service', 'TM00015')).toBe(first);
    });

    it('answers 40037 for unknown library ids and unknown private templates', async () => {
      expect(await codeOf(service.addTemplate('acc_service', 'TM99999'))).toBe('template.invalid_template_id');
      expect(await codeOf(service.addTemplate('acc_service', 15))).toBe('template.invalid_template_id');
      expect(await codeOf(service.deleteTemplate('acc_service', newTemplateId()))).toBe('template.invalid_template_id');
      const id = await service.addTemplate('acc_service', 'TM00015');
      await service.deleteTemplate('acc_service', id);
      expect(await codeOf(service.deleteTemplate('acc_service', id))).toBe('template.invalid_template_id');
    });
  });

  describe('send', () => {
    let templateId: string;
    const data = { orderMoneySum: { value: '¥12.00', color: '#173177' }, orderProductName: { value: '咖啡' } };
    beforeEach(async () => {
      templateId = await service.addTemplate('acc_service', 'TM00015');
    });

    it('shows the notice and reports TEMPLATESENDJOBFINISH success with the msgid it answers', async () => {
      const { msgid, repeated } = await service.send('acc_service', {
        touser: OPENID,
        templateId,
        url: 'https://example.com/o/1',
        data,
      });
      expect(repeated).toBe(false);
      expect(msgid).toMatch(/^\d{16}$/);
      expect(Number.isSafeInteger(Number(msgid))).toBe(true);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.body).toEqual({
        type: 'template',
        templateId,
        title: '订单支付成功',
        content: expect.stringContaining('{{orderMoneySum.DATA}}') as string,
        data,
        url: 'https://example.com/o/1',
      });
      expect(reported).toEqual([
        {
          accountId: 'acc_service',
          key: `tpl-${msgid}`,
          openid: OPENID,
          event: { event: 'TEMPLATESENDJOBFINISH', msgId: msgid, status: 'success' },
        },
      ]);
      expect(await store.send('acc_service', msgid)).toMatchObject({ status: 'success', messageId: 1 });
    });

    it('refuses in WeChat order: bad openid, unsubscribed, unknown template, bad data, refused', async () => {
      const base = { touser: OPENID, templateId, data };
      expect(await codeOf(service.send('acc_service', { ...base, touser: 'nope' }))).toBe('follower.invalid_openid');
      expect(await codeOf(service.send('acc_service', { ...base, touser: 'o' + 'C'.repeat(27) }))).toBe(
        'follower.invalid_openid',
      );
      expect(await codeOf(service.send('acc_service', { ...base, touser: GONE }))).toBe('template.require_subscribe');
      expect(await codeOf(service.send('acc_service', { ...base, templateId: newTemplateId() }))).toBe(
        'template.invalid_template_id',
      );
      expect(await codeOf(service.send('acc_service', { ...base, templateId: 42 }))).toBe('template.invalid_template_id');
      expect(await codeOf(service.send('acc_service', { ...base, data: { nope: { value: 'x' } } }))).toBe(
        'template.argument_invalid',
      );
      expect(await codeOf(service.send('acc_service', { ...base, url: 'mailto:a@b.c' }))).toBe('template.argument_invalid');
      await service.setNoticesBlocked('p_1', 'wx', true);
      expect(await service.noticesBlocked('p_1', 'wx')).toBe(true);
      expect(await codeOf(service.send('acc_service', base))).toBe('template.user_refused');
      await service.setNoticesBlocked('p_1', 'wx', false);
      await service.send('acc_service', base);
      expect(shown).toHaveLength(1);
      expect(await codeOf(service.noticesBlocked('p_9', 'wx'))).toBe('follower.not_following');
    });

    it('answers a repeated client_msg_id with the first msgid within 24 h and shows nothing', async () => {
      const input = { touser: OPENID, templateId, clientMsgId: 'order-1001', data };
      const first = await service.send('acc_service', input);
      clock.advance(23 * 3_600_000);
      // Even a repeat with other content sends nothing.
      const again = await service.send('acc_service', { ...input, data: { bad: { value: '' } } });
      expect(again).toEqual({ msgid: first.msgid, repeated: true });
      expect(shown).toHaveLength(1);
      expect(reported).toHaveLength(1);
      clock.advance(3_600_000);
      const later = await service.send('acc_service', input);
      expect(later.repeated).toBe(false);
      expect(later.msgid).not.toBe(first.msgid);
      expect(shown).toHaveLength(2);
    });

    it('lets two concurrent sends with one client_msg_id show one notice', async () => {
      const input = { touser: OPENID, templateId, clientMsgId: 'race', data };
      const [a, b] = await Promise.all([service.send('acc_service', input), service.send('acc_service', input)]);
      expect(a.msgid).toBe(b.msgid);
      expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
      expect(shown).toHaveLength(1);
    });

    it('finishes a send a crash left pending when its client_msg_id is repeated', async () => {
      const msgid = newTemplateMsgId();
      const notice = { type: 'template' as const, templateId, title: '订单支付成功', content: '{{first.DATA}}', data: {} };
      const pending = {
        accountId: 'acc_service',
        templateId,
        followerId: 1,
        openid: OPENID,
        notice,
        status: 'pending' as const,
        messageId: null,
        createdAt: clock.nowMs(),
        updatedAt: clock.nowMs(),
      };
      await store.insertSend({ ...pending, msgid, clientMsgId: 'crashed' });
      expect(await service.send('acc_service', { touser: OPENID, templateId, clientMsgId: 'crashed', data })).toEqual({
        msgid,
        repeated: true,
      });
      expect(shown.map((s) => s.body)).toEqual([notice]);
      expect(reported[0]!.event).toEqual({ event: 'TEMPLATESENDJOBFINISH', msgId: msgid, status: 'success' });

      // A follower who refused notices meanwhile gets nothing, and the developer hears why.
      const blockedId = newTemplateMsgId();
      await store.insertSend({ ...pending, msgid: blockedId, clientMsgId: 'crashed-2' });
      store.blocked.add(1);
      await service.send('acc_service', { touser: OPENID, templateId, clientMsgId: 'crashed-2', data });
      expect(shown).toHaveLength(1);
      expect(reported[1]!.event).toEqual({ event: 'TEMPLATESENDJOBFINISH', msgId: blockedId, status: 'failed:user block' });
      expect((await store.send('acc_service', blockedId))?.status).toBe('failed:user block');
    });
  });

  it('generates msgids of 16 digits below 2^53', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newTemplateMsgId();
      expect(id).toMatch(/^[1-9]\d{15}$/);
      expect(BigInt(id) < 2n ** 53n).toBe(true);
    }
  });
});
