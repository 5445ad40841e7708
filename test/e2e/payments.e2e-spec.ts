import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, passesWithin } from '@grants/testing';
import request from 'supertest';
import { executeAgreement } from '../support/agreements';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const mailbox = new Mailbox();
const ANSWERS = { need: 'Transitional housing', people_served: 40 };
const MEASURES = [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }];
// $85,000.00 approved of $100,000.00 over two years: instalments of $51,000.00 and $34,000.00, of which $8,500.00 (10%) is held back.
const TWO_YEARS = {
  budget: [
    { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 6_000_000 },
    { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
  ],
  approvedCents: 8_500_000,
};
// $140,000.00 in one year: a first payment of $126,000.00, above the $100,000.00 threshold, and a $14,000.00 holdback.
const ONE_YEAR = { budget: [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach team', amountCents: 14_000_000 }], approvedCents: 14_000_000 };

interface Recipient {
  owner: TestUser;
  awardId: string;
  paymentIds: string[];
}

describe('payments with controls: requested, approved by someone else, recorded; holds and holdback', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  /** An officer who also has the approver role: may request or approve, never both on one payment. */
  let officerApprover: TestUser;
  let approver: TestUser;
  let secondApprover: TestUser;
  let callId: string;
  const recipients: Record<'twoYears' | 'oneYear', Recipient> = {} as never;
  const api = () => request(app.getHttpServer());
  const payment = async (awardId: string, position: number, reader: TestUser = officer) =>
    ((await api().get(`/api/v1/awards/${awardId}`).set(reader.auth).expect(200)).body.payments as Array<Record<string, any>>).find((candidate) => candidate.position === position)!;

  async function applied(name: string, language: 'en' | 'fr', plan: { budget: unknown[]; approvedCents: number }): Promise<Recipient> {
    const owner = await signedInUser(app, ['applicant'], { locale: language, name: 'Dana Whitford' });
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: name, preferredLanguage: language })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${name})`, summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: plan.budget }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/decision`).set(officer.auth).send({ outcome: 'approved', approvedCents: plan.approvedCents, conditions: '', rationale: 'Strong proposal', overrideReason: 'Regional balance' }).expect(200);
    return { owner, awardId: '', paymentIds: [] };
  }

  /** Spending of the period exactly as schedule D budgets it: within flexibility, so accepted without a justification. */
  const fileAndAccept = async (recipient: Recipient, kind: 'interim' | 'final', period: string) => {
    const budget = (await api().get(`/api/v1/awards/${recipient.awardId}`).set(recipient.owner.auth).expect(200)).body.budget as Array<{ fiscalYear: string; category: string; amountCents: number }>;
    const spending = budget.filter((line) => line.fiscalYear === period).map(({ fiscalYear, category, amountCents }) => ({ fiscalYear, category, spentCents: amountCents }));
    expect(spending).not.toEqual([]);
    const filed = await api().post(`/api/v1/awards/${recipient.awardId}/reports`).set(recipient.owner.auth).send({ period, kind, spending, outcomes: { people_served: 40 }, narrative: 'Opened six beds.' }).expect(201);
    await api().post(`/api/v1/awards/${recipient.awardId}/reports/${filed.body.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(200);
  };

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('payments'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer'], { name: 'Alex Tremblay' });
    officerApprover = await signedInUser(app, ['officer', 'approver'], { name: 'Sam Okafor' });
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    secondApprover = await signedInUser(app, ['approver'], { name: 'Priya Raman', locale: 'fr' });
    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 30_000_000, outcomeMeasures: MEASURES })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    recipients.twoYears = await applied('Harbour Light Community Services', 'en', TWO_YEARS);
    recipients.oneYear = await applied('Services communautaires Nouvelle Voie', 'fr', ONE_YEAR);
    const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    await passesWithin(30_000, async () => {
      expect((await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(officer.auth).expect(200)).body.status).toBe('completed');
    });
    for (const recipient of Object.values(recipients)) {
      recipient.awardId = (await api().get('/api/v1/awards').set(recipient.owner.auth).expect(200)).body.items[0].id as string;
      const accepted = await api().post(`/api/v1/awards/${recipient.awardId}/accept`).set(recipient.owner.auth).expect(200);
      recipient.paymentIds = accepted.body.payments.map((candidate: { id: string }) => candidate.id);
    }
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('plans the holdback as a payment of its own, taken from the last instalment', async () => {
    const award = (await api().get(`/api/v1/awards/${recipients.twoYears.awardId}`).set(officer.auth).expect(200)).body;
    expect(award.payments.map((part: Record<string, unknown>) => [part.fiscalYear, part.amountCents, part.holdback, part.status])).toEqual([
      ['2027-28', 5_100_000, false, 'scheduled'],
      ['2028-29', 2_550_000, false, 'scheduled'],
      ['2028-29', 850_000, true, 'scheduled'],
    ]);
    expect(award.payments.map((part: { waitingFor: string[] }) => part.waitingFor)).toEqual([['AGREEMENT_NOT_EXECUTED'], ['AGREEMENT_NOT_EXECUTED', 'PRIOR_REPORT_NOT_ACCEPTED'], ['AGREEMENT_NOT_EXECUTED', 'FINAL_REPORT_NOT_ACCEPTED']]);
  });

  it('refuses a payment before the agreement is executed, then goes requested → approved by someone else → paid, each step shown with who and when', async () => {
    const { owner, awardId, paymentIds } = recipients.twoYears;
    const [first] = paymentIds as [string];
    const early = await api().post(`/api/v1/payments/${first}/request`).set(officer.auth).expect(422);
    expect(early.body).toMatchObject({ code: 'AGREEMENT_NOT_EXECUTED', message: expect.stringMatching(/agreement is not executed/) });

    await executeAgreement(app, awardId, owner, approver);
    expect((await api().post(`/api/v1/payments/${first}/approve`).set(approver.auth).expect(409)).body.code).toBe('PAYMENT_NOT_REQUESTED');
    expect((await api().post(`/api/v1/payments/${first}/paid`).set(officer.auth).send({ reference: 'EFT-1' }).expect(409)).body.code).toBe('PAYMENT_NOT_APPROVED');
    // Only officers ask for payments, only approvers approve them.
    await api().post(`/api/v1/payments/${first}/request`).set(approver.auth).expect(403);
    await api().post(`/api/v1/payments/${first}/request`).set(owner.auth).expect(403);

    const requested = await api().post(`/api/v1/payments/${first}/request`).set(officerApprover.auth).expect(200);
    expect(requested.body).toMatchObject({ status: 'requested', amountCents: 5_100_000, approvalsNeeded: 1, requested: { by: { id: officerApprover.id, name: 'Sam Okafor' } }, approvals: [] });
    expect((await api().post(`/api/v1/payments/${first}/request`).set(officer.auth).expect(409)).body.code).toBe('PAYMENT_NOT_SCHEDULED');
    // The requester never approves, even with the approver role.
    const own = await api().post(`/api/v1/payments/${first}/approve`).set(officerApprover.auth).expect(403);
    expect(own.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', message: expect.stringMatching(/You requested this payment/), details: { because: 'requester' } });
    await api().post(`/api/v1/payments/${first}/approve`).set(officer.auth).expect(403);

    const waiting = (await api().get('/api/v1/payments?status=requested').set(approver.auth).expect(200)).body.items;
    expect(waiting).toEqual([expect.objectContaining({ id: first, canApprove: true, award: expect.objectContaining({ id: awardId, organizationName: 'Harbour Light Community Services' }) })]);
    expect((await api().get('/api/v1/payments?status=requested').set(officerApprover.auth).expect(200)).body.items[0].canApprove).toBe(false);
    await api().get('/api/v1/payments').set(owner.auth).expect(403);

    const approved = await api().post(`/api/v1/payments/${first}/approve`).set(approver.auth).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvals: [{ by: { id: approver.id, name: 'Morgan Lee' } }] });

    // The finance file carries the approved payment, with who asked and who approved.
    const finance = await api().get('/api/v1/payments/finance.csv').set(officer.auth).expect(200);
    expect(finance.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row, ...rest] = finance.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header).toBe('paymentId,referenceNumber,organizationLegalName,businessNumber,fundCode,fiscalYear,holdback,amountCents,dueOn,requestedBy,requestedAt,approvedBy,approvedAt');
    expect(rest).toEqual([]);
    expect(row).toContain(`${first},`);
    expect(row).toContain(',Harbour Light Community Services,123456782RR0001,CBSF,2027-28,no,5100000,');
    expect(row).toContain(',Sam Okafor,');
    expect(row).toContain(',Morgan Lee,');

    expect((await api().post(`/api/v1/payments/${first}/paid`).set(officer.auth).send({ reference: '  ' }).expect(400)).body.message.join(' ')).toMatch(/reference must not be empty/);
    const paid = await api().post(`/api/v1/payments/${first}/paid`).set(officer.auth).send({ reference: 'EFT-20270401-1' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: 'EFT-20270401-1', paid: { by: { id: officer.id } } });
    expect((await api().post(`/api/v1/payments/${first}/paid`).set(officer.auth).send({ reference: 'EFT-again' }).expect(409)).body.code).toBe('PAYMENT_NOT_APPROVED');
    expect((await api().get('/api/v1/payments/finance.csv').set(officer.auth).expect(200)).text.trim().split('\n')).toHaveLength(1);

    // The organization sees each step and when, not which member of staff took it.
    const seen = await payment(awardId, 0, owner);
    expect(seen).toMatchObject({ status: 'paid', requested: { by: null, at: expect.any(String) }, approvals: [{ by: null, at: expect.any(String) }], paymentReference: 'EFT-20270401-1' });
    const trail = await api().get(`/api/v1/audit?entityId=${awardId}`).set(officer.auth).expect(200);
    const steps = (trail.body.items as Array<{ action: string; actor: { id: string }; details: Record<string, unknown> }>).filter((event) => event.action.startsWith('payment.'));
    expect(steps.map((event) => [event.action, event.actor.id])).toEqual([
      ['payment.requested', officerApprover.id],
      ['payment.approved', approver.id],
      ['payment.recorded', officer.id],
    ]);
  });

  it('lets a later instalment be requested only once the report of the period before is accepted', async () => {
    const { awardId, paymentIds } = recipients.twoYears;
    const second = paymentIds[1]!;
    const refused = await api().post(`/api/v1/payments/${second}/request`).set(officer.auth).expect(422);
    expect(refused.body).toMatchObject({ code: 'PRIOR_REPORT_NOT_ACCEPTED', details: { unmet: ['PRIOR_REPORT_NOT_ACCEPTED'] } });
    expect((await api().get('/api/v1/payments?status=scheduled&requestable=true').set(officer.auth).expect(200)).body.items).toEqual([]);

    await fileAndAccept(recipients.twoYears, 'interim', '2027-28');
    const requestable = (await api().get('/api/v1/payments?status=scheduled&requestable=true').set(officer.auth).expect(200)).body.items;
    expect(requestable.map((item: { id: string; canRequest: boolean }) => [item.id, item.canRequest])).toEqual([[second, true]]);
    await api().post(`/api/v1/payments/${second}/request`).set(officer.auth).expect(200);
    expect((await payment(awardId, 1)).status).toBe('requested');
  });

  it('holds an award: nothing of it is requested or approved until the hold is lifted, and the organization is told why', async () => {
    const { owner, awardId, paymentIds } = recipients.twoYears;
    const [, second, holdback] = paymentIds as [string, string, string];
    await api().post(`/api/v1/awards/${awardId}/hold`).set(officer.auth).send({ reason: '' }).expect(400);
    await api().post(`/api/v1/awards/${awardId}/hold`).set(owner.auth).send({ reason: 'Mine' }).expect(403);
    const held = await api().post(`/api/v1/awards/${awardId}/hold`).set(officer.auth).send({ reason: 'The interim financial statement is missing.' }).expect(200);
    expect(held.body).toMatchObject({ reason: 'The interim financial statement is missing.', liftedAt: null, placedBy: { id: officer.id } });
    expect((await api().post(`/api/v1/awards/${awardId}/hold`).set(officer.auth).send({ reason: 'Again' }).expect(409)).body.code).toBe('AWARD_ALREADY_ON_HOLD');

    expect((await api().post(`/api/v1/payments/${second}/approve`).set(approver.auth).expect(422)).body.code).toBe('AWARD_ON_HOLD');
    const request = await api().post(`/api/v1/payments/${holdback}/request`).set(officer.auth).expect(422);
    expect(request.body).toMatchObject({ code: 'AWARD_ON_HOLD', message: expect.stringMatching(/on hold/), details: { unmet: ['AWARD_ON_HOLD', 'FINAL_REPORT_NOT_ACCEPTED'] } });
    expect((await api().get('/api/v1/payments?status=requested').set(approver.auth).expect(200)).body.items[0]).toMatchObject({ id: second, canApprove: false });

    const seen = (await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body;
    expect(seen.hold).toMatchObject({ reason: 'The interim financial statement is missing.', placedBy: null });
    await passesWithin(20_000, async () => {
      const notices = (await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Payments on hold'));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.text).toContain('The interim financial statement is missing.');
    });

    await api().delete(`/api/v1/awards/${awardId}/hold`).set(officer.auth).expect(200);
    expect((await api().delete(`/api/v1/awards/${awardId}/hold`).set(officer.auth).expect(409)).body.code).toBe('AWARD_NOT_ON_HOLD');
    await api().post(`/api/v1/payments/${second}/approve`).set(approver.auth).expect(200);
    const after = (await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body;
    expect(after.hold).toBeNull();
    expect(after.holds).toEqual([expect.objectContaining({ reason: 'The interim financial statement is missing.', liftedAt: expect.any(String) })]);
    await passesWithin(20_000, async () => expect((await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Hold lifted'))).toHaveLength(1));
  });

  it('pays the holdback only once the final report is accepted', async () => {
    const { awardId, paymentIds } = recipients.twoYears;
    const holdback = paymentIds[2]!;
    expect((await api().post(`/api/v1/payments/${holdback}/request`).set(officer.auth).expect(422)).body).toMatchObject({ code: 'FINAL_REPORT_NOT_ACCEPTED', message: expect.stringMatching(/final report/) });
    await fileAndAccept(recipients.twoYears, 'final', '2028-29');
    await api().post(`/api/v1/payments/${holdback}/request`).set(officer.auth).expect(200);
    expect(await payment(awardId, 2)).toMatchObject({ status: 'requested', holdback: true, amountCents: 850_000, waitingFor: [] });
  });

  it('needs two different approvers above the fund’s threshold, and approves several at once, each on its own', async () => {
    const { owner, awardId, paymentIds } = recipients.oneYear;
    const [large] = paymentIds as [string];
    await executeAgreement(app, awardId, owner, approver);
    const requested = await api().post(`/api/v1/payments/${large}/request`).set(officer.auth).expect(200);
    expect(requested.body).toMatchObject({ amountCents: 12_600_000, approvalsNeeded: 2 });

    const once = await api().post(`/api/v1/payments/${large}/approve`).set(approver.auth).expect(200);
    expect(once.body).toMatchObject({ status: 'requested', approvals: [{ by: { id: approver.id } }] });
    const twice = await api().post(`/api/v1/payments/${large}/approve`).set(approver.auth).expect(403);
    expect(twice.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', message: expect.stringMatching(/already approved/) });

    // The holdback of the two-year award waits for one approval; this one for its second.
    const holdback = recipients.twoYears.paymentIds[2]!;
    const bulk = await api().post('/api/v1/payments/approve').set(approver.auth).send({ paymentIds: [holdback, large] }).expect(200);
    expect(bulk.body.approved.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[holdback, 'approved']]);
    expect(bulk.body.refused).toEqual([{ paymentId: large, code: 'SEPARATION_OF_DUTIES', message: expect.stringMatching(/already approved/), details: { because: 'repeat' } }]);
    await api().post('/api/v1/payments/approve').set(approver.auth).send({ paymentIds: [] }).expect(400);
    await api().post('/api/v1/payments/approve').set(approver.auth).send({ paymentIds: ['not-an-id'] }).expect(400);

    const final = await api().post(`/api/v1/payments/${large}/approve`).set(secondApprover.auth).expect(200);
    expect(final.body).toMatchObject({ status: 'approved', approvals: [{ by: { id: approver.id } }, { by: { id: secondApprover.id, name: 'Priya Raman' } }] });
    const finance = (await api().get('/api/v1/payments/finance.csv').set(approver.auth).expect(200)).text.trim().split('\n').slice(1);
    // Soonest due first: this award's first payment, then the two-year award's second instalment and holdback.
    expect(finance.map((line) => line.split(',')[0])).toEqual([large, ...[recipients.twoYears.paymentIds[1]!, holdback].sort()]);
    expect(finance[0]).toContain(',Morgan Lee; Priya Raman,');
  });

  it('counts one approval and one payment when two people act on the same payment at the same moment', async () => {
    const { awardId, paymentIds } = recipients.oneYear;
    const holdback = paymentIds[1]!;
    await fileAndAccept(recipients.oneYear, 'final', '2027-28');
    expect((await api().post(`/api/v1/payments/${holdback}/request`).set(officer.auth).expect(200)).body).toMatchObject({ amountCents: 1_400_000, approvalsNeeded: 1 });

    const approvals = await Promise.all([approver, secondApprover].map((who) => api().post(`/api/v1/payments/${holdback}/approve`).set(who.auth)));
    expect(approvals.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(approvals.find((response) => response.status === 409)!.body.code).toBe('PAYMENT_NOT_REQUESTED');
    expect((await payment(awardId, 1)).approvals).toHaveLength(1);

    const recorded = await Promise.all([officer, officerApprover].map((who, index) => api().post(`/api/v1/payments/${holdback}/paid`).set(who.auth).send({ reference: `EFT-${index}` })));
    expect(recorded.map((response) => response.status).sort()).toEqual([200, 409]);
    const trail = (await api().get(`/api/v1/audit?entityId=${awardId}`).set(officer.auth).expect(200)).body.items as Array<{ action: string; details: { paymentId?: string } }>;
    expect(trail.filter((event) => event.details.paymentId === holdback).map((event) => event.action)).toEqual(['payment.requested', 'payment.approved', 'payment.recorded']);
  });
});
