import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReportRemindersHandler } from '@grants/awards';
import { AppConfig, FixedClock } from '@grants/core';
import { CapturedEmail, Mailbox, passesWithin } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';
import { normalizeSpaces, pdfText } from '../support/pdf';

const mailbox = new Mailbox();
const ANSWERS = { need: 'Transitional housing', people_served: 40 };
// $85,000.00 over two fiscal years: the award's payments follow the budget's years, the 10% holdback
// ($8,500.00) taken out of the last one.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const MEASURES = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];
const SYLLABICS_NAME = 'ᐊᓂᔑᓈᐯ ᑭᓇᑐᐃᓇᐣ ᐅᒋᒪᐃᐧᐣ';

interface Applicant {
  owner: TestUser;
  editor: TestUser;
  organizationId: string;
  applicationId: string;
}

describe('awards: release, letters, acceptance, payments and reports', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let config: AppConfig;
  let officer: TestUser;
  let approver: TestUser;
  let callId: string;
  const applicants: Record<'english' | 'french' | 'syllabics', Applicant> = {} as never;
  const api = () => request(app.getHttpServer());

  async function apply(name: string, language: 'en' | 'fr', type = 'non_profit'): Promise<Applicant> {
    const owner = await signedInUser(app, ['applicant'], { locale: language });
    const editor = await signedInUser(app);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: name, type, preferredLanguage: language })).expect(201);
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [organization.body.id, editor.id]);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${name})`, summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    return { owner, editor, organizationId: organization.body.id, applicationId: draft.body.id };
  }

  function decide(applicationId: string, body: Record<string, unknown>) {
    return api().post(`/api/v1/applications/${applicationId}/decision`).set(officer.auth).send({ rationale: 'Strong proposal', overrideReason: 'Regional balance', ...body }).expect(200);
  }

  async function letterEmail(user: TestUser): Promise<CapturedEmail> {
    const [email] = await mailbox.waitFor(user.email, { count: 1, timeoutMs: 30_000 }).then((messages) => messages.filter((message) => message.attachments.length > 0));
    expect(email).toBeDefined();
    return email!;
  }

  function attachedPdf(email: CapturedEmail): Buffer {
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]!.contentType).toBe('application/pdf');
    return Buffer.from(email.attachments[0]!.contentBase64, 'base64');
  }

  beforeAll(async () => {
    config = testConfig(await isolatedEnvironment('awards'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    approver = await signedInUser(app, ['approver']);
    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 17_000_000, outcomeMeasures: MEASURES })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    applicants.english = await apply('Harbour Light Community Services', 'en');
    applicants.french = await apply('Services communautaires Nouvelle Voie', 'fr');
    applicants.syllabics = await apply(SYLLABICS_NAME, 'en', 'indigenous_organization');
    await decide(applicants.english.applicationId, { outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins with the program office.' });
    await decide(applicants.french.applicationId, { outcome: 'approved', approvedCents: 8_500_000, conditions: 'Rencontres trimestrielles avec le bureau du programme.' });
    await decide(applicants.syllabics.applicationId, { outcome: 'declined', feedback: 'The panel saw strong community support; apply again to the next call.' });
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('keeps a decision from the organization until it is released', async () => {
    const { applicationId, owner } = applicants.syllabics;
    expect((await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.status).toBe('in_review');
    expect((await api().get('/api/v1/applications').set(owner.auth).expect(200)).body.items.map((item: { status: string }) => item.status)).toEqual(['in_review']);
    expect((await api().get('/api/v1/applications?status=declined').set(owner.auth).expect(200)).body.items).toEqual([]);
    await api().post(`/api/v1/applications/${applicationId}/withdraw`).set(owner.auth).expect(409, /review of this application is complete/);
    expect((await api().get(`/api/v1/applications/${applicationId}`).set(officer.auth).expect(200)).body.status).toBe('declined');
    await api().get(`/api/v1/applications/${applicationId}/letter`).set(owner.auth).expect(404);
  });

  it('releases every decision in the background, letters and emails counted until done', async () => {
    const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    expect(release.body).toMatchObject({ id: expect.any(String), callId, total: 3 });
    await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(applicants.english.owner.auth).expect(403);

    const done = await passesWithin(30_000, async () => {
      const progress = await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(officer.auth).expect(200);
      expect(progress.body).toMatchObject({ total: 3, lettersGenerated: 3, emailsSent: 3, failed: 0 });
      return progress.body;
    });
    expect(done.status).toBe('completed');
    const decisions = (await api().get(`/api/v1/calls/${callId}/decisions`).set(officer.auth).expect(200)).body as Array<{ released: boolean }>;
    expect(decisions.map((decision) => decision.released)).toEqual([true, true, true]);
  });

  it('writes the English award letter in English, with the exact name and amount, and emails it to every member', async () => {
    const { owner, editor } = applicants.english;
    const email = await letterEmail(owner);
    expect(email.subject).toMatch(/^Funding approved: CBSF-/);
    expect(email.envelopeTo).toEqual(expect.arrayContaining([owner.email, editor.email]));
    const text = pdfText(attachedPdf(email));
    expect(text).toContain('Harbour Light Community Services');
    expect(text).toContain('$85,000.00');
    expect(text).toContain('$50,000.00'); // 2027-28 payment
    expect(text).toContain('$35,000.00'); // 2028-29 payment
    expect(text).toContain('Quarterly check-ins with the program office.');
    expect(text).toMatch(/accept/i);
  });

  it('writes the French organization’s letter in French, amounts as French readers write them', async () => {
    const email = await letterEmail(applicants.french.owner);
    expect(email.subject).toMatch(/^Financement approuvé : CBSF-/);
    const text = pdfText(attachedPdf(email));
    expect(text).toContain('Services communautaires Nouvelle Voie');
    expect(text).toContain(normalizeSpaces('85 000,00 $'));
    expect(text).toContain('Rencontres trimestrielles avec le bureau du programme.');
    expect(text).not.toContain('$85,000.00');
  });

  it('renders a name written in Canadian syllabics exactly, in a decline letter with the officer’s feedback', async () => {
    const email = await letterEmail(applicants.syllabics.owner);
    const text = pdfText(attachedPdf(email));
    expect(text).toContain(SYLLABICS_NAME);
    expect((await api().get(`/api/v1/applications/${applicants.syllabics.applicationId}`).set(applicants.syllabics.owner.auth).expect(200)).body.status).toBe('declined');
    expect(text).toContain('The panel saw strong community support; apply again to the next call.');
    expect(text).not.toContain('Strong proposal'); // the rationale stays with the office
  });

  it('sends each letter once, however often decisions are released', async () => {
    const again = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    expect(again.body).toMatchObject({ total: 0, status: 'completed' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const applicant of Object.values(applicants)) {
      const letters = (await mailbox.messagesTo(applicant.owner.email)).filter((message) => message.attachments.length > 0);
      expect(letters).toHaveLength(1);
    }
    await api().post(`/api/v1/applications/${applicants.english.applicationId}/decision`).set(officer.auth).send({ outcome: 'declined', rationale: 'Changed mind', overrideReason: 'x' }).expect(409, /DECISION_RELEASED/);
  });

  it('lets members and officers download the letter, and nobody else', async () => {
    const { applicationId, editor } = applicants.french;
    const download = await api().get(`/api/v1/applications/${applicationId}/letter`).set(editor.auth).buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/lettre-octroi\.pdf/);
    expect(pdfText(download.body as Buffer)).toContain('Services communautaires Nouvelle Voie');
    await api().get(`/api/v1/applications/${applicationId}/letter`).set(officer.auth).expect(200);
    await api().get(`/api/v1/applications/${applicationId}/letter`).set(applicants.english.owner.auth).expect(404);
  });

  it('offers the award with a payment schedule that adds up, accepted by an owner only, once', async () => {
    const { applicationId, owner, editor } = applicants.english;
    const application = await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200);
    const awardId = application.body.awardId as string;
    expect(awardId).toEqual(expect.any(String));

    const offered = await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200);
    expect(offered.body).toMatchObject({ applicationId, approvedCents: 8_500_000, status: 'offered' });
    const payments = offered.body.payments as Array<{ fiscalYear: string; amountCents: number; holdback: boolean; status: string }>;
    expect(payments.map((payment) => [payment.fiscalYear, payment.amountCents, payment.holdback, payment.status])).toEqual([
      ['2027-28', 5_000_000, false, 'scheduled'],
      ['2028-29', 2_650_000, false, 'scheduled'],
      ['2028-29', 850_000, true, 'scheduled'],
    ]);
    expect(payments.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(8_500_000);
    expect(offered.body.reports.map((report: { kind: string; period: string }) => `${report.kind} ${report.period}`)).toEqual(['interim 2027-28', 'final 2028-29']);
    await api().get(`/api/v1/awards/${awardId}`).set(applicants.french.owner.auth).expect(404);
    const listed = await api().get(`/api/v1/awards?callId=${callId}`).set(officer.auth).expect(200);
    expect(listed.body.items.map((item: { organizationName: string }) => item.organizationName).sort()).toEqual(['Harbour Light Community Services', 'Services communautaires Nouvelle Voie']);
    // The next payment of each award, as the officers' list of awards shows it.
    const next = (items: Array<{ id: string; nextPayment: unknown }>) => items.find((item) => item.id === awardId)?.nextPayment;
    expect(next(listed.body.items)).toEqual({ dueOn: offered.body.payments[0].dueOn, amountCents: 5_000_000, status: 'scheduled' });
    expect(next((await api().get('/api/v1/awards').set(applicants.french.owner.auth).expect(200)).body.items)).toBeUndefined();
    expect((await api().get('/api/v1/awards').set(editor.auth).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([awardId]);

    await api().post(`/api/v1/awards/${awardId}/accept`).set(editor.auth).expect(403);
    await api().post(`/api/v1/awards/${awardId}/accept`).set(officer.auth).expect(403);
    const accepted = await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    expect(accepted.body.status).toBe('accepted');
    // Payments wait for the agreement, executed once both parties have signed it.
    const waiting = (award: { payments: Array<{ status: string; waitingFor: string[] }> }) => award.payments.map((payment) => [payment.status, payment.waitingFor]);
    expect(waiting(accepted.body)).toEqual([
      ['scheduled', ['AGREEMENT_NOT_EXECUTED']],
      ['scheduled', ['AGREEMENT_NOT_EXECUTED', 'PRIOR_REPORT_NOT_ACCEPTED']],
      ['scheduled', ['AGREEMENT_NOT_EXECUTED', 'FINAL_REPORT_NOT_ACCEPTED']],
    ]);
    await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(409, /AWARD_NOT_OFFERED/);
    await executeAgreement(app, awardId, owner, approver);
    // Once executed, the first may be requested; nothing becomes payable by itself.
    expect(waiting((await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body)).toEqual([
      ['scheduled', []],
      ['scheduled', ['PRIOR_REPORT_NOT_ACCEPTED']],
      ['scheduled', ['FINAL_REPORT_NOT_ACCEPTED']],
    ]);
    expect((await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.status).toBe('awarded');
    await passesWithin(15_000, async () => expect((await mailbox.messagesTo(editor.email)).filter((message) => message.subject.startsWith('Award accepted'))).toHaveLength(1));

    const audit = await app.get(DataSource).query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action NOT LIKE '%.viewed' ORDER BY occurred_at`, [awardId]);
    expect(audit.map((event: { action: string }) => event.action)).toEqual(['award.offered', 'award.accepted', 'agreement.drafted', 'agreement.signed', 'agreement.executed']);
  });

  it('pays against accepted reports: counts for the call’s measures only, sent back or accepted by an officer', async () => {
    const { applicationId, owner, editor } = applicants.english;
    const awardId = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.awardId as string;
    const award = (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body;
    const [first, second] = award.payments as Array<{ id: string }>;
    expect((await api().post(`/api/v1/payments/${second!.id}/request`).set(officer.auth).expect(422)).body).toMatchObject({ code: 'PRIOR_REPORT_NOT_ACCEPTED', details: { unmet: ['PRIOR_REPORT_NOT_ACCEPTED'] } });
    await api().post(`/api/v1/payments/${first!.id}/paid`).set(officer.auth).send({ reference: 'EFT-1' }).expect(409, /PAYMENT_NOT_APPROVED/);
    await api().post(`/api/v1/payments/${first!.id}/request`).set(owner.auth).expect(403);
    await api().post(`/api/v1/payments/${first!.id}/paid`).set(owner.auth).send({ reference: 'EFT-1' }).expect(403);
    expect(await payPayment(app, first!.id, { officer, approver }, 'EFT-1')).toMatchObject({ status: 'paid', amountCents: 5_000_000, paymentReference: 'EFT-1' });

    // Schedule D of 2027-28: personnel, $50,000.00 (the budget line, as approved in full).
    const personnel = { fiscalYear: '2027-28', category: 'personnel', spentCents: 4_900_000 };
    const report = { period: '2027-28', kind: 'interim', spending: [personnel], outcomes: { people_served: 120, staff_trained: 14 }, narrative: 'Opened six beds.' };
    const unknown = await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, outcomes: { people_served: 120, staff_trained: 14, survivor_names: 1 } }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'OUTCOMES_INVALID', message: expect.stringContaining('outcomes.survivor_names') });
    await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, period: '2030-31' }).expect(422, /REPORT_NOT_OWED/);
    await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, extra: true }).expect(400);
    await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, spending: [{ ...personnel, spentCents: 1e21 }] }).expect(400);
    // A report gives the spending of its own period, one line per category.
    const otherYear = await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, spending: [{ ...personnel, fiscalYear: '2028-29' }] }).expect(400);
    expect(otherYear.body).toMatchObject({ code: 'SPENDING_INVALID', message: expect.stringContaining('spending[0].fiscalYear') });
    const twice = await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send({ ...report, spending: [personnel, { ...personnel, spentCents: 100 }] }).expect(400);
    expect(twice.body).toMatchObject({ code: 'SPENDING_INVALID', message: expect.stringContaining('spending[1].category') });

    const filed = await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send(report).expect(201);
    expect(filed.body).toMatchObject({
      status: 'submitted',
      spentCents: 4_900_000,
      spending: [personnel],
      variances: [{ fiscalYear: '2027-28', category: 'personnel', budgetCents: 5_000_000, spentCents: 4_900_000, withinFlexibility: true }],
      withinFlexibility: true,
      outcomes: { people_served: 120, staff_trained: 14 },
    });
    await api().post(`/api/v1/awards/${awardId}/reports`).set(editor.auth).send(report).expect(409, /REPORT_ALREADY_FILED/);

    await api().post(`/api/v1/awards/${awardId}/reports/${filed.body.id}/review`).set(officer.auth).send({ outcome: 'returned' }).expect(422, /COMMENT_REQUIRED/);
    await api().post(`/api/v1/awards/${awardId}/reports/${filed.body.id}/review`).set(officer.auth).send({ outcome: 'returned', comment: 'Add the spending by category.' }).expect(200);
    await passesWithin(15_000, async () => {
      const returned = (await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Report sent back'));
      expect(returned).toHaveLength(1);
      expect(returned[0]!.text).toContain('Add the spending by category.');
    });

    // Filed again with personnel 50% over its line and training, which has no line: beyond schedule D's
    // flexibility (a line at most 10% under or 20% over), so accepted only with a justification.
    const overspent = [
      { ...personnel, spentCents: 7_500_000 },
      { fiscalYear: '2027-28', category: 'training', spentCents: 120_000 },
    ];
    const refiled = await api().post(`/api/v1/awards/${awardId}/reports`).set(owner.auth).send({ ...report, spending: overspent, narrative: 'Opened six beds; spending by category attached.' }).expect(201);
    expect(refiled.body).toMatchObject({ spentCents: 7_620_000, withinFlexibility: false });
    const beyond = [
      { fiscalYear: '2027-28', category: 'personnel', budgetCents: 5_000_000, spentCents: 7_500_000, withinFlexibility: false },
      { fiscalYear: '2027-28', category: 'training', budgetCents: 0, spentCents: 120_000, withinFlexibility: false },
    ];
    const uncovered = await api().post(`/api/v1/awards/${awardId}/reports/${refiled.body.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(422);
    expect(uncovered.body).toMatchObject({ code: 'VARIANCE_NOT_COVERED', details: { variances: beyond } });
    await api().post(`/api/v1/awards/${awardId}/reports/${refiled.body.id}/review`).set(officer.auth).send({ outcome: 'accepted', varianceJustification: '   ' }).expect(422, /VARIANCE_NOT_COVERED/);
    const justified = await api()
      .post(`/api/v1/awards/${awardId}/reports/${refiled.body.id}/review`)
      .set(officer.auth)
      .send({ outcome: 'accepted', varianceJustification: 'A second outreach worker was hired early to meet demand.' })
      .expect(200);
    expect(justified.body).toMatchObject({ status: 'accepted', variances: beyond, withinFlexibility: false, varianceJustification: 'A second outreach worker was hired early to meet demand.' });
    const after = (await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body;
    expect(after.reports.find((filing: { id: string }) => filing.id === refiled.body.id)).toMatchObject({ status: 'accepted', varianceJustification: 'A second outreach worker was hired early to meet demand.' });
    // The accepted interim report lets the second instalment be requested; the holdback waits for the final report.
    expect(after.payments.map((payment: { status: string; waitingFor: string[] }) => [payment.status, payment.waitingFor])).toEqual([
      ['paid', []],
      ['scheduled', []],
      ['scheduled', ['FINAL_REPORT_NOT_ACCEPTED']],
    ]);
    const nextPayment = async () => ((await api().get('/api/v1/awards').set(owner.auth).expect(200)).body.items as Array<{ id: string; nextPayment: unknown }>).find((item) => item.id === awardId)?.nextPayment;
    expect(await nextPayment()).toEqual({ dueOn: after.payments[1].dueOn, amountCents: 2_650_000, status: 'scheduled' });
    expect((await api().post(`/api/v1/payments/${second!.id}/request`).set(officer.auth).expect(200)).body).toMatchObject({ id: second!.id, status: 'requested', approvalsNeeded: 1 });
    expect(await nextPayment()).toEqual({ dueOn: after.payments[1].dueOn, amountCents: 2_650_000, status: 'requested' });
    expect((await api().post(`/api/v1/payments/${after.payments[2].id}/request`).set(officer.auth).expect(422)).body.code).toBe('FINAL_REPORT_NOT_ACCEPTED');

    // Each step of a payment is in the audit trail, the payment's reference with the recording.
    const steps = (await app.get(DataSource).query(`SELECT action, actor_id, details FROM audit_event WHERE entity_id = $1 AND action LIKE 'payment.%' ORDER BY occurred_at, id`, [awardId])) as Array<{ action: string; actor_id: string; details: Record<string, unknown> }>;
    expect(steps.map((step) => [step.action, step.actor_id, step.details.paymentId])).toEqual([
      ['payment.requested', officer.id, first!.id],
      ['payment.approved', approver.id, first!.id],
      ['payment.recorded', officer.id, first!.id],
      ['payment.requested', officer.id, second!.id],
    ]);
    expect(steps[2]!.details).toMatchObject({ paymentReference: 'EFT-1', amountCents: 5_000_000 });
  });

  it('reminds members of a report two weeks before it is due, once', async () => {
    const { applicationId, owner } = applicants.english;
    const awardId = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.awardId as string;
    const final = ((await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body.reports as Array<{ kind: string; dueOn: string }>).find((report) => report.kind === 'final')!;
    const clock = new FixedClock(new Date(new Date(`${final.dueOn}T12:00:00Z`).getTime() - 10 * 24 * 3600_000));
    const scheduled = await startWorker(config, { clock });
    try {
      await scheduled.get(ReportRemindersHandler).handle();
      await scheduled.get(ReportRemindersHandler).handle();
      await passesWithin(15_000, async () => expect((await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Final report due'))).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Final report due'))).toHaveLength(1);
    } finally {
      await scheduled.close();
    }
  });
});

describe('awards: a letter that cannot be sent', () => {
  let app: INestApplication;
  let config: AppConfig;

  beforeAll(async () => {
    // Retries a few milliseconds apart, so a job uses up its attempts within seconds.
    config = testConfig({ ...(await isolatedEnvironment('letters_failing')), JOB_BACKOFF_MS: '10' });
    app = await startApi(config);
  });
  afterAll(async () => {
    await app.close();
  });

  it('is shown as failed once its retries are used up, and goes out once when an officer retries it', async () => {
    const api = () => request(app.getHttpServer());
    const officer = await signedInUser(app, ['officer']);
    const owner = await signedInUser(app);
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/decision`).set(officer.auth).send({ outcome: 'declined', rationale: 'Over budget', overrideReason: 'Over budget' }).expect(200);

    // The mail server is down: nothing listens on port 9.
    const broken = await startWorker(testConfig({ DATABASE_URL: config.databaseUrl, QUEUE_PREFIX: config.queuePrefix, JOB_BACKOFF_MS: '10', SMTP_URL: 'smtp://127.0.0.1:9' }));
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    const progressUrl = `/api/v1/calls/${callId}/releases/${release.id}`;
    try {
      const failed = await passesWithin(30_000, async () => {
        const progress = await api().get(progressUrl).set(officer.auth).expect(200);
        expect(progress.body).toMatchObject({ total: 1, lettersGenerated: 1, emailsSent: 0, failed: 1, status: 'completed_with_failures' });
        return progress.body;
      });
      expect(failed.failures).toEqual([expect.objectContaining({ applicationId: draft.body.id, stage: 'email', error: expect.stringMatching(/ECONNREFUSED|connect/i) })]);
    } finally {
      await broken.close();
    }

    const worker = await startWorker(config);
    try {
      const retried = await api().post(`${progressUrl}/retry`).set(officer.auth).expect(202);
      expect(retried.body.failed).toBe(0);
      await passesWithin(30_000, async () => expect((await api().get(progressUrl).set(officer.auth).expect(200)).body).toMatchObject({ emailsSent: 1, failed: 0, status: 'completed' }));
      expect((await mailbox.waitFor(owner.email)).filter((message) => message.attachments.length > 0)).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });
});
