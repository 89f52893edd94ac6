import type { LoadSettings } from './load';

/** Everything a bench run can be told; flags win over environment variables. */
export interface BenchOptions {
  /** Smaller seeding sizes for a quick look (`--quick`, `BENCH_QUICK=1`). */
  quick: boolean;
  load: LoadSettings;
  /** Followers on the account that `user/info` reads from. */
  userInfoFollowers: number;
  /** Followers seeded in the seeding scenario, per database. */
  seed: { sqlite: number; postgres: number };
  /** `false` with `--no-postgres` / `BENCH_POSTGRES=0`. */
  postgres: boolean;
  /** Admin URL used to create and drop the throw-away PostgreSQL database. */
  postgresAdminUrl: string;
  /** `false` with `--no-write` (or when profiling): print only, leave BENCHMARKS.md alone. */
  write: boolean;
  /** `BENCH_CPU_PROF=<dir>`: server children write V8 CPU profiles there. */
  cpuProfileDir: string | undefined;
  /** The command line as a person would retype it, for BENCHMARKS.md. */
  command: string;
}

const USAGE = `usage: npm run bench [-- --quick] [--no-postgres] [--no-write]

  --quick         seed (and broadcast to) 100,000 followers on SQLite and 50,000 on PostgreSQL (BENCH_QUICK=1)
  --no-postgres   skip the PostgreSQL seeding scenario (BENCH_POSTGRES=0)
  --no-write      print the results only; do not update BENCHMARKS.md
  PostgreSQL admin URL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
  BENCH_CPU_PROF=<dir>  every server child writes a V8 CPU profile into <dir>/<kind>-<n>/ (implies --no-write:
                  profiled servers are slower)`;

const truthy = (value: string | undefined) => value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
const falsy = (value: string | undefined) => value !== undefined && ['0', 'false', 'no'].includes(value.toLowerCase());

/**
 * Parses flags and `BENCH_*` variables. Sizes are fixed per mode rather than free knobs so that
 * runs recorded in BENCHMARKS.md stay comparable with each other.
 */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Set(argv);
  for (const flag of flags) {
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    }
    if (!['--quick', '--no-postgres', '--no-write'].includes(flag)) throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  const quick = flags.has('--quick') || truthy(env.BENCH_QUICK);
  const words = ['npm run bench'];
  const shown = [...flags].filter((f) => f !== '--no-write');
  if (shown.length) words.push('--', ...shown);
  return {
    quick,
    load: { connections: 10, warmupSeconds: 2, durationSeconds: 10 },
    userInfoFollowers: 10_000,
    // A million on both: the broadcast fan-out goal is stated for a million followers per database.
    seed: quick ? { sqlite: 100_000, postgres: 50_000 } : { sqlite: 1_000_000, postgres: 1_000_000 },
    postgres: !flags.has('--no-postgres') && !falsy(env.BENCH_POSTGRES),
    postgresAdminUrl: env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    write: !flags.has('--no-write') && !env.BENCH_CPU_PROF,
    cpuProfileDir: env.BENCH_CPU_PROF || undefined,
    command: (env.BENCH_QUICK && !flags.has('--quick') ? `BENCH_QUICK=${env.BENCH_QUICK} ` : '') + words.join(' '),
  };
}
