import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DeadlineRemindersHandler } from '@grants/applications';
import { FixedClock } from '@grants/core';
import { Mailbox } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, signInOn, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { callBody, ORGANIZATION, organizationFor, PDF, publishedCall } from '../support/calls';

const mailbox = new Mailbox();
const DAY = 24 * 3600_000;
const ANSWERS = { need: 'Safe housing for survivors in Scarborough — « hébergement sûr ».', people_served: 120, delivery: 'in_person' };
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Two outreach workers', amountCents: 6_000_000 },
  { fiscalYear: '2027-28', category: 'program_delivery', description: 'Transit passes and meals', amountCents: 1_250_050 },
];

describe('intake: calls and applications', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let officer: TestUser;
  const api = () => request(app.getHttpServer());

  async function organizationOf(user: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await api().post('/api/v1/organizations').set(user.auth).send(organizationFor(user, overrides)).expect(201);
    return response.body.id as string;
  }

  /** A draft with every answer, a budget within range and the required attachment. */
  async function readyDraft(user: TestUser, organizationId: string, callId: string): Promise<string> {
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(user.auth).send({ organizationId }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(user.auth).send({ version: 1, title: 'Safe Passage', summary: 'Safe housing and outreach for survivors.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(user.auth).field('key', 'financial_statements').attach('file', PDF, 'états financiers 2026.pdf').expect(201);
    return draft.body.id as string;
  }

  beforeAll(async () => {
    [app, worker] = await Promise.all([startApi(), startWorker()]);
    officer = await signedInUser(app, ['officer']);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  describe('calls', () => {
    it('keeps an incomplete draft from officers’ eyes only, and refuses to publish it, listing what is missing', async () => {
      const draft = await api()
        .post('/api/v1/calls')
        .set(officer.auth)
        .send({ fundId: callBody().fundId, title: { en: 'Draft call' } })
        .expect(201);
      expect(draft.body).toMatchObject({ status: 'draft', version: 1, fundCode: 'CBSF' });

      await api().get(`/api/v1/calls/${draft.body.id}`).expect(404);
      await api().get(`/api/v1/calls/${draft.body.id}`).set(officer.auth).expect(200);

      const refused = await api().post(`/api/v1/calls/${draft.body.id}/publish`).set(officer.auth).expect(422);
      expect(refused.body.code).toBe('CALL_INCOMPLETE');
      const missing = (refused.body.details.missing as Array<{ field: string }>).map((problem) => problem.field);
      expect(missing).toEqual(expect.arrayContaining(['title.fr', 'closesAt', 'rubric', 'form']));
    });

    it('refuses an inconsistent call, naming each problem', async () => {
      const body = callBody({ opensAt: '2027-03-01T12:00:00-05:00', closesAt: '2027-02-01T12:00:00-05:00', minRequestCents: 20_000_000 });
      const response = await api().post('/api/v1/calls').set(officer.auth).send(body).expect(400);
      expect(response.body.code).toBe('CALL_INVALID');
      const fields = (response.body.details.problems as Array<{ field: string }>).map((problem) => problem.field);
      expect(fields).toEqual(expect.arrayContaining(['closesAt', 'minRequestCents']));
    });

    it('takes what each criterion’s scores mean, in bands, and refuses bands out of order or with fields it does not know', async () => {
      const criterion = { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 };
      const descriptors = [
        { minScore: 0, label: { en: 'Need not shown', fr: 'Besoin non démontré' } },
        { minScore: 6, label: { en: 'Need shown with local evidence', fr: 'Besoin démontré par des données locales' } },
      ];
      const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ rubric: { criteria: [{ ...criterion, descriptors }] } })).expect(201);
      expect((await api().get(`/api/v1/calls/${created.body.id}`).set(officer.auth).expect(200)).body.rubric.criteria[0].descriptors).toEqual(descriptors);
      const unsorted = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ rubric: { criteria: [{ ...criterion, descriptors: [...descriptors].reverse() }] } })).expect(400);
      expect(unsorted.body.code).toBe('CALL_INVALID');
      expect(unsorted.body.details.problems).toEqual([{ field: 'rubric.criteria[0].descriptors[1].minScore', message: 'must be more than rubric.criteria[0].descriptors[0].minScore' }]);
      const unknown = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ rubric: { criteria: [{ ...criterion, descriptors: [{ ...descriptors[0], maxScore: 3 }] }] } })).expect(400);
      expect(unknown.body.code).toBe('VALIDATION_FAILED');
    });

    it('lets only officers create calls', async () => {
      const applicant = await signedInUser(app);
      await api().post('/api/v1/calls').set(applicant.auth).send(callBody()).expect(403);
    });

    it('publishes, lists for everyone with pagination, freezes the terms, and closes early', async () => {
      await publishedCall(app, officer);
      const callId = await publishedCall(app, officer);
      const call = await api().get(`/api/v1/calls/${callId}`).expect(200);
      expect(call.body).toMatchObject({ status: 'open', title: { en: 'Community supports 2027', fr: 'Soutiens communautaires 2027' } });

      const firstPage = await api().get('/api/v1/calls?status=open&fund=CBSF&limit=1').expect(200);
      expect(firstPage.body.items).toHaveLength(1);
      expect(firstPage.body.nextCursor).toEqual(expect.any(String));
      const secondPage = await api().get(`/api/v1/calls?status=open&fund=CBSF&limit=1&cursor=${firstPage.body.nextCursor}`).expect(200);
      expect(secondPage.body.items[0].id).not.toBe(firstPage.body.items[0].id);

      const frozen = await api().patch(`/api/v1/calls/${callId}`).set(officer.auth).send({ version: call.body.version, maxDurationMonths: 12 }).expect(409);
      expect(frozen.body.code).toBe('CALL_NOT_DRAFT');

      const closed = await api().post(`/api/v1/calls/${callId}/close`).set(officer.auth).expect(200);
      expect(closed.body.status).toBe('closed');
      const listed = await api().get('/api/v1/calls?status=closed&limit=100').expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(callId);
    });
  });

  describe('applications', () => {
    let callId: string;
    let owner: TestUser;
    let organizationId: string;

    beforeAll(async () => {
      callId = await publishedCall(app, officer);
      owner = await signedInUser(app);
      organizationId = await organizationOf(owner);
    });

    it('takes an application from draft to submitted, checking every rule on the way', async () => {
      const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(201);
      expect(draft.body).toMatchObject({ status: 'draft', version: 1, requestedCents: 0 });
      const id = draft.body.id as string;
      const second = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(409);
      expect(second.body).toMatchObject({ code: 'DRAFT_EXISTS', details: { applicationId: id } });

      const badAnswers = await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, answers: { people_served: 'many', favourite_colour: 'blue' } }).expect(400);
      expect(badAnswers.body.code).toBe('INVALID_ANSWERS');
      expect(badAnswers.body.details.problems.map((problem: { field: string }) => problem.field)).toEqual(
        expect.arrayContaining(['answers.people_served', 'answers.favourite_colour']),
      );

      const saved = await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, title: 'Safe Passage', summary: 'Safe housing and outreach for survivors.', answers: { need: ANSWERS.need } }).expect(200);
      expect(saved.body).toMatchObject({ version: 2, answers: { need: ANSWERS.need } });
      await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, summary: 'overwrite?' }).expect(409, /STALE_VERSION/);

      const tooEarly = await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(422);
      expect(tooEarly.body).toMatchObject({ code: 'MISSING_ANSWERS', details: { keys: ['people_served'] } });

      const farYear = await api()
        .patch(`/api/v1/applications/${id}`)
        .set(owner.auth)
        .send({ version: 2, budget: [{ ...BUDGET[0], fiscalYear: '2031-32' }] })
        .expect(400);
      expect(farYear.body.details.problems[0].field).toBe('budget[0].fiscalYear');

      const budgeted = await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 2, answers: ANSWERS, budget: BUDGET }).expect(200);
      expect(budgeted.body.requestedCents).toBe(7_250_050);

      const noAttachment = await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(422);
      expect(noAttachment.body).toMatchObject({ code: 'MISSING_ATTACHMENTS', details: { keys: ['financial_statements'] } });

      const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
      const refusedType = await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', executable, 'statements.pdf').expect(415);
      expect(refusedType.body.code).toBe('UNSUPPORTED_FILE_TYPE');

      const uploaded = await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'états financiers 2026.pdf').expect(201);
      expect(uploaded.body).toMatchObject({ key: 'financial_statements', filename: 'états financiers 2026.pdf', sizeBytes: PDF.length, contentType: 'application/pdf' });
      expect(uploaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const downloaded = await api().get(`/api/v1/applications/${id}/attachments/${uploaded.body.id}`).set(owner.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(Buffer.compare(downloaded.body as Buffer, PDF)).toBe(0);

      const submitted = await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
      expect(submitted.body).toEqual({ status: 'submitted', referenceNumber: expect.stringMatching(/^CBSF-\d{4}-\d{4,}$/), submittedAt: expect.any(String) });
      const again = await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
      expect(again.body).toEqual(submitted.body);

      const locked = await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 4, title: 'Changed' }).expect(422);
      expect(locked.body.code).toBe('APPLICATION_SUBMITTED');

      const [confirmation] = await mailbox.waitFor(owner.email);
      expect(confirmation!.subject).toBe(`Application received: ${submitted.body.referenceNumber}`);
      expect(confirmation!.text).toContain('$72,500.50');

      const [snapshot] = await app.get(DataSource).query(`SELECT id, content FROM application_snapshot WHERE application_id = $1`, [id]);
      expect(snapshot.content).toMatchObject({ answers: ANSWERS, requestedCents: 7_250_050, organization: { legalName: ORGANIZATION.legalName } });
      expect(snapshot.content.attachments[0].sha256).toBe(uploaded.body.sha256);
      await expect(app.get(DataSource).query(`UPDATE application_snapshot SET content = '{}' WHERE id = $1`, [snapshot.id])).rejects.toThrow(/immutable/);
    });

    it('hides an application from other organizations and lists only one’s own', async () => {
      const id = await readyDraft(owner, organizationId, await publishedCall(app, officer));
      const outsider = await signedInUser(app);
      await api().get(`/api/v1/applications/${id}`).set(outsider.auth).expect(404);
      await api().patch(`/api/v1/applications/${id}`).set(outsider.auth).send({ version: 1, title: 'x' }).expect(404);
      await api().post(`/api/v1/applications/${id}/submit`).set(outsider.auth).expect(404);
      const theirs = await api().get('/api/v1/applications').set(outsider.auth).expect(200);
      expect(theirs.body).toEqual({ items: [], nextCursor: null });
      const mine = await api().get('/api/v1/applications').set(owner.auth).expect(200);
      expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(id);
      expect(mine.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({ requestedCents: 7_250_050 });
      await api().get(`/api/v1/applications/${id}`).set(officer.auth).expect(200);
      // The list's totals, for its pagination, count what each one may list.
      expect((await api().get('/api/v1/applications/totals').set(outsider.auth).expect(200)).body).toEqual({ total: 0, before: 0 });
      const callTotals = await api().get(`/api/v1/applications/totals?callId=${(mine.body.items as Array<{ id: string; callId: string }>).find((item) => item.id === id)!.callId}`).set(owner.auth).expect(200);
      expect(callTotals.body).toEqual({ total: 1, before: 0 });
      const firstPage = await api().get('/api/v1/applications?limit=1').set(owner.auth).expect(200);
      const all = (await api().get('/api/v1/applications/totals').set(owner.auth).expect(200)).body.total as number;
      expect((await api().get(`/api/v1/applications/totals?cursor=${firstPage.body.nextCursor}`).set(owner.auth).expect(200)).body).toEqual({ total: all, before: 1 });
    });

    it('refuses an ineligible organization and a request outside the call’s range', async () => {
      // An organization the call excludes is told so before it writes anything: no draft is started.
      const council = await signedInUser(app);
      const municipality = await organizationOf(council, { type: 'municipality' });
      const refused = await api().post(`/api/v1/calls/${callId}/applications`).set(council.auth).send({ organizationId: municipality }).expect(422);
      expect(refused.body).toMatchObject({
        code: 'INELIGIBLE',
        details: { reasons: ['Organizations of type municipality are not eligible; this call is for non_profit, charity, indigenous_organization.'] },
      });
      const councilApplications = await api().get(`/api/v1/applications?callId=${callId}`).set(council.auth).expect(200);
      expect(councilApplications.body.items).toEqual([]);

      // One whose profile changes after it started is refused at submission, by the same rule.
      const changed = await signedInUser(app);
      const changedOrganization = await organizationOf(changed);
      const id = await readyDraft(changed, changedOrganization, callId);
      await api().patch(`/api/v1/organizations/${changedOrganization}`).set(changed.auth).send({ version: 1, type: 'municipality' }).expect(200);
      const ineligible = await api().post(`/api/v1/applications/${id}/submit`).set(changed.auth).expect(422);
      expect(ineligible.body.code).toBe('INELIGIBLE');

      const small = await signedInUser(app);
      const smallOrganization = await organizationOf(small);
      const smallId = await readyDraft(small, smallOrganization, callId);
      await api().patch(`/api/v1/applications/${smallId}`).set(small.auth).send({ version: 2, budget: [{ ...BUDGET[0], amountCents: 500_000 }] }).expect(200);
      const outOfRange = await api().post(`/api/v1/applications/${smallId}/submit`).set(small.auth).expect(422);
      expect(outOfRange.body).toMatchObject({ code: 'REQUEST_OUT_OF_RANGE', details: { requestedCents: 500_000, minRequestCents: 1_000_000 } });
    });

    it('gives 20 parallel submits of one application one reference number', async () => {
      const user = await signedInUser(app);
      const id = await readyDraft(user, await organizationOf(user), callId);
      const responses = await Promise.all(Array.from({ length: 20 }, () => api().post(`/api/v1/applications/${id}/submit`).set(user.auth)));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      expect(new Set(responses.map((response) => response.body.referenceNumber)).size).toBe(1);
      const [{ count }] = await app.get(DataSource).query(`SELECT count(*)::int AS count FROM application_snapshot WHERE application_id = $1`, [id]);
      expect(count).toBe(1);
    });

    it('gives parallel submits of different applications distinct, consecutive numbers', async () => {
      const drafts = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const user = await signedInUser(app);
          return { user, id: await readyDraft(user, await organizationOf(user), callId) };
        }),
      );
      const responses = await Promise.all(drafts.map(({ user, id }) => api().post(`/api/v1/applications/${id}/submit`).set(user.auth).expect(200)));
      const numbers = responses.map((response) => Number(String(response.body.referenceNumber).split('-')[2])).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, index) => numbers[0]! + index));
    });

    it('lets officers screen a submitted application, telling the organization why it is ineligible', async () => {
      const user = await signedInUser(app);
      const organizationId = await organizationOf(user, { preferredLanguage: 'fr' });
      const [eligibleId, ineligibleId] = [await readyDraft(user, organizationId, callId), await readyDraft(user, organizationId, await publishedCall(app, officer))];
      await api().post(`/api/v1/applications/${eligibleId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'x' }).expect(409, /NOT_AWAITING_SCREENING/);
      const submitted = await api().post(`/api/v1/applications/${eligibleId}/submit`).set(user.auth).expect(200);
      const ref = (await api().post(`/api/v1/applications/${ineligibleId}/submit`).set(user.auth).expect(200)).body.referenceNumber as string;

      await api().post(`/api/v1/applications/${eligibleId}/screening`).set(user.auth).send({ outcome: 'eligible', reason: 'Mine is fine' }).expect(403);
      await api().post(`/api/v1/applications/${eligibleId}/screening`).set(officer.auth).send({ outcome: 'maybe', reason: '' }).expect(400);
      const eligible = await api().post(`/api/v1/applications/${eligibleId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Meets every criterion' }).expect(200);
      expect(eligible.body).toMatchObject({ status: 'in_review', outcome: 'eligible' });
      await api().post(`/api/v1/applications/${eligibleId}/screening`).set(officer.auth).send({ outcome: 'ineligible', reason: 'again' }).expect(409);

      await api().post(`/api/v1/applications/${ineligibleId}/screening`).set(officer.auth).send({ outcome: 'ineligible', reason: 'Le projet se déroule hors de l’Ontario.' }).expect(200);
      // The screening history, with the officer who took each step, is the office's.
      await api().get(`/api/v1/applications/${eligibleId}/screenings`).set(user.auth).expect(403);
      const history = await api().get(`/api/v1/applications/${eligibleId}/screenings`).set(officer.auth).expect(200);
      expect(history.body).toEqual([{ outcome: 'eligible', reason: 'Meets every criterion', respondBy: null, screenedAt: expect.any(String), officer: { id: officer.id, name: expect.any(String) } }]);
      const seen = await api().get(`/api/v1/applications/${ineligibleId}`).set(user.auth).expect(200);
      expect(seen.body).toMatchObject({ status: 'ineligible', screening: { outcome: 'ineligible', reason: 'Le projet se déroule hors de l’Ontario.' } });
      const messages = await mailbox.waitFor(user.email, { count: 3 });
      const notice = messages.find((message) => message.subject === `Demande ${ref} : non admissible`);
      expect(notice!.text).toContain('Motif : Le projet se déroule hors de l’Ontario.');
      expect(submitted.body.status).toBe('submitted');
    });

    it('returns an application for more information, takes the resubmission with the same number, and keeps both versions', async () => {
      const user = await signedInUser(app);
      const id = await readyDraft(user, await organizationOf(user), callId);
      const submitted = await api().post(`/api/v1/applications/${id}/submit`).set(user.auth).expect(200);
      await api().post(`/api/v1/applications/${id}/information-requests`).set(officer.auth).send({ message: 'x', respondBy: new Date(Date.now() - 1000).toISOString() }).expect(422, /RESPOND_BY_IN_PAST/);
      const respondBy = new Date(Date.now() + 3 * DAY);
      await api()
        .post(`/api/v1/applications/${id}/information-requests`)
        .set(officer.auth)
        .send({ message: 'Please attach your 2026 audited statements and say how many people you served last year.', respondBy: respondBy.toISOString() })
        .expect(200);

      const returned = await api().get(`/api/v1/applications/${id}`).set(user.auth).expect(200);
      expect(returned.body).toMatchObject({ status: 'information_requested', screening: { outcome: 'information_requested', reason: expect.stringContaining('audited statements') } });
      const notice = (await mailbox.waitFor(user.email, { count: 2 })).find((message) => message.subject.startsWith('More information needed'));
      expect(notice!.text).toContain('audited statements');

      await api().patch(`/api/v1/applications/${id}`).set(user.auth).send({ version: returned.body.version, answers: { people_served: 310 } }).expect(200);
      const resubmitted = await api().post(`/api/v1/applications/${id}/submit`).set(user.auth).expect(200);
      expect(resubmitted.body).toEqual(submitted.body);
      const snapshots = await app.get(DataSource).query(`SELECT version, content->'answers'->>'people_served' AS served FROM application_snapshot WHERE application_id = $1 ORDER BY version`, [id]);
      expect(snapshots).toEqual([
        { version: 1, served: '120' },
        { version: 2, served: '310' },
      ]);
      await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Now complete' }).expect(200);
    });

    it('lets an owner withdraw, and not an officer', async () => {
      const user = await signedInUser(app);
      const id = await readyDraft(user, await organizationOf(user), callId);
      await api().post(`/api/v1/applications/${id}/submit`).set(user.auth).expect(200);
      const officerTry = await api().post(`/api/v1/applications/${id}/withdraw`).set(officer.auth).expect(403);
      expect(officerTry.body.code).toBe('FORBIDDEN');
      const withdrawn = await api().post(`/api/v1/applications/${id}/withdraw`).set(user.auth).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
      const events = await app.get(DataSource).query(`SELECT action, from_state, to_state FROM audit_event WHERE entity_id = $1 AND action = 'application.withdrawn'`, [id]);
      expect(events).toEqual([{ action: 'application.withdrawn', from_state: 'submitted', to_state: 'withdrawn' }]);
    });

    it('lets an owner delete a draft (204), not an editor or an officer (403), nor anyone else (404), and nothing once submitted (409)', async () => {
      const user = await signedInUser(app);
      const organization = await organizationOf(user);
      const id = await readyDraft(user, organization, await publishedCall(app, officer));
      const editor = await signedInUser(app);
      const invitation = await api().post(`/api/v1/organizations/${organization}/members`).set(user.auth).send({ email: editor.email, role: 'editor' }).expect(201);
      await api().post(`/api/v1/invitations/${invitation.body.id}/accept`).set(editor.auth).expect(200);
      expect((await api().delete(`/api/v1/applications/${id}`).set(editor.auth).expect(403)).body.code).toBe('FORBIDDEN');
      await api().delete(`/api/v1/applications/${id}`).set(officer.auth).expect(403);
      await api().delete(`/api/v1/applications/${id}`).set((await signedInUser(app)).auth).expect(404);
      await api().delete(`/api/v1/applications/${id}`).expect(401);

      await api().delete(`/api/v1/applications/${id}`).set(user.auth).expect(204, '');
      await api().get(`/api/v1/applications/${id}`).set(user.auth).expect(404);
      await api().delete(`/api/v1/applications/${id}`).set(user.auth).expect(404);
      const events = await app.get(DataSource).query(`SELECT action, from_state, actor_id FROM audit_event WHERE entity_id = $1 AND action = 'application.deleted'`, [id]);
      expect(events).toEqual([{ action: 'application.deleted', from_state: 'draft', actor_id: user.id }]);

      const submittedId = await readyDraft(user, organization, callId);
      await api().post(`/api/v1/applications/${submittedId}/submit`).set(user.auth).expect(200);
      expect((await api().delete(`/api/v1/applications/${submittedId}`).set(user.auth).expect(409)).body.code).toBe('NOT_A_DRAFT');
    });
  });

  describe('the deadline, by the server’s clock', () => {
    it('accepts a submission a millisecond before closing and refuses one at the closing instant', async () => {
      const closesAt = new Date(Date.now() + 2 * DAY);
      const callId = await publishedCall(app, officer, { closesAt: closesAt.toISOString() });
      const early = await signedInUser(app);
      const late = await signedInUser(app);
      const earlyId = await readyDraft(early, await organizationOf(early), callId);
      const lateId = await readyDraft(late, await organizationOf(late), callId);

      const clock = new FixedClock(new Date(closesAt.getTime() - 1));
      const atDeadline = await startApi(testConfig(), [], { clock });
      try {
        // Sessions last hours, so sign in again at the moment the clock shows.
        const [earlyAuth, lateAuth] = [await signInOn(atDeadline, early), await signInOn(atDeadline, late)];
        await request(atDeadline.getHttpServer()).post(`/api/v1/applications/${earlyId}/submit`).set(earlyAuth).expect(200);
        clock.set(closesAt);
        const refused = await request(atDeadline.getHttpServer()).post(`/api/v1/applications/${lateId}/submit`).set(lateAuth).expect(422);
        expect(refused.body.code).toBe('DEADLINE_PASSED');
      } finally {
        await atDeadline.close();
      }
    });
  });

  describe('deadline reminders', () => {
    it('reminds members of a draft a week and a day before closing, each once', async () => {
      const closesAt = new Date(Date.now() + 9 * DAY);
      const callId = await publishedCall(app, officer, { closesAt: closesAt.toISOString() });
      const user = await signedInUser(app);
      await readyDraft(user, await organizationOf(user, { preferredLanguage: 'fr' }), callId);

      const clock = new FixedClock(new Date(closesAt.getTime() - 6 * DAY));
      const scheduled = await startWorker(testConfig(), { clock });
      try {
        const reminders = scheduled.get(DeadlineRemindersHandler);
        await reminders.handle();
        await reminders.handle();
        const [weekBefore] = await mailbox.waitFor(user.email);
        expect(weekBefore!.subject).toBe('Plus qu’une semaine pour soumettre à « Soutiens communautaires 2027 »');

        clock.set(new Date(closesAt.getTime() - 12 * 3600_000));
        await reminders.handle();
        const messages = await mailbox.waitFor(user.email, { count: 2 });
        expect(messages[1]!.subject).toBe('Plus qu’une journée pour soumettre à « Soutiens communautaires 2027 »');
        await reminders.handle();
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await mailbox.messagesTo(user.email)).toHaveLength(2);
      } finally {
        await scheduled.close();
      }
    });
  });
});
