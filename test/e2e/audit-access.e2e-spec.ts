import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const RATIONALE = 'Internal deliberation: the board weighed the waiting list in Kenora';
const CONDITIONS = 'Quarterly check-ins with the program office.';
const OVERRIDE_REASON = 'Regional balance across the province';
const SCREENING_REASON = 'Complete, and the letters of support are strong';
const ANSWERS = { need: 'Safe housing in the north', people_served: 40 };
const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 }];

interface TrailPage {
  items: Array<{ action: string; actor: { id: string | null; role: string | null } | null; details: Record<string, unknown> }>;
  nextCursor: string | null;
  reads: { count: number; last: { occurredAt: string; actor: { id: string | null; name: string | null; role: string | null } } | null };
}

describe('who reads the audit trail and application content, and what the trail keeps', () => {
  let app: INestApplication;
  let officer: TestUser;
  let admin: TestUser;
  let reviewer: TestUser;
  let owner: TestUser;
  let applicationId: string;
  let attachmentId: string;
  let awardlessReference: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApi(testConfig(await isolatedEnvironment('audit_access')));
    [officer, admin, reviewer, owner] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app, ['admin']), signedInUser(app, ['reviewer']), signedInUser(app)]);
    const callId = await publishedCall(app, officer);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: 'Maison Aube', region: 'north' })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    applicationId = draft.body.id as string;
    await api().patch(`/api/v1/applications/${applicationId}`).set(owner.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    attachmentId = (await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201)).body.id as string;
    awardlessReference = (await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(200)).body.referenceNumber as string;
    await api().post(`/api/v1/applications/${applicationId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: SCREENING_REASON }).expect(200);
    await api()
      .post(`/api/v1/applications/${applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 5_000_000, conditions: CONDITIONS, rationale: RATIONALE, overrideReason: OVERRIDE_REASON })
      .expect(200);
  });
  afterAll(() => app?.close());

  it('refuses an administrator the application’s trail and its content, saying why', async () => {
    const refusals = [
      api().get(`/api/v1/audit?entityId=${applicationId}`),
      api().get(`/api/v1/audit/application?reference=${awardlessReference}`),
      api().get(`/api/v1/audit/deliberations?entityId=${applicationId}`),
      api().get(`/api/v1/applications/${applicationId}`),
      api().get(`/api/v1/applications/${applicationId}/snapshots`),
      api().get(`/api/v1/applications/${applicationId}/snapshots/1/pdf`),
      api().get(`/api/v1/applications/${applicationId}/attachments/${attachmentId}`),
    ];
    for (const refused of refusals) {
      const response = await refused.set(admin.auth).expect(403);
      expect(response.body).toMatchObject({ code: 'ADMIN_NO_CONTENT' });
      expect(JSON.stringify(response.body)).not.toContain('Safe homes');
    }
    // The decision and the screening are the office's too (refused by role).
    await api().get(`/api/v1/applications/${applicationId}/decision`).set(admin.auth).expect(403);
    await api().get(`/api/v1/applications/${applicationId}/screenings`).set(admin.auth).expect(403);
    // None of those refusals read anything: nothing is recorded as read by the administrator.
    const trail = (await api().get(`/api/v1/audit?entityId=${applicationId}&withReads=true&limit=100`).set(officer.auth).expect(200)).body as TrailPage;
    expect(trail.items.filter((event) => event.actor?.id === admin.id)).toEqual([]);
  });

  it('lets an administrator read an account’s trail, and records the read', async () => {
    const staff = await api().post('/api/v1/users').set(admin.auth).send({ email: 'new.reviewer@example.org', name: 'Nouvel Évaluateur', roles: ['reviewer'] }).expect(201);
    const first = (await api().get(`/api/v1/audit?entityId=${staff.body.id}`).set(admin.auth).expect(200)).body as TrailPage;
    expect(first.items.map((event) => event.action)).toContain('user.invited');
    expect(first.reads).toEqual({ count: 0, last: null });
    const second = (await api().get(`/api/v1/audit?entityId=${staff.body.id}`).set(admin.auth).expect(200)).body as TrailPage;
    expect(second.reads).toMatchObject({ count: 1, last: { actor: { id: admin.id, role: 'admin' } } });
  });

  it('gives an officer the trail without the words of the deliberation, and records each read', async () => {
    const trail = (await api().get(`/api/v1/audit?entityId=${applicationId}&limit=100`).set(officer.auth).expect(200)).body as TrailPage;
    const decided = trail.items.find((event) => event.action === 'application.decided');
    // Decided before any review was in: not ranked, so no line to be above or below.
    expect(decided?.details).toEqual({ outcome: 'approved', approvedCents: 5_000_000, aboveFundingLine: null, hasConditions: true, overridden: true, hasFeedback: false });
    expect(trail.items.find((event) => event.action === 'application.screened')?.details).toEqual({ outcome: 'eligible' });
    const text = JSON.stringify(trail);
    for (const words of [RATIONALE, CONDITIONS, OVERRIDE_REASON, SCREENING_REASON]) expect(text).not.toContain(words);

    // The read was recorded; the trail sums its reads up rather than listing them, unless asked.
    const again = (await api().get(`/api/v1/audit?entityId=${applicationId}&limit=100`).set(officer.auth).expect(200)).body as TrailPage;
    expect(again.items.some((event) => event.action === 'audit_trail.viewed')).toBe(false);
    expect(again.reads.count).toBeGreaterThanOrEqual(2);
    expect(again.reads.last).toMatchObject({ actor: { id: officer.id, role: 'officer' } });
    const listed = (await api().get(`/api/v1/audit?entityId=${applicationId}&limit=100&withReads=true`).set(officer.auth).expect(200)).body as TrailPage;
    expect(listed.items.filter((event) => event.action === 'audit_trail.viewed' && event.actor?.id === officer.id).length).toBe(again.reads.count + 1);

    await api().get(`/api/v1/audit?entityId=${applicationId}`).set(reviewer.auth).expect(403).expect((response) => expect(response.body.code).toBe('ROLE_REQUIRED'));
    await api().get(`/api/v1/audit?entityId=${applicationId}`).set(owner.auth).expect(403);
  });

  it('keeps the words with the decision, and each earlier version of them for officers', async () => {
    await api()
      .post(`/api/v1/applications/${applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 4_000_000, conditions: '', rationale: 'Reduced to fit the envelope', overrideReason: OVERRIDE_REASON })
      .expect(200);
    expect((await api().get(`/api/v1/applications/${applicationId}/decision`).set(officer.auth).expect(200)).body).toMatchObject({ rationale: 'Reduced to fit the envelope', conditions: '' });

    const kept = (await api().get(`/api/v1/audit/deliberations?entityId=${applicationId}`).set(officer.auth).expect(200)).body as Array<{ action: string; texts: Record<string, string> }>;
    expect(kept.map(({ action, texts }) => ({ action, texts }))).toEqual([
      { action: 'application.screened', texts: { reason: SCREENING_REASON } },
      { action: 'application.decided', texts: { rationale: RATIONALE, conditions: CONDITIONS, overrideReason: OVERRIDE_REASON } },
      { action: 'application.decision_changed', texts: { rationale: 'Reduced to fit the envelope', overrideReason: OVERRIDE_REASON } },
    ]);
    const changed = (await api().get(`/api/v1/audit?entityId=${applicationId}&limit=100`).set(officer.auth).expect(200)).body as TrailPage;
    expect(changed.items.find((event) => event.action === 'application.decision_changed')?.details).toMatchObject({ approvedCents: 4_000_000, hasConditions: false });
    await api().get(`/api/v1/audit/deliberations?entityId=${applicationId}`).set(reviewer.auth).expect(403);
  });
});
