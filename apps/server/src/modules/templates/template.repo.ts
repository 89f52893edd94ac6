import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, TemplateSendsTable, TemplatesTable } from '../../db/schema';
import type { IndustryPair, PrivateTemplate, TemplateNotice, TemplateSend, TemplateSendStatus } from './template.types';

/**
 * The storage the template service needs, as a structural type so unit tests can pass an
 * in-memory fake. Every method is scoped to one account.
 */
export type TemplateStore = Pick<TemplateRepo, keyof TemplateRepo>;

/**
 * Storage of template notices: industries, private templates, sends, and the follower's
 * `blocks_notices` flag. The flag is a column of `followers` but only this module reads or
 * writes it, so it is kept here rather than spread into the followers module.
 */
export class TemplateRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  // ── industries ─────────────────────────────────────────────────────────────────────────────

  async industry(accountId: string): Promise<IndustryPair | null> {
    const row = await this.db
      .selectFrom('template_industries')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? { primaryId: row.primary_id, secondaryId: row.secondary_id, changedAt: Number(row.changed_at) } : null;
  }

  /**
   * Stores the pair and removes the private templates of other industries in one transaction
   * (WeChat deletes a template whose industry the account leaves). Returns how many were removed.
   */
  async setIndustry(accountId: string, pair: IndustryPair): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('template_industries')
        .values({ account_id: accountId, primary_id: pair.primaryId, secondary_id: pair.secondaryId, changed_at: pair.changedAt })
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({
            primary_id: pair.primaryId,
            secondary_id: pair.secondaryId,
            changed_at: pair.changedAt,
          }),
        )
        .execute();
      const removed = await trx
        .deleteFrom('templates')
        .where('account_id', '=', accountId)
        .where('industry_id', 'not in', [pair.primaryId, pair.secondaryId])
        .executeTakeFirst();
      return Number(removed.numDeletedRows);
    });
  }

  // ── private templates ──────────────────────────────────────────────────────────────────────

  async templates(accountId: string): Promise<PrivateTemplate[]> {
    const rows = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .orderBy('template_id')
      .execute();
    return rows.map(toTemplate);
  }

  async template(accountId: string, templateId: string): Promise<PrivateTemplate | undefined> {
    const row = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return row && toTemplate(row);
  }

  async countTemplates(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insertTemplate(accountId: string, template: PrivateTemplate): Promise<void> {
    await this.db
      .insertInto('templates')
      .values({
        template_id: template.templateId,
        account_id: accountId,
        short_id: template.shortId,
        industry_id: template.industryId,
        title: template.title,
        primary_industry: template.primaryIndustry,
        deputy_industry: template.deputyIndustry,
        content: template.content,
        example: template.example,
        keywords: JSON.stringify(template.keywords),
        created_at: template.createdAt,
      })
      .execute();
  }

  /** Deletes one private template; false when the account has no such template. */
  async deleteTemplate(accountId: string, templateId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('templates')
      .where('account_id', '=', accountId)
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // ── sends ──────────────────────────────────────────────────────────────────────────────────

  /** Stores a send; throws on a msgid or live `client_msg_id` collision (unique indexes). */
  async insertSend(send: TemplateSend): Promise<void> {
    await this.db
      .insertInto('template_sends')
      .values({
        msgid: send.msgid,
        account_id: send.accountId,
        template_id: send.templateId,
        follower_id: send.followerId,
        openid: send.openid,
        client_msg_id: send.clientMsgId,
        body: JSON.stringify(send.notice),
        status: send.status,
        message_id: send.messageId,
        created_at: send.createdAt,
        updated_at: send.updatedAt,
      })
      .execute();
  }

  async send(accountId: string, msgid: string): Promise<TemplateSend | undefined> {
    const row = await this.db
      .selectFrom('template_sends')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('msgid', '=', msgid)
      .executeTakeFirst();
    return row && toSend(row);
  }

  async sendByClientMsgId(accountId: string, clientMsgId: string): Promise<TemplateSend | undefined> {
    const row = await this.db
      .selectFrom('template_sends')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('client_msg_id', '=', clientMsgId)
      .executeTakeFirst();
    return row && toSend(row);
  }

  /** Frees a `client_msg_id` whose idempotency window is over, so it can be used again. */
  async releaseClientMsgId(accountId: string, msgid: string): Promise<void> {
    await this.db
      .updateTable('template_sends')
      .set({ client_msg_id: null })
      .where('account_id', '=', accountId)
      .where('msgid', '=', msgid)
      .execute();
  }

  async finishSend(
    accountId: string,
    msgid: string,
    status: TemplateSendStatus,
    messageId: number | null,
    atMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('template_sends')
      .set({ status, message_id: messageId, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('msgid', '=', msgid)
      .execute();
  }

  /** Latest sends first (console history). */
  async recentSends(accountId: string, limit: number): Promise<TemplateSend[]> {
    const rows = await this.db
      .selectFrom('template_sends')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('msgid', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toSend);
  }

  // ── the follower's refusal ─────────────────────────────────────────────────────────────────

  async blocksNotices(accountId: string, followerId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('followers')
      .select('blocks_notices')
      .where('account_id', '=', accountId)
      .where('id', '=', followerId)
      .executeTakeFirst();
    return row?.blocks_notices === 1;
  }

  async setBlocksNotices(accountId: string, followerId: number, blocked: boolean, atMs: number): Promise<void> {
    await this.db
      .updateTable('followers')
      .set({ blocks_notices: blocked ? 1 : 0, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('id', '=', followerId)
      .execute();
  }
}

function toTemplate(row: Selectable<TemplatesTable>): PrivateTemplate {
  return {
    templateId: row.template_id,
    shortId: row.short_id,
    industryId: row.industry_id,
    title: row.title,
    primaryIndustry: row.primary_industry,
    deputyIndustry: row.deputy_industry,
    content: row.content,
    example: row.example,
    keywords: JSON.parse(row.keywords) as string[],
    createdAt: Number(row.created_at),
  };
}

function toSend(row: Selectable<TemplateSendsTable>): TemplateSend {
  return {
    msgid: row.msgid,
    accountId: row.account_id,
    templateId: row.template_id,
    followerId: Number(row.follower_id),
    openid: row.openid,
    clientMsgId: row.client_msg_id,
    notice: JSON.parse(row.body) as TemplateNotice,
    status: row.status as TemplateSendStatus,
    messageId: row.message_id === null ? null : Number(row.message_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
