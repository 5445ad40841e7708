import { AuditService } from '@grants/audit';
import { createApplicationInReview, createPublishedCall, decideApplication, releaseDecisions, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { DataSource } from 'typeorm';
import { isolatedEnvironment } from '../../../test/support/databases';
import { ReleaseService } from './release.service';

/**
 * The release request records the release and its letter jobs and returns; each approval's award is
 * offered by its letter's job. Its own database, and no worker: the jobs are run by hand here.
 */
describe('a release in the background', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext({ env: await isolatedEnvironment('release_background') });
  });
  afterAll(() => services.close());

  it('answers with every decision released and its letter queued, then offers each award once however often its job runs', async () => {
    const call = await createPublishedCall(services);
    const approved = [];
    for (const outcome of ['approved', 'approved', 'declined'] as const) {
      const application = await createApplicationInReview(services, { call });
      await decideApplication(services, application, outcome);
      if (outcome === 'approved') approved.push(application.application.id);
    }
    const db = services.get(DataSource);
    const release = await releaseDecisions(services, call);
    expect(release).toMatchObject({ total: 3, lettersGenerated: 0, emailsSent: 0, failed: 0 });
    expect(await db.query(`SELECT count(*)::int AS n FROM application_decision d JOIN application a ON a.id = d.application_id WHERE a.call_id = $1 AND d.release_id = $2`, [call.call.id, release.id])).toEqual([{ n: 3 }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE job_name = 'letter-render' AND payload->>'applicationId' IN (SELECT application_id::text FROM decision_letter WHERE release_id = $1)`, [release.id])).toEqual([{ n: 3 }]);
    expect((await services.get(AuditService).forEntity(call.call.id)).filter((event) => event.action === 'call.decisions_released')).toHaveLength(1);
    // Not offered yet: that is the letter job's first step.
    expect(await db.query(`SELECT count(*)::int AS n FROM award WHERE call_id = $1`, [call.call.id])).toEqual([{ n: 0 }]);

    const releases = services.get(ReleaseService);
    // A job retried after a crash, and two at once, still make one offer each.
    await Promise.all([...approved, ...approved].map((applicationId) => releases.offerAward(applicationId)));
    await releases.offerAward(approved[0]!);
    const awards: Array<{ application_id: string; payments: number; offered: number }> = await db.query(
      `SELECT w.application_id,
              (SELECT count(*)::int FROM award_payment p WHERE p.award_id = w.id) AS payments,
              (SELECT count(*)::int FROM audit_event e WHERE e.entity_id = w.id::text AND e.action = 'award.offered') AS offered
         FROM award w WHERE w.call_id = $1 ORDER BY w.application_id`,
      [call.call.id],
    );
    expect(awards.map((award) => award.application_id)).toEqual([...approved].sort());
    for (const award of awards) {
      expect(award.payments).toBeGreaterThan(0);
      expect(award.offered).toBe(1);
    }

    // A second release finds nothing left.
    expect(await releaseDecisions(services, call)).toMatchObject({ total: 0, status: 'completed' });
  });
});
