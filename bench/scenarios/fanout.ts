import { sql, type Kysely, type RawBuilder } from 'kysely';
import { Agent, request } from 'undici';
import type { DialectName } from '../../apps/server/src/db/database';
import type { DatabaseSchema } from '../../apps/server/src/db/schema';
import type { RunningServer } from '../../apps/server/src/main';
import { BROADCAST_FINISHED, type BroadcastEvent } from '../../apps/server/src/modules/broadcasts/broadcast.service';
import type { BenchAccount } from '../lib/gzh';

/**
 * Scenario: one broadcast (群发) to every follower of the seeded account, on the server the
 * seeding scenario just filled (so it runs on SQLite and on PostgreSQL alike).
 *
 * - gzh: `services.broadcasts.submit` (what `mass/sendall` calls) until the fan-out job reports
 *   the broadcast finished: queue pickup, keyset pages, set-wise `INSERT … SELECT` of deliveries
 *   with their cursor and counters, all included. Throttling to WeChat's documented speed levels is
 *   off (`massThrottle: false`): at level 0 (800,000 a minute) a million followers take 75 s by
 *   design, and the goal here is the platform's own ceiling.
 * - Baseline, same run, same database: the engine's own `INSERT … SELECT` of the same rows (same
 *   audience predicate) into a scratch table with the same key and index as `broadcast_deliveries`.
 * - Peak RSS of the process while it fans out (sampled every 10 ms), and the follower inbox
 *   (`GET /api/follower/broadcasts`) over HTTP at that size: sequential requests from followers
 *   picked at random, each with its own session.
 */

export interface FanOutResult {
  dialect: DialectName;
  followers: number;
  gzhSeconds: number;
  baselineSeconds: number;
  /** gzh deliveries per second ÷ baseline rows per second. */
  ratio: number;
  /** Highest resident set size seen during the fan-out, in MB. */
  peakRssMb: number;
  /** Resident set size just before the broadcast was submitted, in MB. */
  startRssMb: number;
  inbox: { requests: number; p50: number; p99: number; max: number };
}

const INBOX_PEOPLE = 200;
const INBOX_REQUESTS = 2_000;
/** Requests before measuring: statement caches and the JIT warm up as in a running server. */
const INBOX_WARMUP = 200;

export async function runFanOut(
  server: RunningServer,
  account: BenchAccount,
  dialect: DialectName,
  followers: number,
): Promise<FanOutResult> {
  const { services } = server;
  const db = services.database.db;
  await checkpoint(db, dialect);

  // gzh: submit, then wait for the fan-out job to announce completion.
  const finished = new Promise<void>((resolve) => {
    const off = services.bus.subscribe(BROADCAST_FINISHED, (payload) => {
      if ((payload as BroadcastEvent).accountId === account.accountId) {
        off();
        resolve();
      }
    });
  });
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  const broadcast = await services.broadcasts.submit(account.accountId, {
    audience: { kind: 'all' },
    msgtype: 'text',
    payload: { text: { content: 'bench broadcast' } },
  });
  await finished;
  const gzhSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());

  const done = await services.broadcasts.get(account.accountId, broadcast.id);
  const stored = await count(db, sql`SELECT count(*) AS n FROM broadcast_deliveries WHERE broadcast_id = ${broadcast.id}`);
  if (done.status !== 'SEND_SUCCESS' || done.sentCount !== followers || stored !== followers) {
    throw new Error(`fan-out ended ${done.status} with ${done.sentCount} sent and ${stored} stored, expected ${followers}`);
  }

  const inbox = await timeInbox(server, account, dialect);
  await checkpoint(db, dialect);
  const baselineSeconds = await timeRawFanOut(db, dialect, account.accountId, followers);
  return {
    dialect,
    followers,
    gzhSeconds,
    baselineSeconds,
    ratio: baselineSeconds / gzhSeconds,
    peakRssMb: peakRss / 1_048_576,
    startRssMb: startRss / 1_048_576,
    inbox,
  };
}

/** Inbox requests over HTTP from random followers, one at a time; latencies in ms. */
async function timeInbox(server: RunningServer, account: BenchAccount, dialect: DialectName): Promise<FanOutResult['inbox']> {
  const { services } = server;
  const random = dialect === 'postgres' ? sql`random()` : sql`random()`;
  const { rows } = await sql<{ person_id: string }>`SELECT person_id FROM followers WHERE account_id = ${account.accountId}
    ORDER BY ${random} LIMIT ${INBOX_PEOPLE}`.execute(services.database.db);
  const tokens = await Promise.all(rows.map((r) => services.followers.issueSession(r.person_id)));
  const agent = new Agent({ connections: 1 });
  const latencies: number[] = [];
  try {
    for (let i = -INBOX_WARMUP; i < INBOX_REQUESTS; i++) {
      const t0 = performance.now();
      const res = await request(`${server.url!}/api/follower/broadcasts?limit=20`, {
        dispatcher: agent,
        headers: { authorization: `Bearer ${tokens[(i + INBOX_WARMUP) % tokens.length]!}` },
      });
      const body = (await res.body.json()) as { broadcasts?: unknown[] };
      if (i >= 0) latencies.push(performance.now() - t0);
      if (res.statusCode !== 200 || body.broadcasts?.length !== 1)
        throw new Error(`inbox answered ${res.statusCode}: ${JSON.stringify(body)}`);
    }
  } finally {
    await agent.close();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1)! };
}

/** The scratch twin of `broadcast_deliveries` (migrations/20261124030000-broadcasts.ts); keep in step. */
function ddl(dialect: DialectName): RawBuilder<unknown>[] {
  return [
    sql`CREATE TABLE bench_deliveries (broadcast_id bigint NOT NULL, follower_id bigint NOT NULL, status integer NOT NULL,
      PRIMARY KEY (broadcast_id, follower_id))${dialect === 'sqlite' ? sql` WITHOUT ROWID` : sql``}`,
    sql`CREATE INDEX bench_deliveries_follower_idx ON bench_deliveries (follower_id, broadcast_id)`,
  ];
}

async function timeRawFanOut(db: Kysely<DatabaseSchema>, dialect: DialectName, accountId: string, n: number): Promise<number> {
  for (const statement of ddl(dialect)) await statement.execute(db);
  try {
    const started = performance.now();
    await sql`INSERT INTO bench_deliveries (broadcast_id, follower_id, status)
      SELECT 1, id, 0 FROM followers WHERE account_id = ${accountId} AND subscribed = 1 AND blacklisted = 0`.execute(db);
    const seconds = (performance.now() - started) / 1000;
    const stored = await count(db, sql`SELECT count(*) AS n FROM bench_deliveries`);
    if (stored !== n) throw new Error(`raw fan-out inserted ${stored} rows, expected ${n}`);
    return seconds;
  } finally {
    await sql`DROP TABLE IF EXISTS bench_deliveries`.execute(db);
  }
}

async function count(db: Kysely<DatabaseSchema>, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await (query as RawBuilder<{ n: number | string }>).execute(db);
  return Number(rows[0]?.n);
}

/** Starts from a checkpointed WAL (PostgreSQL: only with a privileged role; otherwise skipped). */
async function checkpoint(db: Kysely<DatabaseSchema>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  else await sql`CHECKPOINT`.execute(db).catch(() => undefined);
}
