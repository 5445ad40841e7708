import 'reflect-metadata';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRedisServer } from '../scripts/services/redis';
import { brokenPromises, FaultOutcome, FAULTS, startFaultRig } from './fault-run';
import { runBenchmark, say, stopLater } from './lifecycle';

/**
 * `npm run bench:faults`: releases BENCH_FAULT_DECISIONS decisions (default 300) once per fault,
 * breaking one piece in the middle (a worker killed, Redis restarted with and without its data,
 * PostgreSQL restarted, SMTP down, SMTP cutting connections after accepting), and counts what
 * reached the mail sink: nothing missing, nothing twice except SMTP's own window, where the copy
 * carries the same Message-ID. Exits 1 when a promise did not hold. `npm test` runs a short version
 * (test/e2e/faults.e2e-spec.ts), which reads the outcomes from the file BENCH_FAULT_REPORT names.
 */
async function main(): Promise<void> {
  const decisions = Number(process.env.BENCH_FAULT_DECISIONS ?? 300);
  if (!Number.isInteger(decisions) || decisions < 10) {
    say(`BENCH_FAULT_DECISIONS must be a whole number of 10 or more, not "${process.env.BENCH_FAULT_DECISIONS}"`);
    process.exit(1);
  }
  const baseDir = await mkdtemp(path.join(tmpdir(), 'grants-bench-faults-'));
  await chmod(baseDir, 0o755);
  stopLater('temp dir', { stop: () => rm(baseDir, { recursive: true, force: true }) });
  ensureRedisServer(say);
  say('starting PostgreSQL, Redis and the SMTP sink on loopback...');
  const rig = stopLater('services', await startFaultRig(baseDir, say));
  const outcomes: FaultOutcome[] = [];
  for (const fault of FAULTS) {
    outcomes.push(await rig.run(fault, decisions));
    say(`${fault}: done`);
  }
  process.stdout.write(`\n${faultTable(outcomes)}\n`);
  if (process.env.BENCH_FAULT_REPORT) await writeFile(process.env.BENCH_FAULT_REPORT, JSON.stringify(outcomes));
  const broken = outcomes.filter((outcome) => brokenPromises(outcome).length > 0);
  for (const outcome of broken) say(`${outcome.fault}: ${brokenPromises(outcome).join('; ')}`);
  if (broken.length > 0) throw new Error(`${broken.length} fault(s) broke a promise`);
}

function faultTable(outcomes: readonly FaultOutcome[]): string {
  const rows = outcomes.map((outcome) =>
    [
      outcome.fault,
      String(outcome.decisions),
      String(outcome.emails),
      String(outcome.missing),
      String(outcome.unexplained),
      String(outcome.sameIdCopies),
      `${outcome.seconds.toFixed(1)} s`,
      outcome.statusesDuringFault.join(', '),
      String(outcome.maxRetrying),
      String(outcome.maxStalled),
    ].join(' | '),
  );
  return [
    `| fault | decisions | emailed | missing | twice (other id) | copies (same id) | release took | release said during the fault | most retrying | most stalled |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

runBenchmark(main);
