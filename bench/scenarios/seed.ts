import { sql } from 'kysely';
import type { DialectName } from '../../apps/server/src/db/database';
import { createBenchAccount, startBenchServer } from '../lib/gzh';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../lib/postgres';
import { tempDir } from '../lib/temp';
import { runFanOut, type FanOutResult } from './fanout';
import { timeRawSeed } from './seed-baseline';

/**
 * Scenario 2: follower seeding rate, `services.followerSeed.seed(appid, n)` against the
 * database's own `INSERT … SELECT` of the same rows on the same database (see seed-baseline.ts).
 *
 * It runs in the bench process: nothing else is running while it is timed, and it needs no HTTP,
 * so gzh is started with the worker role only (same adapters and pragmas as production).
 */

export interface SeedResult {
  dialect: DialectName;
  followers: number;
  gzhSeconds: number;
  baselineSeconds: number;
  /** Followers per second through the seeding service. */
  gzhRate: number;
  /** Followers (each with its person) per second through raw SQL. */
  baselineRate: number;
  /** gzh rate ÷ baseline rate. */
  ratio: number;
  /** The broadcast fan-out to the followers just seeded (see fanout.ts). */
  fanOut: FanOutResult;
}

export async function runSeed(options: {
  dialect: DialectName;
  followers: number;
  tempRoot: string;
  postgresAdminUrl: string;
  onProgress?: (done: number, total: number) => void;
  /** Called when seeding is measured and the broadcast fan-out starts. */
  onFanOut?: () => void;
}): Promise<SeedResult> {
  const { dialect, followers } = options;
  let throwaway: ThrowawayDatabase | undefined;
  if (dialect === 'postgres') throwaway = await createThrowawayDatabase(options.postgresAdminUrl);
  try {
    const dataDir = tempDir(options.tempRoot, `seed-${dialect}`);
    const server = await startBenchServer({
      dataDir,
      ...(throwaway ? { databaseUrl: throwaway.url } : {}),
      roles: ['worker'],
    });
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    };
    try {
      const { services } = server;
      const account = await createBenchAccount(server);
      const db = services.database.db;

      // The seeding service first, then the baseline: both then grow the database file.
      const started = performance.now();
      const seeded = await services.followerSeed.seed(account.appid, followers, options.onProgress);
      const gzhSeconds = (performance.now() - started) / 1000;
      const counted = await db
        .selectFrom('followers')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('account_id', '=', account.accountId)
        .executeTakeFirstOrThrow();
      if (seeded !== followers || Number(counted.n) !== followers) {
        throw new Error(`seeding reported ${seeded} and stored ${String(counted.n)} followers, expected ${followers}`);
      }
      // Start the baseline from a checkpointed WAL, as the seeding service started. CHECKPOINT
      // needs a privileged role on PostgreSQL; without one the baseline just starts later.
      if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      else await sql`CHECKPOINT`.execute(db).catch(() => undefined);

      const baselineSeconds = await timeRawSeed(db, dialect, account.accountId, followers, services.clock.nowMs());
      const gzhRate = followers / gzhSeconds;
      const baselineRate = followers / baselineSeconds;
      // The broadcast runs in a gzh process of its own on this database (see fanout.ts).
      await stop();
      options.onFanOut?.();
      const fanOut = await runFanOut({
        dialect,
        dataDir,
        ...(throwaway ? { databaseUrl: throwaway.url } : {}),
        accountId: account.accountId,
        followers,
      });
      return { dialect, followers, gzhSeconds, baselineSeconds, gzhRate, baselineRate, ratio: gzhRate / baselineRate, fanOut };
    } finally {
      await stop();
    }
  } finally {
    await throwaway?.drop();
  }
}
