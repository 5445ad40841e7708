import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { formatInstant } from '@grants/core';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale, screenshot, tabTo } from '../support/browser';
import { callBody, ORGANIZATION, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const DAY = 24 * 3600_000;
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'training', description: 'Trauma-informed training', amountCents: 3_500_000 },
];
const ANSWERS = { need: 'Transitional housing for survivors leaving exploitation', people_served: 1250, delivery: 'in_person' };
/** The call's rubric, the officer having said what the scores of one criterion mean. */
const RUBRIC = {
  criteria: [
    { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 },
    {
      key: 'capacity',
      label: { en: 'Capacity', fr: 'Capacité' },
      weight: 1,
      maxScore: 5,
      descriptors: [
        { minScore: 0, label: { en: 'Little or no capacity', fr: 'Peu ou pas de capacité' } },
        { minScore: 3, label: { en: 'An experienced team with partners', fr: 'Une équipe expérimentée et des partenaires' } },
      ],
    },
  ],
};

/** What each language's pages say, with no-break spaces written as plain ones (see mainText). */
const WORDS = {
  en: {
    email: 'Email address',
    password: 'Password',
    signIn: 'Sign in',
    toDeclare: 'To declare',
    draft: 'Draft saved',
    submitted: 'Submitted',
    recused: 'Recused (conflict of interest)',
    declareTitle: 'Conflict of interest: ',
    reviewTitle: 'Review of ',
    noConflict: 'I have no conflict of interest',
    conflict: 'I have a conflict of interest',
    explanation: 'Explanation (optional)',
    send: 'Send my declaration',
    chooseConflict: 'Choose whether you have a conflict of interest.',
    declared: 'You declared no conflict of interest.',
    recusedNotice: 'You declared a conflict of interest, so you will not review this application.',
    question: 'What need does it meet?',
    peopleServed: '1,250',
    delivery: 'In person',
    category: 'Training',
    budgetTotal: '$85,000.00',
    legends: ['Need (weight 2, scored from 0 to 10)', 'Capacity (weight 1, scored from 0 to 5)'],
    capacityBands: ['0 to 2', 'Little or no capacity', '3 to 5', 'An experienced team with partners'],
    scoreNeed: 'Score for “Need”',
    commentNeed: 'Comment on “Need”',
    overall: 'Overall comment',
    saveDraft: 'Save draft',
    submit: 'Submit review',
    confirmTitle: 'Submit your review?',
    confirmSaved: 'Your scores are saved as a draft. This is what you will submit:',
    confirmFinal: 'Submitting cannot be undone.',
    confirmSubmit: 'Yes, submit the review',
    confirmCancel: 'No, go back to my scores',
    rangeNeed: 'Enter a whole number from 0 to 10 for “Need”.',
    missingCapacity: 'Score “Capacity” before submitting: a whole number from 0 to 5.',
    saved: 'Your draft is saved.',
    savedNotSubmitted: 'Your draft is saved, but the review is not submitted yet.',
    submittedNotice: 'Your review is submitted.',
    incomplete: 'Weighted total: shown once every criterion has a score within its range.',
    total80: 'Weighted total: 80 out of 100',
    progress0: '0 of 1 submitted',
    progress1: '1 of 1 submitted',
    scoreOf: '8 of 10',
    forbidden: 'You cannot do this',
  },
  fr: {
    email: 'Adresse courriel',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    toDeclare: 'À déclarer',
    draft: 'Ébauche enregistrée',
    submitted: 'Soumise',
    recused: 'Récusation (conflit d’intérêts)',
    declareTitle: 'Conflit d’intérêts : ',
    reviewTitle: 'Évaluation de la demande ',
    noConflict: 'Je n’ai aucun conflit d’intérêts',
    conflict: 'J’ai un conflit d’intérêts',
    explanation: 'Explication (facultatif)',
    send: 'Envoyer ma déclaration',
    chooseConflict: 'Indiquez si vous avez un conflit d’intérêts.',
    declared: 'Vous avez déclaré n’avoir aucun conflit d’intérêts.',
    recusedNotice: 'Vous avez déclaré un conflit d’intérêts : vous n’évaluerez donc pas cette demande.',
    question: 'À quel besoin répond-il?',
    peopleServed: '1 250',
    delivery: 'En personne',
    category: 'Formation',
    budgetTotal: '85 000,00 $',
    legends: ['Besoin (pondération 2, note de 0 à 10)', 'Capacité (pondération 1, note de 0 à 5)'],
    capacityBands: ['0 à 2', 'Peu ou pas de capacité', '3 à 5', 'Une équipe expérimentée et des partenaires'],
    scoreNeed: 'Note pour « Besoin »',
    commentNeed: 'Commentaire sur « Besoin »',
    overall: 'Commentaire général',
    saveDraft: 'Enregistrer l’ébauche',
    submit: 'Soumettre l’évaluation',
    confirmTitle: 'Soumettre votre évaluation?',
    confirmSaved: 'Vos notes sont enregistrées comme ébauche. Voici ce que vous soumettrez :',
    confirmFinal: 'La soumission est définitive.',
    confirmSubmit: 'Oui, soumettre l’évaluation',
    confirmCancel: 'Non, revenir à mes notes',
    rangeNeed: 'Entrez un nombre entier de 0 à 10 pour « Besoin ».',
    missingCapacity: 'Notez « Capacité » avant de soumettre : un nombre entier de 0 à 5.',
    saved: 'Votre ébauche est enregistrée.',
    savedNotSubmitted: 'Votre ébauche est enregistrée, mais l’évaluation n’est pas encore soumise.',
    submittedNotice: 'Votre évaluation est soumise.',
    incomplete: 'Total pondéré : affiché lorsque chaque critère a une note comprise dans son échelle.',
    total80: 'Total pondéré : 80 sur 100',
    progress0: '0 sur 1 soumises',
    progress1: '1 sur 1 soumises',
    scoreOf: '8 sur 10',
    forbidden: 'Vous ne pouvez pas faire cette action',
  },
} as const;

interface InPageDocument {
  document: { activeElement: unknown };
}

/** The text of an element with no-break spaces (French punctuation, money, dates) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('web pages for reviewers (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let applicant: TestUser;
  let applicationId: string;
  let reference: string;
  const reviewDueAt = new Date(Date.now() + 20 * DAY);
  // One reviewer per test, each with this one application: every test starts from "to declare".
  const reviewers: Record<'en' | 'fr' | 'conflictEn' | 'conflictFr' | 'noScript', { user: TestUser; assignmentId: string }> = {} as never;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_reviewer'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    applicant = await signedInUser(app, ['applicant']);
    // As many reviewers per application as there are reviewers: a recusal finds nobody to replace it.
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ reviewersPerApplication: 5, reviewDueAt: reviewDueAt.toISOString(), rubric: RUBRIC })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const organization = await api().post('/api/v1/organizations').set(applicant.auth).send(organizationFor(applicant)).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(applicant.auth).send({ organizationId: organization.body.id }).expect(201);
    applicationId = draft.body.id as string;
    await api()
      .patch(`/api/v1/applications/${applicationId}`)
      .set(applicant.auth)
      .send({ version: 1, title: 'Safe Harbour housing', summary: 'Housing and legal support for survivors in Toronto.', answers: ANSWERS, budget: BUDGET })
      .expect(200);
    await api().post(`/api/v1/applications/${applicationId}/attachments`).set(applicant.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
    await api().post(`/api/v1/applications/${applicationId}/submit`).set(applicant.auth).expect(200);
    await api().post(`/api/v1/applications/${applicationId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    reference = (await api().get(`/api/v1/applications/${applicationId}`).set(applicant.auth).expect(200)).body.referenceNumber as string;
    for (const [key, locale] of [['en', 'en'], ['fr', 'fr'], ['conflictEn', 'en'], ['conflictFr', 'fr'], ['noScript', 'en']] as const) {
      const user = await signedInUser(app, ['reviewer'], { locale });
      const assignment = await api().post(`/api/v1/applications/${applicationId}/assignments`).set(officer.auth).send({ reviewerId: user.id }).expect(201);
      reviewers[key] = { user, assignmentId: assignment.body.id as string };
    }
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  /** Opens the emailed link signed out, signs in on the page, and lands on the list. */
  async function signInToReviews(page: Page, user: TestUser, locale: PageLocale): Promise<void> {
    await page.goto('/reviews');
    await page.waitForURL(/\/sign-in\?next=%2Freviews$/);
    await page.getByLabel(WORDS[locale].email).fill(user.email);
    await page.getByLabel(WORDS[locale].password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: WORDS[locale].signIn }).click();
    await page.waitForURL(`${baseUrl}/reviews`);
  }

  async function summaryHasFocus(page: Page): Promise<boolean> {
    await page.waitForLoadState('load');
    return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as InPageDocument).document.activeElement);
  }

  it('sends a signed-out visitor to sign in, and refuses someone who is not a reviewer with a page', async () => {
    const signedOut = await api().get('/reviews').expect(303);
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Freviews');
    const page = await newPage(browser, baseUrl);
    try {
      await page.goto('/sign-in');
      await page.getByLabel(WORDS.en.email).fill(applicant.email);
      await page.getByLabel(WORDS.en.password, { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: WORDS.en.signIn }).click();
      await page.waitForURL(`${baseUrl}/applications`);
      const refused = await page.goto('/reviews');
      expect(refused!.status()).toBe(403);
      expect(refused!.headers()['content-type']).toMatch(/text\/html/);
      expect(await page.locator('h1').textContent()).toBe(WORDS.en.forbidden);
      const other = await page.goto(`/reviews/${reviewers.en.assignmentId}`);
      expect(other!.status()).toBe(403);
    } finally {
      await page.close();
    }
  });

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    const words = WORDS[locale];

    it('declares no conflict with the keyboard alone, then scores, is told what is wrong, saves a draft and submits', async () => {
      const { user, assignmentId } = reviewers[locale];
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      try {
        await signInToReviews(page, user, locale);
        const row = page.locator('tbody tr', { hasText: reference });
        expect(plain((await row.textContent()) ?? '')).toContain(words.toDeclare);
        expect(await textOf(page, 'tbody')).toContain(plain(formatInstant(locale, reviewDueAt)).replace(/\s+/g, ' '));
        expect(await textOf(page, 'tbody')).toContain(ORGANIZATION.legalName);
        expect(await textOf(page, '#review-progress')).toBe(words.progress0);
        await expectAccessible(page, `review list, ${locale}`);
        await screenshot(page, `reviewer-list-${locale}`);

        // Before the declaration: the reference and the organization, nothing of the content.
        await page.getByRole('link', { name: reference }).click();
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}`);
        expect(plain((await page.locator('h1').textContent()) ?? '')).toBe(`${plain(words.declareTitle)}${reference}`);
        const before = await textOf(page);
        expect(before).not.toContain(words.question);
        expect(before).not.toContain(ANSWERS.need);
        expect(before).not.toContain('Safe Harbour');
        await expectAccessible(page, `conflict declaration, ${locale}`);
        await screenshot(page, `reviewer-declare-${locale}`);

        await page.getByRole('button', { name: words.send }).click();
        expect(await textOf(page, '#error-summary')).toContain(words.chooseConflict);
        expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#conflict-no');
        expect(await summaryHasFocus(page)).toBe(true);
        await expectAccessible(page, `conflict declaration with an error, ${locale}`);

        await tabTo(page, page.getByLabel(words.noConflict));
        await page.keyboard.press('Space');
        expect(await page.getByLabel(words.noConflict).isChecked()).toBe(true);
        await tabTo(page, page.getByRole('button', { name: words.send }));
        await page.keyboard.press('Enter');
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}?notice=declared`);
        expect(await textOf(page, '[role=status]')).toContain(plain(words.declared));

        // The content in the page's language, and the rubric.
        expect(plain((await page.locator('h1').textContent()) ?? '')).toBe(`${plain(words.reviewTitle)}${reference}`);
        const content = await textOf(page);
        for (const expected of ['Safe Harbour housing', 'Housing and legal support for survivors in Toronto.', words.question, ANSWERS.need, words.peopleServed, words.delivery, words.category, words.budgetTotal]) {
          expect(content).toContain(expected);
        }
        expect((await page.locator('legend').allTextContents()).map(plain)).toEqual(words.legends.map(plain));
        // What the scores mean, as the officer wrote it, read with the score it describes.
        expect(await page.locator('#score-capacity-bands').locator('dt, dd').allTextContents()).toEqual(words.capacityBands);
        expect(await page.locator('#score-capacity').getAttribute('aria-describedby')).toBe('score-capacity-hint score-capacity-bands');
        expect(await page.locator('#score-need-bands').count()).toBe(0);
        expect(await page.locator('#weighted-total').textContent()).toBe(words.incomplete);
        await expectAccessible(page, `application and scoring form, ${locale}`);

        // A score above the maximum is refused; everything typed stays.
        await page.getByLabel(words.scoreNeed).fill('12');
        await page.getByLabel(words.commentNeed).fill('Clear, documented need');
        await page.locator('#score-capacity').fill('4');
        await page.locator('#comment-capacity').fill('Small but experienced team');
        await page.getByLabel(words.overall).fill('A strong proposal');
        await page.getByRole('button', { name: words.saveDraft }).click();
        expect(await textOf(page, '#error-summary')).toContain(plain(words.rangeNeed));
        expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#score-need');
        expect(await textOf(page, '#score-need-error')).toContain(plain(words.rangeNeed));
        expect(await page.locator('#score-need').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#score-need').getAttribute('aria-describedby')).toBe('score-need-hint score-need-error');
        expect(await summaryHasFocus(page)).toBe(true);
        expect(await page.locator('#score-need').inputValue()).toBe('12');
        expect(await page.locator('#comment-need').inputValue()).toBe('Clear, documented need');
        expect(await page.locator('#score-capacity').inputValue()).toBe('4');
        expect(await page.locator('#comment-capacity').inputValue()).toBe('Small but experienced team');
        expect(await page.locator('#overallComment').inputValue()).toBe('A strong proposal');
        await expectAccessible(page, `scoring with a score out of range, ${locale}`);
        if (locale === 'en') await screenshot(page, 'reviewer-scoring-error-en');

        // The total follows the scores as they are typed, and the server shows it after saving.
        await page.locator('#score-need').fill('8');
        expect(plain((await page.locator('#weighted-total').textContent()) ?? '')).toBe(plain(words.total80));
        await page.getByRole('button', { name: words.saveDraft }).click();
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}?notice=saved`);
        expect(await textOf(page, '[role=status]')).toContain(plain(words.saved));
        expect(await page.locator('#score-need').inputValue()).toBe('8');
        expect(await page.locator('#comment-capacity').inputValue()).toBe('Small but experienced team');
        expect(plain((await page.locator('#weighted-total').textContent()) ?? '')).toBe(plain(words.total80));
        await expectAccessible(page, `draft saved, ${locale}`);
        await screenshot(page, `reviewer-scoring-${locale}`);

        await page.goto('/reviews');
        expect(plain((await page.locator('tbody tr', { hasText: reference }).textContent()) ?? '')).toContain(words.draft);
        await page.goto(`/reviews/${assignmentId}`);

        // Submitting saves first, and asks for what is missing.
        await page.locator('#score-capacity').fill('');
        await page.locator('#comment-capacity').fill('');
        await page.getByRole('button', { name: words.submit }).click();
        expect(await textOf(page, '#error-summary')).toContain(plain(words.missingCapacity));
        expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#score-capacity');
        expect(await textOf(page, '[role=status]')).toContain(plain(words.savedNotSubmitted));
        expect(await page.locator('#score-need').inputValue()).toBe('8');
        expect(plain((await page.locator('#weighted-total').textContent()) ?? '')).toBe(plain(words.incomplete));
        await expectAccessible(page, `submitting with a score missing, ${locale}`);

        await page.locator('#score-capacity').fill('4');
        await page.locator('#comment-capacity').fill('Small but experienced team');
        await page.getByRole('button', { name: words.submit }).click();
        // The scores are saved as a draft, then the page asks first, summarising the scores and the weighted total.
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}/confirm`);
        expect(await page.locator('h1').textContent()).toBe(words.confirmTitle);
        const confirming = await textOf(page);
        expect(confirming).toContain(plain(words.confirmSaved));
        expect(confirming).toContain(plain(words.scoreOf));
        expect(confirming).toContain('Small but experienced team');
        expect(plain((await page.locator('#review-total').textContent()) ?? '')).toBe(plain(words.total80));
        expect(confirming).toContain(plain(words.confirmFinal));
        await expectAccessible(page, `review confirmation, ${locale}`);
        // Going back leaves the draft as saved, not submitted.
        await page.getByRole('link', { name: words.confirmCancel }).click();
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}#scoring`);
        expect(await page.locator('#score-capacity').inputValue()).toBe('4');
        expect(await page.locator('#comment-capacity').inputValue()).toBe('Small but experienced team');
        await page.getByRole('button', { name: words.submit }).click();
        await page.waitForURL(`${baseUrl}/reviews/${assignmentId}/confirm`);
        await page.getByRole('button', { name: words.confirmSubmit }).click();
        await page.waitForURL(`${baseUrl}/reviews?notice=submitted`);
        expect(await textOf(page, '[role=status]')).toContain(plain(words.submittedNotice));
        expect(plain((await page.locator('tbody tr', { hasText: reference }).textContent()) ?? '')).toContain(words.submitted);
        expect(await textOf(page, '#review-progress')).toBe(words.progress1);
        await expectAccessible(page, `review list after submitting, ${locale}`);

        // The submitted review reads back, and no longer offers a form.
        await page.getByRole('link', { name: reference }).click();
        const submitted = await textOf(page);
        expect(submitted).toContain(plain(words.scoreOf));
        expect(submitted).toContain(plain(words.total80));
        expect(await page.getByRole('button', { name: words.submit }).count()).toBe(0);
        await expectAccessible(page, `submitted review, ${locale}`);
      } finally {
        await page.close();
      }
      const [assignment] = (await api().get('/api/v1/assignments').set(user.auth).expect(200)).body as Array<{ status: string; weightedScore: number; scores: unknown[]; overallComment: string }>;
      expect(assignment).toMatchObject({
        status: 'submitted',
        weightedScore: expect.closeTo(80, 6),
        overallComment: 'A strong proposal',
        scores: [
          { criterionKey: 'need', score: 8, comment: 'Clear, documented need' },
          { criterionKey: 'capacity', score: 4, comment: 'Small but experienced team' },
        ],
      });
    });

    it('sends a reviewer who declares a conflict back to the list with a notice, without showing the application', async () => {
      const { user, assignmentId } = reviewers[locale === 'en' ? 'conflictEn' : 'conflictFr'];
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      try {
        await signInToReviews(page, user, locale);
        await page.getByRole('link', { name: reference }).click();
        // The ODS radio is drawn by its label, which takes the click.
        await page.getByText(words.conflict, { exact: true }).click();
        await page.getByLabel(words.explanation).fill('I sit on their board');
        await page.getByRole('button', { name: words.send }).click();
        await page.waitForURL(`${baseUrl}/reviews?notice=recused`);
        expect(await textOf(page, '[role=status]')).toContain(plain(words.recusedNotice));
        const row = page.locator('tbody tr', { hasText: reference });
        expect(plain((await row.textContent()) ?? '')).toContain(plain(words.recused));
        expect(await row.getByRole('link').count()).toBe(0);
        expect(await page.locator('#review-progress').count()).toBe(0);
        await expectAccessible(page, `review list after declaring a conflict, ${locale}`);

        const gone = await page.goto(`/reviews/${assignmentId}`);
        expect(gone!.status()).toBe(404);
        expect(await textOf(page)).not.toContain(words.question);
      } finally {
        await page.close();
      }
      const reviews = (await api().get(`/api/v1/applications/${applicationId}/reviews`).set(officer.auth).expect(200)).body as Array<{ reviewerId: string; status: string; conflictExplanation: string }>;
      expect(reviews.find((review) => review.reviewerId === user.id)).toMatchObject({ status: 'recused', conflictExplanation: 'I sit on their board' });
    });
  });

  it('works without JavaScript: declaring, a refused score, and submitting without saving first', async () => {
    const { user, assignmentId } = reviewers.noScript;
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signInToReviews(page, user, 'en');
      await page.goto(`/reviews/${assignmentId}`);
      await page.getByText(WORDS.en.noConflict, { exact: true }).click();
      await page.getByRole('button', { name: WORDS.en.send }).click();
      await page.waitForURL(`${baseUrl}/reviews/${assignmentId}?notice=declared`);
      await page.locator('#score-need').fill('11');
      await page.locator('#score-capacity').fill('5');
      await page.getByRole('button', { name: WORDS.en.submit }).click();
      expect(await textOf(page, '#error-summary')).toContain(WORDS.en.rangeNeed);
      expect(await page.locator('#score-need').inputValue()).toBe('11');
      await page.locator('#score-need').fill('10');
      await page.getByRole('button', { name: WORDS.en.submit }).click();
      await page.waitForURL(`${baseUrl}/reviews/${assignmentId}/confirm`);
      expect(plain((await page.locator('#review-total').textContent()) ?? '')).toBe('Weighted total: 100 out of 100');
      await page.getByRole('button', { name: WORDS.en.confirmSubmit }).click();
      await page.waitForURL(`${baseUrl}/reviews?notice=submitted`);
      expect(await textOf(page, 'tbody')).toContain(WORDS.en.submitted);
      expect(await textOf(page, '#review-progress')).toBe(WORDS.en.progress1);
    } finally {
      await page.close();
    }
    const [assignment] = (await api().get('/api/v1/assignments').set(user.auth).expect(200)).body as Array<{ status: string; weightedScore: number }>;
    expect(assignment).toMatchObject({ status: 'submitted', weightedScore: 100 });
  });
});
