import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { executeAgreement } from '../support/agreements';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { AcceptedAward, acceptedAwards } from '../support/awards';
import { callBody } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';

const MEASURES = [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }];

describe('year-end reconciliation: a surplus owed back, offset against the next instalment or repaid', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  let approver: TestUser;
  let award: AcceptedAward;
  const api = () => request(app.getHttpServer());
  const reconciliation = async (reader: TestUser = officer) => (await api().get(`/api/v1/awards/${award.awardId}/reconciliation`).set(reader.auth).expect(200)).body as Array<Record<string, any>>;
  const payments = async () => (await api().get(`/api/v1/awards/${award.awardId}`).set(officer.auth).expect(200)).body.payments as Array<Record<string, any>>;
  const file = async (kind: 'interim' | 'final', period: string, category: string, spentCents: number) =>
    (await api().post(`/api/v1/awards/${award.awardId}/reports`).set(award.owner.auth).send({ period, kind, spending: [{ fiscalYear: period, category, spentCents }], outcomes: { people_served: 40 }, narrative: 'Opened six beds.' }).expect(201)).body;

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('reconciliation'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer'], { name: 'Alex Tremblay' });
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    const call = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 20_000_000, outcomeMeasures: MEASURES })).expect(201);
    await api().post(`/api/v1/calls/${call.body.id}/publish`).set(officer.auth).expect(200);
    // $85,000.00 of $100,000.00: schedule D gives personnel $51,000.00 in 2027-28 and program delivery $34,000.00 in 2028-29;
    // the payments are $51,000.00, $25,500.00 and the $8,500.00 holdback.
    [award] = (await acceptedAwards(app, officer, call.body.id, [
      {
        legalName: 'Harbour Light Community Services',
        language: 'en',
        budget: [
          { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 6_000_000 },
          { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
        ],
        approvedCents: 8_500_000,
      },
    ])) as [AcceptedAward];
    await executeAgreement(app, award.awardId, award.owner, approver);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('offsets a year’s surplus against the next instalment, which shrinks, and every cent is still accounted for', async () => {
    await payPayment(app, award.paymentIds[0]!, { officer, approver });
    // $46,000.00 of $51,000.00 spent: within schedule D's flexibility (−9.8%), $5,000.00 not spent.
    const interim = await file('interim', '2027-28', 'personnel', 4_600_000);
    expect(interim).toMatchObject({ spentCents: 4_600_000, withinFlexibility: true, variances: [{ fiscalYear: '2027-28', category: 'personnel', budgetCents: 5_100_000, spentCents: 4_600_000, withinFlexibility: true }] });
    // Only accepted reports count as eligible spending.
    expect((await reconciliation())[0]).toMatchObject({ fiscalYear: '2027-28', paidCents: 5_100_000, spentCents: 0, reportAccepted: false });
    await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2027-28' }).expect(422, /REPORT_NOT_ACCEPTED/);
    await api().post(`/api/v1/awards/${award.awardId}/reports/${interim.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(200);

    const before = await reconciliation(award.owner);
    expect(before).toEqual([
      { fiscalYear: '2027-28', paidCents: 5_100_000, spentCents: 4_600_000, surplusCents: 500_000, reportAccepted: true, outstandingCents: 0, unrecordedCents: 500_000, recoveries: [] },
      { fiscalYear: '2028-29', paidCents: 0, spentCents: 0, surplusCents: 0, reportAccepted: false, outstandingCents: 3_400_000, unrecordedCents: 0, recoveries: [] },
    ]);
    await api().get(`/api/v1/awards/${award.awardId}/reconciliation`).set((await signedInUser(app)).auth).expect(404);
    await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(award.owner.auth).send({ fiscalYear: '2027-28' }).expect(403);
    await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2027-28', extra: 1 }).expect(400);

    const recorded = await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2027-28' }).expect(201);
    const recovery = recorded.body[0].recoveries[0];
    expect(recovery).toMatchObject({ fiscalYear: '2027-28', amountCents: 500_000, offsetCents: 0, settledBy: null });
    expect((await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2027-28' }).expect(409)).body.code).toBe('ALREADY_RECONCILED');

    const offset = await api().post(`/api/v1/recoveries/${recovery.id}/offset`).set(officer.auth).expect(200);
    expect(offset.body[0].recoveries[0]).toMatchObject({ amountCents: 500_000, offsetCents: 500_000, settledBy: 'offset' });
    expect((await api().post(`/api/v1/recoveries/${recovery.id}/offset`).set(officer.auth).expect(409)).body.code).toBe('RECOVERY_SETTLED');
    const [, second, holdback] = await payments();
    expect(second).toMatchObject({ fiscalYear: '2028-29', plannedCents: 2_550_000, offsetCents: 500_000, amountCents: 2_050_000, status: 'scheduled' });
    expect(holdback).toMatchObject({ amountCents: 850_000, offsetCents: 0 });

    // The smaller instalment is what is requested, approved, exported and paid.
    const paid = await payPayment(app, second!.id as string, { officer, approver }, 'EFT-2');
    expect(paid).toMatchObject({ status: 'paid', amountCents: 2_050_000 });
    const all = await payments();
    const sum = (rows: Array<Record<string, any>>, field: string) => rows.reduce((total, row) => total + (row[field] as number), 0);
    const paidCents = sum(all.filter((row) => row.status === 'paid'), 'amountCents');
    const toPayCents = sum(all.filter((row) => row.status !== 'paid'), 'amountCents');
    expect([paidCents, toPayCents, sum(all, 'offsetCents')]).toEqual([7_150_000, 850_000, 500_000]);
    expect(paidCents + toPayCents + sum(all, 'offsetCents')).toBe(8_500_000);

    const trail = (await api().get(`/api/v1/audit?entityId=${award.awardId}`).set(officer.auth).expect(200)).body.items as Array<{ action: string; details: Record<string, unknown> }>;
    expect(trail.filter((event) => event.action.startsWith('recovery.')).map((event) => [event.action, event.details.fiscalYear])).toEqual([
      ['recovery.recorded', '2027-28'],
      ['recovery.offset', '2027-28'],
    ]);
  });

  it('records a repayment when nothing is left to offset, and shows recoveries in the funds figures', async () => {
    // $26,000.00 of the $34,000.00 line (−23.5%): beyond the flexibility, accepted on a recorded justification.
    const final = await file('final', '2028-29', 'program_delivery', 2_600_000);
    expect(final).toMatchObject({ withinFlexibility: false, variances: [{ category: 'program_delivery', budgetCents: 3_400_000, spentCents: 2_600_000, withinFlexibility: false }] });
    await api().post(`/api/v1/awards/${award.awardId}/reports/${final.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(422, /VARIANCE_NOT_COVERED/);
    const accepted = await api()
      .post(`/api/v1/awards/${award.awardId}/reports/${final.id}/review`)
      .set(officer.auth)
      .send({ outcome: 'accepted', varianceJustification: 'Fewer nights were needed: partner shelters opened beds.' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', varianceJustification: 'Fewer nights were needed: partner shelters opened beds.' });
    // The last year is reconciled once its holdback is paid too.
    expect((await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2028-29' }).expect(422)).body).toMatchObject({ code: 'PAYMENTS_OUTSTANDING', details: { outstandingCents: 850_000 } });
    const [, , holdback] = await payments();
    await payPayment(app, holdback!.id as string, { officer, approver }, 'EFT-3');

    // Paid in 2028-29: $20,500.00 + $8,500.00 = $29,000.00, against $26,000.00 spent.
    const year = (await api().post(`/api/v1/awards/${award.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2028-29' }).expect(201)).body[1];
    expect(year).toMatchObject({ paidCents: 2_900_000, spentCents: 2_600_000, surplusCents: 300_000 });
    const recovery = year.recoveries[0];
    expect((await api().post(`/api/v1/recoveries/${recovery.id}/offset`).set(officer.auth).expect(409)).body.code).toBe('NOTHING_TO_OFFSET');
    await api().post(`/api/v1/recoveries/${recovery.id}/repayment`).set(officer.auth).send({ reference: '' }).expect(400);
    const repaid = await api().post(`/api/v1/recoveries/${recovery.id}/repayment`).set(officer.auth).send({ reference: 'CHQ-20290715' }).expect(200);
    expect(repaid.body[1].recoveries[0]).toMatchObject({ amountCents: 300_000, offsetCents: 0, settledBy: 'repayment', repaymentReference: 'CHQ-20290715' });

    const dashboard = (await api().get('/api/v1/reports/dashboard').set(officer.auth).expect(200)).body;
    expect(dashboard.money.map((row: Record<string, unknown>) => [row.fiscalYear, row.paidCents, row.recoveryOwedCents, row.recoveredCents])).toEqual([
      ['2027-28', 5_100_000, 0, 500_000],
      ['2028-29', 2_900_000, 0, 300_000],
    ]);
    const csv = (await api().get('/api/v1/reports/funds.csv').set(officer.auth).expect(200)).text.replace(/^\uFEFF/, '').trim().split('\n');
    const columns = csv[0]!.split(',');
    const row = csv[1]!.split(',');
    const cell = (name: string) => row[columns.indexOf(name)];
    expect([cell('paidCents'), cell('recoveryOwedCents'), cell('recoveredCents')]).toEqual(['8000000', '0', '800000']);
  });
});
