import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type QueryResult } from 'kysely';
import pg from 'pg';
import type { QueryRunner } from './query-template';
import { SqliteConnection, type GroupCommitErrorHandler } from './sqlite-connection';
import type { DatabaseSchema } from './schema';

/** Which engine backs a {@link Database}; only `db/` and adapters may branch on it. */
export type DialectName = 'sqlite' | 'postgres';

/** A Kysely handle plus the facts adapters need about the engine behind it. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  /**
   * Runs compiled queries on the hot path (see `QueryTemplate`), reads and single-statement
   * writes. On SQLite it executes the cached prepared statement directly, and writes share
   * commits (see `SqliteConnection`); on PostgreSQL it runs named prepared statements on the pool.
   */
  hot: QueryRunner;
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
  /** SQLite: told when a group of hot writes failed to commit (see `SqliteConnection`). */
  onGroupCommitError?: GroupCommitErrorHandler;
}

/** Without a logger (CLI, tests), a failed group commit still gets said somewhere. */
function reportGroupCommitError(error: unknown, writes: number): void {
  process.stderr.write(
    `gzh: committing ${writes} write(s) to SQLite failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
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
      hot: postgresRunner(pool),
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
  const connection = new SqliteConnection(sqlite, options.onGroupCommitError ?? reportGroupCommitError);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection.forKysely() }) });
  return {
    db,
    hot: connection.runner(db),
    dialect: 'sqlite',
    description: `sqlite ${file}`,
    // Kysely closes the file only if it ever opened its driver; the connection closes it anyway.
    close: async () => {
      await db.destroy();
      connection.close();
    },
  };
}

/**
 * The hot-path runner on PostgreSQL: compiled queries run as named prepared statements, which
 * each pooled connection parses and plans once. For the short statements of the hot paths (the
 * inbox, follower lookups, message and ledger inserts) planning costs several times the execution.
 */
function postgresRunner(pool: pg.Pool): QueryRunner {
  const names = new Map<string, string>();
  const nameOf = (sql: string): string => {
    let name = names.get(sql);
    if (!name) {
      name = `gzh_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      names.set(sql, name);
    }
    return name;
  };
  return {
    async executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      const result = await pool.query<R & pg.QueryResultRow>({
        name: nameOf(query.sql),
        text: query.sql,
        values: query.parameters as unknown[],
      });
      const affected = result.command === 'SELECT' || result.rowCount === null ? undefined : BigInt(result.rowCount);
      return affected === undefined ? { rows: result.rows } : { rows: result.rows, numAffectedRows: affected };
    },
  };
}
