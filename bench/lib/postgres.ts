import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { defer } from './cleanup';

/** A database created for one scenario and dropped after it. */
export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty PostgreSQL database next to the admin URL's (as the test harness does), so
 * the bench never touches a database someone uses. Dropped with `WITH (FORCE)` so a pool that
 * was not closed cannot keep it alive.
 */
export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `gzh_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = defer(`drop database ${name}`, () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return { url: url.toString(), drop };
}

/** Resolves to why PostgreSQL cannot be used, or `null` when it can. */
export async function postgresUnavailable(adminUrl: string): Promise<string | null> {
  try {
    await adminQuery(adminUrl, 'SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
