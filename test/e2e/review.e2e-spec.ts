import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AppConfig, FixedClock } from '@grants/core';
import { ReviewRemindersHandler } from '@grants/reviews';
import { Mailbox } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { ILIF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { acceptDataSharing, callBody, organizationFor, PDF } from '../support/calls';
import { createIsolatedDatabase } from '../support/databases';

const mailbox = new Mailbox();
const ANSWERS = { need: 'Transitional housing', people_served: 40 };
const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 7_250_050 }];

interface Assignment {
  id: string;
  applicationId: string;
  referenceNumber: string;
  organizationName: string;
  conflictDeclared: boolean | null;
}

describe('review: screening, assignment, conflicts, scoring and ranking', () => {
  // Its own database, so that the reviewer pool is exactly the reviewers made here.
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  let reviewers: TestUser[];
  let callId: string;
  let config: AppConfig;
  const reviewDueAt = new Date(Date.now() + 20 * 24 * 3600_000);
  const applicants: Array<{ user: TestUser; organizationId: string; applicationId: string }> = [];
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    config = testConfig({ DATABASE_URL: await createIsolatedDatabase('review') });
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    reviewers = await Promise.all([1, 2, 3, 4].map(() => signedInUser(app, ['reviewer'])));
    await signedInUser(app, ['reviewer'], { panels: ['ILIF'] }).then(async (panelist) => reviewers.push(panelist));

    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 15_000_000, reviewersPerApplication: 2, reviewDueAt: reviewDueAt.toISOString(), disagreementThreshold: 50 })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);

    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      const user = await signedInUser(app);
      const organization = await api().post('/api/v1/organizations').set(user.auth).send(organizationFor(user, { legalName: `Refuge ${name}` })).expect(201);
      const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(user.auth).send({ organizationId: organization.body.id }).expect(201);
      await api().patch(`/api/v1/applications/${draft.body.id}`).set(user.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(user.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
      await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(user.auth).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
      applicants.push({ user, organizationId: organization.body.id, applicationId: draft.body.id });
    }
    // The first reviewer also works for the first applicant: never their reviewer.
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [applicants[0]!.organizationId, reviewers[0]!.id]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  async function assignmentsOf(reviewer: TestUser): Promise<Assignment[]> {
    return (await api().get('/api/v1/assignments').set(reviewer.auth).expect(200)).body as Assignment[];
  }

  it('assigns two reviewers each, balanced, never a member of the applicant, and only what is missing when run again', async () => {
    const first = await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    expect(first.body).toEqual({ created: 6, shortfalls: [], conflicted: [] });
    const again = await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    expect(again.body).toEqual({ created: 0, shortfalls: [], conflicted: [] });

    // The ILIF panelist reviews for the CBSF too: five reviewers share six places.
    const loads = await Promise.all(reviewers.map(async (reviewer) => (await assignmentsOf(reviewer)).length));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((sum, load) => sum + load, 0)).toBe(6);
    expect((await assignmentsOf(reviewers[0]!)).map((assignment) => assignment.applicationId)).not.toContain(applicants[0]!.applicationId);
    await mailbox.waitFor(reviewers[1]!.email);
  });

  it('reminds reviewers of unfinished reviews three days before they are due, once', async () => {
    const clock = new FixedClock(new Date(reviewDueAt.getTime() - 2 * 24 * 3600_000));
    const scheduled = await startWorker(config, { clock });
    try {
      await scheduled.get(ReviewRemindersHandler).handle();
      await scheduled.get(ReviewRemindersHandler).handle();
      const reviewer = reviewers[2]!;
      const expected = (await assignmentsOf(reviewer)).length;
      // One "assigned" email and one reminder per assignment; asking twice sends nothing more.
      await mailbox.waitFor(reviewer.email, { count: 2 * expected });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const reminders = (await mailbox.messagesTo(reviewer.email)).filter((message) => message.subject.startsWith('Review of'));
      expect(reminders).toHaveLength(expected);
    } finally {
      await scheduled.close();
    }
  });

  it('shows a reviewer only the reference and the organization until they declare', async () => {
    const reviewer = reviewers[2]!;
    const [assignment] = await assignmentsOf(reviewer);
    expect(assignment).toMatchObject({ referenceNumber: expect.stringMatching(/^CBSF-/), organizationName: expect.stringMatching(/^Refuge /), conflictDeclared: null });
    const denied = await api().get(`/api/v1/applications/${assignment!.applicationId}`).set(reviewer.auth).expect(403);
    expect(denied.body.code).toBe('CONFLICT_DECLARATION_REQUIRED');
    await api().put(`/api/v1/assignments/${assignment!.id}/scores`).set(reviewer.auth).send({ scores: [], overallComment: '' }).expect(403);
    // Nor its documents (once declared free of conflict, a reviewer opens them: the service test shows it).
    const [document] = (await api().get(`/api/v1/applications/${assignment!.applicationId}`).set(officer.auth).expect(200)).body.attachments as Array<{ id: string }>;
    const documentDenied = await api().get(`/api/v1/applications/${assignment!.applicationId}/attachments/${document!.id}`).set(reviewer.auth).expect(403);
    expect(documentDenied.body.code).toBe('CONFLICT_DECLARATION_REQUIRED');

    const stranger = await signedInUser(app, ['reviewer']);
    await api().get(`/api/v1/applications/${assignment!.applicationId}`).set(stranger.auth).expect(404);
    await api().post(`/api/v1/assignments/${assignment!.id}/conflict`).set(stranger.auth).send({ conflict: false }).expect(404);
    reviewers.push(stranger); // in the pool from now on, like any reviewer
  });

  it('recuses a reviewer who declares a conflict and gives the application to another', async () => {
    const reviewer = reviewers[1]!;
    const [assignment] = await assignmentsOf(reviewer);
    const declared = await api().post(`/api/v1/assignments/${assignment!.id}/conflict`).set(reviewer.auth).send({ conflict: true, explanation: 'I sit on their board' }).expect(200);
    expect(declared.body).toMatchObject({ status: 'recused', conflictDeclared: true });
    const [document] = (await api().get(`/api/v1/applications/${assignment!.applicationId}`).set(officer.auth).expect(200)).body.attachments as Array<{ id: string }>;
    await api().get(`/api/v1/applications/${assignment!.applicationId}/attachments/${document!.id}`).set(reviewer.auth).expect(404);
    // The reviewer keeps a record of the declaration, without the application's content; only reviewers have one.
    const recusals = await api().get('/api/v1/assignments/recusals').set(reviewer.auth).expect(200);
    expect(recusals.body).toEqual([
      { id: assignment!.id, applicationId: assignment!.applicationId, referenceNumber: assignment!.referenceNumber, organizationName: assignment!.organizationName, callId, callTitle: expect.objectContaining({ en: expect.any(String), fr: expect.any(String) }), declaredAt: expect.any(String) },
    ]);
    expect((await assignmentsOf(reviewer)).map((live) => live.id)).not.toContain(assignment!.id);
    await api().get('/api/v1/assignments/recusals').set(officer.auth).expect(403);
    expect((await api().get('/api/v1/assignments/recusals').set(reviewers[2]!.auth).expect(200)).body).toEqual([]);

    const live = await app.get(DataSource).query(
      `SELECT reviewer_id FROM review_assignment WHERE application_id = $1 AND status IN ('assigned', 'submitted')`,
      [assignment!.applicationId],
    );
    expect(live).toHaveLength(2);
    expect(live.map((row: { reviewer_id: string }) => row.reviewer_id)).not.toContain(reviewer.id);
    await api().post(`/api/v1/applications/${assignment!.applicationId}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(422, /REVIEWER_NOT_ELIGIBLE/);

    const extra = await signedInUser(app, ['reviewer']);
    reviewers.push(extra);
    const gamma = applicants[2]!.applicationId;
    const manual = await api().post(`/api/v1/applications/${gamma}/assignments`).set(officer.auth).send({ reviewerId: extra.id }).expect(201);
    expect(manual.body).toMatchObject({ applicationId: gamma, reviewerId: extra.id, status: 'assigned' });
    await api().post(`/api/v1/applications/${gamma}/assignments`).set(officer.auth).send({ reviewerId: extra.id }).expect(409, /ALREADY_ASSIGNED/);

    // An officer can take an unfinished assignment back, and give it again.
    await api().delete(`/api/v1/assignments/${manual.body.id}`).set(officer.auth).expect(204);
    expect(await assignmentsOf(extra)).toEqual([]);
    await api().delete(`/api/v1/assignments/${manual.body.id}`).set(officer.auth).expect(409, /ASSIGNMENT_CLOSED/);
    await api().post(`/api/v1/applications/${gamma}/assignments`).set(officer.auth).send({ reviewerId: extra.id }).expect(201);

    // Whom an officer may still add by hand: never the reviewer who declared a conflict.
    await api().get(`/api/v1/applications/${assignment!.applicationId}/assignable-reviewers`).set(reviewer.auth).expect(403);
    const assignable = (await api().get(`/api/v1/applications/${assignment!.applicationId}/assignable-reviewers`).set(officer.auth).expect(200)).body as Array<{ id: string; currentLoad: number }>;
    expect(assignable.map((candidate) => candidate.id)).not.toContain(reviewer.id);
    expect(assignable.length).toBeGreaterThan(0);
    // The call's applications with their reviewers, the recused one shown as such.
    await api().get(`/api/v1/calls/${callId}/assignments`).set(reviewer.auth).expect(403);
    const byApplication = (await api().get(`/api/v1/calls/${callId}/assignments`).set(officer.auth).expect(200)).body as Array<{ applicationId: string; reviewers: Array<{ id: string; status: string }> }>;
    expect(byApplication.map((row) => row.applicationId).sort()).toEqual(applicants.map((applicant) => applicant.applicationId).sort());
    expect(byApplication.find((row) => row.applicationId === assignment!.applicationId)!.reviewers).toContainEqual(expect.objectContaining({ id: reviewer.id, status: 'recused' }));
    expect(byApplication.find((row) => row.applicationId === gamma)!.reviewers).toContainEqual(expect.objectContaining({ id: extra.id, status: 'assigned' }));
  });

  it('scores within the rubric, submits, and ranks by score with the funding line and disagreement flags', async () => {
    const [alpha, beta, gamma] = applicants.map((applicant) => applicant.applicationId);
    const seenBeta: string[] = [];
    // Alpha is strong, Gamma weak; Beta's reviewers disagree (100 and 20).
    const scoresFor = (applicationId: string, reviewerId: string) => {
      if (applicationId === alpha) return { need: 10, capacity: 5 };
      if (applicationId === gamma) return { need: 2, capacity: 1 };
      seenBeta.push(reviewerId);
      return seenBeta.length === 1 ? { need: 10, capacity: 5 } : { need: 2, capacity: 1 };
    };

    for (const reviewer of reviewers) {
      for (const assignment of await assignmentsOf(reviewer)) {
        if (assignment.conflictDeclared === null) {
          await api().post(`/api/v1/assignments/${assignment.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
        }
        const content = await api().get(`/api/v1/applications/${assignment.applicationId}`).set(reviewer.auth).expect(200);
        expect(content.body.answers).toEqual(ANSWERS);
        await api().post(`/api/v1/assignments/${assignment.id}/submit`).set(reviewer.auth).expect(422, /INCOMPLETE_REVIEW/);
        await api()
          .put(`/api/v1/assignments/${assignment.id}/scores`)
          .set(reviewer.auth)
          .send({ scores: [{ criterionKey: 'need', score: 11, comment: '' }], overallComment: '' })
          .expect(400, /INVALID_SCORES/);
        const { need, capacity } = scoresFor(assignment.applicationId, reviewer.id);
        await api()
          .put(`/api/v1/assignments/${assignment.id}/scores`)
          .set(reviewer.auth)
          .send({ scores: [{ criterionKey: 'need', score: need, comment: 'Clear need' }, { criterionKey: 'capacity', score: capacity, comment: 'Solid team' }], overallComment: 'Read in full' })
          .expect(200);
        await api().post(`/api/v1/assignments/${assignment.id}/submit`).set(reviewer.auth).expect(200);
        await api().put(`/api/v1/assignments/${assignment.id}/scores`).set(reviewer.auth).send({ scores: [], overallComment: '' }).expect(409);
      }
    }

    const ranking = await api().get(`/api/v1/calls/${callId}/ranking`).set(officer.auth).expect(200);
    const items = ranking.body.items as Array<Record<string, unknown>>;
    expect(ranking.body.disagreementThreshold).toBe(50);
    expect(items.map((item) => item.applicationId)).toEqual([alpha, beta, gamma]);
    expect(items[0]).toMatchObject({ rank: 1, weightedScore: 100, reviewsSubmitted: 2, disagreement: false, recommendedCents: 7_250_050, cumulativeCents: 7_250_050, aboveFundingLine: true });
    expect(items[1]).toMatchObject({ rank: 2, weightedScore: 60, disagreement: true, cumulativeCents: 14_500_100, aboveFundingLine: true });
    expect(items[2]).toMatchObject({ rank: 3, weightedScore: 20, recommendedCents: 0, aboveFundingLine: false });

    const betaReviews = await api().get(`/api/v1/applications/${beta}/reviews`).set(officer.auth).expect(200);
    expect(betaReviews.body.filter((review: { status: string }) => review.status === 'submitted').map((review: { weightedScore: number }) => review.weightedScore).sort()).toEqual([100, 20].sort());
    const submittedReview = betaReviews.body.find((review: { status: string }) => review.status === 'submitted');
    expect(submittedReview.scores[0]).toMatchObject({ criterionKey: 'need', comment: 'Clear need' });
    await api().get(`/api/v1/applications/${beta}/reviews`).set(reviewers[2]!.auth).expect(403);
    await api().get(`/api/v1/applications/${beta}/reviews`).set(applicants[1]!.user.auth).expect(403);

    await api().get(`/api/v1/calls/${callId}/ranking`).set(applicants[0]!.user.auth).expect(403);
    await api().get(`/api/v1/calls/${callId}/ranking`).set(reviewers[0]!.auth).expect(403);
  });

  it('records decisions with a rationale, and a reason to go against the funding line', async () => {
    const [alpha, beta, gamma] = applicants.map((applicant) => applicant.applicationId);
    const decide = (id: string, body: Record<string, unknown>) => api().post(`/api/v1/applications/${id}/decision`).set(officer.auth).send(body);
    await api().get(`/api/v1/applications/${alpha}/decision`).set(officer.auth).expect(404);

    expect((await decide(alpha!, { outcome: 'declined', rationale: 'Funded elsewhere' }).expect(422)).body.code).toBe('OVERRIDE_REASON_REQUIRED');
    await decide(alpha!, { outcome: 'declined', rationale: 'Funded elsewhere', overrideReason: 'Already funded by another ministry for 2027-28' }).expect(200);

    expect((await decide(beta!, { outcome: 'approved', approvedCents: 7_250_051, rationale: 'Strong' }).expect(422)).body.code).toBe('APPROVED_EXCEEDS_REQUEST');
    const approved = await decide(beta!, { outcome: 'approved', approvedCents: 7_000_000, conditions: 'Quarterly reports', rationale: 'Strong need' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedCents: 7_000_000, requestedCents: 7_250_050, aboveFundingLine: true, released: false });
    await decide(beta!, { outcome: 'approved', approvedCents: 7_250_050, rationale: 'Full amount after all' }).expect(200);

    expect((await decide(gamma!, { outcome: 'approved', approvedCents: 1_000_000, rationale: 'Pilot' }).expect(422)).body.code).toBe('OVERRIDE_REASON_REQUIRED');
    await decide(gamma!, { outcome: 'approved', approvedCents: 1_000_000, rationale: 'Pilot', overrideReason: 'Only northern service of its kind' }).expect(200);

    await api().post(`/api/v1/applications/${beta}/decision`).set(applicants[1]!.user.auth).send({ outcome: 'approved', approvedCents: 1, rationale: 'mine' }).expect(403);
    const seen = await api().get(`/api/v1/applications/${beta}`).set(applicants[1]!.user.auth).expect(200);
    // The decision stays with the office until it is released with its letter.
    expect(seen.body.status).toBe('in_review');
    // The decision record, with who decided, is the office's; so are the call's decisions.
    await api().get(`/api/v1/applications/${beta}/decision`).set(applicants[1]!.user.auth).expect(403);
    const record = await api().get(`/api/v1/applications/${beta}/decision`).set(officer.auth).expect(200);
    expect(record.body).toMatchObject({ applicationId: beta, outcome: 'approved', approvedCents: 7_250_050, rationale: 'Full amount after all', decidedBy: { id: officer.id }, releasedAt: null });
    await api().get(`/api/v1/calls/${callId}/decisions`).set(reviewers[0]!.auth).expect(403);
    const decisions = (await api().get(`/api/v1/calls/${callId}/decisions`).set(officer.auth).expect(200)).body as Array<{ applicationId: string; outcome: string; released: boolean }>;
    expect(decisions.map(({ applicationId, outcome, released }) => ({ applicationId, outcome, released })).sort((a, b) => a.applicationId.localeCompare(b.applicationId))).toEqual(
      [
        { applicationId: alpha, outcome: 'declined', released: false },
        { applicationId: beta, outcome: 'approved', released: false },
        { applicationId: gamma, outcome: 'approved', released: false },
      ].sort((a, b) => a.applicationId!.localeCompare(b.applicationId!)),
    );
    const events = await app.get(DataSource).query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'application.decision%' OR entity_id = $1 AND action = 'application.decided' ORDER BY occurred_at`, [beta]);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['application.decided', 'application.decision_changed']);
  });

  it('assigns Indigenous-Led Initiatives Fund applications to the ILIF panel only', async () => {
    const ilif = await api()
      .post('/api/v1/calls')
      .set(officer.auth)
      .send(callBody({ fundId: ILIF_FUND_ID, eligibility: { organizationTypes: ['indigenous_organization', 'first_nation'], regions: null, indigenousLedRequired: true }, reviewersPerApplication: 2 }))
      .expect(201);
    await api().post(`/api/v1/calls/${ilif.body.id}/publish`).set(officer.auth).expect(200);
    const user = await signedInUser(app);
    const organization = await api()
      .post('/api/v1/organizations')
      .set(user.auth)
      .send(organizationFor(user, { legalName: 'Nishnawbe Healing Lodge', type: 'first_nation', indigenousLed: true }))
      .expect(201);
    await acceptDataSharing(app, organization.body.id as string, user);
    const draft = await api().post(`/api/v1/calls/${ilif.body.id}/applications`).set(user.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(user.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(user.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(user.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Indigenous-led' }).expect(200);

    const assigned = await api().post(`/api/v1/calls/${ilif.body.id}/assignments/auto`).set(officer.auth).expect(200);
    expect(assigned.body).toEqual({ created: 1, shortfalls: [{ applicationId: draft.body.id, missing: 1 }], conflicted: [] });
    const assignedPanels = await app.get(DataSource).query(`SELECT u.panels FROM review_assignment r JOIN user_account u ON u.id = r.reviewer_id WHERE r.application_id = $1`, [draft.body.id]);
    expect(assignedPanels).toEqual([{ panels: ['ILIF'] }]);
    const outsider = (await app.get(DataSource).query(`SELECT id FROM user_account WHERE 'reviewer' = ANY (roles) AND NOT ('ILIF' = ANY (panels)) LIMIT 1`))[0].id;
    await api().post(`/api/v1/applications/${draft.body.id}/assignments`).set(officer.auth).send({ reviewerId: outsider }).expect(422, /REVIEWER_NOT_ELIGIBLE/);

    // Once the applicant withdraws, the review is closed: no scores can move the ranking.
    await api().post(`/api/v1/applications/${draft.body.id}/withdraw`).set(user.auth).expect(200);
    const [open] = (await assignmentsOf(reviewers[4]!)).filter((assignment) => assignment.applicationId === draft.body.id);
    await api().post(`/api/v1/assignments/${open!.id}/conflict`).set(reviewers[4]!.auth).send({ conflict: false }).expect(200);
    await api()
      .put(`/api/v1/assignments/${open!.id}/scores`)
      .set(reviewers[4]!.auth)
      .send({ scores: [{ criterionKey: 'need', score: 5, comment: '' }], overallComment: '' })
      .expect(409, /NOT_IN_REVIEW/);
  });
});
