import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** What a template needs of a Kysely instance (any schema, or a transaction). */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

const SENTINEL = '\u0000gzh-arg:';

/**
 * A Kysely query compiled once and re-run with new arguments — for hot paths (the open API's
 * follower lookups, the conversation round trip's inserts), where building and compiling the
 * query tree cost as much as running it.
 *
 * The query is built once with sentinel strings in place of the arguments; their positions in the
 * compiled parameter list are recorded, and later runs only swap parameters. Parameters the
 * builder adds by itself (literals like `subscribed = 1`) are kept. If an argument does not show
 * up exactly once as a parameter, the template falls back to building every time.
 */
export class QueryTemplate<A extends readonly unknown[], R> {
  private compiled: CompiledQuery<R> | null | undefined;
  private slots: (number | undefined)[] = [];

  constructor(
    private readonly db: QueryRunner,
    private readonly build: (...args: A) => Compilable<R>,
  ) {}

  async execute(...args: A): Promise<R[]> {
    return (await this.run(...args)).rows;
  }

  /** Runs the statement; the whole result, for writes that need the affected row count. */
  run(...args: A): Promise<QueryResult<R>> {
    const compiled = this.compiled === undefined ? this.prepare(args.length) : this.compiled;
    if (compiled === null) return this.db.executeQuery(this.build(...args).compile());
    const parameters = compiled.parameters.map((p, i) => {
      const slot = this.slots[i];
      return slot === undefined ? p : args[slot];
    });
    return this.db.executeQuery<R>({ ...compiled, parameters });
  }

  async executeTakeFirst(...args: A): Promise<R | undefined> {
    return (await this.execute(...args))[0];
  }

  private prepare(arity: number): CompiledQuery<R> | null {
    const sentinels = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as unknown as A;
    const compiled = this.build(...sentinels).compile();
    const slots = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : undefined,
    );
    const seen = slots.filter((s) => s !== undefined);
    const ok = seen.length === arity && new Set(seen).size === arity;
    this.compiled = ok ? compiled : null;
    this.slots = slots;
    return this.compiled;
  }
}

/**
 * Defers building a value to its first use. Repositories declare their templates as fields, and
 * field initialisers run before constructor parameter properties are assigned.
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * One-row INSERTs precompiled per shape (the row's column names in order): `build` makes the
 * statement from a row, and each shape is compiled once by a {@link QueryTemplate}. Rows built by
 * one function share a shape, so a repository's insert compiles once; a row with other columns
 * gets its own template instead of running on a wrong one.
 */
export class RowInsert<Row extends object, R> {
  private readonly templates = new Map<string, QueryTemplate<unknown[], R>>();

  constructor(
    private readonly db: QueryRunner,
    private readonly build: (row: Row) => Compilable<R>,
  ) {}

  run(row: Row): Promise<QueryResult<R>> {
    const columns = Object.keys(row) as (keyof Row & string)[];
    const shape = columns.join(',');
    let template = this.templates.get(shape);
    if (!template) {
      template = new QueryTemplate(this.db, (...values: unknown[]) =>
        this.build(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as Row),
      );
      this.templates.set(shape, template);
    }
    return template.run(...columns.map((column) => row[column]));
  }
}
