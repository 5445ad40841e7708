import { BenchRun, runBuiltBench } from '../support/bench';

/**
 * The short version of `npm run bench:spike`, run from dist/ as the npm script runs it: organizations
 * saving, uploading and submitting all at once against the API as two processes and a worker, on a
 * PostgreSQL, Redis and SMTP sink of its own. The bench itself fails on any 5xx or unexpected answer,
 * on a reference number missing, repeated or skipped, and on a confirmation email missing.
 */
const ORGANIZATIONS = 20;

describe('a deadline spike on the API as two processes', () => {
  let run: BenchRun;

  beforeAll(async () => {
    run = await runBuiltBench('spike', { BENCH_ORGS: String(ORGANIZATIONS), API_PROCESSES: '2' }, 4 * 60_000);
  }, 5 * 60_000);

  it('answers every save, upload and submit as expected, never 5xx', () => {
    expect({ code: run.code, tail: run.code === 0 ? '' : run.output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(run.output).toContain(`answers by status: save 200: ${ORGANIZATIONS * 3}, submit 200: ${ORGANIZATIONS}, upload 201: ${ORGANIZATIONS}`);
    expect(run.output).toContain('5xx answers: 0');
    expect(run.output).toContain('API processes: 2');
  });

  it('gives every submission one reference number, with no gap, and each applicant one confirmation', () => {
    expect(run.output).toContain(`${ORGANIZATIONS} of ${ORGANIZATIONS} submissions hold one, ${ORGANIZATIONS} distinct`);
    expect(run.output).toContain('no gaps, none twice');
    expect(run.output).toContain(`each of the ${ORGANIZATIONS} applicants received one`);
  });
});
