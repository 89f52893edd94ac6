import fs from 'node:fs';
import path from 'node:path';
import { writeBenchmarks } from './lib/benchmarks-file';
import { profileChildrenInto, REPO_ROOT } from './lib/children';
import { cleanupAll, installExitHandlers } from './lib/cleanup';
import { describeMachine, sourceRevision } from './lib/machine';
import { parseOptions, type BenchOptions } from './lib/options';
import { postgresUnavailable } from './lib/postgres';
import { goalsOf, renderRun, type RunReport, type SeedOutcome } from './lib/report';
import { createTempRoot } from './lib/temp';
import { runConversation } from './scenarios/conversation';
import { runSeed } from './scenarios/seed';
import { runUserInfo } from './scenarios/user-info';

/**
 * `npm run bench`: runs every scenario against its same-run baseline, prints the results as
 * markdown on stdout (progress goes to stderr), and rewrites BENCHMARKS.md. Exits non-zero only
 * when a scenario could not run; a missed goal is a finding, reported in the table.
 */

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

/** Reports seeding progress every tenth, which is enough to see that a long seed is moving. */
function seedProgress(label: string): (done: number, total: number) => void {
  let shown = 0;
  return (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth > shown) {
      shown = tenth;
      progress(`  ${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    }
  };
}

async function runPostgresSeed(options: BenchOptions, tempRoot: string): Promise<SeedOutcome> {
  const followers = options.seed.postgres;
  if (!options.postgres) return { dialect: 'postgres', followers, skipped: 'turned off (--no-postgres)' };
  const why = await postgresUnavailable(options.postgresAdminUrl);
  if (why) return { dialect: 'postgres', followers, skipped: `PostgreSQL unreachable (${why})` };
  progress(`seeding ${followers.toLocaleString('en-US')} followers on PostgreSQL, then the raw-SQL baseline…`);
  try {
    return await runSeed({
      dialect: 'postgres',
      followers,
      tempRoot,
      postgresAdminUrl: options.postgresAdminUrl,
      onProgress: seedProgress('postgres'),
      onFanOut: () => progress('  postgres: broadcast fan-out to every follower, then its raw-SQL baseline and the inbox…'),
    });
  } catch (error) {
    // PostgreSQL is the optional part of the run: keep the SQLite figures and say what broke.
    progress(`PostgreSQL seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { dialect: 'postgres', followers, skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function main(): Promise<void> {
  installExitHandlers();
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.cpuProfileDir) {
    profileChildrenInto(path.resolve(options.cpuProfileDir));
    progress(`writing CPU profiles of the servers to ${options.cpuProfileDir}; BENCHMARKS.md is left alone`);
  }
  const date = new Date().toISOString();
  // Read before the scenarios: the code loaded is the code as it was at start.
  const revision = sourceRevision(REPO_ROOT);
  const tempRoot = createTempRoot();
  try {
    progress(
      `user/info: gzh and bare fastify, ${options.load.durationSeconds} s each after ${options.load.warmupSeconds} s warm-up…`,
    );
    const userInfo = await runUserInfo({ tempRoot, followers: options.userInfoFollowers, load: options.load });

    progress(`conversation round trip: ${options.load.connections} followers, \`wechat\` middleware as the developer server…`);
    const conversation = await runConversation({ tempRoot, load: options.load, onProgress: (text) => progress(`  ${text}`) });

    progress(`seeding ${options.seed.sqlite.toLocaleString('en-US')} followers on SQLite, then the raw-SQL baseline…`);
    const seeds: SeedOutcome[] = [
      await runSeed({
        dialect: 'sqlite',
        followers: options.seed.sqlite,
        tempRoot,
        postgresAdminUrl: options.postgresAdminUrl,
        onProgress: seedProgress('sqlite'),
        onFanOut: () => progress('  sqlite: broadcast fan-out to every follower, then its raw-SQL baseline and the inbox…'),
      }),
      await runPostgresSeed(options, tempRoot),
    ];

    const report: RunReport = {
      date,
      machine: describeMachine(),
      revision,
      command: options.command,
      load: options.load,
      userInfo,
      seeds,
      conversation,
    };
    process.stdout.write('\n' + renderRun(report));
    // Raw figures for tooling; bench/results/ is git-ignored.
    const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify({ ...report, goals: goalsOf(report) }, null, 2) + '\n');
    if (options.write) progress(`wrote ${path.relative(process.cwd(), writeBenchmarks(report)) || 'BENCHMARKS.md'}`);
  } finally {
    await cleanupAll();
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await cleanupAll();
  process.exit(1);
});
