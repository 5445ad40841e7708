import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitForPort } from './ports';

/**
 * The built API and worker (`npm run build`) as processes of their own, as they run in production:
 * for tests and benchmarks of several processes sharing one PostgreSQL and Redis, and of what
 * happens when one of them dies.
 */
export interface AppProcess {
  pid: number;
  /** The API's base URL (http://127.0.0.1:PORT); undefined for a worker. */
  url?: string;
  /** What the process wrote to stdout and stderr so far (the last MAX_OUTPUT characters). */
  output(): string;
  /** Sends a signal at once, e.g. SIGKILL to simulate a crash; resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
}

export interface ApiProcess extends AppProcess {
  url: string;
}

// This file runs from scripts/services under ts-node or jest, and from dist/scripts/services once built.
const ABOVE = path.resolve(__dirname, '../..');
const REPO_ROOT = path.basename(ABOVE) === 'dist' ? path.dirname(ABOVE) : ABOVE;
const API_ENTRY = path.join(REPO_ROOT, 'dist/apps/api/src/main.js');
const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/apps/worker/src/main.js');
const WORKER_READY = 'worker ready';
/**
 * How the worker is started (here, by `npm start` and by `npm run start:worker`): V8 lets a heap grow
 * to about 2 GB before it collects hard, and a worker through a release of 2,000 letters grew to
 * 570 MB of memory doing so, though what it holds at once stays near 100 MB. Bounded, it peaks near
 * 300 MB at the same speed (docs/performance.md).
 */
export const WORKER_NODE_ARGS = ['--max-old-space-size=192'];
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** A busy process logs a lot: only the tail is kept, enough to explain a failure. */
const MAX_OUTPUT = 200_000;

/**
 * Starts the API on 127.0.0.1:port and resolves once the port accepts connections. One process
 * unless env sets API_PROCESSES (then a cluster's primary, whose pid this is).
 */
export async function startApiProcess(env: Record<string, string | undefined>, options: { port: number; nodeArgs?: string[] }): Promise<ApiProcess> {
  const started = spawnEntry(API_ENTRY, { API_PROCESSES: '1', ...env, PORT: String(options.port) }, options.nodeArgs);
  try {
    await Promise.race([waitForPort(options.port, START_TIMEOUT_MS), started.exited.then((code) => Promise.reject(new Error(`exited with ${code}`)))]);
  } catch (error: unknown) {
    await started.process.stop();
    throw new Error(`the API process on port ${options.port} did not start: ${error instanceof Error ? error.message : String(error)}\n${started.process.output()}`);
  }
  return { ...started.process, url: `http://127.0.0.1:${options.port}` };
}

/**
 * Starts a worker and resolves once it logged that it is ready (its handlers, queues, relay and job
 * schedulers set up). The ready line is logged at info level, so LOG_LEVEL is raised to info when
 * env asks for less.
 */
export async function startWorkerProcess(env: Record<string, string | undefined>, options: { nodeArgs?: string[] } = {}): Promise<AppProcess> {
  const verbose = ['info', 'debug', 'trace'].includes(env.LOG_LEVEL ?? '');
  const started = spawnEntry(WORKER_ENTRY, { ...env, LOG_LEVEL: verbose ? env.LOG_LEVEL : 'info' }, [...WORKER_NODE_ARGS, ...(options.nodeArgs ?? [])]);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!started.process.output().includes(WORKER_READY)) {
    if (started.child.exitCode !== null || started.child.signalCode !== null || Date.now() > deadline) {
      const why = started.child.exitCode !== null ? `exited with ${started.child.exitCode}` : started.child.signalCode ? `killed by ${started.child.signalCode}` : `not ready after ${START_TIMEOUT_MS} ms`;
      await started.process.stop();
      throw new Error(`the worker process did not start (${why}):\n${started.process.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return started.process;
}

/** nodeArgs: more options for node, such as --cpu-prof for a benchmark's profile. */
function spawnEntry(entry: string, env: Record<string, string | undefined>, nodeArgs: string[] = []): { child: ChildProcess; process: AppProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, entry], { cwd: REPO_ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (hasExited()) return;
    child.kill(signal);
    await exited;
  };
  const stop = async (): Promise<void> => {
    if (hasExited()) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  };
  return { child, exited, process: { pid: child.pid!, output: () => output, kill, stop } };
}
