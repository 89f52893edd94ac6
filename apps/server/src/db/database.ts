import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseSchema } from './schema';

/** Which engine backs a {@link Database}; only `db/` and adapters may branch on it. */
export type DialectName = 'sqlite' | 'postgres';

/** A Kysely handle plus the facts adapters need about the engine behind it. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  /** Human description for logs, without credentials. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; when absent SQLite is used in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Opens the database chosen by configuration. SQLite runs in WAL mode with a busy timeout so the
 * CLI can write while a server is running on the same data directory; PostgreSQL parses 64-bit
 * integers (epoch-ms times, counts) to numbers, which is exact for every value gzh stores there.
 */
export function createDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
          oid === INT8_OID || oid === NUMERIC_OID
            ? (value: string) => Number(value)
            : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      dialect: 'postgres',
      description: `postgres ${url.host}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'gzh.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', description: `sqlite ${file}`, close: () => db.destroy() };
}
