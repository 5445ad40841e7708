import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import { Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';

const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 }];

/**
 * Separation of duties (issue 14): a staff member who belongs to an applicant organization, or who
 * declared a conflict with it, does not screen, assign, decide, pay or review its applications; another
 * officer does. Its own database, so that the reviewer pool and the call's applications are this file's.
 */
describe('separation of duties for staff', () => {
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  /** An officer who also runs an organization and applies for it. */
  let insider: TestUser;
  /** An officer with no tie to it. */
  let colleague: TestUser;
  let reviewer: TestUser;
  let callId: string;
  let ownApplicationId: string;
  let otherApplicationId: string;
  const api = () => request(app.getHttpServer());

  async function organizationOf(owner: TestUser, legalName: string): Promise<string> {
    return (await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName })).expect(201)).body.id as string;
  }

  /** A submitted application of a new organization of the owner's, or of the one named by its id. */
  async function apply(owner: TestUser, organization: string, call = callId): Promise<string> {
    const organizationId = /^[0-9a-f-]{36}$/.test(organization) ? organization : await organizationOf(owner, organization);
    const draft = await api().post(`/api/v1/calls/${call}/applications`).set(owner.auth).send({ organizationId }).expect(201);
    await api()
      .patch(`/api/v1/applications/${draft.body.id}`)
      .set(owner.auth)
      .send({ version: 1, title: 'Safe homes', summary: 'Housing for survivors.', answers: { need: 'Transitional housing', people_served: 40 }, budget: BUDGET })
      .expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    return draft.body.id as string;
  }

  function expectStaffConflict(response: request.Response, reason: 'member' | 'former_member' | 'declared'): void {
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, code: 'STAFF_CONFLICT', details: { reason } });
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('separation'));
    app = await startApi(config);
    // Offers awards and renders letters after a release.
    worker = await startWorker(config);
    [insider, colleague, reviewer] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app, ['officer']), signedInUser(app, ['reviewer'])]);
    const created = await api().post('/api/v1/calls').set(colleague.auth).send(callBody({ reviewersPerApplication: 1, outcomeMeasures: [] })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(colleague.auth).expect(200);
    ownApplicationId = await apply(insider, 'Insider Community Services');
    otherApplicationId = await apply(await signedInUser(app), 'Harbour Light Community Services');
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
  });

  it('refuses the officer every step on their own organization’s application, and lets another officer take each', async () => {
    const screening = { outcome: 'eligible', reason: 'Complete and eligible' };
    expectStaffConflict(await api().post(`/api/v1/applications/${ownApplicationId}/screening`).set(insider.auth).send(screening), 'member');
    const respondBy = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    expectStaffConflict(await api().post(`/api/v1/applications/${ownApplicationId}/information-requests`).set(insider.auth).send({ message: 'Add the budget notes', respondBy }), 'member');
    expect((await api().get(`/api/v1/applications/${ownApplicationId}`).set(colleague.auth).expect(200)).body.status).toBe('submitted');
    await api().post(`/api/v1/applications/${ownApplicationId}/screening`).set(colleague.auth).send(screening).expect(200);
    // The insider still screens other organizations' applications.
    await api().post(`/api/v1/applications/${otherApplicationId}/screening`).set(insider.auth).send(screening).expect(200);

    expectStaffConflict(await api().post(`/api/v1/applications/${ownApplicationId}/assignments`).set(insider.auth).send({ reviewerId: reviewer.id }), 'member');
    const assigned = await api().post(`/api/v1/applications/${ownApplicationId}/assignments`).set(colleague.auth).send({ reviewerId: reviewer.id }).expect(201);
    expectStaffConflict(await api().delete(`/api/v1/assignments/${assigned.body.id}`).set(insider.auth), 'member');

    expectStaffConflict(await api().post(`/api/v1/applications/${ownApplicationId}/decision`).set(insider.auth).send({ outcome: 'approved', approvedCents: 5_000_000, rationale: 'Mine' }), 'member');
    expect((await api().get(`/api/v1/applications/${ownApplicationId}`).set(colleague.auth).expect(200)).body.status).toBe('in_review');
    await api().post(`/api/v1/applications/${ownApplicationId}/decision`).set(colleague.auth).send({ outcome: 'approved', approvedCents: 5_000_000, rationale: 'Strong proposal', overrideReason: 'Regional balance' }).expect(200);

    // The deliberation is not the insider's to read: not the reviews, the decision, nor the trail that holds them.
    for (const path of [`applications/${ownApplicationId}/reviews`, `applications/${ownApplicationId}/decision`, `audit?entityId=${ownApplicationId}`, `audit/deliberations?entityId=${ownApplicationId}`]) {
      expectStaffConflict(await api().get(`/api/v1/${path}`).set(insider.auth), 'member');
    }
    expect((await api().get(`/api/v1/applications/${ownApplicationId}/decision`).set(colleague.auth).expect(200)).body).toMatchObject({ outcome: 'approved', rationale: 'Strong proposal' });
    // As a member, the insider learns the outcome when the organization does, not before.
    expect((await api().get(`/api/v1/applications/${ownApplicationId}`).set(insider.auth).expect(200)).body.status).toBe('in_review');
    const listed = (await api().get(`/api/v1/applications?callId=${callId}`).set(insider.auth).expect(200)).body.items as Array<{ id: string; status: string }>;
    expect(listed.find((row) => row.id === ownApplicationId)?.status).toBe('in_review');
    expect((await api().get(`/api/v1/applications/${ownApplicationId}`).set(colleague.auth).expect(200)).body.status).toBe('approved');

    const ownReference = (await api().get(`/api/v1/applications/${ownApplicationId}`).set(colleague.auth).expect(200)).body.referenceNumber as string;
    const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(insider.auth);
    expectStaffConflict(release, 'member');
    expect(release.body.details.referenceNumbers).toEqual([ownReference]);
    await api().post(`/api/v1/calls/${callId}/release-decisions`).set(colleague.auth).expect(202);
    // The release offers the award in the background, with the letter.
    const awardId = await passesWithin(30_000, async () => {
      const offered = (await api().get(`/api/v1/applications/${ownApplicationId}`).set(insider.auth).expect(200)).body.awardId as string | null;
      expect(offered).toEqual(expect.any(String));
      return offered!;
    });
    // As the organization's owner, the insider answers the offer like any applicant.
    const accepted = await api().post(`/api/v1/awards/${awardId}/accept`).set(insider.auth).expect(200);
    // And signs its agreement, as its signing authority; an approver independent of it counter-signs.
    const approver = await signedInUser(app, ['approver']);
    const executed = await executeAgreement(app, awardId, insider, approver);
    expect(executed.status).toBe('executed');
    const [payment] = (await api().get(`/api/v1/awards/${awardId}`).set(insider.auth).expect(200)).body.payments as Array<{ id: string; status: string; waitingFor: string[] }>;
    expect(payment).toMatchObject({ status: 'scheduled', waitingFor: [] });
    // Another officer requests it and records it paid; the insider does neither.
    expectStaffConflict(await api().post(`/api/v1/payments/${payment!.id}/request`).set(insider.auth), 'member');
    await api().post(`/api/v1/payments/${payment!.id}/request`).set(colleague.auth).expect(200);
    expect((await api().post(`/api/v1/payments/${payment!.id}/approve`).set(approver.auth).expect(200)).body.status).toBe('approved');
    expectStaffConflict(await api().post(`/api/v1/payments/${payment!.id}/paid`).set(insider.auth).send({ reference: 'EFT-1' }), 'member');
    const paid = await api().post(`/api/v1/payments/${payment!.id}/paid`).set(colleague.auth).send({ reference: 'EFT-1' }).expect(200);
    expect(paid.body).toMatchObject({ id: payment!.id, status: 'paid', paymentReference: 'EFT-1' });

    const [report] = accepted.body.reports as Array<{ kind: string; period: string }>;
    const filed = await api().post(`/api/v1/awards/${awardId}/reports`).set(insider.auth).send({ period: report!.period, kind: report!.kind, spending: [{ fiscalYear: report!.period, category: 'personnel', spentCents: 4_800_000 }], outcomes: {}, narrative: 'Opened six beds.' }).expect(201);
    expectStaffConflict(await api().post(`/api/v1/awards/${awardId}/reports/${filed.body.id}/review`).set(insider.auth).send({ outcome: 'accepted' }), 'member');
    await api().post(`/api/v1/awards/${awardId}/reports/${filed.body.id}/review`).set(colleague.auth).send({ outcome: 'accepted' }).expect(200);
  });

  it('skips the applications the officer is conflicted on in automatic assignment, and says which', async () => {
    const second = await signedInUser(app, ['reviewer']);
    const call = await api().post('/api/v1/calls').set(colleague.auth).send(callBody({ reviewersPerApplication: 1 })).expect(201);
    const id = call.body.id as string;
    await api().post(`/api/v1/calls/${id}/publish`).set(colleague.auth).expect(200);
    const own = await apply(insider, 'Insider Outreach', id);
    const other = await apply(await signedInUser(app), 'Northern Lights Shelter', id);
    for (const applicationId of [own, other]) await api().post(`/api/v1/applications/${applicationId}/screening`).set(colleague.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);

    const auto = await api().post(`/api/v1/calls/${id}/assignments/auto`).set(insider.auth).expect(200);
    const ownReference = (await api().get(`/api/v1/applications/${own}`).set(colleague.auth).expect(200)).body.referenceNumber as string;
    expect(auto.body).toMatchObject({ created: 1, conflicted: [{ applicationId: own, referenceNumber: ownReference, reason: 'member' }] });
    const reviewers = (await api().get(`/api/v1/calls/${id}/assignments`).set(colleague.auth).expect(200)).body as Array<{ applicationId: string; reviewers: unknown[] }>;
    expect(reviewers.find((row) => row.applicationId === own)?.reviewers).toEqual([]);
    expect(reviewers.find((row) => row.applicationId === other)?.reviewers).toHaveLength(1);

    // Run by an officer who may, the application left alone gets its reviewer.
    expect((await api().post(`/api/v1/calls/${id}/assignments/auto`).set(colleague.auth).expect(200)).body).toMatchObject({ created: 1, conflicted: [] });
    expect([reviewer.id, second.id]).toContain(((await api().get(`/api/v1/applications/${own}/reviews`).set(colleague.auth).expect(200)).body as Array<{ reviewerId: string }>)[0]?.reviewerId);
  });

  it('lets an officer declare a conflict once, then refuses them every application of that organization', async () => {
    const declarer = await signedInUser(app, ['officer'], { name: 'Dana Officer' });
    const owner = await signedInUser(app);
    const organizationId = await organizationOf(owner, 'Safe Passage Collective');
    const declaredOn = await apply(owner, organizationId);
    await api().post(`/api/v1/applications/${declaredOn}/screening`).set(colleague.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
    const laterCall = await api().post('/api/v1/calls').set(colleague.auth).send(callBody()).expect(201);
    await api().post(`/api/v1/calls/${laterCall.body.id}/publish`).set(colleague.auth).expect(200);
    await api().post(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(declarer.auth).send({ reason: '' }).expect(400);
    await api().post(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(reviewer.auth).send({ reason: 'My sister runs it' }).expect(403);
    const declared = await api().post(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(declarer.auth).send({ reason: 'My sister sits on its board' }).expect(201);
    expect(declared.body).toMatchObject({ applicationId: declaredOn, staff: { id: declarer.id, name: 'Dana Officer' }, reason: 'My sister sits on its board' });
    const again = await api().post(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(declarer.auth).send({ reason: 'Again' }).expect(409);
    expect(again.body.code).toBe('ALREADY_DECLARED');

    const listed = await api().get(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(colleague.auth).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: declared.body.id, staff: { id: declarer.id, name: 'Dana Officer' }, reason: 'My sister sits on its board' })]);
    await api().get(`/api/v1/applications/${declaredOn}/staff-conflicts`).set(reviewer.auth).expect(403);

    expectStaffConflict(
      await api().post(`/api/v1/applications/${declaredOn}/decision`).set(declarer.auth).send({ outcome: 'declined', rationale: 'Weak', overrideReason: 'Regional balance' }),
      'declared',
    );
    await api().post(`/api/v1/applications/${declaredOn}/decision`).set(colleague.auth).send({ outcome: 'declined', rationale: 'Weak', overrideReason: 'Regional balance' }).expect(200);

    // The conflict covers the organization's other applications too.
    const later = await apply(owner, organizationId, laterCall.body.id as string);
    expectStaffConflict(await api().post(`/api/v1/applications/${later}/screening`).set(declarer.auth).send({ outcome: 'eligible', reason: 'Eligible' }), 'declared');
    await api().post(`/api/v1/applications/${later}/staff-conflicts`).set(declarer.auth).send({ reason: 'Same board' }).expect(409);
    expect((await api().get(`/api/v1/applications/${later}/staff-conflicts`).set(colleague.auth).expect(200)).body).toEqual([expect.objectContaining({ applicationId: declaredOn })]);

    const trail = (await app.get(DataSource).query(`SELECT action, actor_id, entity_type FROM audit_event WHERE entity_id = $1 AND action = 'staff.conflict_declared'`, [declaredOn])) as unknown[];
    expect(trail).toEqual([{ action: 'staff.conflict_declared', actor_id: declarer.id, entity_type: 'application' }]);
  });

  it('keeps the tie after the officer leaves the organization, and a declaration after the draft it was made on is deleted', async () => {
    const call = await api().post('/api/v1/calls').set(colleague.auth).send(callBody()).expect(201);
    const id = call.body.id as string;
    await api().post(`/api/v1/calls/${id}/publish`).set(colleague.auth).expect(200);

    // The officer hands the organization to a second owner and leaves it before it applies.
    const leaver = await signedInUser(app, ['officer']);
    const partner = await signedInUser(app);
    // The partner signs for it: a signing authority who left would hold back its submission.
    const created = await api().post('/api/v1/organizations').set(leaver.auth).send(organizationFor(partner, { legalName: 'Lakeshore Survivors Network' })).expect(201);
    const organizationId = created.body.id as string;
    const invited = await api().post(`/api/v1/organizations/${organizationId}/members`).set(leaver.auth).send({ email: partner.email, role: 'owner' }).expect(201);
    await api().post(`/api/v1/invitations/${invited.body.id}/accept`).set(partner.auth).expect(200);
    await api().delete(`/api/v1/organizations/${organizationId}/members/${leaver.id}`).set(leaver.auth).expect(204);
    const applicationId = await apply(partner, organizationId, id);
    expectStaffConflict(await api().post(`/api/v1/applications/${applicationId}/screening`).set(leaver.auth).send({ outcome: 'eligible', reason: 'Eligible' }), 'former_member');
    await api().post(`/api/v1/applications/${applicationId}/screening`).set(colleague.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);

    // A conflict declared on a draft covers the organization still once the draft is deleted.
    const declarer = await signedInUser(app, ['officer']);
    const owner = await signedInUser(app);
    const bridges = await organizationOf(owner, 'Bridges Out Collective');
    const draft = await api().post(`/api/v1/calls/${id}/applications`).set(owner.auth).send({ organizationId: bridges }).expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/staff-conflicts`).set(declarer.auth).send({ reason: 'I sit on its board' }).expect(201);
    await api().delete(`/api/v1/applications/${draft.body.id}`).set(owner.auth).expect(204);
    const later = await apply(owner, bridges, id);
    expectStaffConflict(await api().post(`/api/v1/applications/${later}/screening`).set(declarer.auth).send({ outcome: 'eligible', reason: 'Eligible' }), 'declared');
    expect((await api().get(`/api/v1/applications/${later}/staff-conflicts`).set(colleague.auth).expect(200)).body).toEqual([
      expect.objectContaining({ applicationId: null, referenceNumber: null, staff: expect.objectContaining({ id: declarer.id }), reason: 'I sit on its board' }),
    ]);
  });

  it('shows the officer why a page offers no action, and asks before recording a declaration made on the page', async () => {
    const browser = await launchBrowser();
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const inReview = async (owner: TestUser, legalName: string): Promise<string> => {
      const id = await apply(owner, legalName);
      await api().post(`/api/v1/applications/${id}/screening`).set(colleague.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
      return id;
    };
    const signedIn = async (user: TestUser, next: string): Promise<Page> => {
      const page = await newPage(browser, baseUrl);
      page.setDefaultTimeout(10_000);
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await page.locator('#email').fill(user.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL(`${baseUrl}${next}`);
      return page;
    };
    try {
      const own = await inReview(insider, 'Insider Youth Services');
      const insiderPage = await signedIn(insider, `/officer/applications/${own}`);
      const insiderText = (await insiderPage.locator('main').textContent()) ?? '';
      expect(insiderText).toContain('You belong to this organization.');
      expect(insiderText).toContain('the reviews, the ranking and the decision of its applications are not shown to you');
      for (const action of ['decision', 'assignments', 'staff-conflicts']) expect(await insiderPage.locator(`form[action="/officer/applications/${own}/${action}"]`).count()).toBe(0);
      await expectAccessible(insiderPage, 'the application page of the officer’s own organization');
      await insiderPage.goto(`/officer/calls/${callId}/assignments`);
      await insiderPage.getByRole('button', { name: 'Assign reviewers automatically' }).click();
      await insiderPage.waitForURL(/conflicted=1$/);
      await expect(insiderPage.locator('[role=status]').textContent()).resolves.toContain('One application was left alone because of your conflict of interest');

      const declarer = await signedInUser(app, ['officer']);
      const other = await inReview(await signedInUser(app), 'Riverside Women’s Centre');
      const page = await signedIn(declarer, `/officer/applications/${other}`);
      expect(await page.locator(`form[action="/officer/applications/${other}/decision"]`).count()).toBe(1);
      await page.locator('#conflictReason').fill('I volunteer on its board.');
      await page.getByRole('button', { name: 'Declare a conflict of interest' }).click();
      await expect(page.locator('h1').textContent()).resolves.toContain('Declare a conflict of interest with Riverside Women’s Centre?');
      await expectAccessible(page, 'the confirmation of a declaration');
      // Nothing is recorded before the officer confirms.
      expect((await api().get(`/api/v1/applications/${other}/staff-conflicts`).set(colleague.auth).expect(200)).body).toEqual([]);
      await page.getByRole('button', { name: 'Yes, declare the conflict' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${other}?notice=conflict#staff-conflicts`);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Your conflict of interest is recorded.');
      expect(text).toContain('You declared a conflict of interest with this organization.');
      expect(text).toContain('I volunteer on its board.');
      for (const action of ['decision', 'assignments', 'staff-conflicts']) expect(await page.locator(`form[action="/officer/applications/${other}/${action}"]`).count()).toBe(0);
      await expectAccessible(page, 'the application page after a declaration');
      expect((await api().get(`/api/v1/applications/${other}/staff-conflicts`).set(colleague.auth).expect(200)).body).toEqual([expect.objectContaining({ reason: 'I volunteer on its board.' })]);
    } finally {
      await browser.close();
    }
  });
});
