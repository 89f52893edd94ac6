import { randomInt } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { ReplyRepo } from './reply.repo';
import type { ReplyContent, ReplyRule, ReplyRuleInput, ReplyRuleKind } from './reply.types';
import { REPLY_LIMITS } from './reply.types';
import { validateRule } from './reply.validation';

/**
 * Auto-replies of WeChat's editor mode: the follow welcome, keyword rules (exact or contains,
 * first matching rule in order wins), the default reply, and replies to menu clicks. Used when an
 * account has no developer server enabled.
 */
export class ReplyService {
  constructor(
    private readonly repo: ReplyRepo,
    private readonly clock: Clock,
  ) {}

  list(accountId: string, kind?: ReplyRuleKind): Promise<ReplyRule[]> {
    return this.repo.list(accountId, kind);
  }

  async create(accountId: string, input: ReplyRuleInput): Promise<ReplyRule> {
    const checked = validateRule(input);
    if ((await this.repo.count(accountId)) >= REPLY_LIMITS.rules) {
      throw new AppError('reply.too_many', `an account has at most ${REPLY_LIMITS.rules} rules`);
    }
    await this.ensureSingle(accountId, checked.kind);
    const now = this.clock.nowMs();
    const existing = await this.repo.list(accountId);
    const rule: ReplyRule = {
      ...checked,
      id: newId('rule'),
      accountId,
      position: existing.reduce((max, r) => Math.max(max, r.position), 0) + 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insert(rule);
    return rule;
  }

  async update(accountId: string, id: string, input: ReplyRuleInput & { position?: number }): Promise<ReplyRule> {
    const current = await this.require(accountId, id);
    const checked = validateRule(input);
    if (checked.kind !== current.kind) await this.ensureSingle(accountId, checked.kind);
    const rule: ReplyRule = {
      ...current,
      ...checked,
      position: Number.isInteger(input.position) ? input.position! : current.position,
      updatedAt: this.clock.nowMs(),
    };
    await this.repo.update(rule);
    return rule;
  }

  async delete(accountId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(accountId, id))) throw new AppError('reply.not_found', `rule ${id} not found`);
  }

  /** Replies to a follow, or `null` when no welcome is configured. */
  async forFollow(accountId: string, welcomeText: string): Promise<ReplyContent[] | null> {
    const [rule] = (await this.repo.list(accountId, 'follow')).filter((r) => r.enabled);
    if (rule) return pick(rule);
    return welcomeText.trim() ? [{ type: 'text', content: welcomeText }] : null;
  }

  /** Replies to a text: the first enabled keyword rule that matches, else the default rule. */
  async forText(accountId: string, text: string): Promise<ReplyContent[] | null> {
    const rules = (await this.repo.list(accountId)).filter((r) => r.enabled);
    const needle = text.trim();
    const hit = rules.find(
      (r) => r.kind === 'keyword' && r.keywords.some((k) => (k.match === 'exact' ? needle === k.text : needle.includes(k.text))),
    );
    const rule = hit ?? rules.find((r) => r.kind === 'default');
    return rule ? pick(rule) : null;
  }

  /** Replies to a non-text message: the default rule only, as on WeChat. */
  async forOtherMessage(accountId: string): Promise<ReplyContent[] | null> {
    const [rule] = (await this.repo.list(accountId, 'default')).filter((r) => r.enabled);
    return rule ? pick(rule) : null;
  }

  /** Replies to a menu click (editor mode): the click rule for the key. */
  async forClick(accountId: string, key: string): Promise<ReplyContent[] | null> {
    const rule = (await this.repo.list(accountId, 'click')).find((r) => r.enabled && r.keywords[0]?.text === key);
    return rule ? pick(rule) : null;
  }

  private async require(accountId: string, id: string): Promise<ReplyRule> {
    const rule = await this.repo.find(accountId, id);
    if (!rule) throw new AppError('reply.not_found', `rule ${id} not found`);
    return rule;
  }

  /** Follow welcome and default reply exist once per account. */
  private async ensureSingle(accountId: string, kind: ReplyRuleKind): Promise<void> {
    if ((kind === 'follow' || kind === 'default') && (await this.repo.list(accountId, kind)).length) {
      throw new AppError('reply.duplicate', `the account already has a ${kind} reply; edit it instead`);
    }
  }
}

function pick(rule: ReplyRule): ReplyContent[] {
  return rule.replyMode === 'random' ? [rule.replies[randomInt(rule.replies.length)]!] : rule.replies;
}
