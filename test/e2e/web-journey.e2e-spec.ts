import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import { Browser, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { chooseFileByKeyboard, expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

/**
 * The whole flow through the pages only, as people do it: an applicant signs up in French, registers
 * the organization and submits; the officer screens and assigns; two reviewers declare and score;
 * the officer ranks, decides and releases; the applicant accepts the award. Every action is taken
 * with the keyboard alone (Tab to it, then type, Space or Enter), and every page of the flow is
 * checked with axe-core in English and in French. The tests run in order and share the story.
 */
describe('the whole grant flow through the pages, by keyboard, in English and French (Chromium, axe)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let mailbox: Mailbox;
  let baseUrl: string;
  let officer: TestUser;
  let reviewers: TestUser[];
  let callId: string;
  const applicantEmail = uniqueEmail('journey');
  let applicationId: string;
  let referenceNumber: string;

  // ---- the keyboard, and both languages --------------------------------------------------------

  async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
    await tabTo(page, target, 200);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  }

  async function activate(page: Page, target: Locator): Promise<void> {
    await tabTo(page, target, 200);
    await page.keyboard.press('Enter');
  }

  /** Tab into a radio group, then arrow keys to the wanted one (Tab moves between groups, arrows within). */
  async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
    await tabTo(page, page.locator(`input[type=radio][name="${name}"]`), 200);
    const wanted = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
    for (let step = 0; step < 10 && !(await wanted.isChecked()); step += 1) await page.keyboard.press('ArrowDown');
    expect(await wanted.isChecked()).toBe(true);
  }

  /** A closed select takes typed letters to its matching option, as a keyboard user picks one. */
  async function chooseOption(page: Page, target: Locator, label: string): Promise<void> {
    await tabTo(page, target, 200);
    await page.keyboard.type(label);
    expect(await target.evaluate((select) => (select as unknown as { selectedOptions: Array<{ textContent: string }> }).selectedOptions[0]?.textContent)).toBe(label);
  }

  /** Activates a link or button and waits for the page it leads to (which may be this one again, after a POST). */
  async function submitted(page: Page, target: Locator, url: RegExp | string): Promise<void> {
    const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
    await activate(page, target);
    await navigated;
    await page.waitForURL(url);
  }

  /** axe on the page in its language, then the same page in the other one (by the header's switch), then back. */
  async function accessibleInBothLanguages(page: Page, context: string): Promise<void> {
    await expectAccessible(page, context);
    const lang = ((await page.locator('html').getAttribute('lang')) ?? 'en').slice(0, 2);
    const other = lang === 'fr' ? 'en' : 'fr';
    const url = new URL(page.url());
    const here = `${url.pathname}${url.search}`;
    await page.goto(`/language?to=${other}&next=${encodeURIComponent(here)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(`${other}-CA`);
    await expectAccessible(page, `${context}, in ${other}`);
    await page.goto(`/language?to=${lang}&next=${encodeURIComponent(here)}`);
  }

  async function signIn(page: Page, email: string, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await typeInto(page, page.locator('#email'), email);
    await typeInto(page, page.locator('#password'), TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}${next}`);
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_journey'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    mailbox = new Mailbox();
    // The office's own set-up (a published call, staff accounts) is not part of the flow.
    officer = await signedInUser(app, ['officer']);
    reviewers = [await signedInUser(app, ['reviewer']), await signedInUser(app, ['reviewer'], { locale: 'fr' })];
    const created = await request(app.getHttpServer()).post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 20_000_000 })).expect(201);
    callId = created.body.id as string;
    await request(app.getHttpServer()).post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('an applicant signs up in French, registers the organization, fills the application part by part and submits it', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    await page.goto('/register');
    await accessibleInBothLanguages(page, 'create an account');
    await typeInto(page, page.locator('#name'), 'Nadia Okimaw-Gagnon');
    await typeInto(page, page.locator('#email'), applicantEmail);
    await typeInto(page, page.locator('#password'), TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText(`nous avons envoyé un lien à ${applicantEmail}`, { exact: false }).waitFor();

    const [verification] = await mailbox.waitFor(applicantEmail);
    const link = new URL(/https?:\/\/\S+verify-email\?token=[\w-]+/.exec(verification!.text)![0]);
    await page.goto(`${link.pathname}${link.search}`);
    await accessibleInBothLanguages(page, 'confirm the email address');
    await submitted(page, page.locator('main button[type=submit]'), /\/sign-in\?notice=verified/);
    await signIn(page, applicantEmail, '/applications');
    await submitted(page, page.getByRole('link', { name: 'Appels ouverts' }), `${baseUrl}/`);

    // From the open call to the organization's profile, and back.
    await activate(page, page.getByRole('link', { name: 'Soutiens communautaires 2027' }));
    await page.waitForURL(`${baseUrl}/calls/${callId}`);
    await accessibleInBothLanguages(page, 'the call, before the organization exists');
    await submitted(page, page.getByRole('link', { name: /^Créer le profil de votre/ }), /\/organizations\/new/);
    await accessibleInBothLanguages(page, 'register an organization');
    await typeInto(page, page.locator('#legalName'), 'Maison Aurore – Services aux survivantes');
    await chooseRadio(page, 'type', 'non_profit');
    await chooseRadio(page, 'region', 'north');
    await typeInto(page, page.locator('#addressLine1'), '12, rue Principale');
    await typeInto(page, page.locator('#addressCity'), 'Timmins');
    await typeInto(page, page.locator('#postalCode'), 'P4N 1A1');
    await chooseRadio(page, 'indigenousLed', 'no');
    await chooseRadio(page, 'preferredLanguage', 'fr');
    // The recipient profile a submission needs: the Business Number and two contacts, the applicant signing.
    await chooseRadio(page, 'hasBusinessNumber', 'yes');
    await typeInto(page, page.locator('#businessNumber'), '123 456 782 RR0001');
    const contacts = [
      ['Aurore Lavoie', 'Directrice générale', applicantEmail, '705-555-0142'],
      ['Luc Gagnon', 'Coordonnateur', 'luc.gagnon@example.org', '705-555-0143'],
    ];
    for (const [row, [name, title, email, phone]] of contacts.entries()) {
      await typeInto(page, page.locator(`#contacts-${row}-name`), name!);
      await typeInto(page, page.locator(`#contacts-${row}-title`), title!);
      await typeInto(page, page.locator(`#contacts-${row}-email`), email!);
      await typeInto(page, page.locator(`#contacts-${row}-phone`), phone!);
    }
    await tabTo(page, page.locator('#contacts-0-signingAuthority'), 200);
    await page.keyboard.press('Space');
    await submitted(page, page.getByRole('button', { name: 'Inscrire l’organisme' }), `${baseUrl}/calls/${callId}`);
    await accessibleInBothLanguages(page, 'the call, ready to apply');

    await submitted(page, page.getByRole('button', { name: 'Commencer une demande' }), /\/applications\/[0-9a-f-]+\/edit(\?.*)?$/);
    applicationId = /\/applications\/([0-9a-f-]+)\/edit/.exec(page.url())![1]!;
    await accessibleInBothLanguages(page, 'the parts of the application');
    await screenshot(page, 'journey-tasks-fr');

    await submitted(page, page.getByRole('link', { name: 'Projet', exact: true }).first(), /\/edit\/project(\?.*)?$/);
    await accessibleInBothLanguages(page, 'project');
    await typeInto(page, page.locator('#title'), 'Accompagnement des survivantes dans le Nord');
    await typeInto(page, page.locator('#summary'), 'Hébergement, accompagnement juridique et soutien culturel à Timmins.');
    await submitted(page, page.getByRole('button', { name: 'Enregistrer et continuer' }), /\/edit\/sections\/project(\?.*)?$/);
    await accessibleInBothLanguages(page, 'a section of the call’s form');
    await typeInto(page, page.locator('#answer-need'), 'Aucun refuge pour les survivantes à moins de 300 km.');
    await typeInto(page, page.locator('#answer-people_served'), '45');
    await chooseRadio(page, 'answer-delivery', 'in_person');
    await submitted(page, page.getByRole('button', { name: 'Enregistrer et continuer' }), /\/edit\/budget(\?.*)?$/);

    await accessibleInBothLanguages(page, 'budget');
    await chooseOption(page, page.locator('#line-0-fiscalYear'), await page.locator('#line-0-fiscalYear option').nth(1).innerText());
    await chooseOption(page, page.locator('#line-0-category'), 'Personnel');
    await typeInto(page, page.locator('#line-0-description'), 'Intervenante de proximité');
    await typeInto(page, page.locator('#line-0-amount'), '60 000,00');
    await page.getByText(/60\s000,00\s\$/).first().waitFor();
    await submitted(page, page.getByRole('button', { name: 'Enregistrer et continuer' }), /\/edit\/attachments(\?.*)?$/);

    await accessibleInBothLanguages(page, 'attachments');
    await tabTo(page, page.locator('input[type=file]').first(), 200);
    await chooseFileByKeyboard(page, page.locator('input[type=file]').first(), { name: 'etats-financiers.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submitted(page, page.getByRole('button', { name: /Joindre le fichier/ }).first(), /\/edit\/attachments/);
    await page.getByText('etats-financiers.pdf').first().waitFor();

    await page.goto(`/applications/${applicationId}/check`);
    await accessibleInBothLanguages(page, 'check and submit');
    await screenshot(page, 'journey-check-fr');
    await submitted(page, page.getByRole('button', { name: 'Soumettre la demande' }), /\/submitted(\?.*)?$/);
    await accessibleInBothLanguages(page, 'the confirmation');
    referenceNumber = (await page.locator('.web-reference__number').innerText()).trim();
    expect(referenceNumber).toMatch(/^CBSF-\d{4}-\d{4,}$/);
    const [, confirmation] = await mailbox.waitFor(applicantEmail, { count: 2 });
    expect(confirmation!.text).toContain(referenceNumber);
    await page.close();
  }, 240_000);
  it('the officer finds the application, screens it eligible and has reviewers assigned automatically', async () => {
    const page = await newPage(browser, baseUrl);
    await signIn(page, officer.email, '/officer/applications');
    await accessibleInBothLanguages(page, 'applications');
    await submitted(page, page.getByRole('link', { name: referenceNumber }), `${baseUrl}/officer/applications/${applicationId}`);
    await accessibleInBothLanguages(page, 'an application, to screen');
    await chooseRadio(page, 'screeningOutcome', 'eligible');
    await typeInto(page, page.locator('#screeningReason'), 'Organisme sans but lucratif du Nord; demande dans les limites.');
    await submitted(page, page.getByRole('button', { name: 'Record the screening' }), new RegExp(`/officer/applications/${applicationId}`));
    await page.getByText('Eligible', { exact: false }).first().waitFor();

    await page.goto(`/officer/calls/${callId}`);
    await submitted(page, page.getByRole('link', { name: /reviewers/i }).first(), `${baseUrl}/officer/calls/${callId}/assignments`);
    await accessibleInBothLanguages(page, 'assignments, before');
    await submitted(page, page.getByRole('button', { name: 'Assign reviewers automatically' }), new RegExp(`/officer/calls/${callId}/assignments`));
    await accessibleInBothLanguages(page, 'assignments, after');
    await screenshot(page, 'journey-assignments-en');
    // Each reviewer is emailed the assignment.
    for (const reviewer of reviewers) await mailbox.waitFor(reviewer.email);
    await page.close();
  }, 180_000);

  it('each reviewer declares no conflict, then scores and submits (one in English, one in French)', async () => {
    for (const [index, reviewer] of reviewers.entries()) {
      const page = await newPage(browser, baseUrl, { locale: index === 0 ? 'en' : 'fr' });
      await signIn(page, reviewer.email, '/reviews');
      await accessibleInBothLanguages(page, 'my reviews');
      await submitted(page, page.getByRole('link', { name: referenceNumber }), new RegExp(`/reviews/[0-9a-f-]+$`));
      await accessibleInBothLanguages(page, 'the conflict declaration');
      await chooseRadio(page, 'conflict', 'no');
      await submitted(page, page.locator('main form button[type=submit]'), /\/reviews\/[0-9a-f-]+\?notice=declared/);
      await accessibleInBothLanguages(page, 'scoring');
      await typeInto(page, page.locator('#score-need'), index === 0 ? '9' : '8');
      await typeInto(page, page.locator('#comment-need'), index === 0 ? 'Clear need, no other shelter nearby.' : 'Besoin criant dans la région.');
      await typeInto(page, page.locator('#score-capacity'), '4');
      await submitted(page, page.getByRole('button', { name: index === 0 ? 'Submit review' : 'Soumettre l’évaluation' }), /\/reviews\/[0-9a-f-]+\/confirm$/);
      // Asked first, with the scores and the weighted total: (9/10×2 + 4/5)/3 = 86.7, (8/10×2 + 4/5)/3 = 80.
      expect(await page.locator('#review-total').textContent()).toMatch(index === 0 ? /86[.,]7/ : /80/);
      await accessibleInBothLanguages(page, 'submitting a review, asked first');
      await activate(page, page.getByRole('button', { name: index === 0 ? 'Yes, submit the review' : 'Oui, soumettre l’évaluation' }));
      await page.waitForURL(/\/reviews\?notice=submitted/);
      await accessibleInBothLanguages(page, 'my reviews, after submitting');
      await page.close();
    }
  }, 180_000);

  it('the officer reads the ranking, approves the application and releases the decision with its letter', async () => {
    const page = await newPage(browser, baseUrl);
    await signIn(page, officer.email, `/officer/calls/${callId}`);
    await accessibleInBothLanguages(page, 'the ranking');
    const row = page.locator('tr', { hasText: referenceNumber });
    // Both reviews are in: (9/10×2 + 4/5×1)/3 = 86.7 and (8/10×2 + 4/5)/3 = 80, so 83.3 on average
    // (and normalized, with too few reviews per reviewer to correct).
    await row.locator('td[data-label="Mean score"]', { hasText: '83.3' }).waitFor();
    await row.locator('td[data-label="Normalized score"]', { hasText: '83.3' }).waitFor();
    await submitted(page, row.getByRole('link', { name: referenceNumber }), `${baseUrl}/officer/applications/${applicationId}`);
    await chooseRadio(page, 'decisionOutcome', 'approved');
    await typeInto(page, page.locator('#approvedAmount'), '55,000');
    await typeInto(page, page.locator('#conditions'), 'Rapport trimestriel sur l’hébergement.');
    await typeInto(page, page.locator('#rationale'), 'Strong need in the North; capacity shown.');
    await submitted(page, page.getByRole('button', { name: 'Record the decision' }), new RegExp(`/officer/applications/${applicationId}`));
    await accessibleInBothLanguages(page, 'an application, decided');

    await page.goto(`/officer/calls/${callId}`);
    await submitted(page, page.getByRole('link', { name: 'Release the decisions' }), `${baseUrl}/officer/calls/${callId}/release/confirm`);
    expect(await page.locator('#release-summary dd').allTextContents()).toEqual(['1 (1 approved, 0 declined)', '1', 'Each letter emailed to the members of its organization']);
    await accessibleInBothLanguages(page, 'the release, asked first');
    await submitted(page, page.getByRole('button', { name: 'Yes, release the decisions' }), /\/releases\/[0-9a-f-]+/);
    await page.getByText('Every letter was emailed.').waitFor({ timeout: 60_000 });
    await accessibleInBothLanguages(page, 'the release, done');
    await page.close();
  }, 180_000);

  it('the applicant gets the letter by email, opens the award in French and accepts it', async () => {
    const messages = await mailbox.waitFor(applicantEmail, { count: 3 });
    const letter = messages[2]!;
    expect(letter.text).toMatch(/a été approuvée pour un montant de 55\s000,00\s\$/);
    expect(letter.attachments.map((attachment) => attachment.contentType)).toContain('application/pdf');

    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    await signIn(page, applicantEmail, '/applications');
    await accessibleInBothLanguages(page, 'my applications, funded');
    await submitted(page, page.getByRole('link', { name: 'Ouvrir la subvention' }), /\/awards\/[0-9a-f-]+$/);
    await accessibleInBothLanguages(page, 'the award, offered');
    await page.getByText(/55\s000,00\s\$/).first().waitFor();
    await submitted(page, page.getByRole('button', { name: 'Accepter la subvention' }), /\/awards\/[0-9a-f-]+\?done=accepted/);
    await page.getByText('Vous avez accepté la subvention.', { exact: false }).waitFor();
    await accessibleInBothLanguages(page, 'the award, accepted');
    await screenshot(page, 'journey-award-accepted-fr');
    await page.close();
  }, 180_000);
});
