import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildSpec, ReadyMessage, StopMessage } from './child-protocol';
import { defer } from './cleanup';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Workspace root: the children resolve `tsx` and the server's packages from here. */
export const REPO_ROOT = path.resolve(here, '../..');
const CHILD_ENTRY = path.join(here, 'server-child.ts');

/** gzh seeds followers before it reports ready; allow for a slow, busy machine. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 8_000;

export interface ServerChild {
  pid: number;
  ready: ReadyMessage;
  /** Asks the child to close and exit; kills it if it does not within a few seconds. */
  stop(): Promise<void>;
}

/**
 * Starts a server in its own Node process (`node --import tsx bench/lib/server-child.ts`) and
 * waits for its `ready` message. The child's stdout goes to our stderr, so server warnings stay
 * visible without mixing into the markdown the bench prints on stdout.
 */
export async function startServerChild(spec: ChildSpec): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_ENTRY, JSON.stringify(spec)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const stop = defer(
    `stop ${spec.kind} server (pid ${child.pid})`,
    () => stopChild(child),
    () => killNow(child),
  );
  try {
    const ready = await waitReady(child, spec.kind);
    return { pid: child.pid!, ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitReady(child: ChildProcess, kind: string): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${kind} server did not start within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'ready') done(() => resolve(message));
      else fail(new Error(`${kind} server failed to start:\n${message.error}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`${kind} server exited during start-up (code ${code}, signal ${signal})`));
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
