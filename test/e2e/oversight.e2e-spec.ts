import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';

// French accents and Canadian syllabics, which must come back exactly as typed.
const LEGAL_NAME = 'Cercle de guérison Nishnawbe ᐊᓂᔑᓈᐯ ᑭᓇᑐᐃᓇᐣ';
const OFFICER_NAME = 'Thérèse Côté-Wabasse';
const RATIONALE = 'Internal deliberation: strongest plan in the north';
const OVERRIDE_REASON = 'Regional balance across the province';
const ANSWERS = { need: 'Safe housing in the north', people_served: 40 };
// $85,000.00 over two fiscal years: one payment each.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const MEASURES = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];

interface Applicant {
  owner: TestUser;
  editor: TestUser;
  organizationId: string;
  applicationId: string;
}

interface AccessLogEntry {
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string;
  referenceNumber: string | null;
  actor: { name: string | null; role: string | null } | null;
}

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('oversight: audit trail, access log, data export and the funds report', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let callId: string;
  let north: Applicant;
  let toronto: Applicant;
  let approver: TestUser;
  let awardId: string;
  let referenceNumber: string;
  let workDir: string;
  const api = () => request(app.getHttpServer());

  async function apply(legalName: string, region: string): Promise<Applicant> {
    const owner = await signedInUser(app);
    const editor = await signedInUser(app);
    const organization = await api()
      .post('/api/v1/organizations')
      .set(owner.auth)
      .send(organizationFor(owner, { legalName, region, type: 'indigenous_organization', indigenousLed: true }))
      .expect(201);
    // Its figures appear in the office's aggregate reports only with its consent (data-sharing.e2e-spec.ts shows without).
    await api().put(`/api/v1/organizations/${organization.body.id}/aggregate-consent`).set(owner.auth).send({ consent: true }).expect(200);
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [organization.body.id, editor.id]);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${region})`, summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(editor.auth).field('key', 'financial_statements').attach('file', PDF, 'états financiers.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    return { owner, editor, organizationId: organization.body.id, applicationId: draft.body.id };
  }

  async function accessLog(user: TestUser, query = '', organizationId = north.organizationId): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
    return (await api().get(`/api/v1/organizations/${organizationId}/access-log${query}`).set(user.auth).expect(200)).body;
  }

  /** Reads an archive with Info-ZIP's unzip, as someone who downloaded it would. */
  function unzipper(archive: Buffer): { names: () => string[]; text: (pattern: string) => string; bytes: (name: string) => Buffer } {
    const file = path.join(workDir, 'export.zip');
    writeFileSync(file, archive);
    const run = (args: string[]) => execFileSync('unzip', args, { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return {
      names: () => run(['-Z1', file]).toString('utf8').split('\n').filter(Boolean),
      text: (pattern) => run(['-p', file, pattern]).toString('utf8'),
      bytes: (name) => run(['-p', file, name]),
    };
  }

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'oversight-'));
    const config = testConfig(await isolatedEnvironment('oversight'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    reviewer = await signedInUser(app, ['reviewer']);
    outsider = await signedInUser(app);
    await app.get(DataSource).query(`UPDATE user_account SET name = $1 WHERE id = $2`, [OFFICER_NAME, officer.id]);
    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ outcomeMeasures: MEASURES })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    north = await apply(LEGAL_NAME, 'north');
    toronto = await apply('Refuge Arc-en-ciel', 'toronto');

    // A reviewer reads the application they were assigned, once they declared no conflict.
    const assignment = await api().post(`/api/v1/applications/${north.applicationId}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201);
    await api().post(`/api/v1/assignments/${assignment.body.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
    await api().get(`/api/v1/applications/${north.applicationId}`).set(reviewer.auth).expect(200);

    await api()
      .post(`/api/v1/applications/${north.applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins.', rationale: RATIONALE, overrideReason: OVERRIDE_REASON })
      .expect(200);
    await api()
      .post(`/api/v1/applications/${toronto.applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'declined', rationale: RATIONALE, overrideReason: OVERRIDE_REASON, feedback: 'Apply again next year.' })
      .expect(200);
    const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    await passesWithin(30_000, async () => {
      const progress = await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(officer.auth).expect(200);
      expect(progress.body).toMatchObject({ total: 2, lettersGenerated: 2, emailsSent: 2, failed: 0 });
    });

    const application = await api().get(`/api/v1/applications/${north.applicationId}`).set(north.owner.auth).expect(200);
    awardId = application.body.awardId as string;
    referenceNumber = application.body.referenceNumber as string;
    await api().post(`/api/v1/awards/${awardId}/accept`).set(north.owner.auth).expect(200);
    approver = await signedInUser(app, ['approver']);
    await executeAgreement(app, awardId, north.owner, approver);
    const award = (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body as { payments: Array<{ id: string }> };
    await payPayment(app, award.payments[0]!.id, { officer, approver }, 'EFT-1');
    const report = await api()
      .post(`/api/v1/awards/${awardId}/reports`)
      .set(north.editor.auth)
      .send({ period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 4_900_000 }], outcomes: { people_served: 120, staff_trained: 14 }, narrative: 'Opened six beds.' })
      .expect(201);
    await api().post(`/api/v1/awards/${awardId}/reports/${report.body.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(200);
    // The second instalment, requested once the report is accepted, and approved: not yet recorded paid.
    await api().post(`/api/v1/payments/${award.payments[1]!.id}/request`).set(officer.auth).expect(200);
    await api().post(`/api/v1/payments/${award.payments[1]!.id}/approve`).set(approver.auth).expect(200);
  });

  afterAll(async () => {
    await Promise.all([app?.close(), worker?.close()]);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the owner who outside the organization read its application, by name and role, and not its own members', async () => {
    await api().get(`/api/v1/applications/${north.applicationId}`).set(north.owner.auth).expect(200);
    await api().get(`/api/v1/applications/${north.applicationId}`).set(north.editor.auth).expect(200);
    const before = (await accessLog(north.owner)).items.filter((entry) => entry.action === 'application.viewed');

    await api().get(`/api/v1/applications/${north.applicationId}`).set(officer.auth).expect(200);
    const attachmentId = ((await api().get(`/api/v1/applications/${north.applicationId}`).set(north.owner.auth).expect(200)).body.attachments as Array<{ id: string }>)[0]!.id;
    await api().get(`/api/v1/applications/${north.applicationId}/attachments/${attachmentId}`).set(officer.auth).expect(200);
    await api().get(`/api/v1/applications/${north.applicationId}/letter`).set(officer.auth).expect(200);
    await api().get(`/api/v1/applications/${north.applicationId}/attachments/${attachmentId}`).set(north.editor.auth).expect(200);
    await api().get(`/api/v1/applications/${north.applicationId}/letter`).set(north.owner.auth).expect(200);

    const log = await accessLog(north.owner, '?limit=100');
    const views = log.items.filter((entry) => entry.action === 'application.viewed');
    expect(views).toHaveLength(before.length + 3);
    expect(views.slice(0, 3)).toEqual(
      Array(3).fill({ occurredAt: expect.any(String), action: 'application.viewed', entityType: 'application', entityId: north.applicationId, referenceNumber, actor: { name: OFFICER_NAME, role: 'officer' } }),
    );
    expect(before).toEqual([expect.objectContaining({ actor: { name: 'Test reviewer', role: 'reviewer' } })]);
    expect(views.map((entry) => entry.actor?.role)).not.toEqual(expect.arrayContaining(['owner']));
    expect(views.map((entry) => entry.actor?.role)).not.toEqual(expect.arrayContaining(['editor']));
    expect(views.map((entry) => entry.actor?.role)).not.toEqual(expect.arrayContaining(['applicant']));

    // What was read is in the trail officers see.
    const trail = (await api().get(`/api/v1/audit?entityId=${north.applicationId}&limit=100`).set(officer.auth).expect(200)).body as { items: Array<{ action: string; details: { what?: string } }> };
    expect(trail.items.filter((event) => event.action === 'application.viewed').map((event) => event.details.what)).toEqual(['application', 'application', 'attachment', 'letter']);

    // Changes are there too, newest first, each with its reference number; the award's under the application's number.
    const times = log.items.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(log.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['organization.created', 'application.submitted', 'application.decided', 'award.accepted', 'report.accepted']));
    expect(log.items.find((entry) => entry.action === 'award.accepted')).toMatchObject({ entityType: 'award', entityId: awardId, referenceNumber, actor: { role: 'owner' } });
    expect(log.items.find((entry) => entry.action === 'organization.created')).toMatchObject({ entityType: 'organization', referenceNumber: null });
    expect(log.items.some((entry) => entry.entityId === toronto.applicationId)).toBe(false);
  });

  it('pages the access log with a cursor, without repeating an entry', async () => {
    const all = await accessLog(north.owner, '?limit=100');
    const first = await accessLog(north.owner, '?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await accessLog(north.owner, `?limit=3&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 6));
  });

  it('keeps the access log and the export for owners: editors are refused, outsiders and officers told there is nothing', async () => {
    const organization = `/api/v1/organizations/${north.organizationId}`;
    await api().get(`${organization}/access-log`).set(north.editor.auth).expect(403);
    await api().get(`${organization}/export`).set(north.editor.auth).expect(403);
    for (const stranger of [outsider, officer, toronto.owner]) {
      await api().get(`${organization}/access-log`).set(stranger.auth).expect(404);
      await api().get(`${organization}/export`).set(stranger.auth).expect(404);
    }
    await api().get('/api/v1/organizations/00000000-0000-4000-8000-000000000000/access-log').set(north.owner.auth).expect(404);
    await api().get(`${organization}/access-log?limit=1&extra=1`).set(north.owner.auth).expect(400);
  });

  it('exports everything held about the organization in one ZIP, without the office’s deliberations', async () => {
    const response = await api().get(`/api/v1/organizations/${north.organizationId}/export`).set(north.owner.auth).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="cercle-de-guerison-nishnawbe-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    const zip = unzipper(response.body as Buffer);

    const folder = `applications/${referenceNumber}`;
    const names = zip.names();
    expect(names).toEqual(
      expect.arrayContaining([
        'README.txt',
        'organization.json',
        'members.json',
        `${folder}/application.json`,
        `${folder}/snapshots.json`,
        `${folder}/attachments.json`,
        `${folder}/attachments/états financiers.pdf`,
        `${folder}/decision.json`,
        `${folder}/${referenceNumber}-award-letter.pdf`,
        `${folder}/award.json`,
        `${folder}/agreement.json`,
        `${folder}/agreement-v1.pdf`,
        'access-log.json',
      ]),
    );
    expect(names.some((name) => name.includes(toronto.applicationId))).toBe(false);

    expect(JSON.parse(zip.text('organization.json')).legalName).toBe(LEGAL_NAME);
    expect(zip.bytes(`${folder}/attachments/états financiers.pdf`)).toEqual(PDF);
    const members = JSON.parse(zip.text('members.json')) as { members: Array<{ email: string; role: string }> };
    expect(members.members.map(({ email, role }) => [email, role])).toEqual(expect.arrayContaining([[north.owner.email, 'owner'], [north.editor.email, 'editor']]));
    expect(JSON.parse(zip.text(`${folder}/decision.json`))).toEqual({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins.', feedback: null, releasedAt: expect.any(String) });
    expect(JSON.parse(zip.text(`${folder}/award.json`))).toMatchObject({
      id: awardId,
      status: 'accepted',
      payments: [
        { status: 'paid', holdback: false },
        { status: 'approved', holdback: false },
        { status: 'scheduled', holdback: true, waitingFor: ['FINAL_REPORT_NOT_ACCEPTED'] },
      ],
    });
    // The agreement as both parties signed it, and the PDF they saw (its fingerprint recorded).
    const [agreement] = JSON.parse(zip.text(`${folder}/agreement.json`)) as Array<{ version: number; status: string; pdfSha256: string; recipientSignature: unknown }>;
    expect(agreement).toMatchObject({ version: 1, status: 'executed', recipientSignature: { name: 'Dana Whitford' }, provinceSignature: expect.any(Object) });
    expect(createHash('sha256').update(zip.bytes(`${folder}/agreement-v1.pdf`)).digest('hex')).toBe(agreement!.pdfSha256);
    expect(JSON.parse(zip.text('organization.json'))).toMatchObject({ businessNumber: '123456782RR0001', contacts: [expect.objectContaining({ signingAuthority: true }), expect.anything()] });
    expect(zip.text('README.txt')).toMatch(/rationale[\s\S]*justification/);
    expect((JSON.parse(zip.text('access-log.json')) as AccessLogEntry[])[0]).toMatchObject({ action: 'organization.exported', actor: { role: 'owner' } });

    const everything = zip.text('*.json');
    expect(everything).not.toContain(RATIONALE);
    expect(everything).not.toContain(OVERRIDE_REASON);
    expect(everything).not.toContain('weightedScore');
  });

  it('streams the funds report as CSV, one row per call and region, with outcome totals from accepted reports', async () => {
    const response = await api().get(`/api/v1/reports/funds.csv?callId=${callId}`).set(officer.auth).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="funds-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);

    const [header, ...lines] = text.slice(1).trim().split(/\r?\n/);
    const columns = header!.split(',');
    expect(columns).toEqual([
      'fundCode',
      'callId',
      'callTitle',
      'region',
      'applicationsSubmitted',
      'applicationsEligible',
      'applicationsApproved',
      'applicationsDeclined',
      'requestedCents',
      'approvedCents',
      'awardsAccepted',
      'paidCents',
      'payableCents',
      'recoveryOwedCents',
      'recoveredCents',
      'reportsAccepted',
      'outcome:people_served',
      'outcome:staff_trained',
    ]);
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [columns[index]!, value])));
    expect(rows).toEqual([
      {
        fundCode: 'CBSF',
        callId,
        callTitle: 'Community supports 2027',
        region: 'north',
        applicationsSubmitted: '1',
        applicationsEligible: '1',
        applicationsApproved: '1',
        applicationsDeclined: '0',
        requestedCents: '8500000',
        approvedCents: '8500000',
        awardsAccepted: '1',
        paidCents: '5000000',
        // Approved and not yet recorded paid: the second instalment less the holdback.
        payableCents: '2650000',
        // No year reconciled yet (test/e2e/reconciliation.e2e-spec.ts records and settles recoveries).
        recoveryOwedCents: '0',
        recoveredCents: '0',
        reportsAccepted: '1',
        'outcome:people_served': '120',
        'outcome:staff_trained': '14',
      },
      expect.objectContaining({ region: 'toronto', applicationsSubmitted: '1', applicationsApproved: '0', applicationsDeclined: '1', approvedCents: '0', awardsAccepted: '0', 'outcome:people_served': '0' }),
    ]);

    const ilif = await api().get(`/api/v1/reports/funds.csv?fundCode=ILIF&callId=${callId}`).set(officer.auth).expect(200);
    expect(ilif.text.slice(1).trim()).toBe('fundCode,callId,callTitle,region,applicationsSubmitted,applicationsEligible,applicationsApproved,applicationsDeclined,requestedCents,approvedCents,awardsAccepted,paidCents,payableCents,recoveryOwedCents,recoveredCents,reportsAccepted');
    await api().get('/api/v1/reports/funds.csv?fundCode=XYZ').set(officer.auth).expect(400);
    await api().get('/api/v1/reports/funds.csv').set(north.owner.auth).expect(403);
  });

  it('gives officers the audit trail of an award, oldest first and a page at a time, and nobody else', async () => {
    const trail = await api().get(`/api/v1/audit?entityId=${awardId}`).set(officer.auth).expect(200);
    expect(trail.body.items.map((event: { action: string }) => event.action)).toEqual([
      'award.offered',
      'award.accepted',
      'agreement.drafted',
      'agreement.signed',
      'agreement.executed',
      'award.viewed',
      'payment.requested',
      'payment.approved',
      'payment.recorded',
      'report.submitted',
      'report.accepted',
      'payment.requested',
      'payment.approved',
    ]);
    expect(trail.body.items[1]).toMatchObject({ entityType: 'award', entityId: awardId, fromState: 'offered', toState: 'accepted', actor: { id: north.owner.id, name: 'Test applicant', role: 'owner' } });
    expect(trail.body.items[5]).toMatchObject({ action: 'award.viewed', actor: { id: officer.id, name: OFFICER_NAME, role: 'officer' } });
    expect(trail.body.items[7]).toMatchObject({ action: 'payment.approved', actor: { id: approver.id, role: 'approver' } });
    expect(trail.body.items[8]).toMatchObject({ action: 'payment.recorded', actor: { id: officer.id, name: OFFICER_NAME, role: 'officer' }, details: { paymentReference: 'EFT-1' } });
    expect(trail.body.nextCursor).toBeNull();

    const first = await api().get(`/api/v1/audit?entityId=${awardId}&limit=2`).set(officer.auth).expect(200);
    const second = await api().get(`/api/v1/audit?entityId=${awardId}&limit=2&cursor=${first.body.nextCursor}`).set(officer.auth).expect(200);
    expect([...first.body.items, ...second.body.items]).toEqual(trail.body.items.slice(0, 4));

    await api().get(`/api/v1/audit?entityId=${awardId}`).set(north.owner.auth).expect(403);
    await api().get(`/api/v1/audit?entityId=${awardId}`).set(reviewer.auth).expect(403);
    await api().get('/api/v1/audit').set(officer.auth).expect(400);
    await api().get('/api/v1/audit?entityId=not-a-uuid').set(officer.auth).expect(400);
  });

  it('shows the owner that staff read the audit trail of the application and of its award', async () => {
    const admin = await signedInUser(app, ['admin']);
    await api().get(`/api/v1/audit?entityId=${north.applicationId}`).set(officer.auth).expect(200);
    await api().get(`/api/v1/audit?entityId=${awardId}`).set(officer.auth).expect(200);
    // Administrators manage accounts: an award's trail is refused them, and nothing was read.
    expect((await api().get(`/api/v1/audit?entityId=${awardId}`).set(admin.auth).expect(403)).body.code).toBe('ADMIN_NO_CONTENT');
    expect((await api().get(`/api/v1/awards/${awardId}`).set(admin.auth).expect(403)).body.code).toBe('ADMIN_NO_CONTENT');
    expect((await api().get(`/api/v1/applications/${north.applicationId}/letter`).set(admin.auth).expect(403)).body.code).toBe('ADMIN_NO_CONTENT');
    await api().get(`/api/v1/audit?entityId=${callId}`).set(officer.auth).expect(200);

    const reads = (await accessLog(north.owner, '?limit=100')).items.filter((entry) => entry.action === 'audit_trail.viewed');
    expect(reads.some((entry) => entry.actor?.role === 'admin')).toBe(false);
    expect(reads.slice(0, 2)).toEqual([
      { occurredAt: expect.any(String), action: 'audit_trail.viewed', entityType: 'award', entityId: awardId, referenceNumber, actor: { name: OFFICER_NAME, role: 'officer' } },
      { occurredAt: expect.any(String), action: 'audit_trail.viewed', entityType: 'application', entityId: north.applicationId, referenceNumber, actor: { name: OFFICER_NAME, role: 'officer' } },
    ]);
    expect((await accessLog(toronto.owner, '?limit=100', toronto.organizationId)).items.some((entry) => entry.action === 'audit_trail.viewed')).toBe(false);
  });

  it('finds the application whose trail to read by its reference number or an identifier, for officers only', async () => {
    const found = { applicationId: north.applicationId, referenceNumber, awardId };
    expect((await api().get(`/api/v1/audit/application?reference=${referenceNumber.toLowerCase()}`).set(officer.auth).expect(200)).body).toEqual(found);
    expect((await api().get(`/api/v1/audit/application?id=${awardId}`).set(officer.auth).expect(200)).body).toEqual(found);
    expect((await api().get(`/api/v1/audit/application?id=${toronto.applicationId}`).set(officer.auth).expect(200)).body).toMatchObject({ applicationId: toronto.applicationId, awardId: null });
    await api().get('/api/v1/audit/application?reference=ILIF-1999-9999').set(officer.auth).expect(404);
    await api().get(`/api/v1/audit/application?id=${callId}`).set(officer.auth).expect(404);
    await api().get('/api/v1/audit/application?reference=Harbour').set(officer.auth).expect(400);
    await api().get('/api/v1/audit/application').set(officer.auth).expect(400);
    await api().get(`/api/v1/audit/application?reference=${referenceNumber}`).set(north.owner.auth).expect(403);
    await api().get(`/api/v1/audit/application?reference=${referenceNumber}`).set(reviewer.auth).expect(403);
    const admin = await signedInUser(app, ['admin']);
    expect((await api().get(`/api/v1/audit/application?reference=${referenceNumber}`).set(admin.auth).expect(403)).body.code).toBe('ADMIN_NO_CONTENT');
    // Looking for nothing reveals nothing either way.
    await api().get('/api/v1/audit/application?reference=ILIF-1999-9999').set(admin.auth).expect(404);
  });

  it('keeps a decision the office has not released out of the organization’s log and export', async () => {
    const east = await apply('Maison Aube', 'east');
    await api()
      .post(`/api/v1/applications/${east.applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'declined', rationale: RATIONALE, overrideReason: OVERRIDE_REASON })
      .expect(200);

    const actions = (await accessLog(east.owner, '?limit=100', east.organizationId)).items.map((entry) => entry.action);
    expect(actions).toContain('application.screened');
    expect(actions).not.toContain('application.decided');

    const response = await api().get(`/api/v1/organizations/${east.organizationId}/export`).set(east.owner.auth).buffer(true).parse(binary).expect(200);
    const zip = unzipper(response.body as Buffer);
    const folder = zip.names().find((name) => name.endsWith('/application.json'))!.replace('/application.json', '');
    expect(JSON.parse(zip.text(`${folder}/application.json`)).status).toBe('in_review');
    expect(zip.names()).not.toContain(`${folder}/decision.json`);
    expect(zip.text('*.json')).not.toContain(RATIONALE);
  });
});
