import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { formatInstant } from '@grants/core';
import { Mailbox, passesWithin } from '@grants/testing';
import { Browser, Cookie, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { endOfOntarioDay } from '../../apps/api/src/web/forms/ontario-time';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, fillDate, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const DAY = 24 * 3600_000;
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 4_000_000 },
  { fiscalYear: '2028-29', category: 'training', description: 'Trauma-informed training', amountCents: 2_000_000 },
];
const ANSWERS = { need: 'Transitional housing for survivors leaving exploitation', people_served: 1250, delivery: 'in_person' };
/** More than one page of 25 in the first call. */
const FIRST_CALL_APPLICATIONS = 27;

interface Submitted {
  id: string;
  reference: string;
  organization: string;
}

interface InPageDocument {
  document: { activeElement: unknown };
}

/** An element's text with no-break spaces (French punctuation, money, dates) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return plain((await page.locator(selector).first().textContent()) ?? '');
}

const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The calendar day `days` from now in Ontario, as a date input takes it. */
function ontarioDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY));
}

describe('web pages for fund officers: applications, screening, reviewers and decisions (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let firstCallId: string;
  let secondCallId: string;
  const applications: Submitted[] = [];
  const api = () => request(app.getHttpServer());

  async function organization(legalName: string): Promise<string> {
    return (await api().post('/api/v1/organizations').set(applicant.auth).send(organizationFor(applicant, { legalName })).expect(201)).body.id as string;
  }

  async function draftOf(callId: string, organizationId: string): Promise<string> {
    return (await api().post(`/api/v1/calls/${callId}/applications`).set(applicant.auth).send({ organizationId }).expect(201)).body.id as string;
  }

  async function submit(id: string, organization: string, title: string): Promise<Submitted> {
    await api().patch(`/api/v1/applications/${id}`).set(applicant.auth).send({ version: 1, title, summary: 'Housing and legal support for survivors in Toronto.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${id}/attachments`).set(applicant.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
    const submitted = await api().post(`/api/v1/applications/${id}/submit`).set(applicant.auth).expect(200);
    return { id, reference: submitted.body.referenceNumber as string, organization };
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_screening'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    applicant = await signedInUser(app);
    reviewers = [await signedInUser(app, ['reviewer']), await signedInUser(app, ['reviewer']), await signedInUser(app, ['reviewer'])];
    // Names an officer tells apart (the helper names every reviewer alike).
    for (const [reviewer, name] of reviewers.map((user, index) => [user, ['Amani Okafor', 'Jean Tremblay', 'Nokomis Cardinal'][index]!] as const)) {
      await app.get(DataSource).query(`UPDATE user_account SET name = $1 WHERE id = $2`, [name, reviewer.id]);
    }
    firstCallId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 50_000_000, reviewersPerApplication: 2 })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${firstCallId}/publish`).set(officer.auth).expect(200);
    secondCallId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ title: { en: 'Prevention projects 2027', fr: 'Projets de prévention 2027' } })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${secondCallId}/publish`).set(officer.auth).expect(200);
    const names = Array.from({ length: FIRST_CALL_APPLICATIONS }, (_, index) => `Refuge ${String(index + 1).padStart(2, '0')}`);
    const organizations = await Promise.all([...names, 'Prévention Nord'].map(organization));
    // Drafts one after the other: the list shows the newest first, so the first two are on the second page.
    const drafts: string[] = [];
    for (const organizationId of organizations.slice(0, FIRST_CALL_APPLICATIONS)) drafts.push(await draftOf(firstCallId, organizationId));
    applications.push(...(await Promise.all(drafts.map((id, index) => submit(id, names[index]!, `Safe Harbour ${index + 1}`)))));
    await submit(await draftOf(secondCallId, organizations.at(-1)!), 'Prévention Nord', 'Prevention in the north');
    await api().post(`/api/v1/calls/${firstCallId}/close`).set(officer.auth).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  async function summaryHasFocus(page: Page): Promise<boolean> {
    await page.waitForLoadState('load');
    return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as InPageDocument).document.activeElement);
  }

  let officerCookies: Cookie[] | undefined;

  /** A page of its own for the officer, signed in through the sign-in page once and with that session after. */
  async function officerPage(next: string, options: { locale?: 'en' | 'fr'; javaScript?: boolean } = {}): Promise<Page> {
    const page = await newPage(browser, baseUrl, options);
    page.setDefaultTimeout(10_000);
    if (officerCookies) {
      await page.context().addCookies(officerCookies);
      await page.goto(next);
    } else {
      await signIn(page, officer, next);
      officerCookies = await page.context().cookies();
    }
    // The officer's account is in English: the French pages are chosen with the language switch.
    if (options.locale === 'fr') await page.goto(`/language?to=fr&next=${encodeURIComponent(next)}`);
    return page;
  }

  it('sends a signed-out visitor to sign in, and refuses the pages to an applicant', async () => {
    const signedOut = await api().get('/officer/applications').expect(303);
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Fofficer%2Fapplications');
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, applicant, '/applications');
      for (const path of ['/officer/applications', `/officer/applications/${applications[0]!.id}`, `/officer/calls/${firstCallId}/assignments`]) {
        const refused = await page.goto(path);
        expect({ path, status: refused?.status() }).toEqual({ path, status: 403 });
        expect(await page.locator('h1').textContent()).toBe('You cannot do this');
      }
    } finally {
      await page.close();
    }
  });

  it('filters the applications by call and status, keeps the filters while paging, and says how many are shown', async () => {
    const page = await officerPage('/officer/applications');
    try {
      expect(await textOf(page, '#application-count')).toBe('Showing applications 1 to 25 of 28.');
      expect(await page.locator('table caption').textContent()).toBe('Applications, most recently started first');
      await expectAccessible(page, 'applications, English');
      await screenshot(page, 'screening-list-en');

      await page.getByLabel('Call', { exact: true }).selectOption({ label: 'CBSF – Community supports 2027' });
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Submitted: to be screened' });
      await page.getByRole('button', { name: 'Show the applications' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications?callId=${firstCallId}&status=submitted`);
      expect(await textOf(page, '#application-count')).toBe(`Showing applications 1 to 25 of ${FIRST_CALL_APPLICATIONS}.`);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(25);
      const newest = applications.at(-1)!;
      const first = plain((await rows.first().textContent()) ?? '');
      for (const expected of [newest.reference, newest.organization, 'Safe Harbour 27', 'Community supports 2027', 'Submitted: to be screened', '$60,000.00']) expect(first).toContain(expected);
      expect(await rows.first().getByRole('link', { name: newest.reference }).getAttribute('href')).toBe(`/officer/applications/${newest.id}`);
      expect(await textOf(page, 'tbody')).not.toContain('Prevention in the north');

      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/cursor=/);
      const url = new URL(page.url());
      expect([url.searchParams.get('callId'), url.searchParams.get('status')]).toEqual([firstCallId, 'submitted']);
      expect(await textOf(page, '#application-count')).toBe(`Showing applications 26 to ${FIRST_CALL_APPLICATIONS} of ${FIRST_CALL_APPLICATIONS}.`);
      expect(await textOf(page, 'tbody')).toContain(applications[0]!.reference);
      expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('submitted');
      expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
      await expectAccessible(page, 'second page of applications, English');

      await page.getByRole('link', { name: 'Back to the first page' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications?callId=${firstCallId}&status=submitted`);
      await page.getByLabel('Status', { exact: true }).selectOption('approved');
      await page.getByRole('button', { name: 'Show the applications' }).click();
      expect(await textOf(page, '#application-count')).toBe('No application matches these filters.');
      expect(await page.locator('table').count()).toBe(0);
      await expectAccessible(page, 'no application matches, English');
    } finally {
      await page.close();
    }
  });

  it('screens one application eligible and one ineligible, the reason asked for first', async () => {
    const [eligible, ineligible] = [applications[0]!, applications[1]!];
    const page = await officerPage(`/officer/applications?callId=${firstCallId}&status=submitted`);
    try {
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.getByRole('link', { name: eligible.reference }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${eligible.id}`);
      expect(plain((await page.locator('h1').textContent()) ?? '')).toBe(`Application ${eligible.reference}`);
      const content = await textOf(page);
      for (const expected of [eligible.organization, 'Non-profit organization', 'Toronto', 'Safe Harbour 1', 'What need does it meet?', ANSWERS.need, '1,250', 'In person', 'Training', '$60,000.00', 'Financial statements', 'This application has not been screened yet.']) {
        expect(content).toContain(expected);
      }
      // The attachment downloads with the officer's session.
      const download = page.getByRole('link', { name: 'statements.pdf' });
      const href = (await download.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^/api/v1/applications/${eligible.id}/attachments/[0-9a-f-]{36}$`));
      const file = await page.request.get(href);
      expect(file.status()).toBe(200);
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await expectAccessible(page, 'application to screen, English');
      await screenshot(page, 'screening-application-en');

      await page.getByText('Eligible: it goes to review', { exact: true }).click();
      await page.getByLabel('Reason', { exact: true }).fill('Complete, and the organization is eligible.');
      await page.getByRole('button', { name: 'Record the screening' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${eligible.id}?notice=eligible`);
      expect(await textOf(page, '[role=status]')).toBe('The application is eligible and goes to review.');
      expect(await textOf(page, '#application-status')).toBe('In review');
      expect(await textOf(page, '#screening-history')).toContain('Complete, and the organization is eligible.');
      expect(await page.getByRole('button', { name: 'Record the screening' }).count()).toBe(0);
      await expectAccessible(page, 'application screened eligible, English');

      // Ineligible without a reason: refused, said at the top and beside the field.
      await page.goto(`/officer/applications/${ineligible.id}`);
      await page.getByText('Ineligible: it goes no further', { exact: true }).click();
      await page.getByRole('button', { name: 'Record the screening' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Enter the reason for your screening decision.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#screeningReason');
      expect(await textOf(page, '#screeningReason-error')).toBe('Enter the reason for your screening decision.');
      expect(await page.locator('#screeningReason').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#screeningOutcome-ineligible').isChecked()).toBe(true);
      expect(await summaryHasFocus(page)).toBe(true);
      await expectAccessible(page, 'screening without a reason, English');

      await page.getByLabel('Reason', { exact: true }).fill('The project is outside Ontario.');
      await page.getByRole('button', { name: 'Record the screening' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${ineligible.id}?notice=ineligible`);
      expect(await textOf(page, '[role=status]')).toBe('The application is ineligible. Its organization is emailed the reason.');
      expect(await textOf(page, '#application-status')).toBe('Ineligible');
    } finally {
      await page.close();
    }
    const screened = (await api().get(`/api/v1/applications/${ineligible.id}`).set(officer.auth).expect(200)).body as { status: string; screening: { reason: string } };
    expect(screened).toMatchObject({ status: 'ineligible', screening: { reason: 'The project is outside Ontario.' } });
  });

  it('requests information from a third application until the end of the chosen day, and the applicant is emailed', async () => {
    const asked = applications[2]!;
    const mailbox = new Mailbox();
    const page = await officerPage(`/officer/applications/${asked.id}`);
    try {
      const message = 'Please add your audited financial statements for 2026.';
      await page.getByLabel('Message to the organization').fill(message);
      await fillDate(page, 'Respond by', '2020-01-15');
      await page.getByRole('button', { name: 'Send the request' }).click();
      expect(await textOf(page, '#respondBy-error')).toBe('This date has passed: choose today or a later date.');
      expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#respondBy-day');
      expect([await page.locator('#respondBy-day').inputValue(), await page.locator('#respondBy-month').inputValue(), await page.locator('#respondBy-year').inputValue()]).toEqual(['15', '1', '2020']);
      expect(await page.locator('#informationMessage').inputValue()).toBe(message);
      expect(await summaryHasFocus(page)).toBe(true);
      await expectAccessible(page, 'request for information with a past date, English');

      const day = ontarioDay(14);
      await fillDate(page, 'Respond by', day);
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${asked.id}?notice=information`);
      expect(await textOf(page, '#application-status')).toBe('Information requested');
      const history = await textOf(page, '#screening-history');
      expect(history).toContain(message);
      expect(history).toContain(plain(formatInstant('en', endOfOntarioDay(day)!)));
      expect(history).toContain('11:59 p.m.');
      await expectAccessible(page, 'information requested, English');
      await passesWithin(15_000, async () => {
        const emails = await mailbox.messagesTo(applicant.email);
        expect(emails.find((email) => email.subject === `More information needed for application ${asked.reference}`)?.text).toContain(message);
      });
    } finally {
      await page.close();
    }
  });

  it('assigns reviewers automatically from the call’s page, shows them, and removes and adds one by hand', async () => {
    const [first, , , fourth, fifth] = applications;
    for (const application of [fourth!, fifth!]) {
      await api().post(`/api/v1/applications/${application.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
    }
    const page = await officerPage(`/officer/calls/${firstCallId}`);
    try {
      await page.getByRole('link', { name: 'Reviewers of each application' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${firstCallId}/assignments`);
      expect(await page.locator('tbody tr').count()).toBe(3);
      expect(await textOf(page, 'tbody')).toContain('0 of 2: reviewers missing');
      await expectAccessible(page, 'call without reviewers, English');

      await page.getByRole('button', { name: 'Assign reviewers automatically' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${firstCallId}/assignments?created=6&short=0`);
      expect(await textOf(page, '[role=status]')).toBe('6 assignments created. The reviewers have been emailed.');
      for (const application of [first!, fourth!, fifth!]) {
        const row = plain((await page.locator('tbody tr', { hasText: application.reference }).textContent()) ?? '');
        expect(row).toContain('2 of 2');
        expect(row.match(/: reviewing/g)).toHaveLength(2);
      }
      await expectAccessible(page, 'call with reviewers, English');
      await screenshot(page, 'screening-assignments-en');

      // By hand: one reviewer removed from the fourth application, the third one added.
      await page.getByRole('link', { name: fourth!.reference }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${fourth!.id}`);
      const onIt = (await page.locator('#reviewers-table tbody th').allTextContents()).map(plain);
      expect(onIt).toHaveLength(2);
      const offIt = ['Amani Okafor', 'Jean Tremblay', 'Nokomis Cardinal'].find((name) => !onIt.includes(name))!;
      await page.getByRole('button', { name: `Remove ${onIt[0]}` }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${fourth!.id}?notice=removed`);
      expect(await textOf(page, '[role=status]')).toBe('The assignment is removed.');
      expect(plain((await page.locator('#reviewers-table tr', { hasText: onIt[0]! }).textContent()) ?? '')).toContain('Removed by the office');
      // The one removed can come back by hand; the others are on the application already.
      const choices = (await page.locator('#reviewerId option').allTextContents()).map(plain);
      expect(choices.slice(1).map((choice) => choice.split(',')[0]).sort()).toEqual([onIt[0], offIt].sort());
      expect(choices).toContain(`${offIt}, assignments in this call: 2`);
      await page.getByLabel('Reviewer', { exact: true }).selectOption({ label: `${offIt}, assignments in this call: 2` });
      await page.getByRole('button', { name: 'Assign the reviewer' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${fourth!.id}?notice=assigned`);
      expect(await textOf(page, '[role=status]')).toBe('The reviewer is assigned and has been emailed.');
      expect(plain((await page.locator('#reviewers-table tr', { hasText: offIt }).textContent()) ?? '')).toContain('Not submitted yet');
      expect(await textOf(page, '#review-progress')).toContain('0 of 2 reviews submitted');
      await expectAccessible(page, 'application with reviewers, English');
    } finally {
      await page.close();
    }
  });

  it('decides with the keyboard alone once the reviews are in, after an amount over the request is refused', async () => {
    const decided = applications[0]!;
    // Both reviewers of the first application score it through the API.
    const names: string[] = [];
    for (const [index, reviewer] of reviewers.entries()) {
      const assignment = ((await api().get('/api/v1/assignments').set(reviewer.auth).expect(200)).body as Array<{ id: string; applicationId: string }>).find((candidate) => candidate.applicationId === decided.id);
      if (!assignment) continue;
      names.push(['Amani Okafor', 'Jean Tremblay', 'Nokomis Cardinal'][index]!);
      await api().post(`/api/v1/assignments/${assignment.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
      await api()
        .put(`/api/v1/assignments/${assignment.id}/scores`)
        .set(reviewer.auth)
        .send({ scores: [{ criterionKey: 'need', score: 8, comment: 'Clear, documented need' }, { criterionKey: 'capacity', score: 4, comment: 'Experienced team' }], overallComment: 'A strong proposal' })
        .expect(200);
      await api().post(`/api/v1/assignments/${assignment.id}/submit`).set(reviewer.auth).expect(200);
    }
    expect(names).toHaveLength(2);

    const page = await officerPage(`/officer/calls/${firstCallId}`);
    try {
      // From the ranking, where the funding line is drawn.
      await page.getByRole('link', { name: decided.reference }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${decided.id}`);
      const reviews = await textOf(page);
      for (const name of names) expect(reviews).toContain(`Review by ${name}`);
      expect(reviews).toContain('8 of 10');
      expect(reviews).toContain('Clear, documented need');
      expect(reviews).toContain('80 out of 100');
      // The call's other two applications have no reviews yet: they wait apart, unranked (issue 17).
      expect(await textOf(page, '#funding-line')).toBe('Ranked 1 of 1, above the funding line: the ranking recommends $60,000.00.');
      expect(await textOf(page, '#overrideReason-hint')).toContain('This application is above the line');

      await tabTo(page, page.getByLabel('Approve', { exact: true }), 100);
      await page.keyboard.press('Space');
      await tabTo(page, page.getByLabel('Amount approved'));
      await page.keyboard.type('$70,000');
      await tabTo(page, page.getByLabel('Rationale (internal)'));
      await page.keyboard.type('Strong reviews and a clear need in Toronto.');
      await tabTo(page, page.getByRole('button', { name: 'Record the decision' }));
      await page.keyboard.press('Enter');
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('The amount approved cannot be more than the $60,000.00 requested.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#approvedAmount');
      expect(await textOf(page, '#approvedAmount-error')).toBe('The amount approved cannot be more than the $60,000.00 requested.');
      expect(await page.locator('#approvedAmount').inputValue()).toBe('$70,000');
      expect(await page.locator('#rationale').inputValue()).toBe('Strong reviews and a clear need in Toronto.');
      expect(await page.locator('#decisionOutcome-approved').isChecked()).toBe(true);
      expect(await summaryHasFocus(page)).toBe(true);
      await expectAccessible(page, 'decision over the request, English');
      await screenshot(page, 'screening-decision-error-en');

      await tabTo(page, page.getByLabel('Amount approved'));
      await page.keyboard.press('Control+A');
      await page.keyboard.type('55 000,50');
      await tabTo(page, page.getByLabel('Conditions', { exact: true }));
      await page.keyboard.type('Quarterly check-in with the program office.');
      await tabTo(page, page.getByRole('button', { name: 'Record the decision' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/officer/applications/${decided.id}?notice=decided`);
      expect(await textOf(page, '[role=status]')).toBe('The decision is recorded. The organization learns of it when the call’s decisions are released.');
      const recorded = await textOf(page, '#decision-recorded');
      for (const expected of ['Approved', '$55,000.50', 'Quarterly check-in with the program office.', 'Strong reviews and a clear need in Toronto.']) expect(recorded).toContain(expected);
      expect(await textOf(page, '#application-status')).toBe('Approved');
      await expectAccessible(page, 'decision recorded, English');
      await screenshot(page, 'screening-decision-en');
    } finally {
      await page.close();
    }
    const [decision] = (await app.get(DataSource).query(`SELECT outcome, approved_cents::int AS cents, rationale FROM application_decision WHERE application_id = $1`, [decided.id])) as Array<{ outcome: string; cents: number; rationale: string }>;
    expect(decision).toEqual({ outcome: 'approved', cents: 5_500_050, rationale: 'Strong reviews and a clear need in Toronto.' });
  });

  it('says everything in French, without accessibility violations in any state', async () => {
    const [decided, , , , , toScreen] = applications;
    const page = await officerPage('/officer/applications', { locale: 'fr' });
    try {
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
      expect(await textOf(page, '#application-count')).toBe('Demandes 1 à 25 sur 28.');
      expect(await textOf(page, 'tbody')).toContain('60 000,00 $');
      await expectAccessible(page, 'applications, French');
      await screenshot(page, 'screening-list-fr');

      await page.goto(`/officer/applications/${toScreen!.id}`);
      expect(plain((await page.locator('h1').textContent()) ?? '')).toBe(`Demande ${toScreen!.reference}`);
      for (const expected of ['Organisme sans but lucratif', 'À quel besoin répond-il?', '1 250', 'En personne', 'Formation', 'États financiers']) expect(await textOf(page)).toContain(expected);
      await expectAccessible(page, 'application to screen, French');
      await screenshot(page, 'screening-application-fr');
      await page.getByRole('button', { name: 'Enregistrer l’examen' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Indiquez si la demande est admissible.');
      expect(await textOf(page, '#error-summary')).toContain('Entrez le motif de votre décision d’admissibilité.');
      expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#screeningOutcome-eligible');
      await expectAccessible(page, 'screening with errors, French');
      await page.getByRole('button', { name: 'Envoyer la demande de renseignements' }).click();
      expect(await textOf(page, '#respondBy-error')).toBe('Entrez la date à laquelle l’organisme doit répondre.');
      await expectAccessible(page, 'request for information with errors, French');

      await page.goto(`/officer/calls/${firstCallId}/assignments`);
      expect(plain((await page.locator('h1').textContent()) ?? '')).toBe('Évaluateurs : Soutiens communautaires 2027');
      expect(await textOf(page, 'tbody')).toContain('2 sur 2');
      await expectAccessible(page, 'call’s reviewers, French');
      await screenshot(page, 'screening-assignments-fr');

      // Declining the approved application above the funding line: no amount, and a reason to override.
      await page.goto(`/officer/applications/${decided!.id}`);
      expect(await textOf(page, '#funding-line')).toBe('Rang 1 sur 1, au-dessus du seuil de financement : le classement recommande 60 000,00 $.');
      expect(plain(await page.locator('#approvedAmount').inputValue())).toBe('55 000,50 $');
      await expectAccessible(page, 'decision recorded, French');
      await page.getByText('Refuser', { exact: true }).click();
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
      expect(await textOf(page, '#approvedAmount-error')).toBe('Un refus n’a pas de montant : effacez le montant approuvé ou choisissez Approuver.');
      expect(await textOf(page, '#overrideReason-error')).toBe('Cette demande est au-dessus du seuil de financement : donnez le motif pour lequel vous la refusez quand même.');
      expect((await page.locator('#error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))))).toEqual(['#approvedAmount', '#overrideReason']);
      await expectAccessible(page, 'decline refused, French');
      await screenshot(page, 'screening-decision-error-fr');
    } finally {
      await page.close();
    }
  });

  it('screens without JavaScript: the refused form and then the screening', async () => {
    const screened = applications[6]!;
    const page = await officerPage(`/officer/applications/${screened.id}`, { javaScript: false });
    try {
      await page.getByLabel('Reason', { exact: true }).fill('Meets every criterion.');
      await page.getByRole('button', { name: 'Record the screening' }).click();
      expect(await textOf(page, '#error-summary')).toBe('There is a problem Choose whether the application is eligible.');
      expect(await page.locator('#screeningReason').inputValue()).toBe('Meets every criterion.');
      await page.getByText('Eligible: it goes to review', { exact: true }).click();
      await page.getByRole('button', { name: 'Record the screening' }).click();
      await page.waitForURL(`${baseUrl}/officer/applications/${screened.id}?notice=eligible`);
      expect(await textOf(page, '#application-status')).toBe('In review');
    } finally {
      await page.close();
    }
  });
});
