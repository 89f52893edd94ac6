import type { ConversationModeResult, ConversationResult } from '../scenarios/conversation';
import type { SeedResult } from '../scenarios/seed';
import type { UserInfoResult } from '../scenarios/user-info';
import type { LoadResult, LoadSettings } from './load';
import { formatMachine, type Machine } from './machine';

/**
 * Markdown for one bench run: the same text is printed on stdout and becomes the "latest run"
 * section of BENCHMARKS.md, so what a person sees in the terminal is what gets recorded.
 */

/** A seeding scenario that did not run (PostgreSQL unreachable or turned off), and why. */
export interface SeedSkipped {
  dialect: SeedResult['dialect'];
  followers: number;
  skipped: string;
}

export type SeedOutcome = SeedResult | SeedSkipped;

export interface RunReport {
  /** ISO time the run started. */
  date: string;
  machine: Machine;
  /** Commit measured (see `sourceRevision`). */
  revision: string;
  command: string;
  load: LoadSettings;
  userInfo: UserInfoResult;
  seeds: SeedOutcome[];
  conversation: ConversationResult;
}

export interface Goal {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

/**
 * Goals agreed for the open API and the conversation round trip (in every mode measured); seeding
 * has no goal yet, its ratio is tracked over time.
 */
export const GOALS = {
  userInfoRatio: 0.4,
  userInfoP99Ms: 20,
  conversationRatio: 0.5,
  conversationP99Ms: 30,
  /** Broadcast to a million followers: seconds per database, share of raw SQL, memory, inbox. */
  fanOutSeconds: { sqlite: 3, postgres: 6 },
  fanOutRatio: 0.5,
  fanOutPeakRssMb: 500,
  inboxP99Ms: 5,
};

/** Seeding outcomes that ran (and so carry a fan-out). */
function fanOuts(report: RunReport): SeedResult[] {
  return report.seeds.filter((s): s is SeedResult => !('skipped' in s));
}

export function goalsOf(report: RunReport): Goal[] {
  const { gzh, ratio } = report.userInfo;
  const conversation = report.conversation.modes.flatMap((m): Goal[] => [
    {
      name: `conversation round trips (${m.mode} mode) vs the \`wechat\` middleware alone`,
      target: `≥ ${percent(GOALS.conversationRatio)}`,
      measured: percent(m.ratio),
      pass: m.ratio >= GOALS.conversationRatio,
    },
    {
      name: `conversation round trip p99 latency (${m.mode} mode)`,
      target: `< ${GOALS.conversationP99Ms} ms`,
      measured: `${ms(m.gzh.latencyP99)} ms`,
      pass: m.gzh.latencyP99 < GOALS.conversationP99Ms,
    },
    {
      name: `every round trip answered with the developer's reply (${m.mode} mode)`,
      target: '0',
      measured: String(m.gzh.failures),
      pass: m.gzh.failures === 0,
    },
  ]);
  return [
    {
      name: '`user/info` throughput vs bare fastify',
      target: `≥ ${percent(GOALS.userInfoRatio)}`,
      measured: percent(ratio),
      pass: ratio >= GOALS.userInfoRatio,
    },
    {
      name: '`user/info` p99 latency',
      target: `< ${GOALS.userInfoP99Ms} ms`,
      measured: `${gzh.latencyP99} ms`,
      pass: gzh.latencyP99 < GOALS.userInfoP99Ms,
    },
    {
      name: 'every `user/info` answer correct (no errors, timeouts, wrong bodies)',
      target: '0',
      measured: String(gzh.failures),
      pass: gzh.failures === 0,
    },
    ...conversation,
    ...fanOuts(report).flatMap((s): Goal[] => {
      const f = s.fanOut;
      const name = `${dbName(s.dialect)}, ${count(f.followers)} followers`;
      return [
        {
          name: `broadcast fan-out time (${name})`,
          target: `≤ ${GOALS.fanOutSeconds[s.dialect]} s`,
          measured: `${f.gzhSeconds.toFixed(2)} s`,
          pass: f.gzhSeconds <= GOALS.fanOutSeconds[s.dialect],
        },
        {
          name: `broadcast fan-out vs raw \`INSERT … SELECT\` (${name})`,
          target: `≥ ${percent(GOALS.fanOutRatio)}`,
          measured: percent(f.ratio),
          pass: f.ratio >= GOALS.fanOutRatio,
        },
        {
          name: `peak RSS during the fan-out (${name})`,
          target: `< ${GOALS.fanOutPeakRssMb} MB`,
          measured: `${Math.round(f.peakRssMb)} MB`,
          pass: f.peakRssMb < GOALS.fanOutPeakRssMb,
        },
        {
          name: `follower inbox p99 at that size (${name})`,
          target: `< ${GOALS.inboxP99Ms} ms`,
          measured: `${ms(f.inbox.p99)} ms`,
          pass: f.inbox.p99 < GOALS.inboxP99Ms,
        },
      ];
    }),
  ];
}

function dbName(dialect: SeedResult['dialect']): string {
  return dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

export function renderRun(report: RunReport): string {
  const { userInfo, load } = report;
  const lines = [
    `- Date: ${report.date}`,
    `- Machine: ${formatMachine(report.machine)}`,
    `- Code: ${report.revision}`,
    `- Command: \`${report.command}\``,
    '',
    `### Open API: \`GET /cgi-bin/user/info\` on SQLite`,
    '',
    `${load.connections} connections, ${load.warmupSeconds} s warm-up then ${load.durationSeconds} s measured with autocannon, ` +
      `${userInfo.followers.toLocaleString('en-US')} followers on the account, ${userInfo.responseBytes}-byte reply. ` +
      'Each server runs alone in its own Node process while it is measured; latency percentiles have 1 ms resolution.',
    '',
    '| Server | req/s | avg ms | p50 ms | p99 ms | max ms | requests | failures |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    loadRow('bare fastify, same path and body (baseline)', userInfo.baseline),
    loadRow('gzh', userInfo.gzh),
    `| **gzh ÷ baseline** | **${percent(userInfo.ratio)}** | | | | | | |`,
    '',
    '### Follower seeding',
    '',
    '`services.followerSeed.seed(appid, n)` against the same rows generated by the database itself ' +
      '(`INSERT … SELECT` from a recursive CTE on SQLite, from `generate_series` on PostgreSQL) into scratch tables ' +
      'with the same columns, keys and indexes, on the same database.',
    '',
    '| Database | followers | gzh `followerSeed.seed` | raw `INSERT … SELECT` (baseline) | gzh ÷ baseline |',
    '|---|--:|--:|--:|--:|',
    ...report.seeds.map(seedRow),
    '',
    ...renderFanOut(report),
    '',
    ...renderConversation(report.conversation, load),
    '',
    '### Goals',
    '',
    '| Goal | Target | Measured | Result |',
    '|---|---|---|---|',
    ...goalsOf(report).map((g) => `| ${g.name} | ${g.target} | ${g.measured} | ${g.pass ? 'pass' : '**FAIL**'} |`),
  ];
  return lines.join('\n') + '\n';
}

/** The broadcast fan-out section: each database's fan-out, its raw-SQL floor, memory and inbox. */
function renderFanOut(report: RunReport): string[] {
  const rows = fanOuts(report).map((s) => {
    const f = s.fanOut;
    return (
      `| ${dbName(s.dialect)} | ${count(f.followers)} | ${f.gzhSeconds.toFixed(2)} s (${rate(f.followers / f.gzhSeconds)}/s) ` +
      `| ${f.baselineSeconds.toFixed(2)} s (${rate(f.followers / f.baselineSeconds)}/s) | **${percent(f.ratio)}** ` +
      `| ${Math.round(f.peakRssMb)} MB (from ${Math.round(f.startRssMb)} MB) | ${ms(f.inbox.p50)} / ${ms(f.inbox.p99)} / ${ms(f.inbox.max)} ms |`
    );
  });
  return [
    '### Broadcast fan-out (群发) to every follower',
    '',
    'One `mass/sendall`-equivalent broadcast (`services.broadcasts.submit`) to all the followers seeded above, timed until the ' +
      'fan-out job announces completion (queue pickup, keyset pages of 50,000, set-wise `INSERT … SELECT` of deliveries with ' +
      'the cursor and counters in the same transaction). Throttling to the documented speed levels is off for this run. ' +
      "Baseline: the database's own single `INSERT … SELECT` of the same rows into a scratch table with the same key and " +
      'index. gzh runs alone in its own process on the seeded database; peak RSS is that process’s `maxRSS`. Inbox (after ' +
      'a `VACUUM (ANALYZE)` of the deliveries on PostgreSQL, so autovacuum does not run during it): ' +
      '`GET /api/follower/broadcasts` over HTTP, 200 warm-up then 2,000 measured sequential requests from 200 random followers.',
    '',
    '| Database | followers | gzh fan-out | raw `INSERT … SELECT` (baseline) | gzh ÷ baseline | peak RSS | inbox p50 / p99 / max |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...(rows.length ? rows : ['| — | | skipped | | | | |']),
  ];
}

/** The conversation round-trip section: each mode's baseline, round trips and ratio. */
function renderConversation(conversation: ConversationResult, load: LoadSettings): string[] {
  return [
    '### Conversation round trip: follower → gzh → `wechat` middleware → follower, on SQLite',
    '',
    `${conversation.followers} followers chatting at once, each sending its next text when the reply to the previous one ` +
      'has arrived on its event stream; a round trip runs from `POST /api/follower/accounts/:appid/messages` to the ' +
      `reply on \`GET /api/follower/stream\`. ${load.warmupSeconds} s warm-up then ${load.durationSeconds} s measured. ` +
      'The developer server is the node-webot `wechat` middleware (2.x) in its own process; the baseline is autocannon ' +
      `posting the push gzh recorded in its delivery ledger (same signed query and body) straight to it, with ` +
      `${conversation.followers} connections. gzh latencies are exact; autocannon's have 1 ms resolution.`,
    '',
    '| Mode | Path | per second | avg ms | p50 ms | p99 ms | max ms | count | failures |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
    ...conversation.modes.flatMap(conversationRows),
    // Why round trips failed, when some did: the count alone does not say where to look.
    ...conversation.modes
      .filter((m) => m.failureReasons.length > 0)
      .map((m) => `\nFailures in ${m.mode} mode, first reasons: ${m.failureReasons.map((r) => `\`${r}\``).join('; ')}`),
    '',
    // CPU per round trip moves far less with the machine's load than throughput does, so it is
    // the figure to compare between runs when judging a change to the round trip.
    `gzh CPU time per round trip (every thread of the process, over the measured window): ` +
      conversation.modes
        .map((m) => `${m.mode} ${m.cpuMsPerRoundTrip === null ? '—' : `${m.cpuMsPerRoundTrip.toFixed(2)} ms`}`)
        .join(', ') +
      '.',
  ];
}

function conversationRows(m: ConversationModeResult): string[] {
  const row = (path: string, r: LoadResult, unit: string) =>
    `| ${m.mode} | ${path} | ${rate(r.requestsPerSecond)} ${unit} | ${ms(r.latencyAverage)} | ${ms(r.latencyP50)} ` +
    `| ${ms(r.latencyP99)} | ${ms(r.latencyMax)} | ${count(r.totalRequests)} | ${r.failures} |`;
  const { send } = m;
  return [
    row(`\`wechat\` middleware alone (baseline; ${m.pushBytes}-byte push, ${m.replyBytes}-byte reply)`, m.baseline, 'req/s'),
    row('gzh: send → reply on the stream', m.gzh, 'round trips/s'),
    `| ${m.mode} | of which until the send was answered | | ${ms(send.average)} | ${ms(send.p50)} | ${ms(send.p99)} ` +
      `| ${ms(send.max)} | | |`,
    `| ${m.mode} | **gzh ÷ baseline** | **${percent(m.ratio)}** | | | | | | |`,
  ];
}

/** One line of the history table in BENCHMARKS.md. */
export function renderHistoryRow(report: RunReport): string {
  const seed = (dialect: SeedResult['dialect']) => {
    const s = report.seeds.find((x) => x.dialect === dialect);
    if (!s) return '—';
    if ('skipped' in s) return 'skipped';
    return `${percent(s.ratio)} (${count(s.followers)}, ${rate(s.gzhRate)}/s)`;
  };
  const { userInfo } = report;
  return (
    `| ${report.date.slice(0, 16).replace('T', ' ')} | ${report.revision} | \`${report.command}\` ` +
    `| ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node} ` +
    `| ${percent(userInfo.ratio)} (${rate(userInfo.gzh.requestsPerSecond)} / ${rate(userInfo.baseline.requestsPerSecond)} req/s) ` +
    `| ${userInfo.gzh.latencyP99} ms | ${seed('sqlite')} | ${seed('postgres')} ` +
    `| ${conversationCell(report, (m) => percent(m.ratio))} | ${conversationCell(report, (m) => `${ms(m.gzh.latencyP99)} ms`)} ` +
    `| ${fanOutCell(report)} |`
  );
}

/** `SQLite / PostgreSQL` fan-out: seconds, followers and share of raw SQL. */
function fanOutCell(report: RunReport): string {
  const cells = fanOuts(report).map(
    (s) => `${dbName(s.dialect)} ${s.fanOut.gzhSeconds.toFixed(2)} s (${count(s.fanOut.followers)}, ${percent(s.fanOut.ratio)})`,
  );
  return cells.join(' / ') || '—';
}

/** `plain / safe` values of one conversation figure. */
function conversationCell(report: RunReport, show: (m: ConversationModeResult) => string): string {
  return report.conversation.modes.map(show).join(' / ') || '—';
}

export const HISTORY_HEADER = [
  '| Date (UTC) | Code | Command | Machine | `user/info` ÷ fastify | `user/info` p99 | SQLite seeding ÷ raw SQL | PostgreSQL seeding ÷ raw SQL ' +
    '| Round trip ÷ middleware (plain / safe) | Round trip p99 (plain / safe) | Broadcast fan-out (÷ raw SQL) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];

function loadRow(name: string, r: LoadResult): string {
  const latency = [r.latencyAverage.toFixed(2), r.latencyP50, r.latencyP99, r.latencyMax];
  const cells = [rate(r.requestsPerSecond), ...latency, count(r.totalRequests), r.failures];
  return `| ${name} | ${cells.join(' | ')} |`;
}

function seedRow(s: SeedOutcome): string {
  const name = s.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  if ('skipped' in s) return `| ${name} | ${count(s.followers)} | skipped: ${s.skipped.replace(/\s+/g, ' ')} | | |`;
  return (
    `| ${name} | ${count(s.followers)} | ${rate(s.gzhRate)} followers/s (${s.gzhSeconds.toFixed(1)} s) ` +
    `| ${rate(s.baselineRate)} rows/s (${s.baselineSeconds.toFixed(1)} s) | **${percent(s.ratio)}** |`
  );
}

/** Milliseconds: whole numbers as they are (autocannon's), measured ones to 0.1 ms. */
function ms(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function rate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
