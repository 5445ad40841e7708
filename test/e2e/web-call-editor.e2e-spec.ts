import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { formatInstant } from '@grants/core';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { CBSF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, fillDate, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const TITLE = { en: 'Safe housing and legal support 2027–28', fr: 'Hébergement sécuritaire et soutien juridique 2027-2028 : appel « Été »' };
const DESCRIPTION = {
  en: 'Funding for community organizations that house survivors of human trafficking.\nApplications in English or French.',
  fr: 'Du financement pour les organismes communautaires qui hébergent les personnes survivantes de la traite.\nDemandes en français ou en anglais.',
};
// Ontario wall-clock moments, and the instants they are (EST in November, EDT from March 14, 2027).
const OPENS = { date: '2026-11-02', time: '09:00', iso: '2026-11-02T14:00:00.000Z' };
const CLOSES = { date: '2027-03-31', time: '17:00', iso: '2027-03-31T21:00:00.000Z' };
const REVIEW_DUE = { date: '2027-05-14', time: '12:00', iso: '2027-05-14T16:00:00.000Z' };
/** What the scores of a criterion mean, typed out of order: lowest score, English, French. */
const BANDS: Array<[string, string, string]> = [
  ['8', 'Need shown with local evidence', 'Besoin démontré par des données locales'],
  ['0', 'Need not shown', 'Besoin non démontré'],
  ['4', 'Need shown in general terms', 'Besoin démontré en termes généraux'],
];

/** Text with no-break spaces (French punctuation, money, dates) made plain, and runs of space made one. */
const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

async function textOf(page: Page, selector = 'main'): Promise<string> {
  return plain(await page.locator(selector).first().textContent());
}

interface InPageDocument {
  document: { activeElement: unknown };
}

interface InPageForm {
  method: string;
  action: string;
  appendChild(node: unknown): void;
  submit(): void;
}
interface InPageForms {
  document: { createElement(tag: 'form'): InPageForm; querySelector(selector: string): { cloneNode(): unknown } | null; body: { appendChild(node: unknown): void } };
}

/** The officer never reads of identifiers: no "key" on an English page, no "clé" on a French one. */
async function expectNoKeyWords(page: Page): Promise<void> {
  expect(await textOf(page)).not.toMatch(/\b(keys?|clés?)(?!\p{L})/iu);
}

async function summaryHasFocus(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as InPageDocument).document.activeElement);
}

describe('the officer’s call editor (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let officerFr: TestUser;
  let applicant: TestUser;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    // A database of its own: the public home page lists only this file's calls.
    const config = testConfig(await isolatedEnvironment('web_call_editor'));
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    [officer, officerFr, applicant] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app, ['officer'], { locale: 'fr' }), signedInUser(app)]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  async function draftCall(title = 'Draft for the outline'): Promise<string> {
    return (await api().post('/api/v1/calls').set(officer.auth).send({ fundId: CBSF_FUND_ID, title: { en: title, fr: `${title} (FR)` } }).expect(201)).body.id as string;
  }

  it('sends a signed-out visitor to sign in, and refuses an applicant with a page', async () => {
    const callId = await draftCall();
    expect((await api().get('/officer/calls/new').expect(303)).headers.location).toBe('/sign-in?next=%2Fofficer%2Fcalls%2Fnew');
    expect((await api().get(`/officer/calls/${callId}/edit/basics`).expect(303)).headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/officer/calls/${callId}/edit/basics`)}`);
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, applicant, '/applications');
      for (const path of ['/officer/calls/new', `/officer/calls/${callId}/edit`, `/officer/calls/${callId}/edit/form/sections/new`]) {
        const refused = await page.goto(path);
        expect([path, refused!.status()]).toEqual([path, 403]);
        expect(await page.locator('h1').textContent()).toBe('You cannot do this');
      }
    } finally {
      await page.close();
    }
    // Nothing the applicant's browser could send changes the draft.
    expect((await api().get(`/api/v1/calls/${callId}`).set(officer.auth).expect(200)).body.version).toBe(1);
  });

  it('creates a call from scratch through the pages, is told what blocks publication until it is complete, publishes it, and it shows on the home page', async () => {
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    let callId = '';
    try {
      await signIn(page, officer, '/officer/calls');
      await expectAccessible(page, 'call list, English');
      await page.getByRole('link', { name: 'Create a call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/new`);
      await expectAccessible(page, 'new call, English');
      await screenshot(page, 'call-editor-new-en');

      // Nothing chosen: the fund and both titles are asked for.
      await page.getByRole('button', { name: 'Create the draft' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Choose the fund of this call.');
      expect(await textOf(page, '#error-summary')).toContain('Enter the title in French.');
      expect(await summaryHasFocus(page)).toBe(true);
      await expectAccessible(page, 'new call with errors, English');

      await page.getByText('Community-Based Supports Fund', { exact: true }).click();
      await page.getByLabel('Title in English').fill(TITLE.en);
      await page.getByLabel('Title in French').fill(TITLE.fr);
      await page.getByRole('button', { name: 'Create the draft' }).click();
      await page.waitForURL(/\/officer\/calls\/[0-9a-f-]+\/edit\?notice=created$/);
      callId = /calls\/([0-9a-f-]+)\/edit/.exec(page.url())![1]!;

      // The overview: every part to do, and what blocks publication, with no way to publish yet.
      expect(await page.locator('h1').textContent()).toBe(TITLE.en);
      expect(await textOf(page, '[role=status]')).toContain('The draft is created.');
      expect(await textOf(page, '#part-basics-state')).toMatch(/^\d+ to fix$/);
      expect(await textOf(page, '#part-eligibility-state')).toBe('Not started');
      expect(await textOf(page, '#part-attachments-state')).toBe('Optional: none added');
      const blocking = await textOf(page);
      for (const expected of ['Enter the description in English.', 'Enter the closing date and time.', 'Choose who may apply.', 'Add at least one section to the application form.', 'Add at least one criterion to the scoring rubric.']) {
        expect(blocking).toContain(expected);
      }
      expect(await page.getByRole('button', { name: 'Publish the call' }).count()).toBe(0);
      await expectAccessible(page, 'draft overview, English');
      await screenshot(page, 'call-editor-overview-en');

      // Basics, with one mistake: the minimum request above the maximum.
      await page.getByRole('link', { name: 'Basics', exact: true }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit/basics`);
      expect(await page.getByLabel('Title in French').inputValue()).toBe(TITLE.fr);
      await expectAccessible(page, 'basics, English');
      await page.getByLabel('Description in English').fill(DESCRIPTION.en);
      await page.getByLabel('Description in French').fill(DESCRIPTION.fr);
      await fillDate(page, 'Opening (Ontario time)', OPENS.date, OPENS.time);
      await fillDate(page, 'Closing (Ontario time)', CLOSES.date, CLOSES.time);
      await page.getByLabel('Budget envelope (dollars)').fill('2 500 000,00');
      await page.getByLabel('Minimum request (dollars)').fill('15 000,75');
      await page.getByLabel('Maximum request (dollars)').fill('10,000');
      await page.getByLabel('Maximum project duration (months)').fill('24');
      await page.getByLabel('Reviewers per application').fill('2');
      await fillDate(page, 'Reviews due (Ontario time, optional)', REVIEW_DUE.date, REVIEW_DUE.time);
      await page.getByLabel('Disagreement threshold (points out of 100)').fill('25');
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      const minAboveMax = 'The minimum request must not be more than the maximum request.';
      expect(await textOf(page, '#error-summary')).toContain(minAboveMax);
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#minRequest');
      expect(await textOf(page, '#minRequest-error')).toBe(minAboveMax);
      expect(await page.locator('#minRequest').getAttribute('aria-invalid')).toBe('true');
      expect(await summaryHasFocus(page)).toBe(true);
      expect(await page.locator('#minRequest').inputValue()).toBe('15 000,75');
      expect(await page.locator('#maxRequest').inputValue()).toBe('10,000');
      expect(await page.locator('#descriptionFr').inputValue()).toBe(DESCRIPTION.fr);
      expect(`${await page.locator('#closes-hour').inputValue()}:${await page.locator('#closes-minute').inputValue()}`).toBe(CLOSES.time);
      expect(await page.locator('#closes-day').inputValue()).toBe('31');
      await expectAccessible(page, 'basics with the minimum above the maximum, English');
      await screenshot(page, 'call-editor-basics-error-en');
      await page.getByLabel('Maximum request (dollars)').fill('150,000.25');
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=saved-basics`);
      expect(await textOf(page, '#part-basics-state')).toBe('Complete');

      // Eligibility with the keyboard alone.
      await page.getByRole('link', { name: 'Eligibility', exact: true }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit/eligibility`);
      expect(await textOf(page)).toContain('Leave every region unchecked to accept organizations from every region of Ontario.');
      await expectAccessible(page, 'eligibility, English');
      await tabTo(page, page.getByLabel('Non-profit organization'));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByLabel('Registered charity'));
      await page.keyboard.press('Space');
      // Radios are one stop for Tab; the arrow keys choose within the group.
      await tabTo(page, page.getByLabel('Yes', { exact: true }));
      await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel('No', { exact: true }).isChecked()).toBe(true);
      await tabTo(page, page.getByRole('button', { name: 'Save and return to the call' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=saved-eligibility`);
      expect(await textOf(page, '#part-eligibility-state')).toBe('Complete');

      // The application form: a section, then two questions, the second moved up.
      await page.getByRole('link', { name: 'Application form', exact: true }).click();
      expect(await textOf(page)).toContain('The form has no section yet.');
      await expectAccessible(page, 'empty application form, English');
      await page.getByRole('link', { name: 'Add a section' }).click();
      await expectAccessible(page, 'new section, English');
      await expectNoKeyWords(page);
      await page.getByLabel('Section title in English').fill('Your project');
      await page.getByLabel('Section title in French').fill('Votre projet');
      await page.getByRole('button', { name: 'Save and return to the form' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit/form?notice=sectionSaved#section-0`);
      await page.getByRole('link', { name: 'Add a question to section 1' }).click();
      await expectNoKeyWords(page);
      await page.getByLabel('Question in English').fill('How will you deliver the services?');
      await page.getByLabel('Question in French').fill('Comment offrirez-vous les services?');
      await page.getByText('One choice from a list', { exact: true }).click();
      await page.getByText('Applicants must answer this question', { exact: true }).click();
      // One choice a line in each language; a choice missing in French is named.
      await page.getByLabel('Choices in English', { exact: true }).fill('In person\nVirtual');
      await page.getByLabel('Choices in French', { exact: true }).fill('En personne');
      await page.getByRole('button', { name: 'Save and return to the form' }).click();
      expect(await textOf(page, '#optionsFr-error')).toBe('Choice 2, “Virtual”, has no line in French. Write each choice in both boxes, on the same line.');
      expect(await page.getByLabel('Question in French').inputValue()).toBe('Comment offrirez-vous les services?');
      expect(await page.getByLabel('Choices in English', { exact: true }).inputValue()).toBe('In person\nVirtual');
      await expectAccessible(page, 'question with a choice missing in French, English');
      await page.getByLabel('Choices in French', { exact: true }).fill('En personne\nVirtuelle');
      await page.getByRole('button', { name: 'Save and return to the form' }).click();
      await page.waitForURL(/\/edit\/form\?notice=questionSaved/);
      await page.getByRole('link', { name: 'Add a question to section 1' }).click();
      await page.getByLabel('Question in English').fill('How many people will you serve?');
      await page.getByLabel('Question in French').fill('Combien de personnes servirez-vous?');
      await page.getByText('Number', { exact: true }).click();
      await page.getByLabel('Smallest number accepted').fill('0');
      await page.getByLabel('Largest number accepted').fill('100000');
      await expectAccessible(page, 'new question, English');
      await screenshot(page, 'call-editor-question-en');
      await page.getByRole('button', { name: 'Save and return to the form' }).click();
      await page.waitForURL(/\/edit\/form\?notice=questionSaved/);
      await page.getByRole('button', { name: 'Move up question 2 of section 1' }).click();
      await page.waitForURL(/\/edit\/form\?notice=moved/);
      expect((await page.locator('tbody th[scope=row]').allTextContents()).map(plain)).toEqual(['How many people will you serve?', 'How will you deliver the services?']);
      await expectAccessible(page, 'application form with a section, English');
      await screenshot(page, 'call-editor-form-en');
      // Renamed and reordered after its first save, the question and its choices keep their identifiers.
      await page.getByRole('link', { name: 'Edit question 2 of section 1' }).click();
      expect(await page.getByLabel('Choices in French', { exact: true }).inputValue()).toBe('En personne\nVirtuelle');
      await page.getByLabel('Question in English').fill('How will you deliver your services?');
      await page.getByLabel('Choices in English', { exact: true }).fill('Online\nIn person');
      await page.getByLabel('Choices in French', { exact: true }).fill('Virtuelle\nEn personne');
      await page.getByRole('button', { name: 'Save and return to the form' }).click();
      await page.waitForURL(/\/edit\/form\?notice=questionSaved/);
      await page.getByRole('link', { name: 'Back to the call' }).click();
      expect(await textOf(page, '#part-form-state')).toBe('Complete');

      // Required attachments: one added, a second added then removed.
      await page.getByRole('link', { name: 'Required attachments', exact: true }).click();
      await expectAccessible(page, 'required attachments, English');
      await expectNoKeyWords(page);
      await page.getByLabel('Name of the document in English').fill('Financial statements');
      await page.getByLabel('Name of the document in French').fill('États financiers');
      await page.getByRole('button', { name: 'Save and add another' }).click();
      await page.waitForURL(/\/edit\/attachments\?notice=saved-attachments/);
      await page.locator('#attachments-new-labelEn').fill('Board of directors');
      await page.locator('#attachments-new-labelFr').fill('Conseil d’administration');
      await page.getByRole('button', { name: 'Save and add another' }).click();
      await page.waitForURL(/\/edit\/attachments\?notice=saved-attachments/);
      expect(await page.locator('#attachments-1-labelFr').inputValue()).toBe('Conseil d’administration');
      await page.getByText('Remove this document').nth(1).click();
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=saved-attachments`);

      // The rubric: the total of the weights follows what is typed; what the scores mean, in bands.
      await page.getByRole('link', { name: 'Scoring rubric', exact: true }).click();
      await expectNoKeyWords(page);
      await page.getByLabel('Criterion in English').fill('Need in the community');
      await page.getByLabel('Criterion in French').fill('Besoin de la collectivité');
      await page.getByLabel('Weight').fill('2');
      await page.getByLabel('Highest score').fill('10');
      expect(await textOf(page, '#total-weight')).toBe('Total of the weights: 2');
      for (const [band, [minScore, en, fr]] of BANDS.entries()) {
        await page.getByLabel(`Band ${band + 1}: lowest score`).fill(minScore);
        await page.getByLabel(`Band ${band + 1}: what it means, in English`).fill(en);
        await page.getByLabel(`Band ${band + 1}: what it means, in French`).fill(fr);
      }
      await page.getByRole('button', { name: 'Save and add another' }).click();
      await page.waitForURL(/\/edit\/rubric\?notice=saved-rubric/);
      // Bands are kept in order of their scores; the criterion is renamed, its identifier stays.
      expect(await page.locator('#criteria-0-band-0-labelEn').inputValue()).toBe('Need not shown');
      await page.locator('#criteria-0-labelEn').fill('Community need');
      await page.locator('#criteria-new-labelEn').fill('Capacity');
      await page.locator('#criteria-new-labelFr').fill('Capacité');
      await page.locator('#criteria-new-weight').fill('1,5');
      await page.locator('#criteria-new-maxScore').fill('5');
      expect(await textOf(page, '#total-weight')).toBe('Total of the weights: 3.5');
      await expectAccessible(page, 'scoring rubric, English');
      await screenshot(page, 'call-editor-rubric-en');
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=saved-rubric`);

      // Outcome measures, saved after someone else changed the call: told, nothing lost, saved again.
      await page.getByRole('link', { name: 'Outcome measures', exact: true }).click();
      await expectNoKeyWords(page);
      await page.getByLabel('Measure in English').fill('People housed');
      await page.getByLabel('Measure in French').fill('Personnes hébergées');
      const { version } = (await api().get(`/api/v1/calls/${callId}`).set(officer.auth).expect(200)).body as { version: number };
      await api().patch(`/api/v1/calls/${callId}`).set(officer.auth).send({ version, maxDurationMonths: 24 }).expect(200);
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Someone else saved changes to this call after you opened this page');
      expect(await page.getByLabel('Measure in French').inputValue()).toBe('Personnes hébergées');
      await expectAccessible(page, 'outcome measures after a concurrent change, English');
      await page.getByRole('button', { name: 'Save and return to the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=saved-outcomes`);

      // Complete: nothing blocks publication any more.
      for (const part of ['basics', 'eligibility', 'form', 'attachments', 'rubric', 'outcomes']) expect([part, await textOf(page, `#part-${part}-state`)]).toEqual([part, 'Complete']);
      expect(await textOf(page, '#blocking + p')).toBe('Nothing blocks publication: every part is complete.');
      expect(await textOf(page)).toContain('0 to 3: Need not shown / Besoin non démontré');
      await expectNoKeyWords(page);
      await expectAccessible(page, 'complete draft, English');
      await screenshot(page, 'call-editor-ready-en');
      // Publishing asks first, saying what it does and that it cannot be undone; going back changes nothing.
      await page.getByRole('link', { name: 'Publish the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/publish/confirm`);
      expect(await page.locator('h1').textContent()).toBe('Publish this call?');
      const confirming = await textOf(page);
      expect(confirming).toContain(`organizations see it from its opening, ${plain(formatInstant('en', OPENS.iso))}, and can apply until it closes, ${plain(formatInstant('en', CLOSES.iso))}`);
      expect(confirming).toContain('Publishing cannot be undone.');
      await expectAccessible(page, 'publish confirmation, English');
      await page.getByRole('link', { name: 'No, go back to the draft' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit`);
      expect(await textOf(page, '#blocking + p')).toBe('Nothing blocks publication: every part is complete.');
      await page.getByRole('link', { name: 'Publish the call' }).click();
      await page.getByRole('button', { name: 'Yes, publish the call' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=published`);
      const published = await textOf(page);
      expect(published).toContain('The call is published.');
      expect(published).toContain(`Open to applications until ${plain(formatInstant('en', CLOSES.iso))} (Ontario time).`);
      expect(await page.getByRole('link', { name: 'Basics' }).count()).toBe(0);
      await expectAccessible(page, 'published call, English');
      await screenshot(page, 'call-editor-published-en');
      // A published call's editing pages lead back to it.
      await page.goto(`/officer/calls/${callId}/edit/basics`);
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/edit?notice=readOnly`);
      await page.getByRole('link', { name: 'Close early' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/close`);
      await expectAccessible(page, 'close early, English');
      await page.getByRole('link', { name: 'Keep the call open' }).click();

      // Applicants see it on the home page, closing in Ontario time.
      await page.goto('/');
      const card = page.locator('.web-card', { hasText: TITLE.en });
      expect(plain(await card.textContent())).toContain(`Closes ${plain(formatInstant('en', CLOSES.iso))} (Ontario time)`);
      expect(plain(formatInstant('en', CLOSES.iso))).toBe('March 31, 2027 at 5:00 p.m. EDT');
    } finally {
      await page.close();
    }

    // What was typed is what was stored: both languages, accents, cents, instants.
    const stored = (await api().get(`/api/v1/calls/${callId}`).expect(200)).body as Record<string, unknown>;
    expect(stored).toMatchObject({
      fundId: CBSF_FUND_ID,
      status: 'open',
      title: TITLE,
      description: DESCRIPTION,
      opensAt: OPENS.iso,
      closesAt: CLOSES.iso,
      reviewDueAt: REVIEW_DUE.iso,
      budgetEnvelopeCents: 250_000_000,
      minRequestCents: 1_500_075,
      maxRequestCents: 15_000_025,
      maxDurationMonths: 24,
      reviewersPerApplication: 2,
      disagreementThreshold: 25,
      eligibility: { organizationTypes: ['non_profit', 'charity'], regions: null, indigenousLedRequired: false },
      // Identifiers made from the labels first typed, kept through renaming and reordering.
      form: {
        sections: [
          {
            key: 'your_project',
            title: { en: 'Your project', fr: 'Votre projet' },
            questions: [
              { key: 'how_many_people_will_you_serve', type: 'number', label: { en: 'How many people will you serve?', fr: 'Combien de personnes servirez-vous?' }, required: false, min: 0, max: 100000 },
              {
                key: 'how_will_you_deliver_the_services',
                type: 'choice',
                label: { en: 'How will you deliver your services?', fr: 'Comment offrirez-vous les services?' },
                required: true,
                options: [
                  { value: 'virtual', label: { en: 'Online', fr: 'Virtuelle' } },
                  { value: 'in_person', label: { en: 'In person', fr: 'En personne' } },
                ],
              },
            ],
          },
        ],
      },
      requiredAttachments: [{ key: 'financial_statements', label: { en: 'Financial statements', fr: 'États financiers' } }],
      rubric: {
        criteria: [
          {
            key: 'need_in_the_community',
            label: { en: 'Community need', fr: 'Besoin de la collectivité' },
            weight: 2,
            maxScore: 10,
            descriptors: [...BANDS].sort((one, other) => Number(one[0]) - Number(other[0])).map(([minScore, en, fr]) => ({ minScore: Number(minScore), label: { en, fr } })),
          },
          { key: 'capacity', label: { en: 'Capacity', fr: 'Capacité' }, weight: 1.5, maxScore: 5 },
        ],
      },
      outcomeMeasures: [{ key: 'people_housed', label: { en: 'People housed', fr: 'Personnes hébergées' } }],
    });
    expect((stored.rubric as { criteria: Array<{ descriptors?: unknown[] }> }).criteria[1]).not.toHaveProperty('descriptors');
  });

  it('builds the form’s outline without JavaScript: moves, the same question in two sections, removals', async () => {
    const callId = await draftCall();
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, officer, `/officer/calls/${callId}/edit/form`);
      for (const [en, fr] of [
        ['Project', 'Projet'],
        ['Budget notes', 'Notes budgétaires'],
      ]) {
        await page.getByRole('link', { name: 'Add a section' }).click();
        await page.getByLabel('Section title in English').fill(en!);
        await page.getByLabel('Section title in French').fill(fr!);
        await page.getByRole('button', { name: 'Save and return to the form' }).click();
        await page.waitForURL(/\/edit\/form\?notice=sectionSaved/);
      }
      await page.getByRole('button', { name: 'Move up section 2' }).click();
      await page.waitForURL(/\/edit\/form\?notice=moved/);
      expect((await page.locator('main h2').allTextContents()).map(plain)).toEqual(['Section 1: Budget notes', 'Section 2: Project']);

      // The same question in both sections: answers are stored by question, so each has its own identifier.
      for (const section of [1, 2]) {
        await page.getByRole('link', { name: `Add a question to section ${section}` }).click();
        await page.getByLabel('Question in English').fill('What need does it meet?');
        await page.getByLabel('Question in French').fill('À quel besoin répond-il?');
        await page.getByText('Long text (paragraphs)', { exact: true }).click();
        await page.getByRole('button', { name: 'Save and return to the form' }).click();
        await page.waitForURL(/\/edit\/form\?notice=questionSaved/);
      }

      await page.getByRole('button', { name: 'Remove section 1' }).click();
      await page.waitForURL(/\/edit\/form\?notice=removed/);
      expect((await page.locator('main h2').allTextContents()).map(plain)).toEqual(['Section 1: Project']);
    } finally {
      await page.close();
    }
    const { form } = (await api().get(`/api/v1/calls/${callId}`).set(officer.auth).expect(200)).body as { form: { sections: Array<{ key: string; questions: Array<{ key: string; type: string }> }> } };
    expect(form.sections.map((section) => [section.key, section.questions.map((question) => `${question.key}:${question.type}`)])).toEqual([['project', ['what_need_does_it_meet_2:longtext']]]);
  });

  it('reads in French on every page, refuses what the fund’s rules refuse, and closes a published call early', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, officerFr, '/officer/calls');
      await expectAccessible(page, 'call list, French');
      await page.getByRole('link', { name: 'Créer un appel' }).click();
      await page.getByRole('button', { name: 'Créer l’ébauche' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Choisissez le fonds de cet appel.');
      await expectAccessible(page, 'new call with errors, French');
      await screenshot(page, 'call-editor-new-fr');
      await page.getByText('Fonds pour les initiatives dirigées par des Autochtones', { exact: true }).click();
      await page.getByLabel('Titre en anglais').fill('Indigenous-led healing 2027');
      await page.getByLabel('Titre en français').fill('Guérison dirigée par des Autochtones 2027');
      await page.getByRole('button', { name: 'Créer l’ébauche' }).click();
      await page.waitForURL(/\/edit\?notice=created$/);
      const callId = /calls\/([0-9a-f-]+)\/edit/.exec(page.url())![1]!;
      expect(await page.locator('h1').textContent()).toBe('Guérison dirigée par des Autochtones 2027');
      expect(await textOf(page)).toContain('Ébauche d’appel du Fonds pour les initiatives dirigées par des Autochtones');
      await expectAccessible(page, 'draft overview, French');
      await screenshot(page, 'call-editor-overview-fr');
      // The page offers no Publish button yet; a publication sent anyway (from a page left open, say) is refused with the reason.
      await page.evaluate((action) => {
        const { document } = globalThis as unknown as InPageForms;
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        form.appendChild(document.querySelector('input[name=_csrf]')!.cloneNode());
        document.body.appendChild(form);
        form.submit();
      }, `/officer/calls/${callId}/publish`);
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('L’appel ne peut pas encore être publié : corrigez ce qui figure sous « Ce qui empêche encore la publication ».');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#blocking');
      await expectAccessible(page, 'publication refused, French');

      // The Indigenous-Led Initiatives Fund is for Indigenous-led organizations: the service's rule, in French, beside the field.
      await page.getByRole('link', { name: 'Admissibilité', exact: true }).click();
      await page.getByText('Première Nation', { exact: true }).click();
      await page.getByText('Non', { exact: true }).click();
      await page.getByRole('button', { name: 'Enregistrer et revenir à l’appel' }).click();
      expect(await textOf(page, '#indigenousLedRequired-error')).toBe(
        'Les appels du Fonds pour les initiatives dirigées par des Autochtones sont réservés aux organisations dirigées par des Autochtones : choisissez « Oui ».',
      );
      expect(await page.getByLabel('Première Nation').isChecked()).toBe(true);
      await expectAccessible(page, 'eligibility refused, French');
      await screenshot(page, 'call-editor-eligibility-error-fr');

      // A time the clocks skip: refused, in Ontario's terms.
      await page.goto(`/officer/calls/${callId}/edit/basics`);
      await expectAccessible(page, 'basics, French');
      await fillDate(page, 'Clôture (heure de l’Ontario)', '2027-03-14', '02:30');
      await page.getByLabel('Enveloppe budgétaire (dollars)').fill('1 000 000,50');
      await page.getByRole('button', { name: 'Enregistrer et revenir à l’appel' }).click();
      expect(await textOf(page, '#closes-error')).toBe('L’heure de clôture 02:30 n’existe pas le 2027-03-14 en Ontario : cette nuit-là, on passe de 2 h à 3 h. Choisissez une autre heure.');
      // the summary links to the hour, the input to change; what was typed stays
      expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#closes-hour');
      expect(await page.locator('#closes-hour').inputValue()).toBe('2');
      expect(await page.locator('#closes-minute').inputValue()).toBe('30');
      expect(await page.locator('#budgetEnvelope').inputValue()).toBe('1 000 000,50');
      await expectAccessible(page, 'basics with a time that does not exist, French');

      await page.goto(`/officer/calls/${callId}/edit/form`);
      await expectAccessible(page, 'empty application form, French');
      await page.getByRole('link', { name: 'Ajouter une section' }).click();
      await expectNoKeyWords(page);
      await expectAccessible(page, 'new section, French');
      await page.getByLabel('Titre de la section en anglais').fill('Healing');
      await page.getByLabel('Titre de la section en français').fill('Guérison');
      await page.getByRole('button', { name: 'Enregistrer et revenir au formulaire' }).click();
      await page.waitForURL(/\/edit\/form\?notice=sectionSaved/);
      await expectAccessible(page, 'application form with a section, French');
      await page.getByRole('link', { name: 'Ajouter une question à la section 1' }).click();
      await expectNoKeyWords(page);
      await page.getByText('Plusieurs choix dans une liste', { exact: true }).click();
      await page.getByLabel('Choix en anglais', { exact: true }).fill('Yes');
      await page.getByLabel('Choix en français', { exact: true }).fill('Oui');
      await page.getByRole('button', { name: 'Enregistrer et revenir au formulaire' }).click();
      expect(await textOf(page, '#optionsEn-error')).toBe('Indiquez au moins 2 choix, un par ligne.');
      await expectAccessible(page, 'question refused, French');
      await screenshot(page, 'call-editor-question-error-fr');

      for (const [part, title] of [
        ['attachments', 'Pièces jointes requises'],
        ['outcomes', 'Mesures des résultats'],
        ['rubric', 'Grille d’évaluation'],
      ] as const) {
        await page.goto(`/officer/calls/${callId}/edit/${part}`);
        expect(await page.locator('h1').textContent()).toBe(title);
        await expectNoKeyWords(page);
        await expectAccessible(page, `${part}, French`);
      }
      await page.locator('#criteria-new-labelFr').fill('Pertinence');
      await page.locator('#criteria-new-weight').fill('élevée');
      await page.getByLabel('Tranche 1 : signification en français').fill('Peu pertinent');
      expect(await textOf(page, '#total-weight')).toBe('Total des pondérations : affiché lorsque chaque pondération est un nombre.');
      await page.getByRole('button', { name: 'Enregistrer et revenir à l’appel' }).click();
      expect(await textOf(page, '#criteria-new-weight-error')).toBe('Entrez la pondération sous forme de nombre, par exemple 2 ou 1,5.');
      expect(await textOf(page, '#criteria-new-maxScore-error')).toBe('Entrez la note maximale en nombre entier, par exemple 10.');
      expect(await textOf(page, '#criteria-new-band-0-minScore-error')).toBe('Entrez la note la plus basse de cette tranche en nombre entier, par exemple 4.');
      await expectAccessible(page, 'rubric refused, French');

      // A published call reads back, and closes early after a confirmation.
      const publishedId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
      await api().post(`/api/v1/calls/${publishedId}/publish`).set(officer.auth).expect(200);
      await page.goto('/officer/calls');
      await page.getByRole('link', { name: 'Voir les modalités (Soutiens communautaires 2027)' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${publishedId}/edit`);
      expect(await textOf(page)).toContain('Cet appel est publié : ses modalités ne peuvent plus changer.');
      expect(await textOf(page)).toContain('Services aux personnes survivantes.');
      await expectAccessible(page, 'published call, French');
      await screenshot(page, 'call-editor-published-fr');
      await page.getByRole('link', { name: 'Clore avant la date prévue' }).click();
      expect(await page.locator('h1').textContent()).toBe('Clore cet appel avant la date prévue?');
      await expectAccessible(page, 'close early, French');
      await page.getByRole('button', { name: 'Clore l’appel maintenant' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${publishedId}/edit?notice=closed`);
      expect(await textOf(page, '[role=status]')).toBe('L’appel est clos : plus aucune demande ne peut être soumise.');
      expect(await textOf(page)).toContain('Fermé aux demandes.');
      expect(await page.getByRole('link', { name: 'Clore avant la date prévue' }).count()).toBe(0);
      await expectAccessible(page, 'closed call, French');
    } finally {
      await page.close();
    }
  });
});
