import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokenPromises, Fault, FaultOutcome, FAULTS } from '../../bench/fault-run';
import { runBuiltBench } from '../support/bench';

/**
 * The short version of `npm run bench:faults`, run from dist/ as the npm script runs it: a release
 * of a few decisions per fault, on PostgreSQL, Redis, an SMTP sink and two worker processes of its
 * own, each broken in turn in the middle of the work.
 */
const DECISIONS = 20;

describe('a release while one piece of the system breaks', () => {
  const outcomes = new Map<Fault, FaultOutcome>();
  let output = '';

  beforeAll(async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'grants-faults-'));
    try {
      const run = await runBuiltBench('faults', { BENCH_FAULT_DECISIONS: String(DECISIONS), BENCH_FAULT_REPORT: path.join(folder, 'report.json') }, 8 * 60_000);
      output = run.output;
      const report = JSON.parse(await readFile(path.join(folder, 'report.json'), 'utf8').catch(() => '[]')) as FaultOutcome[];
      for (const outcome of report) outcomes.set(outcome.fault, outcome);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 9 * 60_000);

  const outcomeOf = (fault: Fault): FaultOutcome => {
    const outcome = outcomes.get(fault);
    if (!outcome) throw new Error(`the fault run did not get to ${fault}:\n${output}`);
    expect({ fault, problems: brokenPromises(outcome) }).toEqual({ fault, problems: [] });
    expect(outcome).toMatchObject({ emails: DECISIONS, missing: 0, unexplained: 0, finalStatus: 'completed' });
    return outcome;
  };

  it('ran every fault', () => {
    expect([...outcomes.keys()]).toEqual([...FAULTS]);
  });

  it('a worker killed mid-job: its jobs are taken up, each letter is emailed, and a copy only with the same Message-ID', () => {
    // Killed after SMTP accepted and before it heard so, a worker cannot know; its next try sends again, under the same Message-ID.
    expect(outcomeOf('worker-killed').sameIdCopies).toBeLessThanOrEqual(4);
  });

  it('Redis restarted with its data, or back empty: the release says stalled meanwhile, then each letter goes out once', () => {
    for (const fault of ['redis-restarted', 'redis-emptied'] as const) {
      const outcome = outcomeOf(fault);
      expect(outcome.sameIdCopies).toBe(0);
      expect(outcome.statusesDuringFault).toContain('stalled');
    }
  });

  it('PostgreSQL restarted: no email is sent twice', () => {
    const outcome = outcomeOf('postgres-restarted');
    expect(outcome.sameIdCopies).toBe(0);
    expect(outcome.statusesDuringFault).toContain('database away');
  });

  it('SMTP down: the letters show as retrying meanwhile; SMTP cutting connections after accepting: a copy only with the same Message-ID', () => {
    expect(outcomeOf('smtp-down').maxRetrying).toBeGreaterThan(0);
    expect(outcomeOf('smtp-crash-after-accept').sameIdCopies).toBeLessThanOrEqual(3);
  });
});
