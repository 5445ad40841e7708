import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ILIF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const ILIF = { fundId: ILIF_FUND_ID, eligibility: { organizationTypes: ['first_nation', 'indigenous_organization'], regions: null, indigenousLedRequired: true } };
const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Healing circle facilitator', amountCents: 5_000_000 }];

describe('the data-sharing agreement (OCAP®): accepted by the signing authority before an ILIF submission', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  let owner: TestUser;
  let editor: TestUser;
  let coOwner: TestUser;
  let organizationId: string;
  let callId: string;
  let draftId: string;
  const api = () => request(app.getHttpServer());
  const agreementOf = (who: TestUser, id = organizationId) => api().get(`/api/v1/organizations/${id}/data-sharing-agreement`).set(who.auth);
  const accept = (who: TestUser, body: Record<string, unknown> = {}, id = organizationId) =>
    api().post(`/api/v1/organizations/${id}/data-sharing-agreement/accept`).set(who.auth).send({ version: 'ILIF-DSA-2026-1', name: 'Dana Whitford', title: 'Executive Director', attest: true, ...body });

  async function readyDraft(onCall = callId): Promise<string> {
    const draft = await api().post(`/api/v1/calls/${onCall}/applications`).set(owner.auth).send({ organizationId }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: 'Healing lodge', summary: 'Land-based healing for survivors.', answers: { need: 'Healing', people_served: 20 }, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    return draft.body.id as string;
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('data_sharing'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    owner = await signedInUser(app, ['applicant'], { name: 'Dana Whitford', locale: 'fr' });
    [editor, coOwner] = await Promise.all([signedInUser(app), signedInUser(app)]);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: 'Nishnawbe Healing Lodge', type: 'first_nation', indigenousLed: true })).expect(201);
    organizationId = organization.body.id as string;
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor'), ($1, $3, 'owner')`, [organizationId, editor.id, coOwner.id]);
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody(ILIF)).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('refuses an ILIF submission until the agreement is accepted, and names what to do', async () => {
    const agreement = (await agreementOf(owner).expect(200)).body;
    expect(agreement).toMatchObject({ organizationId, required: true, version: 'ILIF-DSA-2026-1', accepted: null, acceptances: [], can: { accept: true } });
    expect(agreement.clauses.map((clause: { heading: { en: string } }) => clause.heading.en)).toEqual([
      'Your data is yours',
      'What the office holds',
      'For which purposes',
      'Who may see it',
      'No secondary use',
      'How long it is kept',
      'How it is returned',
      'Changes to this agreement',
    ]);
    expect(agreement.clauses.every((clause: { text: { en: string; fr: string } }) => clause.text.en.length > 50 && clause.text.fr.length > 50)).toBe(true);

    draftId = await readyDraft();
    const refused = await api().post(`/api/v1/applications/${draftId}/submit`).set(owner.auth).expect(422);
    expect(refused.body).toMatchObject({ code: 'DATA_SHARING_AGREEMENT_NOT_ACCEPTED', message: expect.stringContaining('data-sharing agreement'), details: { version: 'ILIF-DSA-2026-1' } });
  });

  it('lets only a member with signing authority accept it, the version they read, attesting it; then the submission goes through', async () => {
    expect((await agreementOf(editor).expect(200)).body.can).toEqual({ accept: false, consent: false });
    expect((await agreementOf(officer).expect(200)).body.required).toBe(true);
    const stranger = await signedInUser(app);
    await agreementOf(stranger).expect(404);
    await accept(stranger).expect(404);
    for (const refused of [editor, coOwner, officer]) expect((await accept(refused).expect(403)).body.code).toBe('NOT_SIGNING_AUTHORITY');
    expect((await accept(owner, { attest: false }).expect(400)).body.message.join(' ')).toMatch(/attest must be true/);
    await accept(owner, { name: ' ' }).expect(400);
    await accept(owner, { extra: true }).expect(400);
    expect((await accept(owner, { version: 'ILIF-DSA-2025-1' }).expect(409)).body).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 'ILIF-DSA-2026-1' } });

    const accepted = (await accept(owner).expect(200)).body;
    expect(accepted).toMatchObject({ accepted: { version: 'ILIF-DSA-2026-1', signerName: 'Dana Whitford', signerTitle: 'Executive Director' }, can: { accept: false } });
    expect((await accept(owner).expect(409)).body.code).toBe('ALREADY_ACCEPTED');
    const trail = (await api().get(`/api/v1/audit?entityId=${organizationId}`).set(officer.auth).expect(200)).body.items as Array<{ action: string; actor: { id: string } }>;
    expect(trail.filter((event) => event.action === 'organization.data_sharing_accepted').map((event) => event.actor.id)).toEqual([owner.id]);

    await api().post(`/api/v1/applications/${draftId}/submit`).set(owner.auth).expect(200);
  });

  it('asks for the agreement again once it changes: an earlier version accepted is not enough', async () => {
    // As if the organization had accepted only the version before this one.
    await app.get(DataSource).query(`UPDATE data_sharing_acceptance SET version = 'ILIF-DSA-2025-1' WHERE organization_id = $1`, [organizationId]);
    const agreement = (await agreementOf(owner).expect(200)).body;
    expect(agreement).toMatchObject({ accepted: null, can: { accept: true }, acceptances: [{ version: 'ILIF-DSA-2025-1' }] });
    const nextCall = (await api().post('/api/v1/calls').set(officer.auth).send(callBody(ILIF)).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${nextCall}/publish`).set(officer.auth).expect(200);
    const next = await readyDraft(nextCall);
    expect((await api().post(`/api/v1/applications/${next}/submit`).set(owner.auth).expect(422)).body.code).toBe('DATA_SHARING_AGREEMENT_NOT_ACCEPTED');
    await accept(owner).expect(200);
    await api().post(`/api/v1/applications/${next}/submit`).set(owner.auth).expect(200);
    expect((await agreementOf(owner).expect(200)).body.acceptances.map((acceptance: { version: string }) => acceptance.version)).toEqual(['ILIF-DSA-2026-1', 'ILIF-DSA-2025-1']);
  });

  it('is not asked of an organization that is not Indigenous-led', async () => {
    const other = await signedInUser(app);
    const organization = await api().post('/api/v1/organizations').set(other.auth).send(organizationFor(other, { legalName: 'Harbour Light Community Services' })).expect(201);
    expect((await agreementOf(other, organization.body.id).expect(200)).body).toMatchObject({ required: false, can: { accept: false } });
    expect((await accept(other, {}, organization.body.id).expect(422)).body.code).toBe('NOT_INDIGENOUS_LED');
  });

  it('leaves an Indigenous-led organization out of the funds CSV and the dashboard until it consents, and again once it withdraws', async () => {
    const csvRows = async () => (await api().get(`/api/v1/reports/funds.csv?callId=${callId}`).set(officer.auth).expect(200)).text.replace(/^\uFEFF/, '').trim().split('\n').slice(1);
    const submitted = async () => {
      const ilif = (await api().get('/api/v1/reports/dashboard?fund=ILIF').set(officer.auth).expect(200)).body;
      return ilif.calls.find((call: { callId: string }) => call.callId === callId).counts.submitted as number;
    };
    const regionSubmitted = async () => (await api().get('/api/v1/reports/dashboard?fund=ILIF').set(officer.auth).expect(200)).body.regions.find((region: { region: string }) => region.region === 'toronto').submitted as number;
    // Not chosen yet: its submitted application counts nowhere.
    expect((await agreementOf(owner).expect(200)).body).toMatchObject({ aggregateConsent: null, can: { consent: true } });
    expect(await csvRows()).toEqual([]);
    expect([await submitted(), await regionSubmitted()]).toEqual([0, 0]);

    await api().put(`/api/v1/organizations/${organizationId}/aggregate-consent`).set(editor.auth).send({ consent: true }).expect(403, /NOT_OWNER/);
    await api().put(`/api/v1/organizations/${organizationId}/aggregate-consent`).set(owner.auth).send({ consent: 'yes' }).expect(400);
    const given = await api().put(`/api/v1/organizations/${organizationId}/aggregate-consent`).set(owner.auth).send({ consent: true }).expect(200);
    expect(given.body).toMatchObject({ aggregateConsent: true, aggregateConsentAt: expect.any(String) });
    expect(await csvRows()).toHaveLength(1);
    expect((await csvRows())[0]).toContain(`ILIF,${callId},`);
    // One application to this call; two to the fund in its region (the earlier test's second call).
    expect([await submitted(), await regionSubmitted()]).toEqual([1, 2]);

    await api().put(`/api/v1/organizations/${organizationId}/aggregate-consent`).set(coOwner.auth).send({ consent: false }).expect(200);
    expect(await csvRows()).toEqual([]);
    expect([await submitted(), await regionSubmitted()]).toEqual([0, 0]);
    const trail = (await api().get(`/api/v1/audit?entityId=${organizationId}`).set(officer.auth).expect(200)).body.items as Array<{ action: string; toState: string }>;
    expect(trail.filter((event) => event.action.startsWith('organization.aggregate_consent')).map((event) => [event.action, event.toState])).toEqual([
      ['organization.aggregate_consent_given', 'consented'],
      ['organization.aggregate_consent_withdrawn', 'refused'],
    ]);
  });
});
