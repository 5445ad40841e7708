import { createHash } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@grants/core';
import { CapturedEmail, Mailbox, passesWithin } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { readyAgreement } from '../support/agreements';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';
import { normalizeSpaces, pdfText } from '../support/pdf';

const mailbox = new Mailbox();
const ANSWERS = { need: 'Transitional housing', people_served: 40 };
// Asked $100,000.00 over two fiscal years; approved $85,000.00, so schedule D scales each line by 0.85.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 4_000_000 },
  { fiscalYear: '2027-28', category: 'training', description: 'Peer support training', amountCents: 2_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
];
const MEASURES = [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }];

interface Recipient {
  owner: TestUser;
  /** A second owner, not named with signing authority. */
  coOwner: TestUser;
  editor: TestUser;
  awardId: string;
}

describe('transfer payment agreements: signed, counter-signed, amended', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let config: AppConfig;
  let officer: TestUser;
  let approver: TestUser;
  let secondApprover: TestUser;
  let callId: string;
  const recipients: Record<'english' | 'french', Recipient> = {} as never;
  const api = () => request(app.getHttpServer());
  const binary = (response: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  };
  const pdfOf = async (awardId: string, reader: TestUser, version?: number) =>
    api().get(`/api/v1/awards/${awardId}/agreement/pdf${version ? `?version=${version}` : ''}`).set(reader.auth).buffer(true).parse(binary).expect(200);

  /** The one email to the address whose subject starts so, once it has come. */
  const emailTo = (address: string, subject: string): Promise<CapturedEmail> =>
    passesWithin(20_000, async () => {
      const matching = (await mailbox.messagesTo(address)).filter((message) => message.subject.startsWith(subject));
      expect(matching).toHaveLength(1);
      return matching[0]!;
    });

  async function awarded(name: string, language: 'en' | 'fr'): Promise<Recipient> {
    const owner = await signedInUser(app, ['applicant'], { locale: language, name: 'Dana Whitford' });
    const coOwner = await signedInUser(app);
    const editor = await signedInUser(app);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: name, preferredLanguage: language })).expect(201);
    const db = app.get(DataSource);
    await db.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'owner'), ($1, $3, 'editor')`, [organization.body.id, coOwner.id, editor.id]);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${name})`, summary: 'Housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api()
      .post(`/api/v1/applications/${draft.body.id}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins with the program office.', rationale: 'Strong proposal', overrideReason: 'Regional balance' })
      .expect(200);
    return { owner, coOwner, editor, awardId: '' };
  }

  beforeAll(async () => {
    config = testConfig(await isolatedEnvironment('agreements'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    officer = await signedInUser(app, ['officer']);
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    secondApprover = await signedInUser(app, ['approver'], { name: 'Priya Raman', locale: 'fr' });
    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 17_000_000, outcomeMeasures: MEASURES })).expect(201);
    callId = created.body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    recipients.english = await awarded('Harbour Light Community Services', 'en');
    recipients.french = await awarded('Services communautaires Nouvelle Voie', 'fr');
    const release = await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    await passesWithin(30_000, async () => {
      expect((await api().get(`/api/v1/calls/${callId}/releases/${release.body.id}`).set(officer.auth).expect(200)).body.status).toBe('completed');
    });
    for (const recipient of Object.values(recipients)) {
      const awards = await api().get('/api/v1/awards').set(recipient.owner.auth).expect(200);
      recipient.awardId = awards.body.items[0].id as string;
    }
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('has no agreement before the award is accepted; accepting it prepares version 1, with schedules that add up, and asks for a signature', async () => {
    const { owner, editor, awardId } = recipients.english;
    await api().get(`/api/v1/awards/${awardId}/agreement`).set(owner.auth).expect(404);
    const accepted = await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    // Nothing may be requested on the acceptance alone: the agreement comes first. The 10% holdback is its own payment, out of the last instalment.
    expect(accepted.body.payments.map((payment: { amountCents: number; holdback: boolean; status: string; waitingFor: string[] }) => [payment.amountCents, payment.holdback, payment.status, payment.waitingFor])).toEqual([
      [5_100_000, false, 'scheduled', ['AGREEMENT_NOT_EXECUTED']],
      [2_550_000, false, 'scheduled', ['AGREEMENT_NOT_EXECUTED', 'PRIOR_REPORT_NOT_ACCEPTED']],
      [850_000, true, 'scheduled', ['AGREEMENT_NOT_EXECUTED', 'FINAL_REPORT_NOT_ACCEPTED']],
    ]);

    const agreement = await readyAgreement(app, awardId, editor);
    expect(agreement).toMatchObject({ awardId, version: 1, status: 'awaiting_recipient', totalCents: 8_500_000, reason: null, recipientSignature: null, provinceSignature: null, inForceVersion: null });
    expect(agreement.versions).toEqual([expect.objectContaining({ version: 1, status: 'awaiting_recipient', reason: null })]);
    expect(agreement.can).toEqual({ sign: false, countersign: false, amend: false }); // an editor
    const { a, b, c, d, e, f } = agreement.schedules;
    expect(a.termsVersion).toMatch(/^CBSF-/);
    expect(a.clauses.length).toBeGreaterThan(5);
    expect(b.conditions).toBe('Quarterly check-ins with the program office.');
    expect(c).toMatchObject({ title: 'Safe homes (Harbour Light Community Services)', endsOn: '2029-03-31', outcomeMeasures: MEASURES });
    expect(d.lines).toEqual([
      { fiscalYear: '2027-28', category: 'personnel', amountCents: 3_400_000 },
      { fiscalYear: '2027-28', category: 'training', amountCents: 1_700_000 },
      { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 3_400_000 },
    ]);
    expect(e.instalments.map((instalment: { amountCents: number; condition: string }) => [instalment.amountCents, instalment.condition])).toEqual([
      [5_100_000, 'execution'],
      [3_400_000, 'prior_report'],
    ]);
    expect(e).toMatchObject({ holdbackPercent: 10, holdbackCents: 850_000 });
    expect(f.reports.map((report: { kind: string }) => report.kind)).toEqual(['interim', 'final']);

    // Every member is asked to have it signed, once.
    const ready = await emailTo(owner.email, 'Your transfer payment agreement is ready to sign');
    expect(ready.text).toContain('$85,000.00');
    expect(ready.text).toContain(`/awards/${awardId}/agreement`);
    await emailTo(editor.email, 'Your transfer payment agreement is ready to sign');

    // The PDF is the one the fingerprint names, tagged, in the organization's language.
    const download = await pdfOf(awardId, owner);
    const body = download.body as Buffer;
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(agreement.pdfSha256);
    expect(createHash('sha256').update(body).digest('hex')).toBe(agreement.pdfSha256);
    const text = pdfText(body);
    for (const expected of ['Transfer Payment Agreement', 'Harbour Light Community Services', '123456782RR0001', 'Schedule A', 'Schedule F', '$85,000.00', '$51,000.00', '$34,000.00', '$8,500.00', 'Quarterly check-ins with the program office.', 'Dana Whitford']) {
      expect(text).toContain(expected);
    }
    expect(body.toString('latin1')).toMatch(/\/Lang \(en-CA\)/);
  });

  it('writes the French organization’s agreement in French', async () => {
    const { owner, awardId } = recipients.french;
    await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    await readyAgreement(app, awardId, owner);
    const text = pdfText((await pdfOf(awardId, owner)).body as Buffer);
    for (const expected of ['Entente de paiement de transfert', 'Services communautaires Nouvelle Voie', 'Annexe A', 'Annexe D', normalizeSpaces('85 000,00 $'), normalizeSpaces('51 000,00 $')]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('$85,000.00');
  });

  it('lets only a member with signing authority sign, the version they read, attesting it', async () => {
    const { owner, coOwner, editor, awardId } = recipients.english;
    const stranger = await signedInUser(app);
    const sign = (who: TestUser, body: Record<string, unknown> = {}) =>
      api().post(`/api/v1/awards/${awardId}/agreement/sign`).set(who.auth).send({ version: 1, name: 'Someone', title: 'Someone', attest: true, ...body });
    for (const refused of [editor, coOwner, officer, approver]) expect((await sign(refused).expect(403)).body.code).toBe('NOT_SIGNING_AUTHORITY');
    await sign(stranger).expect(404);
    expect((await sign(owner, { attest: false }).expect(400)).body.message.join(' ')).toMatch(/attest must be true/);
    expect((await sign(owner, { version: 2 }).expect(409)).body).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 1 } });
    expect((await sign(owner, { pdfSha256: '0'.repeat(64) }).expect(409)).body.code).toBe('AGREEMENT_PDF_CHANGED');
    // The Province counter-signs after the organization, never before.
    expect((await api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(approver.auth).send({ version: 1 }).expect(409)).body.code).toBe('AGREEMENT_NOT_SIGNED');
    // No payment can be requested, nor so recorded, before the agreement is executed.
    const award = await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200);
    expect((await api().post(`/api/v1/payments/${award.body.payments[0].id}/request`).set(officer.auth).expect(422)).body).toMatchObject({ code: 'AGREEMENT_NOT_EXECUTED', details: { unmet: ['AGREEMENT_NOT_EXECUTED'] } });
    await api().post(`/api/v1/payments/${award.body.payments[0].id}/paid`).set(officer.auth).send({ reference: 'EFT-1' }).expect(409, /PAYMENT_NOT_APPROVED/);
  });

  it('records the signature, then an approver who did not sign counter-signs, and only then may payments start', async () => {
    const { owner, editor, awardId } = recipients.english;
    const before = await readyAgreement(app, awardId, owner);
    expect(before.can.sign).toBe(true);
    const signed = await api().post(`/api/v1/awards/${awardId}/agreement/sign`).set(owner.auth).send({ version: 1, name: ' Dana Whitford ', title: 'Executive Director', attest: true, pdfSha256: before.pdfSha256 }).expect(200);
    expect(signed.body).toMatchObject({ status: 'awaiting_province', recipientSignature: { name: 'Dana Whitford', title: 'Executive Director', pdfSha256: before.pdfSha256 } });
    expect(new Date(signed.body.recipientSignature.signedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await api().post(`/api/v1/awards/${awardId}/agreement/sign`).set(owner.auth).send({ version: 1, name: 'Dana Whitford', title: 'Executive Director', attest: true }).expect(409, /AGREEMENT_ALREADY_SIGNED/);
    // Each approver hears of it, in their language.
    await emailTo(approver.email, 'Agreement to counter-sign');
    await emailTo(secondApprover.email, 'Entente à contresigner');

    // The person who signed for the organization never counter-signs, even holding the role.
    await app.get(DataSource).query(`UPDATE user_account SET roles = array_append(roles, 'approver') WHERE id = $1`, [owner.id]);
    expect((await api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(owner.auth).send({ version: 1 }).expect(403)).body.code).toBe('SEPARATION_OF_DUTIES');
    await api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(officer.auth).send({ version: 1 }).expect(403);
    expect((await api().get(`/api/v1/awards/${awardId}/agreement`).set(approver.auth).expect(200)).body.can).toEqual({ sign: false, countersign: true, amend: false });

    // The approvers' list of what waits for them; the signer's own agreement is not theirs to counter-sign.
    const waiting = await api().get('/api/v1/agreements').set(approver.auth).expect(200);
    expect(waiting.body.items).toEqual([expect.objectContaining({ awardId, version: 1, status: 'awaiting_province', recipientSignerName: 'Dana Whitford', totalCents: 8_500_000, canCountersign: true })]);
    expect((await api().get('/api/v1/agreements').set(owner.auth).expect(200)).body.items[0].canCountersign).toBe(false);
    await api().get('/api/v1/agreements').set(editor.auth).expect(403);
    const executed = await api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(approver.auth).send({ version: 1 }).expect(200);
    expect(executed.body).toMatchObject({ status: 'executed', inForceVersion: 1, provinceSignature: { name: 'Morgan Lee', pdfSha256: before.pdfSha256 } });
    const award = await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200);
    expect(award.body.payments.map((payment: { status: string; waitingFor: string[] }) => [payment.status, payment.waitingFor])).toEqual([
      ['scheduled', []],
      ['scheduled', ['PRIOR_REPORT_NOT_ACCEPTED']],
      ['scheduled', ['FINAL_REPORT_NOT_ACCEPTED']],
    ]);
    expect(await payPayment(app, award.body.payments[0].id, { officer, approver: secondApprover }, 'EFT-1')).toMatchObject({ status: 'paid', amountCents: 5_100_000, paymentReference: 'EFT-1' });
    await emailTo(editor.email, 'Agreement signed by both parties');

    // Every step is in the audit trail, with who signed and the fingerprint they saw.
    const events = (await app.get(DataSource).query(`SELECT action, actor_id, details FROM audit_event WHERE entity_id = $1 AND action LIKE 'agreement.%' ORDER BY occurred_at, id`, [awardId])) as Array<{ action: string; actor_id: string; details: { pdfSha256?: string } }>;
    expect(events.filter((event) => event.action !== 'agreement.viewed').map((event) => event.action)).toEqual(['agreement.drafted', 'agreement.signed', 'agreement.executed']);
    expect(events.find((event) => event.action === 'agreement.signed')).toMatchObject({ actor_id: owner.id, details: { pdfSha256: before.pdfSha256 } });
    expect(events.find((event) => event.action === 'agreement.executed')).toMatchObject({ actor_id: approver.id });
  });

  it('amends by a new version signed again by both, the executed one in force meanwhile, every version kept', async () => {
    const { owner, editor, awardId } = recipients.english;
    const inForce = (await api().get(`/api/v1/awards/${awardId}/agreement`).set(officer.auth).expect(200)).body;
    const moved = [
      { fiscalYear: '2027-28', category: 'personnel', amountCents: 3_000_000 },
      { fiscalYear: '2027-28', category: 'training', amountCents: 2_100_000 },
      { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 3_400_000 },
    ];
    const reason = 'Training moved earlier at the organization’s request; the project runs three more months.';
    const amend = (who: TestUser, body: Record<string, unknown>) => api().post(`/api/v1/awards/${awardId}/amendments`).set(who.auth).send({ reason, ...body });

    await amend(editor, { endsOn: '2029-06-30' }).expect(403);
    await amend(approver, { endsOn: '2029-06-30' }).expect(403);
    expect((await amend(officer, { budget: [{ ...moved[0], amountCents: 3_100_000 }, ...moved.slice(1)] }).expect(422)).body).toMatchObject({ code: 'BUDGET_TOTAL_CHANGED' });
    expect((await amend(officer, { conditions: inForce.schedules.b.conditions }).expect(422)).body.code).toBe('NOTHING_TO_AMEND');
    expect((await amend(officer, { endsOn: '2025-01-01' }).expect(422)).body.code).toBe('END_BEFORE_START');
    // The first instalment is paid: the plan may move the second, not the first.
    const plan = inForce.schedules.e.instalments.map(({ fiscalYear, dueOn, amountCents }: Record<string, unknown>) => ({ fiscalYear, dueOn, amountCents }));
    expect((await amend(officer, { paymentPlan: [{ ...plan[0], amountCents: 5_000_000 }, { ...plan[1], amountCents: 3_500_000 }] }).expect(422)).body.code).toBe('PAID_INSTALMENT_CHANGED');

    const proposed = await amend(officer, { budget: moved, endsOn: '2029-06-30', conditions: 'Quarterly check-ins; a training plan before the second payment.', paymentPlan: [plan[0], { ...plan[1], dueOn: '2028-05-01' }] }).expect(201);
    expect(proposed.body).toMatchObject({ version: 2, status: 'generating', reason, inForceVersion: 1 });
    expect((await amend(officer, { endsOn: '2029-09-30' }).expect(409)).body.code).toBe('AMENDMENT_PENDING');

    const pending = await readyAgreement(app, awardId, owner, 2);
    expect(pending).toMatchObject({ version: 2, status: 'awaiting_recipient', inForceVersion: 1 });
    expect(pending.schedules.d.lines).toEqual(moved);
    expect(pending.schedules.c.endsOn).toBe('2029-06-30');
    expect(pending.versions.map((version: { version: number; status: string; reason: string | null }) => [version.version, version.status, version.reason])).toEqual([
      [1, 'executed', null],
      [2, 'awaiting_recipient', reason],
    ]);
    // Until it is executed, the award keeps the conditions and dates in force.
    const meanwhile = await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200);
    expect(meanwhile.body.conditions).toBe('Quarterly check-ins with the program office.');
    const email = await emailTo(editor.email, 'An amendment to your agreement is ready to sign');
    expect(email.text).toContain(reason);
    const amendedText = pdfText((await pdfOf(awardId, owner)).body as Buffer);
    expect(amendedText).toContain(reason);
    expect(amendedText).toContain('$21,000.00');

    await api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(approver.auth).send({ version: 2 }).expect(409, /AGREEMENT_NOT_SIGNED/);
    await api().post(`/api/v1/awards/${awardId}/agreement/sign`).set(owner.auth).send({ version: 2, name: 'Dana Whitford', title: 'Executive Director', attest: true }).expect(200);
    // Two approvers at once: one counter-signature is recorded, the other is told it is no longer waiting.
    const both = await Promise.all([approver, secondApprover].map((who) => api().post(`/api/v1/awards/${awardId}/agreement/countersign`).set(who.auth).send({ version: 2 })));
    expect(both.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(both.find((response) => response.status === 409)!.body.code).toBe('AGREEMENT_NOT_PENDING');
    const executed = both.find((response) => response.status === 200)!;
    expect(executed.body).toMatchObject({ version: 2, status: 'executed', inForceVersion: 2, provinceSignature: { name: expect.stringMatching(/^(Morgan Lee|Priya Raman)$/) } });
    const executions = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'agreement.executed'`, [awardId]);
    expect(executions[0].n).toBe(2);
    expect(executed.body.versions.map((version: { status: string }) => version.status)).toEqual(['superseded', 'executed']);
    const award = await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200);
    expect(award.body.conditions).toBe('Quarterly check-ins; a training plan before the second payment.');
    // The holdback follows the last instalment's new date.
    expect(award.body.payments.map((payment: { dueOn: string; amountCents: number; holdback: boolean; status: string }) => [payment.dueOn, payment.amountCents, payment.holdback, payment.status])).toEqual([
      [inForce.schedules.e.instalments[0].dueOn, 5_100_000, false, 'paid'],
      ['2028-05-01', 2_550_000, false, 'scheduled'],
      ['2028-05-01', 850_000, true, 'scheduled'],
    ]);

    // Version 1 stays readable by both sides, exactly as signed.
    const first = await pdfOf(awardId, editor, 1);
    expect(createHash('sha256').update(first.body as Buffer).digest('hex')).toBe(inForce.pdfSha256);
    await pdfOf(awardId, approver, 1);
    expect(executed.body.versions[0]).toMatchObject({ recipientSignature: { name: 'Dana Whitford' }, provinceSignature: { name: 'Morgan Lee' } });
  });
});

describe('agreements: rendered once, whenever a worker comes', () => {
  let app: INestApplication;
  let config: AppConfig;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    config = testConfig(await isolatedEnvironment('agreements_later'));
    app = await startApi(config);
  });
  afterAll(() => app.close());

  it('keeps the agreement waiting while no worker runs, then two workers render it and ask for a signature once', async () => {
    const officer = await signedInUser(app, ['officer']);
    const owner = await signedInUser(app);
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/decision`).set(officer.auth).send({ outcome: 'approved', approvedCents: 5_000_000, rationale: 'Strong', overrideReason: 'Balance' }).expect(200);
    await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202);
    // The award is offered by the worker that renders its letter: one runs for that, then stops.
    const first = await startWorker(config);
    const awardId = await passesWithin(30_000, async () => {
      const offered = (await api().get(`/api/v1/applications/${draft.body.id}`).set(owner.auth).expect(200)).body.awardId as string | null;
      expect(offered).toEqual(expect.any(String));
      return offered!;
    });
    await first.close();

    await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    const waiting = await api().get(`/api/v1/awards/${awardId}/agreement`).set(owner.auth).expect(200);
    expect(waiting.body).toMatchObject({ version: 1, status: 'generating', pdfSha256: null, can: { sign: false } });
    await api().post(`/api/v1/awards/${awardId}/agreement/sign`).set(owner.auth).send({ version: 1, name: 'Dana Whitford', title: 'Executive Director', attest: true }).expect(409, /AGREEMENT_NOT_READY/);
    await api().get(`/api/v1/awards/${awardId}/agreement/pdf`).set(owner.auth).expect(409, /AGREEMENT_NOT_READY/);

    const workers = await Promise.all([startWorker(config), startWorker(config)]);
    try {
      const ready = await readyAgreement(app, awardId, owner);
      expect(ready.status).toBe('awaiting_recipient');
      await passesWithin(20_000, async () => expect((await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Your transfer payment agreement is ready'))).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await mailbox.messagesTo(owner.email)).filter((message) => message.subject.startsWith('Your transfer payment agreement is ready'))).toHaveLength(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  });
});
