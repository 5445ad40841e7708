import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataExportHandler } from '@grants/awards';
import { passesWithin } from '@grants/testing';
import ExcelJS from 'exceljs';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';

const both = (en: string, fr: string) => ({ en, fr });
// $85,000.50 requested: 85000.5 in the files, never 8500050 cents.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_050 },
];
const MEASURES = [
  { key: 'people_served', label: both('People served', 'Personnes servies') },
  { key: 'staff_trained', label: both('Staff trained', 'Personnel formé') },
];
const FORM = {
  sections: [
    {
      key: 'project',
      title: both('Project', 'Projet'),
      questions: [
        { key: 'need', type: 'longtext', label: both('What need does it meet?', 'À quel besoin répond-il?'), required: true, maxLength: 5000 },
        { key: 'people_served', type: 'number', label: both('People served', 'Personnes servies'), required: true, min: 0, max: 100000 },
        {
          key: 'supports',
          type: 'multichoice',
          label: both('Supports offered', 'Soutiens offerts'),
          required: false,
          options: [
            { value: 'housing', label: both('Housing', 'Logement') },
            { value: 'counselling', label: both('Counselling', 'Counseling') },
            { value: 'legal', label: both('Legal help', 'Aide juridique') },
          ],
        },
        { key: 'trauma_informed', type: 'yesno', label: both('Trauma-informed?', 'Tenant compte des traumatismes?'), required: false },
      ],
    },
  ],
};
const FORMULA_TITLE = '=HYPERLINK("https://example.com","Safe homes")';
// An answer a spreadsheet would take for a formula in CSV; an XLSX string cell never is one.
const NEED = '- Safe housing in the north';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A CSV as a spreadsheet program reads it (RFC 4180: quoted fields, doubled quotes), without the BOM. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\ufeff')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let index = 0; index < body.length; index++) {
    const character = body[index]!;
    if (quoted) {
      if (character === '"' && body[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && body[index + 1] === '\n') index++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += character;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The rows of a CSV as records keyed by heading. */
function records(text: string): { headings: string[]; rows: Array<Record<string, string>> } {
  const [headings, ...rows] = parseCsv(text);
  return { headings: headings!, rows: rows.map((cells) => Object.fromEntries(headings!.map((heading, index) => [heading, cells[index] ?? '']))) };
}

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

function headingsOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

describe('exports: applications, reviews, awards and reports in CSV and XLSX, small at once and large in the background', () => {
  let app: INestApplication;
  let smallApp: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let officer: TestUser;
  let officerFr: TestUser;
  let otherOfficer: TestUser;
  let reviewer: TestUser;
  let applicant: TestUser;
  let callId: string;
  let approvedReference: string;
  let approvedId: string;
  let awardId: string;
  let owners: TestUser[];
  let organizationIds: string[];
  const api = () => request(app.getHttpServer());
  const background = () => request(smallApp.getHttpServer());

  async function apply(owner: TestUser, legalName: string, title: string, region: string, submit = true): Promise<string> {
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName, region })).expect(201);
    organizationIds.push(organization.body.id as string);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const id = draft.body.id as string;
    await api()
      .patch(`/api/v1/applications/${id}`)
      .set(owner.auth)
      .send({ version: 1, title, summary: 'Housing and outreach.', answers: { need: NEED, people_served: 40, supports: ['housing', 'counselling'], trauma_informed: true }, budget: BUDGET })
      .expect(200);
    if (!submit) return id;
    await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    return id;
  }

  const csvOf = async (path: string, auth = officer.auth): Promise<{ response: request.Response; headings: string[]; rows: Array<Record<string, string>> }> => {
    const response = await api().get(path).set(auth).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    return { response, ...records(response.text) };
  };
  const xlsxOf = async (path: string, server = api): Promise<{ response: request.Response; sheet: ExcelJS.Worksheet }> => {
    const response = await server().get(path).set(officer.auth).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    return { response, sheet: await workbookOf(response.body as Buffer) };
  };

  beforeAll(async () => {
    const environment = await isolatedEnvironment('exports');
    const config = testConfig(environment);
    [app, smallApp, worker, browser] = await Promise.all([startApi(config), startApi(testConfig({ ...environment, EXPORT_INLINE_ROWS: '1' })), startWorker(config), launchBrowser()]);
    officer = await signedInUser(app, ['officer']);
    officerFr = await signedInUser(app, ['officer'], { locale: 'fr' });
    otherOfficer = await signedInUser(app, ['officer']);
    reviewer = await signedInUser(app, ['reviewer'], { name: 'Rosalie Reviewer' });
    applicant = await signedInUser(app);
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ form: FORM, outcomeMeasures: MEASURES })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);

    owners = await Promise.all([1, 2, 3].map(() => signedInUser(app)));
    organizationIds = [];
    const approved = await apply(owners[0]!, 'Northern Lights Shelter', FORMULA_TITLE, 'north');
    approvedId = approved;
    const declined = await apply(owners[1]!, 'Maison Kingston', 'Refuge de l’Est', 'east');
    await apply(owners[2]!, 'Central Drafts', 'Not sent yet', 'central', false);

    const assignment = await api().post(`/api/v1/applications/${approved}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201);
    await api().post(`/api/v1/assignments/${assignment.body.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
    await api()
      .put(`/api/v1/assignments/${assignment.body.id}/scores`)
      .set(reviewer.auth)
      .send({ scores: [{ criterionKey: 'need', score: 8, comment: 'Clear need' }, { criterionKey: 'capacity', score: 4, comment: 'Solid team' }], overallComment: '@risk: none seen' })
      .expect(200);
    await api().post(`/api/v1/assignments/${assignment.body.id}/submit`).set(reviewer.auth).expect(200);

    await api().post(`/api/v1/applications/${approved}/decision`).set(officer.auth).send({ outcome: 'approved', approvedCents: 8_500_050, rationale: 'Strong proposal', overrideReason: 'Regional balance' }).expect(200);
    await api().post(`/api/v1/applications/${declined}/decision`).set(officer.auth).send({ outcome: 'declined', rationale: 'Weaker proposal', overrideReason: 'Envelope' }).expect(200);
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));

    const application = (await api().get(`/api/v1/applications/${approved}`).set(officer.auth).expect(200)).body as { awardId: string; referenceNumber: string };
    approvedReference = application.referenceNumber;
    awardId = application.awardId;
    const award = (await api().get(`/api/v1/awards/${application.awardId}`).set(officer.auth).expect(200)).body as { id: string; payments: Array<{ id: string }> };
    await api().post(`/api/v1/awards/${award.id}/accept`).set(owners[0]!.auth).expect(200);
    const approver = await signedInUser(app, ['approver']);
    await executeAgreement(app, award.id, owners[0]!, approver);
    await payPayment(app, award.payments[0]!.id, { officer, approver }, 'EFT-1');
    await api()
      .post(`/api/v1/awards/${award.id}/reports`)
      .set(owners[0]!.auth)
      .send({ period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 4_900_050 }], outcomes: { people_served: 120, staff_trained: 14 }, narrative: 'Opened six beds.' })
      .expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), smallApp?.close(), worker?.close()]);
  });

  it('exports applications as CSV with one column per question, dollars, Ontario time and the formula guard', async () => {
    const { response, headings, rows } = await csvOf(`/api/v1/exports/applications.csv?callId=${callId}`);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="applications-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(headings).toEqual([
      'Reference',
      'Call',
      'Fund',
      'Organization',
      'Region',
      'Status',
      'Project title',
      'Submitted (Ontario time)',
      'Requested ($)',
      'What need does it meet?',
      'People served',
      'Supports offered',
      'Trauma-informed?',
    ]);
    expect(rows).toHaveLength(3);
    const approved = rows.find((row) => row.Reference === approvedReference)!;
    // Statuses and regions in words, as the pages show them to officers.
    expect(approved).toMatchObject({ Call: 'Community supports 2027', Fund: 'CBSF', Organization: 'Northern Lights Shelter', Region: 'North', Status: 'Awarded', 'Supports offered': 'Housing; Counselling', 'Trauma-informed?': 'Yes', 'People served': '40' });
    // Kept from running as a formula: the spreadsheet shows the text as typed.
    expect(approved['Project title']).toBe(`'${FORMULA_TITLE}`);
    expect(approved['What need does it meet?']).toBe(`'${NEED}`);
    expect(Number(approved['Requested ($)'])).toBe(85000.5);
    expect(approved['Submitted (Ontario time)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const [submittedAt] = (await app.get(DataSource).query(`SELECT submitted_at FROM application WHERE reference_number = $1`, [approvedReference])) as Array<{ submitted_at: Date }>;
    const ontario = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(submittedAt!.submitted_at);
    expect(approved['Submitted (Ontario time)']).toBe(ontario);
    // A draft: no reference and no submission yet, filed last.
    expect(rows.at(-1)).toMatchObject({ Reference: '', 'Submitted (Ontario time)': '', Status: 'Draft' });

    // Filtered as the list is: by status, by search.
    expect((await csvOf(`/api/v1/exports/applications.csv?status=declined`)).rows.map((row) => row.Organization)).toEqual(['Maison Kingston']);
    expect((await csvOf(`/api/v1/exports/applications.csv?q=kingston`)).rows.map((row) => row.Organization)).toEqual(['Maison Kingston']);
  });

  it('exports applications as XLSX: numbers, dates, a bold frozen header, and French headings', async () => {
    const { response, sheet } = await xlsxOf(`/api/v1/exports/applications.xlsx?callId=${callId}`);
    expect(response.headers['content-disposition']).toMatch(/filename="applications-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(headingsOf(sheet).slice(0, 9)).toEqual(['Reference', 'Call', 'Fund', 'Organization', 'Region', 'Status', 'Project title', 'Submitted (Ontario time)', 'Requested ($)']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((candidate) => candidate.getCell(1).value === approvedReference)!;
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(9).value).toBe(85000.5);
    expect(row.getCell(9).numFmt).toContain('0.00');
    expect(row.getCell(8).type).toBe(ExcelJS.ValueType.Date);
    // A string cell is never a formula: the text exactly as typed, no guard.
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(7).value).toBe(FORMULA_TITLE);
    expect(row.getCell(10).value).toBe(NEED);
    expect([row.getCell(5).value, row.getCell(6).value]).toEqual(['North', 'Awarded']);
    expect(row.getCell(11).type).toBe(ExcelJS.ValueType.Number);

    const french = await xlsxOf(`/api/v1/exports/applications.xlsx?callId=${callId}&lang=fr`);
    expect(headingsOf(french.sheet)).toEqual(
      expect.arrayContaining(['Référence', 'Appel', 'Organisme', 'Région', 'Titre du projet', 'Montant demandé ($)', 'À quel besoin répond-il?', 'Soutiens offerts']),
    );
    const frenchRow = french.sheet.getRows(2, french.sheet.rowCount - 1)!.find((candidate) => candidate.getCell(1).value === approvedReference)!;
    expect(frenchRow.getCell(12).value).toBe('Logement; Counseling');
    expect(frenchRow.getCell(13).value).toBe('Oui');
    // Statuses and regions in French too, the pages' words.
    expect([frenchRow.getCell(5).value, frenchRow.getCell(6).value]).toEqual(['Nord', 'Financement accordé']);
    const declinedRow = french.sheet.getRows(2, french.sheet.rowCount - 1)!.find((candidate) => candidate.getCell(4).value === 'Maison Kingston')!;
    expect([declinedRow.getCell(5).value, declinedRow.getCell(6).value]).toEqual(['Est', 'Refusée']);
    // Without lang, the headings follow the officer's account language.
    expect((await csvOf(`/api/v1/exports/applications.csv?callId=${callId}`, officerFr.auth)).headings[0]).toBe('Référence');
  });

  it('exports the reviews of a call with each criterion’s score', async () => {
    const { headings, rows } = await csvOf(`/api/v1/exports/reviews.csv?callId=${callId}`);
    expect(headings).toEqual(['Reference', 'Organization', 'Reviewer', 'Review status', 'Submitted (Ontario time)', 'Weighted score (0–100)', 'Need (/10)', 'Capacity (/5)', 'Overall comment']);
    // (8/10 × 2 + 4/5 × 1) / 3 × 100 = 80
    expect(rows).toEqual([
      expect.objectContaining({ Reference: approvedReference, Reviewer: 'Rosalie Reviewer', 'Review status': 'Submitted', 'Weighted score (0–100)': '80', 'Need (/10)': '8', 'Capacity (/5)': '4', 'Overall comment': "'@risk: none seen" }),
    ]);
    const { sheet } = await xlsxOf(`/api/v1/exports/reviews.xlsx?callId=${callId}&lang=fr`);
    expect(headingsOf(sheet)).toEqual(['Référence', 'Organisme', 'Évaluatrice ou évaluateur', 'État de l’évaluation', 'Soumis le (heure de l’Ontario)', 'Note pondérée (0 à 100)', 'Besoin (/10)', 'Capacité (/5)', 'Commentaire général']);
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(4).value).toBe('Soumise');
    // Reviews are of one call.
    const refused = await api().get('/api/v1/exports/reviews.csv').set(officer.auth).expect(400);
    expect(refused.body.code).toBe('CALL_REQUIRED');
  });

  it('exports awards with one row per payment, and reports with their outcomes', async () => {
    const awards = await csvOf(`/api/v1/exports/awards.csv?callId=${callId}&status=accepted`);
    expect(awards.headings).toEqual(['Reference', 'Organization', 'Award status', 'Approved ($)', 'Fiscal year', 'Payment ($)', 'Due', 'Payment status', 'Paid on (Ontario time)', 'Payment reference', 'Holdback', 'Kept against a recovery ($)']);
    // The 10% holdback ($8,500.05, whole cents down) is its own row, out of the last instalment ($35,000.50).
    expect(awards.rows).toHaveLength(3);
    expect(awards.rows.map((row) => [row['Fiscal year'], row['Payment ($)'], row['Payment status'], row['Payment reference'], row.Holdback, row['Kept against a recovery ($)']])).toEqual([
      ['2027-28', '50000.00', 'Paid', 'EFT-1', 'No', '0.00'],
      ['2028-29', '26500.45', 'Scheduled', '', 'No', '0.00'],
      ['2028-29', '8500.05', 'Scheduled', '', 'Yes', '0.00'],
    ]);
    expect(awards.rows[0]!['Award status']).toBe('Accepted');
    const frenchAwards = await csvOf(`/api/v1/exports/awards.csv?callId=${callId}&lang=fr`);
    expect(frenchAwards.rows.map((row) => [row['État de la subvention'], row['État du paiement']])).toEqual([
      ['Acceptée', 'Versé'],
      ['Acceptée', 'Prévu'],
      ['Acceptée', 'Prévu'],
    ]);
    expect(Number(awards.rows[0]!['Approved ($)'])).toBe(85000.5);
    expect(awards.rows.map((row) => Number(row['Payment ($)'])).reduce((sum, amount) => sum + amount, 0)).toBeCloseTo(85000.5, 2);
    expect(awards.rows[0]!.Due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(awards.rows[0]!['Paid on (Ontario time)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((await csvOf(`/api/v1/exports/awards.csv?status=declined`)).rows).toEqual([]);
    const { sheet } = await xlsxOf(`/api/v1/exports/awards.xlsx?callId=${callId}`);
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getRow(2).getCell(6).type).toBe(ExcelJS.ValueType.Number);

    const reports = await csvOf(`/api/v1/exports/reports.csv?callId=${callId}&status=submitted`);
    expect(reports.headings).toEqual(['Reference', 'Organization', 'Kind', 'Period', 'Due', 'Report status', 'Spent ($)', 'Submitted (Ontario time)', 'People served', 'Staff trained']);
    expect(reports.rows).toEqual([expect.objectContaining({ Reference: approvedReference, Kind: 'Interim', Period: '2027-28', 'Report status': 'Filed: waiting for your review', 'Spent ($)': '49000.50', 'People served': '120', 'Staff trained': '14' })]);
    const french = await xlsxOf(`/api/v1/exports/reports.xlsx?lang=fr`);
    expect(headingsOf(french.sheet)).toEqual(['Référence', 'Organisme', 'Type', 'Période', 'Échéance', 'État du rapport', 'Dépenses ($)', 'Soumis le (heure de l’Ontario)', 'Personnes servies', 'Personnel formé']);
    expect([french.sheet.getRow(2).getCell(3).value, french.sheet.getRow(2).getCell(6).value]).toEqual(['Intermédiaire', 'Déposé : en attente de votre examen']);
  });

  it('leaves one read per exported application or award in its organization’s access log, naming the export', async () => {
    const reads = async (exportId: string): Promise<Array<{ action: string; entity_type: string; entity_id: string; actor_id: string; actor_role: string; details: Record<string, unknown> }>> =>
      (await app.get(DataSource).query(`SELECT action, entity_type, entity_id, actor_id, actor_role, details FROM audit_event WHERE details->>'exportId' = $1 ORDER BY entity_id`, [exportId])) as never;
    const applications = await api().get(`/api/v1/exports/applications.csv?callId=${callId}`).set(officer.auth).expect(200);
    const exportId = applications.headers['x-export-id'] as string;
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);
    // The export's own event names it by the same id.
    const [requested] = (await app.get(DataSource).query(`SELECT entity_type FROM audit_event WHERE action = 'export.requested' AND entity_id = $1`, [exportId])) as Array<{ entity_type: string }>;
    expect(requested!.entity_type).toBe('data_export');
    // Three applications, three reads: as a staff read of each, with what the export was.
    const applicationIds = ((await app.get(DataSource).query(`SELECT id FROM application WHERE call_id = $1 ORDER BY id`, [callId])) as Array<{ id: string }>).map((row) => row.id);
    expect(await reads(exportId)).toEqual(
      applicationIds.map((id) => ({ action: 'application.viewed', entity_type: 'application', entity_id: id, actor_id: officer.id, actor_role: 'officer', details: { what: 'application', via: 'export', exportId } })),
    );
    // Each owner sees it in the organization's access log, about their own application.
    for (const [index, owner] of owners.entries()) {
      const [own] = (await app.get(DataSource).query(`SELECT id, reference_number FROM application WHERE organization_id = $1`, [organizationIds[index]])) as Array<{ id: string; reference_number: string | null }>;
      const log = (await api().get(`/api/v1/organizations/${organizationIds[index]}/access-log?limit=100`).set(owner.auth).expect(200)).body as { items: Array<Record<string, unknown>> };
      expect(log.items).toContainEqual(expect.objectContaining({ action: 'application.viewed', entityType: 'application', entityId: own!.id, referenceNumber: own!.reference_number, actor: expect.objectContaining({ role: 'officer' }) }));
    }

    // Reviews: one read per application, however many reviews; awards and reports: one read of the award, however many payments or reports.
    const reviews = (await api().get(`/api/v1/exports/reviews.xlsx?callId=${callId}`).set(officer.auth).expect(200)).headers['x-export-id'] as string;
    expect(await reads(reviews)).toEqual([expect.objectContaining({ action: 'application.viewed', entity_id: approvedId, details: { what: 'reviews', via: 'export', exportId: reviews } })]);
    const awards = (await api().get(`/api/v1/exports/awards.csv?callId=${callId}`).set(officer.auth).expect(200)).headers['x-export-id'] as string;
    expect(await reads(awards)).toEqual([expect.objectContaining({ action: 'award.viewed', entity_type: 'award', entity_id: awardId, details: { via: 'export', exportId: awards } })]);
    const reports = (await api().get(`/api/v1/exports/reports.csv`).set(officer.auth).expect(200)).headers['x-export-id'] as string;
    expect(await reads(reports)).toEqual([expect.objectContaining({ action: 'award.viewed', entity_id: awardId })]);
    const awardLog = (await api().get(`/api/v1/organizations/${organizationIds[0]}/access-log?limit=100`).set(owners[0]!.auth).expect(200)).body as { items: Array<{ action: string; entityId: string }> };
    expect(awardLog.items.filter((item) => item.action === 'award.viewed' && item.entityId === awardId).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses non-officers, unknown kinds and formats, and filters a kind does not take', async () => {
    await api().get('/api/v1/exports/applications.csv').set(applicant.auth).expect(403);
    await api().get('/api/v1/exports/applications.csv').set(reviewer.auth).expect(403);
    await api().get('/api/v1/exports/applications.csv').expect(401);
    const kind = await api().get('/api/v1/exports/people.csv').set(officer.auth).expect(400);
    expect(JSON.stringify(kind.body.message)).toContain('people');
    const format = await api().get('/api/v1/exports/applications.pdf').set(officer.auth).expect(400);
    expect(JSON.stringify(format.body.message)).toContain('pdf');
    await api().get('/api/v1/exports/applications.csv?fund=CBSF').set(officer.auth).expect(400);
    expect((await api().get('/api/v1/exports/awards.csv?q=north').set(officer.auth).expect(400)).body.code).toBe('FILTER_NOT_TAKEN');
    expect((await api().get('/api/v1/exports/awards.csv?status=draft').set(officer.auth).expect(400)).body.code).toBe('FILTER_INVALID');
    const [event] = (await app.get(DataSource).query(`SELECT details FROM audit_event WHERE action = 'export.requested' AND actor_id = $1 ORDER BY occurred_at LIMIT 1`, [officer.id])) as Array<{
      details: Record<string, unknown>;
    }>;
    expect(event!.details).toMatchObject({ kind: 'applications', format: 'csv', filters: { callId }, rows: 3, background: false });
    const paths = Object.keys((await api().get('/api/docs-json').expect(200)).body.paths as Record<string, unknown>);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/exports/{kind}.{format}', '/api/v1/exports/{id}', '/api/v1/exports/{id}/file']));
  });

  it('builds a larger export in the background: progress to ready, then the file, for the officer who asked only', async () => {
    const asked = await background().get(`/api/v1/exports/applications.xlsx?callId=${callId}&lang=fr`).set(officer.auth).expect(202);
    expect(asked.body).toEqual({ id: expect.any(String), status: 'queued', totalRows: 3 });
    expect(asked.headers.location).toBe(`/api/v1/exports/${asked.body.id}`);
    const done = await passesWithin(30_000, async () => {
      const progress = await background().get(asked.headers.location!).set(officer.auth).expect(200);
      expect(progress.body.status).toBe('ready');
      return progress.body as { totalRows: number; rowsWritten: number; kind: string; format: string; finishedAt: string; sizeBytes: number };
    });
    expect(done).toMatchObject({ kind: 'applications', format: 'xlsx', totalRows: 3, rowsWritten: 3, finishedAt: expect.any(String) });
    const { response, sheet } = await xlsxOf(`${asked.headers.location}/file`, background);
    expect(response.headers['content-disposition']).toMatch(/filename="applications-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect((response.body as Buffer).length).toBe(done.sizeBytes);
    expect(headingsOf(sheet)[0]).toBe('Référence');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    await background().get(asked.headers.location!).set(otherOfficer.auth).expect(404);
    await background().get(`${asked.headers.location}/file`).set(otherOfficer.auth).expect(404);
    const [event] = (await app.get(DataSource).query(`SELECT details FROM audit_event WHERE action = 'export.requested' AND entity_id = $1`, [asked.body.id])) as Array<{ details: Record<string, unknown> }>;
    expect(event!.details).toMatchObject({ kind: 'applications', format: 'xlsx', rows: 3, background: true });
    const readsOf = async (exportId: string): Promise<string[]> =>
      ((await app.get(DataSource).query(`SELECT entity_id FROM audit_event WHERE action = 'application.viewed' AND details->>'exportId' = $1 ORDER BY entity_id`, [exportId])) as Array<{ entity_id: string }>).map(
        (row) => row.entity_id,
      );
    // The worker records the reads as the inline export does: one per application.
    const recorded = await readsOf(asked.body.id as string);
    expect(recorded).toHaveLength(3);

    // A retry of a job that stopped midway rebuilds the file from scratch; one of a ready export leaves it as it is.
    const handler = worker.get(DataExportHandler);
    await app.get(DataSource).query(`UPDATE data_export SET status = 'running', rows_written = 1, storage_key = NULL, size_bytes = NULL, finished_at = NULL WHERE id = $1`, [asked.body.id]);
    await handler.handle({ exportId: asked.body.id }, { jobId: `data-export/${asked.body.id}`, attempt: 2 });
    const rebuilt = (await background().get(asked.headers.location!).set(officer.auth).expect(200)).body as typeof done;
    expect(rebuilt).toMatchObject({ status: 'ready', totalRows: 3, rowsWritten: 3, sizeBytes: expect.any(Number) });
    // Still one read per application of the export: the rebuild does not record them again.
    expect(await readsOf(asked.body.id as string)).toEqual(recorded);
    await handler.handle({ exportId: asked.body.id }, { jobId: `data-export/${asked.body.id}`, attempt: 3 });
    expect((await background().get(asked.headers.location!).set(officer.auth).expect(200)).body.finishedAt).toBe(rebuilt.finishedAt);
    expect((await workbookOf((await background().get(`${asked.headers.location}/file`).set(officer.auth).buffer(true).parse(binary).expect(200)).body as Buffer)).rowCount).toBe(4);

    // A CSV the same way, and an export not built yet is not downloaded.
    const csv = await background().get(`/api/v1/exports/awards.csv?callId=${callId}`).set(officer.auth).expect(202);
    await passesWithin(30_000, async () => expect((await background().get(`/api/v1/exports/${csv.body.id}`).set(officer.auth).expect(200)).body.status).toBe('ready'));
    const file = await background().get(`/api/v1/exports/${csv.body.id}/file`).set(officer.auth).expect(200);
    // One row per payment: two instalments and the holdback.
    expect(records(file.text).rows).toHaveLength(3);
    const [pending] = (await app.get(DataSource).query(`INSERT INTO data_export (requested_by, kind, format, lang, status, total_rows) VALUES ($1, 'reports', 'csv', 'en', 'queued', 5) RETURNING id`, [officer.id])) as Array<{ id: string }>;
    expect((await background().get(`/api/v1/exports/${pending!.id}/file`).set(officer.auth).expect(409)).body.code).toBe('EXPORT_NOT_READY');
  });

  describe('pages', () => {
    let baseUrl: string;
    let smallUrl: string;

    async function signIn(page: Page, user: TestUser, url: string, next: string): Promise<void> {
      await page.goto(`${url}/sign-in?next=${encodeURIComponent(next)}`);
      await page.locator('#email').fill(user.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL(`${url}${next}`);
    }

    beforeAll(() => {
      baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      smallUrl = `http://127.0.0.1:${(smallApp.getHttpServer().address() as AddressInfo).port}`;
    });

    it('offers each export as a form, and a small one downloads at once (English)', async () => {
      const page = await newPage(browser, baseUrl);
      try {
        await signIn(page, officer, baseUrl, '/officer/exports');
        await expectAccessible(page, 'exports page, English');
        const form = page.locator('form[action="/officer/exports/download"]').filter({ has: page.locator('input[name=kind][value=applications]') });
        await form.getByLabel('Call', { exact: true }).selectOption(callId);
        await form.getByText('Comma-separated values (CSV, UTF-8)').click();
        const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Export applications' }).click()]);
        expect(download.suggestedFilename()).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.csv$/);
        expect(records(await readFile((await download.path())!, 'utf8')).rows).toHaveLength(3);

        // Reviews need their call: said beside the field.
        await page.goto('/officer/exports');
        const reviews = page.locator('form[action="/officer/exports/download"]').filter({ has: page.locator('input[name=kind][value=reviews]') });
        await reviews.getByRole('button', { name: 'Export reviews' }).click();
        await page.locator('#error-summary').waitFor();
        expect(await page.locator('#error-summary').textContent()).toContain('Choose the call whose reviews to export');
        await expectAccessible(page, 'exports page with an error');
      } finally {
        await page.close();
      }
    });

    it('shows a large export’s progress until it is ready to download (French)', async () => {
      const page = await newPage(browser, smallUrl, { locale: 'fr' });
      try {
        await signIn(page, officerFr, smallUrl, '/officer/exports');
        await expectAccessible(page, 'exports page, French');
        const form = page.locator('form[action="/officer/exports/download"]').filter({ has: page.locator('input[name=kind][value=awards]') });
        await form.getByRole('button', { name: 'Exporter les subventions et paiements' }).click();
        await page.waitForURL(/\/officer\/exports\/[0-9a-f-]{36}$/);
        expect(await page.locator('h1').textContent()).toBe('Votre exportation');
        // The page's script follows the worker, and reloads once the file is ready.
        await page.getByRole('link', { name: /Télécharger le fichier/ }).waitFor({ timeout: 30_000 });
        // One row per payment of the award: two instalments and the holdback.
        expect(await page.locator('#export-counts').textContent()).toBe('3 lignes écrites sur 3');
        await expectAccessible(page, 'progress page, French, ready');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger le fichier/ }).click()]);
        expect(download.suggestedFilename()).toMatch(/^awards-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const sheet = await workbookOf(await readFile((await download.path())!));
        expect(headingsOf(sheet)[0]).toBe('Référence');
      } finally {
        await page.close();
      }
      // The English progress page of an export still queued, with its refresh link.
      const [queued] = (await app.get(DataSource).query(`INSERT INTO data_export (requested_by, kind, format, lang, status, total_rows) VALUES ($1, 'reports', 'csv', 'en', 'queued', 5000) RETURNING id`, [officer.id])) as Array<{ id: string }>;
      const english = await newPage(browser, baseUrl);
      try {
        await signIn(english, officer, baseUrl, `/officer/exports/${queued!.id}`);
        expect(await english.locator('#export-counts').textContent()).toBe('0 of 5,000 rows written');
        expect(await english.getByRole('link', { name: 'Refresh' }).count()).toBe(1);
        await expectAccessible(english, 'progress page, English, queued');

        // A failed export: the page says so in its own words; the stored error (English, internal) stays in the API's answer.
        const error = 'relation "award_payment" does not exist';
        const [failed] = (await app.get(DataSource).query(`INSERT INTO data_export (requested_by, kind, format, lang, status, total_rows, error, finished_at) VALUES ($1, 'awards', 'csv', 'en', 'failed', 5, $2, now()) RETURNING id`, [officer.id, error])) as Array<{ id: string }>;
        await english.goto(`/officer/exports/${failed!.id}`);
        expect(await english.locator('#export-status').textContent()).toBe('The export could not be prepared. Ask for it again from the exports page.');
        expect(await english.content()).not.toContain('award_payment');
        expect((await api().get(`/api/v1/exports/${failed!.id}`).set(officer.auth).expect(200)).body).toMatchObject({ status: 'failed', error });
      } finally {
        await english.close();
      }
    });
  });
});
