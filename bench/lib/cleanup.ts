/**
 * Teardown registry of a bench run. Everything a run creates outside its own heap — server
 * children, temporary directories, throw-away PostgreSQL databases — registers how to undo it
 * here, so a success, a thrown error and Ctrl-C all leave the machine as it was.
 */

interface Entry {
  label: string;
  /** Graceful, awaited teardown (close servers, drop databases). */
  run: () => Promise<void> | void;
  /** Last resort inside `process.on('exit')`, where nothing asynchronous runs. */
  sync?: () => void;
}

const entries: Entry[] = [];
let draining: Promise<void> | undefined;

/**
 * Registers a teardown; returns a function that runs it now (and unregisters it), for resources
 * a scenario releases before the run ends.
 */
export function defer(label: string, run: Entry['run'], sync?: Entry['sync']): () => Promise<void> {
  const entry: Entry = sync ? { label, run, sync } : { label, run };
  entries.push(entry);
  return async () => {
    const at = entries.indexOf(entry);
    if (at < 0) return;
    entries.splice(at, 1);
    await entry.run();
  };
}

/** Runs every pending teardown, newest first; failures are reported, never thrown. */
export function cleanupAll(): Promise<void> {
  draining ??= (async () => {
    while (entries.length) {
      const entry = entries.pop()!;
      try {
        await entry.run();
      } catch (error) {
        process.stderr.write(`bench: cleanup "${entry.label}" failed: ${String(error)}\n`);
      }
    }
  })();
  return draining;
}

/**
 * Wires SIGINT/SIGTERM to a graceful cleanup and `exit` to the synchronous fallbacks (kill
 * children, remove directories) for whatever the graceful path did not reach.
 */
export function installExitHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, cleaning up…\n`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      void cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  process.on('exit', () => {
    for (const entry of entries.reverse()) {
      try {
        entry.sync?.();
      } catch {
        // Exiting anyway; nothing more can be done from here.
      }
    }
  });
}
