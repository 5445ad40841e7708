import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { startApi } from './apps';

/**
 * The API exactly as startApi builds it, but in a process of its own, so that a test can measure
 * the API's memory alone: not the test runner's, nor that of the client sending to it.
 */
export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident memory now, in bytes (VmRSS). */
  residentBytes(): number;
  /** Starts measuring the peak of resident memory from now on; `peakBytes` reads it. */
  resetPeak(): void;
  /** The highest resident memory since `resetPeak` (VmHWM), in bytes. */
  peakBytes(): number;
  stop(): Promise<void>;
}

const READY = 'api-process listening on ';

export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'ts-register.js'), __filename], {
    env: { ...process.env, ...env, API_PROCESS_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the API process did not start in time:\n${output}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = new RegExp(`${READY}(\\d+)`).exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API process exited with ${code}:\n${output}`));
    });
  });
  const pid = child.pid!;
  const status = (field: string): number => {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
    if (!line) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(/(\d+) kB/.exec(line)![1]) * 1024;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    residentBytes: () => status('VmRSS'),
    // Writing 5 to clear_refs resets the process's peak resident memory to its current one.
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakBytes: () => status('VmHWM'),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const app = await startApi();
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.stdout.write(`${READY}${(app.getHttpServer().address() as AddressInfo).port}\n`);
}

if (process.env.API_PROCESS_CHILD === '1' && require.main === module) void main();
