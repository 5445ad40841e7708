import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { executeAgreement, readyAgreement } from '../support/agreements';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { AcceptedAward, acceptedAwards } from '../support/awards';
import { callBody } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

describe('payments under an amendment: what was paid while it waited for signatures never changes', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  let approver: TestUser;
  let award: AcceptedAward;
  const api = () => request(app.getHttpServer());
  const payments = async () => (await api().get(`/api/v1/awards/${award.awardId}`).set(officer.auth).expect(200)).body.payments as Array<{ amountCents: number; status: string }>;

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('payment_amendments'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    approver = await signedInUser(app, ['approver']);
    const call = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 20_000_000 })).expect(201);
    await api().post(`/api/v1/calls/${call.body.id}/publish`).set(officer.auth).expect(200);
    // $85,000.00: instalments of $51,000.00 and $34,000.00, the second giving $8,500.00 to the holdback.
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

  it('lets a payment that a pending amendment changes wait for it, then pays what the amendment says; an amendment never changes a payment being approved or paid', async () => {
    const inForce = (await api().get(`/api/v1/awards/${award.awardId}/agreement`).set(officer.auth).expect(200)).body;
    const plan = inForce.schedules.e.instalments.map(({ fiscalYear, dueOn, amountCents }: Record<string, unknown>) => ({ fiscalYear, dueOn, amountCents }));
    const amend = (first: number, second: number) =>
      api()
        .post(`/api/v1/awards/${award.awardId}/amendments`)
        .set(officer.auth)
        .send({ reason: 'Staff hired earlier than planned.', paymentPlan: [{ ...plan[0], amountCents: first }, { ...plan[1], amountCents: second }] });
    const [first] = award.paymentIds as [string];

    // $1,000.00 moves from the second instalment to the first: the first waits for the amendment.
    await amend(5_200_000, 3_300_000).expect(201);
    expect((await api().post(`/api/v1/payments/${first}/request`).set(officer.auth).expect(409)).body).toMatchObject({ code: 'AMENDMENT_PENDING', message: expect.stringContaining('amendment') });
    await readyAgreement(app, award.awardId, award.owner, 2);
    await api().post(`/api/v1/awards/${award.awardId}/agreement/sign`).set(award.owner.auth).send({ version: 2, name: 'Dana Whitford', title: 'Executive Director', attest: true }).expect(200);
    await api().post(`/api/v1/awards/${award.awardId}/agreement/countersign`).set(approver.auth).send({ version: 2 }).expect(200);
    expect((await payments()).map((payment) => payment.amountCents)).toEqual([5_200_000, 2_450_000, 850_000]);

    // Requested, it is approved for $52,000.00: an amendment cannot change it until it is paid, nor after.
    expect((await api().post(`/api/v1/payments/${first}/request`).set(officer.auth).expect(200)).body.amountCents).toBe(5_200_000);
    expect((await amend(5_100_000, 3_400_000).expect(422)).body).toMatchObject({ code: 'PAYMENT_IN_APPROVAL', message: expect.stringContaining('Instalment 1') });
    await api().post(`/api/v1/payments/${first}/approve`).set(approver.auth).expect(200);
    await api().post(`/api/v1/payments/${first}/paid`).set(officer.auth).send({ reference: 'EFT-1' }).expect(200);
    await amend(5_100_000, 3_400_000).expect(422, /PAID_INSTALMENT_CHANGED/);

    const after = await payments();
    expect(after.map((payment) => [payment.amountCents, payment.status])).toEqual([
      [5_200_000, 'paid'],
      [2_450_000, 'scheduled'],
      [850_000, 'scheduled'],
    ]);
    expect(after.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(8_500_000);
  });
});
