import { BenchRun, runBuiltBench } from '../support/bench';

/**
 * The short version of `npm run bench:exports`, run from dist/ as the npm script runs it: the
 * applications export of a call of 500 applications, as XLSX and as CSV, both built in the
 * background by the worker as a process of its own. The bench itself fails when a file does not
 * hold every row, when rowsWritten is not totalRows once ready, or when the worker's memory grows
 * past its bound.
 */
const APPLICATIONS = 500;

describe('the exports benchmark on a small call', () => {
  let run: BenchRun;

  beforeAll(async () => {
    run = await runBuiltBench('exports', { BENCH_APPLICATIONS: String(APPLICATIONS) }, 2 * 60_000);
  }, 3 * 60_000);

  it('finishes: both files built in the background with every row', () => {
    expect({ code: run.code, tail: run.code === 0 ? '' : run.output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(run.output).toContain(`The applications export of one call: ${APPLICATIONS} applications`);
    expect(run.output).toMatch(/export XLSX +\d+\.\d\d s +[\d,]+ /);
    expect(run.output).toMatch(/export CSV +\d+\.\d\d s +[\d,]+ /);
    expect(run.output).toMatch(new RegExp(`baseline: bare SQL, pg, all at once \\(${APPLICATIONS} rows\\)`));
  });

  it('reports the worker’s memory at rest and at its peak, within the bound', () => {
    const memory = /worker RSS: at rest (\d+) MB, peak while exporting (\d+) MB/.exec(run.output);
    expect(memory).not.toBeNull();
    const [rest, peak] = [Number(memory![1]), Number(memory![2])];
    expect(rest).toBeGreaterThan(0);
    expect(peak - rest).toBeLessThan(150);
  });
});
