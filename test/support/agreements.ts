import { INestApplication } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import request from 'supertest';
import { TestUser } from './accounts';

/** The award's agreement once the version waiting for signatures has its PDF (the worker renders it). */
export async function readyAgreement(app: INestApplication, awardId: string, reader: TestUser, version = 1): Promise<Record<string, any>> {
  return passesWithin(30_000, async () => {
    const agreement = await request(app.getHttpServer()).get(`/api/v1/awards/${awardId}/agreement`).set(reader.auth).expect(200);
    if (agreement.body.version !== version || agreement.body.status === 'generating') throw new Error(`version ${version} of the agreement is not ready yet`);
    return agreement.body as Record<string, any>;
  });
}

/**
 * Signs the award's agreement for the organization and counter-signs it for the Province, as
 * payments need: `signer` is a member with signing authority (the organization's registering
 * owner, with test/support/calls.ts organizationFor), `approver` has the approver role.
 */
export async function executeAgreement(app: INestApplication, awardId: string, signer: TestUser, approver: TestUser, version = 1): Promise<Record<string, any>> {
  await readyAgreement(app, awardId, signer, version);
  await request(app.getHttpServer()).post(`/api/v1/awards/${awardId}/agreement/sign`).set(signer.auth).send({ version, name: 'Dana Whitford', title: 'Executive Director', attest: true }).expect(200);
  const executed = await request(app.getHttpServer()).post(`/api/v1/awards/${awardId}/agreement/countersign`).set(approver.auth).send({ version }).expect(200);
  return executed.body as Record<string, any>;
}
