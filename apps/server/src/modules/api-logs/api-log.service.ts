import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { Clock } from '../../shared/clock';

/** One failed open-API request, as `openapi/rid/get` reports it. */
export interface ApiRequestLog {
  rid: string;
  accountId: string | null;
  /** Epoch milliseconds (the wire shows seconds). */
  invokeTime: number;
  costInMs: number;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
  errcode: number;
}

/** How long request logs are kept (WeChat keeps rids 7 days). */
export const API_LOG_RETENTION_MS = 7 * 86_400_000;
/** Bodies are truncated to this many characters in the log. */
const MAX_BODY_CHARS = 4096;

/**
 * Records failed open-API requests under their rid, so a developer can paste the rid from an
 * errmsg into `openapi/rid/get` and see what the server received. Successful calls are not
 * recorded: that keeps the hot path free of writes.
 */
export class ApiLogService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async record(log: ApiRequestLog): Promise<void> {
    await this.db
      .insertInto('api_request_logs')
      .values({
        rid: log.rid,
        account_id: log.accountId,
        invoke_time: log.invokeTime,
        cost_in_ms: log.costInMs,
        request_url: log.requestUrl.slice(0, MAX_BODY_CHARS),
        request_body: log.requestBody.slice(0, MAX_BODY_CHARS),
        response_body: log.responseBody.slice(0, MAX_BODY_CHARS),
        client_ip: log.clientIp,
        errcode: log.errcode,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async find(rid: string): Promise<ApiRequestLog | undefined> {
    const row = await this.db.selectFrom('api_request_logs').selectAll().where('rid', '=', rid).executeTakeFirst();
    if (!row || row.invoke_time < this.clock.nowMs() - API_LOG_RETENTION_MS) return undefined;
    return {
      rid: row.rid,
      accountId: row.account_id,
      invokeTime: row.invoke_time,
      costInMs: row.cost_in_ms,
      requestUrl: row.request_url,
      requestBody: row.request_body,
      responseBody: row.response_body,
      clientIp: row.client_ip,
      errcode: row.errcode,
    };
  }

  /** Deletes logs past retention (scheduler role). */
  async purge(): Promise<number> {
    const res = await this.db
      .deleteFrom('api_request_logs')
      .where('invoke_time', '<', this.clock.nowMs() - API_LOG_RETENTION_MS)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
