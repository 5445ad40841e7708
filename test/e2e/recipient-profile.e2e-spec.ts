import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { ORGANIZATION, organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

describe('the recipient profile a submission needs', () => {
  let app: INestApplication;
  let officer: TestUser;
  let callId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApi(testConfig(await isolatedEnvironment('recipient_profile')));
    officer = await signedInUser(app, ['officer']);
    callId = await publishedCall(app, officer);
  });
  afterAll(() => app.close());

  async function draftWith(owner: TestUser, profile: Record<string, unknown>): Promise<{ organizationId: string; applicationId: string; version: number }> {
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(profile).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const saved = await api()
      .patch(`/api/v1/applications/${draft.body.id}`)
      .set(owner.auth)
      .send({ version: draft.body.version, title: 'Safe homes', summary: 'Housing and outreach', answers: { need: 'Survivors need housing.', people_served: 40 }, budget: [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 2_000_000 }] })
      .expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    return { organizationId: organization.body.id as string, applicationId: draft.body.id as string, version: saved.body.version as number };
  }

  it('refuses a submission while the profile is incomplete, listing what is missing, and takes it once it is complete', async () => {
    const owner = await signedInUser(app);
    const { organizationId, applicationId } = await draftWith(owner, ORGANIZATION);
    const refused = await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(422);
    expect(refused.body.code).toBe('ORGANIZATION_PROFILE_INCOMPLETE');
    expect(refused.body.details.missing).toEqual([{ code: 'BUSINESS_NUMBER_MISSING' }, { code: 'CONTACTS_MISSING', contacts: 0 }, { code: 'SIGNING_AUTHORITY_MISSING' }]);
    expect(refused.body.message).toContain('Business Number');

    const organization = await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200);
    const complete = organizationFor(owner);
    // Typed as people write it; stored compact.
    const patched = await api()
      .patch(`/api/v1/organizations/${organizationId}`)
      .set(owner.auth)
      .send({ version: organization.body.version, businessNumber: '123 456 782 rr0001', contacts: complete.contacts })
      .expect(200);
    expect(patched.body).toMatchObject({ businessNumber: '123456782RR0001', noBusinessNumberReason: null, profileProblems: [] });
    expect(patched.body.contacts).toEqual([
      { name: 'Dana Whitford', title: 'Executive Director', email: owner.email, phone: '416-555-0134', signingAuthority: true },
      expect.objectContaining({ signingAuthority: false }),
    ]);
    const submitted = await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth);
    expect(submitted.body).toMatchObject({ status: 'submitted' });
  });

  it('names the problem with a Business Number, and keeps one of a number or a reason', async () => {
    const owner = await signedInUser(app);
    const wrongDigit = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { businessNumber: '123456789' })).expect(400);
    expect(JSON.stringify(wrongDigit.body)).toContain('its last digit does not match the first eight');
    const wrongProgram = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { businessNumber: '123456782XX0001' })).expect(400);
    expect(JSON.stringify(wrongProgram.body)).toContain('program identifier');

    const created = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    const reason = 'A First Nation government: the CRA has not issued us a Business Number';
    const switched = await api().patch(`/api/v1/organizations/${created.body.id}`).set(owner.auth).send({ version: created.body.version, noBusinessNumberReason: reason }).expect(200);
    expect(switched.body).toMatchObject({ businessNumber: null, noBusinessNumberReason: reason, profileProblems: [] });
    const both = await api().patch(`/api/v1/organizations/${created.body.id}`).set(owner.auth).send({ version: switched.body.version, businessNumber: '123456782', noBusinessNumberReason: reason }).expect(422);
    expect(both.body.code).toBe('BUSINESS_NUMBER_AND_REASON');
    const twice = await api()
      .patch(`/api/v1/organizations/${created.body.id}`)
      .set(owner.auth)
      .send({ version: switched.body.version, contacts: [organizationFor(owner).contacts[0], { ...organizationFor(owner).contacts[1], email: owner.email.toUpperCase() }] })
      .expect(422);
    expect(twice.body.code).toBe('DUPLICATE_CONTACT');
    // Nothing of the refused changes was kept.
    const read = await api().get(`/api/v1/organizations/${created.body.id}`).set(owner.auth).expect(200);
    expect(read.body).toMatchObject({ version: switched.body.version, noBusinessNumberReason: reason });
    expect(read.body.contacts).toHaveLength(2);
  });

  it('counts a signing authority only once they have joined the organization', async () => {
    const owner = await signedInUser(app);
    const director = await signedInUser(app, ['applicant'], { name: 'Dana Whitford' });
    const profile = organizationFor(owner);
    const contacts = [{ ...profile.contacts[0], email: director.email }, { ...profile.contacts[1], email: owner.email }];
    const { organizationId, applicationId } = await draftWith(owner, { ...profile, contacts });
    const refused = await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(422);
    expect(refused.body.details.missing).toEqual([{ code: 'SIGNING_AUTHORITY_NOT_MEMBER', name: 'Dana Whitford', email: director.email }]);

    const invitation = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: director.email, role: 'editor' }).expect(201);
    await api().post(`/api/v1/invitations/${invitation.body.id}/accept`).set(director.auth).expect(200);
    const submitted = await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth);
    expect(submitted.body).toMatchObject({ status: 'submitted' });
  });
});
