import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { TestUser } from './accounts';

/**
 * A payment through its controls: requested by `officer`, approved by `approver` (and by
 * `secondApprover` when it is above the fund's threshold), then recorded as paid by `officer`.
 */
export async function payPayment(
  app: INestApplication,
  paymentId: string,
  staff: { officer: TestUser; approver: TestUser; secondApprover?: TestUser },
  reference = 'EFT-1',
): Promise<Record<string, any>> {
  const api = () => request(app.getHttpServer());
  const requested = await api().post(`/api/v1/payments/${paymentId}/request`).set(staff.officer.auth).expect(200);
  await api().post(`/api/v1/payments/${paymentId}/approve`).set(staff.approver.auth).expect(200);
  if (requested.body.approvalsNeeded === 2) {
    if (!staff.secondApprover) throw new Error(`payment ${paymentId} needs a second approver`);
    await api().post(`/api/v1/payments/${paymentId}/approve`).set(staff.secondApprover.auth).expect(200);
  }
  const paid = await api().post(`/api/v1/payments/${paymentId}/paid`).set(staff.officer.auth).send({ reference }).expect(200);
  return paid.body as Record<string, any>;
}
