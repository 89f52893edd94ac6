import { sql, type Kysely, type RawBuilder } from 'kysely';
import { Agent, request } from 'undici';
import type { DialectName } from '../../apps/server/src/db/database';
import type { DatabaseSchema } from '../../apps/server/src/db/schema';
import type { RunningServer } from '../../apps/server/src/main';
import { BROADCAST_FINISHED, type BroadcastEvent } from '../../apps/server/src/modules/broadcasts/broadcast.service';
import type { BroadcastDoneMessage } from '../lib/child-protocol';
import { startServerChild } from '../lib/children';

/**
 * Scenario: one broadcast (群发) to every follower of the account the seeding scenario just filled,
 * on SQLite and on PostgreSQL alike.
 *
 * - gzh runs alone in a child process on that database (so its peak RSS is the fan-out's, not
 *   the bench's): `services.broadcasts.submit` (what `mass/sendall` calls) until the fan-out job
 *   announces the broadcast finished — queue pickup, keyset pages, set-wise `INSERT … SELECT` of
 *   deliveries with their cursor and counters, all included. Throttling to WeChat's documented
 *   speed levels is off (`massThrottle: false`): at level 0 (800,000 a minute) a million
 *   followers take 75 s by design, and the goal here is the platform's own ceiling.
 * - Baseline, same run, same database, same process: the engine's own `INSERT … SELECT` of the
 *   same rows (same audience predicate) into a scratch table with the same key and index as
 *   `broadcast_deliveries`.
 * - The follower inbox (`GET /api/follower/broadcasts`) over HTTP at that size: sequential
 *   requests from recipients picked at random, each with its own session.
 */

export interface FanOutResult {
  dialect: DialectName;
  followers: number;
  gzhSeconds: number;
  baselineSeconds: number;
  /** gzh deliveries per second ÷ baseline rows per second. */
  ratio: number;
  /** Peak resident set size of the gzh process (`maxRSS`), in MB. */
  peakRssMb: number;
  /** Resident set size of the gzh process just before the broadcast, in MB. */
  startRssMb: number;
  inbox: { requests: number; p50: number; p99: number; max: number };
}

const INBOX_PEOPLE = 200;
const INBOX_REQUESTS = 2_000;
/** Requests before measuring: statement caches and the JIT warm up as in a running server. */
const INBOX_WARMUP = 200;
/** A million-row fan-out plus its checks; generous for a slow, busy machine. */
const FANOUT_TIMEOUT_MS = 300_000;

/** Parent side: starts the gzh child on the seeded database and runs the three measurements. */
export async function runFanOut(options: {
  dialect: DialectName;
  dataDir: string;
  databaseUrl?: string;
  accountId: string;
  followers: number;
}): Promise<FanOutResult> {
  const { dialect, followers } = options;
  const child = await startServerChild({
    kind: 'fanout',
    dataDir: options.dataDir,
    accountId: options.accountId,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  try {
    const done = await child.ask<'broadcast'>({ type: 'broadcast', sessions: INBOX_PEOPLE }, FANOUT_TIMEOUT_MS);
    if (done.sent !== followers) throw new Error(`the fan-out reached ${done.sent} followers, expected ${followers}`);
    const inbox = await timeInbox(child.ready.url, done);
    const raw = await child.ask<'raw-fanout'>({ type: 'raw-fanout' }, FANOUT_TIMEOUT_MS);
    return {
      dialect,
      followers,
      gzhSeconds: done.seconds,
      baselineSeconds: raw.seconds,
      ratio: raw.seconds / done.seconds,
      peakRssMb: done.peakRssMb,
      startRssMb: done.startRssMb,
      inbox,
    };
  } finally {
    await child.stop();
  }
}

/** Inbox requests over HTTP from random recipients, one at a time; latencies in ms. */
async function timeInbox(url: string, done: BroadcastDoneMessage): Promise<FanOutResult['inbox']> {
  const agent = new Agent({ connections: 1 });
  const latencies: number[] = [];
  try {
    for (let i = -INBOX_WARMUP; i < INBOX_REQUESTS; i++) {
      const t0 = performance.now();
      const res = await request(`${url}/api/follower/broadcasts?limit=20`, {
        dispatcher: agent,
        headers: { authorization: `Bearer ${done.tokens[(i + INBOX_WARMUP) % done.tokens.length]!}` },
      });
      const body = (await res.body.json()) as { broadcasts?: { id: number }[] };
      if (i >= 0) latencies.push(performance.now() - t0);
      if (res.statusCode !== 200 || body.broadcasts?.[0]?.id !== done.msgId) {
        throw new Error(`inbox answered ${res.statusCode}: ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
  } finally {
    await agent.close();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1)! };
}

/** Child side: broadcasts a text to every follower of the account and waits for completion. */
export async function broadcastToAll(
  server: RunningServer,
  accountId: string,
  sessions: number,
): Promise<Omit<BroadcastDoneMessage, 'type'>> {
  const { services } = server;
  const db = services.database.db;
  await checkpoint(db, services.database.dialect);
  const finished = new Promise<void>((resolve) => {
    const off = services.bus.subscribe(BROADCAST_FINISHED, (payload) => {
      if ((payload as BroadcastEvent).accountId === accountId) {
        off();
        resolve();
      }
    });
  });
  const startRssMb = process.memoryUsage.rss() / 1_048_576;
  const started = performance.now();
  const broadcast = await services.broadcasts.submit(accountId, {
    audience: { kind: 'all' },
    msgtype: 'text',
    payload: { text: { content: 'bench broadcast' } },
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const b = await services.broadcasts.get(accountId, broadcast.id);
  const stored = await count(db, sql`SELECT count(*) AS n FROM broadcast_deliveries WHERE broadcast_id = ${broadcast.id}`);
  if (b.status !== 'SEND_SUCCESS' || stored !== b.sentCount) {
    throw new Error(`fan-out ended ${b.status} with ${b.sentCount} sent and ${stored} stored`);
  }
  // Let the database settle before the inbox is measured: on PostgreSQL autovacuum would otherwise
  // vacuum the million new rows during the measurement, on two shared cores. Not timed.
  if (services.database.dialect === 'postgres') await sql`VACUUM (ANALYZE) broadcast_deliveries`.execute(db);
  const { rows } = await sql<{ person_id: string }>`SELECT person_id FROM followers WHERE account_id = ${accountId}
    ORDER BY random() LIMIT ${sessions}`.execute(db);
  const tokens = await Promise.all(rows.map((r) => services.followers.issueSession(r.person_id)));
  return { msgId: broadcast.id, seconds, sent: b.sentCount, startRssMb, peakRssMb, tokens };
}

/** The scratch twin of `broadcast_deliveries` (migrations/20261124030000-broadcasts.ts); keep in step. */
function ddl(dialect: DialectName): RawBuilder<unknown>[] {
  return [
    sql`CREATE TABLE bench_deliveries (broadcast_id bigint NOT NULL, follower_id bigint NOT NULL, status integer NOT NULL,
      PRIMARY KEY (broadcast_id, follower_id))${dialect === 'sqlite' ? sql` WITHOUT ROWID` : sql``}`,
    sql`CREATE INDEX bench_deliveries_follower_idx ON bench_deliveries (follower_id, broadcast_id)`,
  ];
}

/** Child side: the baseline, the same deliveries written by one statement; returns its seconds. */
export async function timeRawFanOut(server: RunningServer, accountId: string): Promise<number> {
  const { db, dialect } = server.services.database;
  await checkpoint(db, dialect);
  const expected = await count(
    db,
    sql`SELECT count(*) AS n FROM followers WHERE account_id = ${accountId} AND subscribed = 1 AND blacklisted = 0`,
  );
  for (const statement of ddl(dialect)) await statement.execute(db);
  try {
    const started = performance.now();
    await sql`INSERT INTO bench_deliveries (broadcast_id, follower_id, status)
      SELECT 1, id, 0 FROM followers WHERE account_id = ${accountId} AND subscribed = 1 AND blacklisted = 0`.execute(db);
    const seconds = (performance.now() - started) / 1000;
    const stored = await count(db, sql`SELECT count(*) AS n FROM bench_deliveries`);
    if (stored !== expected) throw new Error(`raw fan-out inserted ${stored} rows, expected ${expected}`);
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
