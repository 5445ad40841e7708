import { mkdir, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { submissionPdfKey } from '@grants/applications';
import { AppConfig, FileStorage } from '@grants/core';
import { passesWithin } from '@grants/testing';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { pdfText } from '../support/pdf';

const ARABIC = 'مركز الأمل';
const CHINESE = '希望中心';
const CREE = 'ᓀᐦᐃᔭᐍᐏᐣ';
const EMOJI = '🌱';

interface Submitted {
  owner: TestUser;
  applicationId: string;
  referenceNumber: string;
}

/** Each submitted version offers its PDF, made by the worker in the organization's language and every script. */
describe('the PDF of a submitted version', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let browser: Browser;
  let callId: string;
  let arabic: Submitted;
  let french: Submitted;
  const api = () => request(app.getHttpServer());
  const baseUrl = () => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const pdfOf = (submitted: Submitted, version = 1) => `/api/v1/applications/${submitted.applicationId}/snapshots/${version}/pdf`;

  async function submit(legalName: string, preferredLanguage: 'en' | 'fr', project: { title: string; need: string }): Promise<Submitted> {
    const owner = await signedInUser(app, ['applicant'], { locale: preferredLanguage });
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName, preferredLanguage })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const applicationId = draft.body.id as string;
    await api()
      .patch(`/api/v1/applications/${applicationId}`)
      .set(owner.auth)
      .send({
        version: 1,
        title: project.title,
        summary: 'Transitional housing and outreach.',
        answers: { need: project.need, people_served: 1200, delivery: 'in_person' },
        budget: [{ fiscalYear: '2027-28', category: 'program_delivery', description: 'Safe nights', amountCents: 5_000_000 }],
      })
      .expect(200);
    await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
    const submitted = await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(200);
    return { owner, applicationId, referenceNumber: submitted.body.referenceNumber as string };
  }

  /** The PDF once the worker has stored it. */
  const readyPdf = (submitted: Submitted) =>
    passesWithin(30_000, () => api().get(pdfOf(submitted)).set(submitted.owner.auth).buffer(true).parse(binary).expect(200));

  beforeAll(async () => {
    // Its own database and queues: no other file's worker renders these PDFs before this one asks.
    // Retries a few milliseconds apart, so a render that cannot succeed uses up its attempts at once.
    config = testConfig({ ...(await isolatedEnvironment('submission_pdf')), JOB_BACKOFF_MS: '10' });
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    const officer = await signedInUser(app, ['officer']);
    callId = await publishedCall(app, officer);
    arabic = await submit(ARABIC, 'en', { title: `${CHINESE} ${EMOJI}`, need: `Homes for ${CREE} families, with ${ARABIC}, ${CHINESE} and ${EMOJI}` });
    french = await submit('Services communautaires Nouvelle Voie', 'fr', { title: 'Maison Horizon', need: 'Logement de transition' });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('queues the PDF of a version sent before PDFs were made, once, when someone asks for it', async () => {
    // As for a snapshot seeded or sent before this job existed: nothing queued its PDF.
    const jobId = `submission-render/${french.applicationId}/v1`;
    const queued = () => app.get(DataSource).query(`SELECT job_id FROM outbox_message WHERE job_id = $1`, [jobId]) as Promise<unknown[]>;
    await app.get(DataSource).query(`DELETE FROM outbox_message WHERE job_id = $1`, [jobId]);

    await api().get(pdfOf(french)).set(french.owner.auth).expect(202);
    await api().get(pdfOf(french)).set(french.owner.auth).expect(202);
    expect(await queued()).toHaveLength(1);
  });

  it('is being prepared until the worker has made it, then downloads, from the API and from the page', async () => {
    const preparing = await api().get(pdfOf(arabic)).set(arabic.owner.auth).expect(202);
    expect(preparing.body).toMatchObject({ status: 'preparing' });
    expect(Number(preparing.headers['retry-after'])).toBeGreaterThan(0);

    const page = await newPage(browser, baseUrl());
    try {
      await page.context().addCookies([{ name: 'grants_session', value: arabic.owner.token, url: baseUrl() }]);
      await page.goto(`/applications/${arabic.applicationId}`);
      await page.getByRole('link', { name: 'Download this version as a PDF' }).click();
      await page.waitForURL(`${baseUrl()}/applications/${arabic.applicationId}/versions/1/pdf`);
      expect(await page.locator('h1').textContent()).toContain('Your PDF is being prepared');
      await expectAccessible(page, 'PDF being prepared');

      worker = await startWorker(config);
      const ready = await readyPdf(arabic);
      expect(ready.headers['content-type']).toBe('application/pdf');
      expect(ready.headers['content-disposition']).toBe(`attachment; filename="${arabic.referenceNumber}-v1.pdf"`);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Try again' }).click()]);
      expect(download.suggestedFilename()).toBe(`${arabic.referenceNumber}-v1.pdf`);
    } finally {
      await page.close();
    }
  });

  it('writes the Arabic, Chinese, Cree syllabics and emoji names and answers as typed, in reading order', async () => {
    // pdftotext marks right-to-left text with U+202B … U+202C around it; the letters are as typed.
    const text = pdfText((await readyPdf(arabic)).body as Buffer).replace(/[\u202a-\u202c]/g, '');

    const inOrder = [
      'Application as submitted',
      `Reference number: ${arabic.referenceNumber}`,
      `Organization: ${ARABIC}`,
      `Title ${CHINESE} ${EMOJI}`,
      `What need does it meet? Homes for ${CREE} families, with ${ARABIC}, ${CHINESE} and ${EMOJI}`,
      'People served 1,200',
      'Delivery In person',
      'Program delivery Safe nights $50,000.00',
      'Total requested',
      'Financial statements statements.pdf',
    ];
    const positions = inOrder.map((expected) => text.indexOf(expected));
    expect(inOrder.filter((_, index) => positions[index] === -1)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is in French for a French organization', async () => {
    const text = pdfText((await readyPdf(french)).body as Buffer);

    for (const expected of ['Demande telle que soumise', `Numéro de référence : ${french.referenceNumber}`, 'Organisme : Services communautaires Nouvelle Voie', 'Personnes servies 1 200', 'Prestation En personne', 'Total demandé', 'États financiers statements.pdf']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Application as submitted');
  });

  it('is made again when its stored file was deleted after it was made', async () => {
    await app.get(FileStorage).remove(submissionPdfKey(french.applicationId, 1));

    expect((await api().get(pdfOf(french)).set(french.owner.auth).expect(202)).body).toMatchObject({ status: 'preparing' });
    expect(pdfText((await readyPdf(french)).body as Buffer)).toContain(`Numéro de référence : ${french.referenceNumber}`);
  });

  it('says plainly when it could not be made, and is made again each time someone asks', async () => {
    const jobId = `submission-render/${french.applicationId}/v1`;
    const failedAt = async (after = new Date(0)): Promise<Date> =>
      passesWithin(15_000, async () => {
        const [failure] = (await app.get(DataSource).query(`SELECT failed_at FROM job_failure WHERE job_id = $1 AND gave_up`, [jobId])) as Array<{ failed_at: Date }>;
        expect(failure?.failed_at.getTime()).toBeGreaterThan(after.getTime());
        return failure!.failed_at;
      });
    // Storage that refuses the file: a file where the version's folder goes, so every render fails.
    const folder = path.dirname(path.join(path.resolve(config.dataDir, 'files'), submissionPdfKey(french.applicationId, 1)));
    await rm(folder, { recursive: true });
    await writeFile(folder, '');
    await api().get(pdfOf(french)).set(french.owner.auth).expect(202);
    const firstFailure = await failedAt();

    const page = await newPage(browser, baseUrl(), { locale: 'fr' });
    try {
      await page.context().addCookies([{ name: 'grants_session', value: french.owner.token, url: baseUrl() }]);
      await page.goto(`/applications/${french.applicationId}/versions/1/pdf`);
      expect(await page.locator('h1').textContent()).toBe('Nous n’avons pas pu préparer votre PDF');
      expect(await page.locator('main').getByRole('link', { name: config.officeContact.email }).getAttribute('href')).toBe(`mailto:${config.officeContact.email}`);
      await expectAccessible(page, 'PDF that could not be prepared');
    } finally {
      await page.close();
    }
    await failedAt(firstFailure);

    await rm(folder);
    await mkdir(folder);
    const retrying = await api().get(pdfOf(french)).set(french.owner.auth).expect(202);
    expect(retrying.body).toMatchObject({ status: 'retrying', contact: config.officeContact });
    expect((await readyPdf(french)).headers['content-type']).toBe('application/pdf');
  });

  it('does not exist for another organization’s member, nor for a version never sent', async () => {
    const stranger = await signedInUser(app, ['applicant']);
    await api().post('/api/v1/organizations').set(stranger.auth).send(organizationFor(stranger, { legalName: 'Another organization' })).expect(201);

    await api().get(pdfOf(arabic)).set(stranger.auth).expect(404);
    await api().get(pdfOf(arabic, 2)).set(arabic.owner.auth).expect(404);
    await api().get(`/api/v1/applications/${arabic.applicationId}/snapshots/first/pdf`).set(arabic.owner.auth).expect(400);
  });
});

/** supertest buffers only text by default; a PDF is read as bytes. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
