import { FixedClock } from '@grants/core';
import {
  createDraftApplication,
  createOrganization,
  createPublishedCall,
  serviceTestContext,
  ServiceTestContext,
  TestApplication,
  TestCall,
} from '@grants/testing';
import { DataSource } from 'typeorm';
import { isolatedEnvironment } from '../../../test/support/databases';
import { ApplicationService } from './application.service';
import { SubmissionService } from './submission.service';

/** Ontario afternoon, well inside each calendar year, so that "the year of the submission" is plain. */
const midYear = (year: number) => new Date(`${year}-06-15T18:00:00Z`);

/**
 * Reference numbers as organizations receive them at submission: per fund and Ontario calendar
 * year, consecutive, never twice, never skipped. Its own database, as the numbers are counted
 * per fund and year across every test that submits.
 */
describe('reference numbers', () => {
  const clock = new FixedClock(midYear(2027));
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext({ env: await isolatedEnvironment('reference_numbers'), clock });
  });
  afterAll(() => services.close());

  /** `count` complete drafts of the call, each from its own organization. */
  async function drafts(call: TestCall, count: number): Promise<TestApplication[]> {
    const made: TestApplication[] = [];
    for (let i = 0; i < count; i++) {
      const organization = await createOrganization(services, { legalName: `Refuge ${i + 1}`, indigenousLed: call.call.fundCode === 'ILIF' });
      made.push(await createDraftApplication(services, { call, organization }));
    }
    return made;
  }

  const submit = ({ owner, application }: TestApplication) => services.get(SubmissionService).submit(owner, application.id);

  it('gives applications submitted at the same moment consecutive numbers of their fund and year, each once', async () => {
    clock.set(midYear(2027));
    const cbsf = await createPublishedCall(services, { fund: 'CBSF' });
    const ilif = await createPublishedCall(services, { fund: 'ILIF', officer: cbsf.officer });
    const cbsfDrafts = await drafts(cbsf, 10);
    const [ilifDraft] = await drafts(ilif, 1);

    const submitted = await Promise.all([...cbsfDrafts, ilifDraft!].map(submit));

    const cbsfNumbers = submitted.slice(0, 10).map((submission) => submission.referenceNumber);
    expect([...cbsfNumbers].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `CBSF-2027-${String(i + 1).padStart(4, '0')}`));
    // The ILIF counts on its own.
    expect(submitted[10]!.referenceNumber).toBe('ILIF-2027-0001');
    // Each organization reads the number it was told.
    for (const [i, draft] of cbsfDrafts.entries()) {
      expect((await services.get(ApplicationService).get(draft.owner, draft.application.id)).referenceNumber).toBe(cbsfNumbers[i]);
    }
  });

  it('gives back the number of a submission that failed after taking it: the next submission gets it, and nothing is skipped', async () => {
    clock.set(midYear(2028));
    const call = await createPublishedCall(services, { fund: 'CBSF' });
    const [first, failing, next] = await drafts(call, 3);
    expect((await submit(first!)).referenceNumber).toBe('CBSF-2028-0001');

    // A fault in this test's own database: storing the snapshot, which comes after the number is
    // taken, fails for one application, as a lost connection or a full disk would.
    const dataSource = services.get(DataSource);
    await dataSource.query(`
      CREATE FUNCTION fail_snapshot_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'snapshot storage failed'; END $$`);
    await dataSource.query(`
      CREATE TRIGGER fail_snapshot_for_test BEFORE INSERT ON application_snapshot
      FOR EACH ROW WHEN (NEW.application_id = '${failing!.application.id}') EXECUTE FUNCTION fail_snapshot_for_test()`);
    try {
      await expect(submit(failing!)).rejects.toThrow('snapshot storage failed');
    } finally {
      await dataSource.query(`DROP TRIGGER fail_snapshot_for_test ON application_snapshot; DROP FUNCTION fail_snapshot_for_test()`);
    }
    const afterFailure = await services.get(ApplicationService).get(failing!.owner, failing!.application.id);
    expect(afterFailure).toMatchObject({ status: 'draft', referenceNumber: null, submittedAt: null });

    expect((await submit(next!)).referenceNumber).toBe('CBSF-2028-0002');
    expect((await submit(failing!)).referenceNumber).toBe('CBSF-2028-0003');
  });
});
