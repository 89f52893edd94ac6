import type SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely, QueryResult, SqliteDatabase } from 'kysely';
import type { QueryRunner } from './query-template';
import type { DatabaseSchema } from './schema';

/** Prepared statements kept per SQL text (least recently used beyond this are finalized by GC). */
const STATEMENT_CACHE_SIZE = 256;

/** Told when a group of hot writes could not be committed (disk full, I/O error). */
export type GroupCommitErrorHandler = (error: unknown, writes: number) => void;

/**
 * gzh's one SQLite connection, shared by Kysely and the hot-path runner.
 *
 * **Statement cache.** Kysely's SQLite driver prepares every query afresh, and parsing the SQL was
 * the largest single cost of a hot open-API call. better-sqlite3 statements are reusable (it is
 * synchronous, and gzh never streams results), so they are cached by SQL text in a small LRU.
 *
 * **Group commit of hot writes.** In WAL mode a commit appends every page the statement touched
 * to the log, so a one-row insert into a table with three indexes costs several page writes, and
 * on the machines gzh runs on those system calls cost four times the statement itself. A follower
 * message is three writes (message, service window, push job) and its reply three more (ledger,
 * reply, job outcome). So hot writes do not commit one by one: the first opens a transaction,
 * later ones join it, and it commits on `process.nextTick`, once the code that is running (one
 * request's handler, one push's reply: gzh's statements never wait on I/O, so a whole handler
 * runs in one go) has finished. Its writes then share one commit.
 *
 * What this keeps: a statement is still atomic; a failing statement is undone alone (SQLite
 * keeps the transaction); nothing outside this process sees a write before its commit; a Kysely
 * statement (and so every Kysely transaction) first commits the open group, so groups and
 * transactions never mix. What it changes: this process sees its own writes, and may act on
 * them (answer a request, push to a developer server), a few microseconds before they are
 * durable. A crash inside that window loses the group; `synchronous = NORMAL` already accepts
 * losing the last commits to a power failure, and an I/O error at commit is reported.
 */
export class SqliteConnection {
  private readonly cache = new Map<string, SQLite.Statement>();
  /** Whether a group is open, and how many writes it holds (for the error report). */
  private open = false;
  private grouped = 0;
  private readonly begin: SQLite.Statement;
  private readonly commit: SQLite.Statement;
  private readonly rollback: SQLite.Statement;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly onGroupError: GroupCommitErrorHandler,
  ) {
    this.begin = sqlite.prepare('begin');
    this.commit = sqlite.prepare('commit');
    this.rollback = sqlite.prepare('rollback');
  }

  /** The connection as Kysely's driver sees it: anything it runs first commits the open group. */
  forKysely(): SqliteDatabase {
    return {
      close: () => this.close(),
      prepare: (sql: string) => {
        this.flush();
        return this.statement(sql);
      },
    };
  }

  /**
   * The hot-path runner (see `Database.hot`): compiled statements run directly, skipping
   * Kysely's per-query mutex and promise chain. Reads run at once; writes join the group. While
   * a Kysely transaction is open the group cannot be (the transaction's work must not share its
   * fate), so writes then wait their turn through Kysely.
   */
  runner(db: Kysely<DatabaseSchema>): QueryRunner {
    return {
      // async: a statement that throws becomes a rejection, as Kysely's own would.
      executeQuery: async <R>(query: CompiledQuery<R>): Promise<QueryResult<R>> => {
        const statement = this.statement(query.sql);
        const parameters = query.parameters as unknown[];
        if (query.query.kind === 'SelectQueryNode') return { rows: statement.all(parameters) as R[] };
        if (!this.open && this.sqlite.inTransaction) return db.executeQuery(query);
        return this.write<R>(statement, parameters);
      },
    };
  }

  /** Commits the open group and closes the file; again is a no-op. */
  close(): void {
    if (!this.sqlite.open) return;
    this.flush();
    this.sqlite.close();
  }

  /** Commits the open group now, if any (before Kysely runs anything, and at close). */
  flush(): void {
    if (!this.open) return;
    const writes = this.grouped;
    this.open = false;
    this.grouped = 0;
    try {
      this.commit.run();
    } catch (error) {
      try {
        if (this.sqlite.inTransaction) this.rollback.run();
      } catch {
        // The connection is unusable; the next statement will say so.
      }
      this.onGroupError(error, writes);
    }
  }

  private write<R>(statement: SQLite.Statement, parameters: unknown[]): QueryResult<R> {
    if (!this.open) {
      this.begin.run();
      this.open = true;
      process.nextTick(() => this.flush());
    }
    try {
      const result: QueryResult<R> = statement.reader
        ? { rows: statement.all(parameters) as R[] }
        : toResult(statement.run(parameters));
      this.grouped += 1;
      return result;
    } catch (error) {
      // Constraint errors undo the statement only; a few (I/O, full disk) end the transaction.
      if (!this.sqlite.inTransaction) {
        const lost = this.grouped;
        this.open = false;
        this.grouped = 0;
        if (lost > 0) this.onGroupError(error, lost);
      }
      throw error;
    }
  }

  private statement(sql: string): SQLite.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql);
    } else {
      statement = this.sqlite.prepare(sql);
      if (this.cache.size >= STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, statement);
    return statement;
  }
}

function toResult<R>({ changes, lastInsertRowid }: SQLite.RunResult): QueryResult<R> {
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}
