import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import { newId } from '../../shared/ids';

/** Storage of per-day API usage counters and quota resets. */
export class QuotaRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async used(accountId: string, api: string, day: string): Promise<number> {
    const row = await this.db
      .selectFrom('api_quota_usage')
      .select('used')
      .where('account_id', '=', accountId)
      .where('api', '=', api)
      .where('day', '=', day)
      .executeTakeFirst();
    return row?.used ?? 0;
  }

  /** Adds `delta` to a counter, creating it when absent (one statement, safe across nodes). */
  async add(accountId: string, api: string, day: string, delta: number): Promise<void> {
    await this.db
      .insertInto('api_quota_usage')
      .values({ account_id: accountId, api, day, used: delta })
      .onConflict((oc) => oc.columns(['account_id', 'api', 'day']).doUpdateSet({ used: sql`api_quota_usage.used + ${delta}` }))
      .execute();
  }

  /** Resets one account's counters for a day: every API, or one. */
  async reset(accountId: string, day: string, api?: string): Promise<void> {
    let q = this.db.deleteFrom('api_quota_usage').where('account_id', '=', accountId).where('day', '=', day);
    if (api) q = q.where('api', '=', api);
    await q.execute();
  }

  async countClears(accountId: string, month: string, scope: string): Promise<number> {
    const row = await this.db
      .selectFrom('quota_clears')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('month', '=', month)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async recordClear(accountId: string, month: string, scope: string, atMs: number): Promise<void> {
    await this.db
      .insertInto('quota_clears')
      .values({ id: newId('qc'), account_id: accountId, scope, month, cleared_at: atMs })
      .execute();
  }
}
