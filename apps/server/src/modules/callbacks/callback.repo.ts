import type { Kysely, Selectable } from 'kysely';
import { lazy, RowInsert, type QueryRunner } from '../../db/query-template';
import type { CallbackDeliveriesTable, DatabaseSchema } from '../../db/schema';
import type { PushOutcome } from './push-sender';

/** One attempt in the delivery ledger. */
export interface DeliveryEntry {
  id: string;
  accountId: string;
  pushId: string;
  /** `message`, an event name, or `replay`. */
  kind: string;
  openid: string | null;
  messageId: number | null;
  attempt: number;
  mode: string;
  url: string;
  query: string;
  plainBody: string;
  sentBody: string;
  outcome: PushOutcome;
  httpStatus: number | null;
  responseBody: string | null;
  replyType: string | null;
  error: string | null;
  latencyMs: number;
  replayOf: string | null;
  createdAt: number;
}

export interface DeliveryFilter {
  outcome?: string;
  kind?: string;
  openid?: string;
  /** Keyset paging, newest first: entries older than this entry id. */
  before?: string;
  limit: number;
}

/** Storage of the delivery ledger; every method is scoped to one account. */
export class CallbackRepo {
  /** `hot` runs the precompiled ledger insert, one per push attempt (see `Database.hot`). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly hot: QueryRunner = db,
  ) {}

  private readonly insertRow = lazy(
    () =>
      new RowInsert(this.hot, (row: Selectable<CallbackDeliveriesTable>) =>
        this.db.insertInto('callback_deliveries').values(row),
      ),
  );

  async insert(entry: DeliveryEntry): Promise<void> {
    await this.insertRow().run(toRow(entry));
  }

  async find(accountId: string, id: string): Promise<DeliveryEntry | undefined> {
    const row = await this.db
      .selectFrom('callback_deliveries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEntry(row);
  }

  async list(accountId: string, filter: DeliveryFilter): Promise<DeliveryEntry[]> {
    let q = this.db.selectFrom('callback_deliveries').selectAll().where('account_id', '=', accountId);
    if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.openid) q = q.where('openid', '=', filter.openid);
    // Ids sort by creation time (see newSortableId), so one column orders and pages the ledger
    // even when many attempts share a millisecond.
    if (filter.before !== undefined) q = q.where('id', '<', filter.before);
    const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toEntry);
  }

  async forPush(accountId: string, pushId: string): Promise<DeliveryEntry[]> {
    const rows = await this.db
      .selectFrom('callback_deliveries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('push_id', '=', pushId)
      .orderBy('id')
      .execute();
    return rows.map(toEntry);
  }

  /** Deletes entries older than `beforeMs` (retention). */
  async purge(beforeMs: number): Promise<number> {
    const res = await this.db.deleteFrom('callback_deliveries').where('created_at', '<', beforeMs).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

function toRow(e: DeliveryEntry): Selectable<CallbackDeliveriesTable> {
  return {
    id: e.id,
    account_id: e.accountId,
    push_id: e.pushId,
    kind: e.kind,
    openid: e.openid,
    message_id: e.messageId,
    attempt: e.attempt,
    mode: e.mode,
    url: e.url,
    query: e.query,
    plain_body: e.plainBody,
    sent_body: e.sentBody,
    outcome: e.outcome,
    http_status: e.httpStatus,
    response_body: e.responseBody,
    reply_type: e.replyType,
    error: e.error,
    latency_ms: e.latencyMs,
    replay_of: e.replayOf,
    created_at: e.createdAt,
  };
}

function toEntry(r: Selectable<CallbackDeliveriesTable>): DeliveryEntry {
  return {
    id: r.id,
    accountId: r.account_id,
    pushId: r.push_id,
    kind: r.kind,
    openid: r.openid,
    messageId: r.message_id === null ? null : Number(r.message_id),
    attempt: r.attempt,
    mode: r.mode,
    url: r.url,
    query: r.query,
    plainBody: r.plain_body,
    sentBody: r.sent_body,
    outcome: r.outcome as PushOutcome,
    httpStatus: r.http_status,
    responseBody: r.response_body,
    replyType: r.reply_type,
    error: r.error,
    latencyMs: r.latency_ms,
    replayOf: r.replay_of,
    createdAt: r.created_at,
  };
}
