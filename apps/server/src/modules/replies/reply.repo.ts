import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, ReplyRulesTable } from '../../db/schema';
import type { KeywordMatcher, ReplyContent, ReplyRule, ReplyRuleKind } from './reply.types';

/** Storage of auto-reply rules, per account, in their configured order. */
export class ReplyRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async list(accountId: string, kind?: ReplyRuleKind): Promise<ReplyRule[]> {
    let q = this.db.selectFrom('reply_rules').selectAll().where('account_id', '=', accountId);
    if (kind) q = q.where('kind', '=', kind);
    const rows = await q.orderBy('position').orderBy('created_at').execute();
    return rows.map(toRule);
  }

  async find(accountId: string, id: string): Promise<ReplyRule | undefined> {
    const row = await this.db
      .selectFrom('reply_rules')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toRule(row);
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('reply_rules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insert(rule: ReplyRule): Promise<void> {
    await this.db.insertInto('reply_rules').values(toRow(rule)).execute();
  }

  async update(rule: ReplyRule): Promise<void> {
    const { id, account_id, ...rest } = toRow(rule);
    await this.db.updateTable('reply_rules').set(rest).where('account_id', '=', account_id).where('id', '=', id).execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('reply_rules')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}

function toRow(rule: ReplyRule): Selectable<ReplyRulesTable> {
  return {
    id: rule.id,
    account_id: rule.accountId,
    kind: rule.kind,
    name: rule.name,
    keywords: JSON.stringify(rule.keywords),
    replies: JSON.stringify(rule.replies),
    reply_mode: rule.replyMode,
    enabled: rule.enabled ? 1 : 0,
    position: rule.position,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
  };
}

function toRule(row: Selectable<ReplyRulesTable>): ReplyRule {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind as ReplyRuleKind,
    name: row.name,
    keywords: JSON.parse(row.keywords) as KeywordMatcher[],
    replies: JSON.parse(row.replies) as ReplyContent[],
    replyMode: row.reply_mode as 'all' | 'random',
    enabled: row.enabled === 1,
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
