import { INestApplication } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import request from 'supertest';
import { signedInUser, TestUser } from './accounts';
import { organizationFor, PDF } from './calls';

export interface AwardPlanInput {
  legalName: string;
  language: 'en' | 'fr';
  budget: Array<{ fiscalYear: string; category: string; description: string; amountCents: number }>;
  approvedCents: number;
}

export interface AcceptedAward {
  owner: TestUser;
  awardId: string;
  /** In the order of the payment plan (position). */
  paymentIds: string[];
}

/**
 * Applications to a published call, screened eligible and approved by `officer`, released, and
 * accepted by their organizations' owners (who have signing authority): awards whose agreements
 * wait for signatures. Answers fit test/support/calls.ts callBody's form.
 */
export async function acceptedAwards(app: INestApplication, officer: TestUser, callId: string, plans: readonly AwardPlanInput[]): Promise<AcceptedAward[]> {
  const api = () => request(app.getHttpServer());
  const owners: TestUser[] = [];
  for (const plan of plans) {
    const owner = await signedInUser(app, ['applicant'], { locale: plan.language, name: 'Dana Whitford' });
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: plan.legalName, preferredLanguage: plan.language })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api()
      .patch(`/api/v1/applications/${draft.body.id}`)
      .set(owner.auth)
      .send({ version: 1, title: `Safe homes (${plan.legalName})`, summary: 'Housing and outreach for survivors.', answers: { need: 'Transitional housing', people_served: 40 }, budget: plan.budget })
      .expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/decision`).set(officer.auth).send({ outcome: 'approved', approvedCents: plan.approvedCents, conditions: '', rationale: 'Strong proposal', overrideReason: 'Regional balance' }).expect(200);
    owners.push(owner);
  }
  const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
  await passesWithin(30_000, async () => {
    if ((await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(officer.auth).expect(200)).body.status !== 'completed') throw new Error('release not completed yet');
  });
  const awards: AcceptedAward[] = [];
  for (const owner of owners) {
    const awardId = (await api().get('/api/v1/awards').set(owner.auth).expect(200)).body.items[0].id as string;
    const accepted = await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    awards.push({ owner, awardId, paymentIds: accepted.body.payments.map((payment: { id: string }) => payment.id) });
  }
  return awards;
}
