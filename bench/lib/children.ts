import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildRequests, ChildSpec, ReadyMessage, StopMessage } from './child-protocol';
import { defer } from './cleanup';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Workspace root: the children resolve `tsx` and the server's packages from here. */
export const REPO_ROOT = path.resolve(here, '../..');
const CHILD_ENTRY = path.join(here, 'server-child.ts');

/** gzh seeds followers before it reports ready; allow for a slow, busy machine. */
const START_TIMEOUT_MS = 120_000;
/** A URL check plus one round trip; generous, since a failure here is reported with its reason. */
const ASK_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 8_000;

/** Set by {@link profileChildrenInto}: where server children write V8 CPU profiles. */
let cpuProfileDir: string | undefined;
let childrenStarted = 0;

/**
 * Makes every server child started from now on write a V8 CPU profile (`--cpu-prof`) into `dir`
 * when it exits (`BENCH_CPU_PROF=<dir>`): the way to see where a server spends a scenario's time,
 * opened in Chrome DevTools or speedscope. Profiling slows the servers; figures of such a run are
 * for finding hot spots, not for BENCHMARKS.md.
 */
export function profileChildrenInto(dir: string): void {
  cpuProfileDir = dir;
}

export interface ServerChild {
  pid: number;
  ready: ReadyMessage;
  /** Sends a request to the child and waits for its answer (`failed` rejects with the reason). */
  ask<K extends keyof ChildRequests>(
    message: ChildRequests[K]['request'],
    timeoutMs?: number,
  ): Promise<ChildRequests[K]['answer']>;
  /** Asks the child to close and exit; kills it if it does not within a few seconds. */
  stop(): Promise<void>;
}

/**
 * Starts a server in its own Node process (`node --import tsx bench/lib/server-child.ts`) and
 * waits for its `ready` message. The child's stdout goes to our stderr, so server warnings stay
 * visible without mixing into the markdown the bench prints on stdout.
 */
export async function startServerChild(spec: ChildSpec): Promise<ServerChild> {
  // One directory per child: the module loader's thread writes a profile of its own.
  const profile = cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(cpuProfileDir, `${spec.kind}-${++childrenStarted}`)]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', CHILD_ENTRY, JSON.stringify(spec)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const stop = defer(
    `stop ${spec.kind} server (pid ${child.pid})`,
    () => stopChild(child),
    () => killNow(child),
  );
  try {
    const ready = await waitFor(child, spec.kind, 'start', START_TIMEOUT_MS, (m) => (m.type === 'ready' ? m : undefined));
    const answers: Record<keyof ChildRequests, ChildMessage['type']> = {
      'connect-developer': 'developer-connected',
      broadcast: 'broadcast-done',
      'raw-fanout': 'raw-fanout-done',
      'cpu-usage': 'cpu-usage-done',
    };
    const ask = <K extends keyof ChildRequests>(message: ChildRequests[K]['request'], timeoutMs = ASK_TIMEOUT_MS) => {
      const expected = answers[message.type as K];
      const answer = waitFor(child, spec.kind, message.type, timeoutMs, (m) =>
        m.type === expected ? (m as ChildRequests[K]['answer']) : undefined,
      );
      child.send(message);
      return answer;
    };
    return { pid: child.pid!, ready, ask, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits for the child's next message that `pick` accepts; a `failed` message, the child exiting
 * or the timeout rejects with what `doing` was (`start`, or the request's type).
 */
function waitFor<T>(
  child: ChildProcess,
  kind: string,
  doing: string,
  timeoutMs: number,
  pick: (message: ChildMessage) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${kind} server: no answer to ${doing} within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'failed') return fail(new Error(`${kind} server failed (${doing}):\n${message.error}`));
      const picked = pick(message);
      if (picked !== undefined) done(() => resolve(picked));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`${kind} server exited during ${doing} (code ${code}, signal ${signal})`));
    const onError = (error: Error) => fail(error);
    function done(then: () => void) {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      then();
    }
    function fail(error: Error) {
      done(() => reject(error));
    }
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' } satisfies StopMessage);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => killNow(child), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}

function killNow(child: ChildProcess): void {
  if (!exited(child)) child.kill('SIGKILL');
}
