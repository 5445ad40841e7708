import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface BenchRun {
  code: number | null;
  /** What it printed: all of stdout, and the last 50,000 characters with stderr. */
  output: string;
}

/**
 * Runs a built benchmark (dist/bench/<name>.js) as its npm script does, with only PATH, HOME and the
 * given variables, and interrupts it (SIGINT: it stops its services) after timeoutMs.
 */
export function runBuiltBench(name: string, env: Record<string, string>, timeoutMs: number): Promise<BenchRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, `dist/bench/${name}.js`)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000)));
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
