import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type QueryResult, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { QueryRunner } from './query-template';
import type { DatabaseSchema } from './schema';

/** Which engine backs a {@link Database}; only `db/` and adapters may branch on it. */
export type DialectName = 'sqlite' | 'postgres';

/** A Kysely handle plus the facts adapters need about the engine behind it. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  /**
   * Runs compiled read-only queries on the hot path (see `QueryTemplate`). On SQLite it executes
   * the cached prepared statement directly, skipping Kysely's per-query connection mutex and
   * promise chain; a read is one atomic statement on the single connection, so nothing needs the
   * mutex. On PostgreSQL it is the Kysely instance itself.
   */
  reader: QueryRunner;
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
      reader: postgresReader(pool),
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
  const cached = withStatementCache(sqlite);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: cached }) });
  return { db, reader: sqliteReader(cached), dialect: 'sqlite', description: `sqlite ${file}`, close: () => db.destroy() };
}

/**
 * The hot-path reader on PostgreSQL: compiled queries run as named prepared statements, which
 * each pooled connection parses and plans once. For the short joins of the hot reads (the inbox,
 * follower lookups) planning costs several times the execution.
 */
function postgresReader(pool: pg.Pool): QueryRunner {
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
      return { rows: result.rows };
    },
  };
}

function sqliteReader(database: SqliteDatabase): QueryRunner {
  return {
    executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      const statement = database.prepare(query.sql);
      if (!statement.reader) return Promise.reject(new Error('the hot-path reader only runs queries that return rows'));
      return Promise.resolve({ rows: statement.all(query.parameters) as R[] });
    },
  };
}

/** Prepared statements kept per SQL text (least recently used beyond this are finalized by GC). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query afresh, and parsing the SQL was the largest single
 * cost of a hot open-API call. better-sqlite3 statements are reusable (it is synchronous, and gzh
 * never streams results), so they are cached by SQL text in a small LRU.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
