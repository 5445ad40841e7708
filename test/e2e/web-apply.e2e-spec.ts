import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { allowedFiscalYears, MAX_ATTACHMENT_BYTES } from '@grants/applications';
import { Mailbox } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, fillDate, launchBrowser, newPage, PageLocale, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const DAY = 24 * 3600_000;
const both = (en: string, fr: string) => ({ en, fr });
/** Two sections asking every type of question, and one required document. */
const FORM = {
  sections: [
    {
      key: 'need',
      title: both('The need', 'Le besoin'),
      questions: [
        { key: 'need', type: 'longtext', label: both('What need does it meet?', 'À quel besoin répond-il?'), required: true, maxLength: 2000 },
        { key: 'people_served', type: 'number', label: both('People served', 'Personnes servies'), required: true, min: 0, max: 100000 },
        {
          key: 'delivery',
          type: 'choice',
          label: both('Delivery', 'Prestation'),
          required: false,
          options: [
            { value: 'in_person', label: both('In person', 'En personne') },
            { value: 'virtual', label: both('Virtual', 'Virtuelle') },
          ],
        },
      ],
    },
    {
      key: 'plan',
      title: both('The plan', 'Le plan'),
      questions: [
        {
          key: 'languages',
          type: 'multichoice',
          label: both('Languages of service', 'Langues de service'),
          required: true,
          options: [
            { value: 'en', label: both('English', 'Anglais') },
            { value: 'fr', label: both('French', 'Français') },
            { value: 'oji', label: both('Anishinaabemowin', 'Anishinaabemowin') },
          ],
        },
        { key: 'start_date', type: 'date', label: both('Start date', 'Date de début'), required: true },
        { key: 'partners', type: 'yesno', label: both('Do you work with partners?', 'Travaillez-vous avec des partenaires?'), required: true },
        { key: 'lead', type: 'text', label: both('Project lead', 'Responsable du projet'), required: false, maxLength: 120 },
      ],
    },
  ],
};

/** The text of an element with no-break spaces (French punctuation, money, dates) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The task list as "part: state" lines. */
async function tasks(page: Page): Promise<string[]> {
  return page.locator('.web-task').evaluateAll((items) => items.map((item) => `${item.querySelector('a')?.textContent?.trim()}: ${item.querySelector('strong')?.textContent?.trim()}`));
}

describe('the application form pages (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let callId: string;
  /** The first fiscal year a budget line may be in (the page offers it first). */
  let firstFiscalYear: string;
  const mailbox = new Mailbox();
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_apply'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    const body = callBody({ form: FORM, closesAt: new Date(Date.now() + 10 * DAY).toISOString() });
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(body).expect(201)).body.id as string;
    firstFiscalYear = allowedFiscalYears(new Date(body.closesAt as string), body.maxDurationMonths as number)[0]!;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  /** An applicant owning an organization of their own. */
  async function applicant(locale: PageLocale, legalName: string): Promise<{ user: TestUser; organizationId: string }> {
    const user = await signedInUser(app, ['applicant'], { locale });
    const organization = await api().post('/api/v1/organizations').set(user.auth).send(organizationFor(user, { legalName, preferredLanguage: locale })).expect(201);
    return { user, organizationId: organization.body.id as string };
  }

  async function signIn(page: Page, user: TestUser, locale: PageLocale): Promise<void> {
    const words = locale === 'fr' ? { email: 'Adresse courriel', password: 'Mot de passe', submit: 'Se connecter' } : { email: 'Email address', password: 'Password', submit: 'Sign in' };
    await page.getByLabel(words.email).fill(user.email);
    await page.getByLabel(words.password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: words.submit }).click();
  }

  async function application(user: TestUser, id: string): Promise<{ version: number; title: string; summary: string; answers: Record<string, unknown>; budget: unknown[]; status: string; referenceNumber: string | null }> {
    return (await api().get(`/api/v1/applications/${id}`).set(user.auth).expect(200)).body;
  }

  it('takes an applicant from the call through every part, the keyboard alone for one, autosave and a live total, to a submitted application and its email', async () => {
    const { user } = await applicant('en', 'Refuge Arc-en-ciel');
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      // The call, signed out: its terms in plain words, and a way to sign in that comes back here.
      await page.goto('/');
      await page.getByRole('link', { name: 'Community supports 2027' }).click();
      await page.waitForURL(`${baseUrl}/calls/${callId}`);
      const call = await textOf(page);
      for (const expected of ['Community-Based Supports Fund', 'Open: applications accepted', 'From $10,000.00 to $150,000.00', 'non-profit organizations, registered charities or Indigenous organizations', 'In any region of Ontario.', 'Financial statements']) {
        expect(call).toContain(expected);
      }
      await expectAccessible(page, 'call, signed out');
      await page.getByRole('link', { name: 'Sign in to apply' }).click();
      await signIn(page, user, 'en');
      await page.waitForURL(`${baseUrl}/calls/${callId}`);
      expect(await textOf(page, '#apply ~ form')).toContain('You apply on behalf of Refuge Arc-en-ciel.');
      await expectAccessible(page, 'call, signed in');
      await screenshot(page, 'apply-call-en');

      await page.getByRole('button', { name: 'Start an application' }).click();
      await page.waitForURL(/\/applications\/[0-9a-f-]{36}\/edit\?notice=created$/);
      const id = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
      expect(await textOf(page, '[role=status]')).toContain('Your application is started.');
      expect(await tasks(page)).toEqual(['Project: Not started', 'The need: Not started', 'The plan: Not started', 'Budget: Not started', 'Attachments: Not started']);
      expect(await textOf(page, '.web-facts')).toMatch(/Deadline\s*\w+ \d+, \d{4} at .* \(Ontario time\)/);
      await expectAccessible(page, 'task list, new');

      // Before anything: the check page lists what is missing, each a link to its field, and offers no submit.
      await page.getByRole('link', { name: 'Check and submit' }).click();
      const missing = await page.locator('#missing li a').evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href')]));
      expect(missing).toEqual([
        ['Answer “Project title” in “Project”', `/applications/${id}/edit/project#title`],
        ['Answer “Summary” in “Project”', `/applications/${id}/edit/project#summary`],
        ['Answer “What need does it meet?” in “The need”', `/applications/${id}/edit/sections/need#answer-need`],
        ['Answer “People served” in “The need”', `/applications/${id}/edit/sections/need#answer-people_served`],
        ['Answer “Languages of service” in “The plan”', `/applications/${id}/edit/sections/plan#answer-languages-en`],
        ['Answer “Start date” in “The plan”', `/applications/${id}/edit/sections/plan#answer-start_date-day`],
        ['Answer “Do you work with partners?” in “The plan”', `/applications/${id}/edit/sections/plan#answer-partners-yes`],
        ['Attach “Financial statements”', `/applications/${id}/edit/attachments#file-financial_statements`],
        ['Bring the budget total, $0.00, within the amounts this call funds: from $10,000.00 to $150,000.00', `/applications/${id}/edit/budget`],
      ]);
      expect(await page.getByRole('button', { name: 'Submit the application' }).count()).toBe(0);
      await expectAccessible(page, 'check, things missing');
      await screenshot(page, 'apply-check-missing-en');

      // The project, with the keyboard alone.
      await page.goto(`/applications/${id}/edit`);
      await tabTo(page, page.getByRole('link', { name: 'Project', exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/project`);
      await tabTo(page, page.getByLabel('Project title'));
      await page.keyboard.type('Safe Harbour housing');
      await tabTo(page, page.getByLabel('Summary'));
      await page.keyboard.type('Housing and legal support.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('For survivors in Toronto.');
      await tabTo(page, page.getByRole('button', { name: 'Save and continue' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/sections/need?notice=saved`);
      expect(await textOf(page, '[role=status]')).toContain('Your changes are saved.');
      expect(await application(user, id)).toMatchObject({ title: 'Safe Harbour housing', summary: 'Housing and legal support.\nFor survivors in Toronto.' });

      // Autosave: typing is saved a moment later, and said so.
      expect(await page.locator('label[for="answer-need"]').textContent()).toBe('What need does it meet? (required)');
      expect(await page.locator('label[for="answer-people_served"]').textContent()).toBe('People served (required)');
      await expectAccessible(page, 'section');
      await page.getByLabel('What need does it meet?').fill('Transitional housing for survivors leaving exploitation');
      await page.locator('#autosave-status', { hasText: /^Saved at \d{1,2}:\d{2}\s[ap]\.m\.$/ }).waitFor();
      expect((await application(user, id)).answers).toEqual({ need: 'Transitional housing for survivors leaving exploitation' });
      await screenshot(page, 'apply-section-en');
      // A number it cannot read: said beside the field, what was typed kept (autosave waits for the button).
      await page.getByLabel('People served').fill('about forty');
      await page.getByText('In person', { exact: true }).click();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Enter a number for “People served”, in digits.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#answer-people_served');
      expect(await page.locator('#answer-people_served').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#answer-people_served').inputValue()).toBe('about forty');
      expect(await page.locator('#answer-delivery-in_person').isChecked()).toBe(true);
      await expectAccessible(page, 'section with an error');
      await page.getByLabel('People served').fill('1,250');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/sections/plan?notice=saved`);

      await page.getByText('French', { exact: true }).click();
      await page.getByText('Anishinaabemowin', { exact: true }).click();
      // A date that does not exist is refused beside its fields, as typed.
      await fillDate(page, 'Start date', '2027-02-31');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      expect(await textOf(page, '#answer-start_date-error')).toBe('Enter a date that exists for “Start date”, as day, month and year, for example 31 5 2027.');
      expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#answer-start_date-day');
      expect([await page.locator('#answer-start_date-day').inputValue(), await page.locator('#answer-start_date-month').inputValue(), await page.locator('#answer-start_date-year').inputValue()]).toEqual(['31', '2', '2027']);
      expect(await page.getByText('Anishinaabemowin', { exact: true }).isChecked()).toBe(true);
      await expectAccessible(page, 'section with a date that does not exist');
      await fillDate(page, 'Start date', '2027-05-03');
      await page.getByText('Yes', { exact: true }).click();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/budget?notice=saved`);
      expect((await application(user, id)).answers).toEqual({
        need: 'Transitional housing for survivors leaving exploitation',
        people_served: 1250,
        delivery: 'in_person',
        languages: ['fr', 'oji'],
        start_date: '2027-05-03',
        partners: true,
      });

      // The budget: amounts as people write them, a live total within the call's range, a line filled in part refused.
      expect(await page.locator('fieldset.web-budget-line').count()).toBe(3);
      expect(await textOf(page, '#budget-total')).toBe('Total requested: $0.00. It must be from $10,000.00 to $150,000.00 before you can submit.');
      await page.locator('#line-0-fiscalYear').selectOption({ index: 1 });
      await page.locator('#line-0-category').selectOption('personnel');
      await page.locator('#line-0-description').fill('Outreach worker');
      await page.locator('#line-0-amount').fill('50 000,00');
      await page.locator('#line-1-fiscalYear').selectOption({ index: 1 });
      await page.locator('#line-1-category').selectOption('training');
      await page.locator('#line-1-description').fill('Trauma-informed training');
      await page.locator('#line-1-amount').fill('$35,000');
      await page.locator('#budget-total', { hasText: 'Total requested: $85,000.00, within the amounts this call funds ($10,000.00 to $150,000.00).' }).waitFor();
      expect(await page.locator('#budget-total').getAttribute('aria-live')).toBe('polite');
      await page.locator('#line-2-description').fill('Rent');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Choose the fiscal year of line 3.');
      expect(await textOf(page, '#error-summary')).toContain('Enter the amount of line 3.');
      expect(await page.locator('#line-0-amount').inputValue()).toBe('50 000,00');
      await expectAccessible(page, 'budget with an error');
      await page.locator('#line-2-description').fill('');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/attachments?notice=saved`);
      expect((await application(user, id)).budget).toEqual([
        expect.objectContaining({ category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 }),
        expect.objectContaining({ category: 'training', description: 'Trauma-informed training', amountCents: 3_500_000 }),
      ]);

      // Attachments: a refused type said beside the field, then the PDF.
      await expectAccessible(page, 'attachments, none yet');
      await page.getByLabel('File for “Financial statements”').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain notes') });
      await page.getByRole('button', { name: 'Attach the file for “Financial statements”' }).click();
      expect(await textOf(page, '#file-financial_statements-error')).toContain('This type of file is not accepted.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#file-financial_statements');
      await expectAccessible(page, 'attachments with a refused file');
      await page.getByLabel('File for “Financial statements”').setInputFiles({ name: 'états financiers.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Attach the file for “Financial statements”' }).click();
      await page.waitForURL(/\/edit\/attachments\?notice=uploaded/);
      const download = page.getByRole('link', { name: 'états financiers.pdf' });
      expect(await download.getAttribute('href')).toMatch(new RegExp(`^/api/v1/applications/${id}/attachments/[0-9a-f-]{36}$`));
      const file = await page.request.get((await download.getAttribute('href'))!);
      expect(file.status()).toBe(200);
      expect(await file.body()).toEqual(PDF);
      expect(await textOf(page, '#document-financial_statements ~ p')).toContain('Attached');
      await expectAccessible(page, 'attachments, one attached');
      await screenshot(page, 'apply-attachments-en');

      await page.getByRole('link', { name: 'Back to the list of parts' }).click();
      expect(await tasks(page)).toEqual(['Project: Complete', 'The need: Complete', 'The plan: Complete', 'Budget: Complete', 'Attachments: Complete']);
      await screenshot(page, 'apply-tasks-en');

      // Nothing missing: the answers to read over, and the button.
      await page.getByRole('link', { name: 'Check and submit' }).click();
      expect(await textOf(page, '#missing')).toContain('Nothing is missing.');
      const summary = await textOf(page);
      for (const expected of ['Safe Harbour housing', '1,250', 'In person', 'French and Anishinaabemowin', 'May 3, 2027', 'Yes', '$85,000.00', 'états financiers.pdf']) expect(summary).toContain(expected);
      await expectAccessible(page, 'check, ready');
      await screenshot(page, 'apply-check-en');
      await page.getByRole('button', { name: 'Submit the application' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/submitted`);
      const reference = (await page.locator('#reference-number').textContent())!;
      expect(reference).toMatch(/^CBSF-\d{4}-\d{4}$/);
      expect(await textOf(page)).toContain('We emailed a confirmation to every member of Refuge Arc-en-ciel.');
      expect(await textOf(page)).toMatch(/Submitted .* \(Ontario time\)\./);
      await expectAccessible(page, 'submitted');
      await screenshot(page, 'apply-submitted-en');
      const [email] = await mailbox.waitFor(user.email);
      expect(email!.subject).toBe(`Application received: ${reference}`);

      // Submitted: the form's pages lead to the application, which no longer offers to continue.
      await page.goto(`/applications/${id}/edit/budget`);
      await page.waitForURL(`${baseUrl}/applications/${id}`);
      expect(await page.getByRole('link', { name: 'Continue the application' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('works in French, including the confirmation and an officer’s request for more information', async () => {
    const { user } = await applicant('fr', 'Services communautaires Nouvelle Voie');
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`/calls/${callId}`);
      expect(await textOf(page)).toContain('organismes sans but lucratif, organismes de bienfaisance enregistrés ou organisations autochtones');
      expect(await textOf(page)).toContain('De 10 000,00 $ à 150 000,00 $');
      await expectAccessible(page, 'call, French, signed out');
      await page.getByRole('link', { name: 'Se connecter pour présenter une demande' }).click();
      await signIn(page, user, 'fr');
      await page.waitForURL(`${baseUrl}/calls/${callId}`);
      await expectAccessible(page, 'call, French');
      await screenshot(page, 'apply-call-fr');
      await page.getByRole('button', { name: 'Commencer une demande' }).click();
      await page.waitForURL(/\/edit\?notice=created$/);
      const id = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
      await expectAccessible(page, 'task list, French');
      await screenshot(page, 'apply-tasks-fr');

      // Starting again finds the draft rather than a second one.
      await page.goto(`/calls/${callId}`);
      expect(await textOf(page)).toContain('Services communautaires Nouvelle Voie a une demande en cours pour cet appel.');
      expect(await page.getByRole('link', { name: 'Poursuivre la demande' }).getAttribute('href')).toBe(`/applications/${id}/edit`);
      expect(await page.getByRole('button', { name: 'Commencer une demande' }).count()).toBe(0);

      await page.goto(`/applications/${id}/edit/project`);
      await page.getByLabel('Titre du projet').fill('Accompagnement juridique');
      await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
      await page.waitForURL(/\/sections\/need\?notice=saved$/);
      await page.getByLabel('Personnes servies').fill('beaucoup');
      await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Entrez un nombre pour « Personnes servies », en chiffres.');
      await expectAccessible(page, 'section with an error, French');
      await page.getByLabel('Personnes servies').fill('1 250');
      await page.getByLabel('À quel besoin répond-il?').fill('Logement de transition');
      await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
      await page.waitForURL(/\/sections\/plan\?notice=saved$/);
      await expectAccessible(page, 'section, French');
      await screenshot(page, 'apply-section-fr');

      // The rest through the API, then every page read in French.
      const { version } = await application(user, id);
      await api()
        .patch(`/api/v1/applications/${id}`)
        .set(user.auth)
        .send({ version, summary: 'Aide juridique.', answers: { languages: ['fr'], start_date: '2027-05-03', partners: false }, budget: [{ fiscalYear: firstFiscalYear, category: 'personnel', description: 'Intervenante', amountCents: 8_500_000 }] })
        .expect(200);
      await page.goto(`/applications/${id}/edit/budget`);
      expect(await textOf(page, '#budget-total')).toBe('Total demandé : 85 000,00 $, dans les limites des montants financés par cet appel (10 000,00 $ à 150 000,00 $).');
      expect((await page.locator('#line-0-amount').inputValue()).replace(/\s/g, ' ')).toBe('85 000,00');
      await page.locator('#line-1-amount').fill('1 234,56');
      await page.locator('#budget-total', { hasText: /86\s234,56\s\$/ }).waitFor();
      await expectAccessible(page, 'budget, French');
      await screenshot(page, 'apply-budget-fr');
      await page.locator('#line-1-amount').fill('');

      await page.goto(`/applications/${id}/edit/attachments`);
      await page.getByLabel('Fichier pour « États financiers »').setInputFiles({ name: 'etats.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Joindre le fichier pour « États financiers »' }).click();
      await page.waitForURL(/notice=uploaded/);
      expect(await textOf(page, '[role=status]')).toContain('Le fichier est joint.');
      await expectAccessible(page, 'attachments, French');

      await page.goto(`/applications/${id}/check`);
      expect(await textOf(page, '#missing')).toContain('Rien ne manque.');
      expect(await textOf(page)).toContain('3 mai 2027');
      await expectAccessible(page, 'check, French');
      await page.getByRole('button', { name: 'Soumettre la demande' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/submitted`);
      expect(await textOf(page)).toContain('Nous avons envoyé une confirmation par courriel à chaque membre de Services communautaires Nouvelle Voie.');
      await expectAccessible(page, 'submitted, French');
      await screenshot(page, 'apply-submitted-fr');
      const reference = (await page.locator('#reference-number').textContent())!;
      expect((await mailbox.waitFor(user.email))[0]!.subject).toBe(`Demande reçue : ${reference}`);

      // The office asks for more: the list says what and by when, and the form opens again.
      const respondBy = new Date(Date.now() + 3 * DAY);
      await api().post(`/api/v1/applications/${id}/information-requests`).set(officer.auth).send({ message: 'Joignez vos états financiers vérifiés de 2026.', respondBy: respondBy.toISOString() }).expect(200);
      await page.goto(`/applications/${id}`);
      await page.getByRole('link', { name: 'Poursuivre la demande' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit`);
      const tasks = await textOf(page);
      expect(tasks).toContain('Le bureau du programme demande des renseignements supplémentaires');
      expect(tasks).toContain('Joignez vos états financiers vérifiés de 2026.');
      expect(tasks).toContain('Répondre d’ici le');
      await expectAccessible(page, 'task list with a request for information, French');
      await screenshot(page, 'apply-information-requested-fr');
    } finally {
      await page.close();
    }
  });

  it('works without JavaScript: saves a section and the budget, adds budget lines, and keeps what was typed when someone else saved first', async () => {
    const { user, organizationId } = await applicant('en', 'Northern Lights Shelter');
    const id = (await api().post(`/api/v1/calls/${callId}/applications`).set(user.auth).send({ organizationId }).expect(201)).body.id as string;
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`/applications/${id}/edit/sections/plan`);
      await page.waitForURL(/\/sign-in\?next=/);
      await signIn(page, user, 'en');
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/sections/plan`);
      await page.getByText('English', { exact: true }).click();
      await fillDate(page, 'Start date', '2027-06-01');
      await page.getByText('No', { exact: true }).click();
      await page.getByLabel('Project lead').fill('Awentia');
      await page.getByRole('button', { name: 'Save and go back to the list' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit?notice=saved`);
      expect(await tasks(page)).toContain('The plan: Complete');
      expect((await application(user, id)).answers).toEqual({ languages: ['en'], start_date: '2027-06-01', partners: false, lead: 'Awentia' });

      // The budget: "Add more lines" saves and offers more rows.
      await page.getByRole('link', { name: 'Budget' }).click();
      await page.locator('#line-0-fiscalYear').selectOption({ index: 1 });
      await page.locator('#line-0-category').selectOption('administration');
      await page.locator('#line-0-description').fill('Bookkeeping');
      await page.locator('#line-0-amount').fill('12,000.50');
      await page.getByRole('button', { name: 'Add more lines' }).click();
      await page.waitForURL(/\/edit\/budget\?rows=8&notice=saved/);
      expect(await page.locator('fieldset.web-budget-line').count()).toBe(8);
      expect(await textOf(page, '#budget-total')).toBe('Total requested: $12,000.50, within the amounts this call funds ($10,000.00 to $150,000.00).');
      expect((await application(user, id)).budget).toEqual([{ fiscalYear: expect.any(String), category: 'administration', description: 'Bookkeeping', amountCents: 1_200_050 }]);

      // Someone else saves meanwhile: the page says so and keeps this person's lines; saving again keeps them.
      const { version } = await application(user, id);
      await api().patch(`/api/v1/applications/${id}`).set(user.auth).send({ version, title: 'Shelter nights' }).expect(200);
      await page.locator('#line-1-fiscalYear').selectOption({ index: 1 });
      await page.locator('#line-1-category').selectOption('travel');
      await page.locator('#line-1-description').fill('Bus tickets');
      await page.locator('#line-1-amount').fill('800');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Someone else saved this application while you were working on it.');
      expect(await page.locator('#line-1-description').inputValue()).toBe('Bus tickets');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit/attachments?notice=saved`);
      expect(await application(user, id)).toMatchObject({ title: 'Shelter nights', budget: [expect.objectContaining({ description: 'Bookkeeping' }), expect.objectContaining({ description: 'Bus tickets', amountCents: 80_000 })] });

      // Attaching and removing a file without JavaScript; a file over 25 MiB refused beside the field.
      const field = page.getByLabel('File for “Financial statements”');
      const attach = page.getByRole('button', { name: 'Attach the file for “Financial statements”' });
      // From a file on disk: Chromium reads it itself, rather than 25 MiB passed through the protocol.
      const folder = await mkdtemp(join(tmpdir(), 'web-apply-'));
      try {
        await writeFile(join(folder, 'huge.pdf'), Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]));
        await field.setInputFiles(join(folder, 'huge.pdf'));
        await attach.click();
        expect(await textOf(page, '#file-financial_statements-error')).toBe('The file is larger than 25 MB. Attach a smaller file.');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
      await field.setInputFiles({ name: 'statements.pdf', mimeType: 'application/pdf', buffer: PDF });
      await attach.click();
      await page.waitForURL(/\/edit\/attachments\?notice=uploaded/);
      await page.getByRole('button', { name: 'Remove statements.pdf' }).click();
      await page.waitForURL(/\/edit\/attachments\?notice=removed/);
      expect(await textOf(page, '[role=status]')).toBe('The file is removed.');
      expect(await page.getByRole('link', { name: 'statements.pdf' }).count()).toBe(0);
      expect((await api().get(`/api/v1/applications/${id}`).set(user.auth).expect(200)).body.attachments).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('lets an owner delete a draft after a page that says what will happen, and offers it to no other member', async () => {
    const { user: owner, organizationId } = await applicant('en', 'Refuge du Lac');
    const id = (await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(201)).body.id as string;
    await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, title: 'Lakeside shelter nights' }).expect(200);
    await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements-2026.pdf').expect(201);
    const editor = await signedInUser(app, ['applicant']);
    const invitation = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: editor.email, role: 'editor' }).expect(201);
    await api().post(`/api/v1/invitations/${invitation.body.id}/accept`).set(editor.auth).expect(200);

    // An editor works on the draft but is not offered to delete it, even by the address.
    const editorPage = await newPage(browser, baseUrl);
    try {
      await editorPage.goto(`/sign-in?next=${encodeURIComponent(`/applications/${id}/edit`)}`);
      await signIn(editorPage, editor, 'en');
      await editorPage.waitForURL(`${baseUrl}/applications/${id}/edit`);
      expect(await editorPage.getByRole('link', { name: 'Delete this draft' }).count()).toBe(0);
      await editorPage.goto(`/applications/${id}/delete`);
      expect(editorPage.url()).toBe(`${baseUrl}/applications/${id}/edit`);
    } finally {
      await editorPage.close();
    }

    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`/sign-in?next=${encodeURIComponent(`/applications/${id}/edit`)}`);
      await signIn(page, owner, 'en');
      await page.waitForURL(`${baseUrl}/applications/${id}/edit`);
      await page.getByRole('link', { name: 'Delete this draft' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/delete`);
      expect(await page.locator('h1').textContent()).toBe('Delete this draft?');
      const confirmation = await textOf(page);
      for (const expected of ['Lakeside shelter nights', 'Community supports 2027', 'Refuge du Lac', 'statements-2026.pdf', 'every document attached to it are deleted, for every member of Refuge du Lac, and cannot be recovered']) {
        expect(confirmation).toContain(expected);
      }
      await expectAccessible(page, 'delete a draft, confirmation');
      await screenshot(page, 'apply-delete-en');

      // Keeping it goes back to the list of parts, the draft untouched.
      await page.getByRole('link', { name: 'No, keep the draft' }).click();
      await page.waitForURL(`${baseUrl}/applications/${id}/edit`);
      expect((await application(owner, id)).title).toBe('Lakeside shelter nights');

      await page.getByRole('link', { name: 'Delete this draft' }).click();
      await page.getByRole('button', { name: 'Delete the draft' }).click();
      await page.waitForURL(`${baseUrl}/applications?notice=deleted`);
      expect(await textOf(page, '[role=status]')).toBe('The draft is deleted, with its answers, budget and documents.');
      expect(await textOf(page)).not.toContain('Lakeside shelter nights');
      await expectAccessible(page, 'my applications, draft deleted');
      await api().get(`/api/v1/applications/${id}`).set(owner.auth).expect(404);
      // Nothing is left to start again from: the call offers a new application.
      await page.goto(`/calls/${callId}`);
      expect(await page.getByRole('button', { name: 'Start an application' }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('sends visitors to sign in, shows a member of another organization nothing, and sends someone without an organization to create one', async () => {
    const { user: owner, organizationId } = await applicant('en', 'Maison Refuge');
    const id = (await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(201)).body.id as string;
    expect((await api().get(`/applications/${id}/edit`).expect(303)).headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/applications/${id}/edit`)}`);

    const { user: stranger } = await applicant('en', 'Another Shelter');
    const page = await newPage(browser, baseUrl);
    try {
      await page.goto('/sign-in');
      await signIn(page, stranger, 'en');
      await page.waitForURL(`${baseUrl}/applications`);
      for (const path of [`/applications/${id}/edit`, `/applications/${id}/edit/sections/need`, `/applications/${id}/check`]) {
        const refused = await page.goto(path);
        expect({ path, status: refused!.status() }).toEqual({ path, status: 404 });
      }
      expect(await page.locator('h1').textContent()).toBe('Page not found');
    } finally {
      await page.close();
    }

    const newcomer = await signedInUser(app, ['applicant']);
    const other = await newPage(browser, baseUrl);
    try {
      await other.goto(`/sign-in?next=${encodeURIComponent(`/calls/${callId}`)}`);
      await signIn(other, newcomer, 'en');
      await other.waitForURL(`${baseUrl}/calls/${callId}`);
      expect(await other.getByRole('link', { name: 'Create your organization’s profile' }).getAttribute('href')).toBe(`/organizations/new?next=${encodeURIComponent(`/calls/${callId}`)}`);
      await expectAccessible(other, 'call, signed in without an organization');
    } finally {
      await other.close();
    }
  });
});
