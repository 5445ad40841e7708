import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { eventually, Mailbox, uniqueEmail } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { translator } from '../../apps/api/src/web/i18n/i18n';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { launchBrowser, newPage } from '../support/browser';
import { callBody, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { pdfText } from '../support/pdf';
import { DESKTOP_IN_ENGLISH, Journey, PHONE_IN_FRENCH } from '../support/journey';

/** Text as a person reads it: French no-break spaces made plain, runs of spaces one. */
const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The document the call asks for (callBody). */
const STATEMENTS = { en: 'Financial statements', fr: 'États financiers' };

/** What differs between the two walks besides the screen and the language: the call, the people, money as typed. */
const WALKS = [
  {
    setting: DESKTOP_IN_ENGLISH,
    story: {
      callTitle: { en: 'Community supports 2027', fr: 'Soutiens communautaires 2027' },
      applicant: 'Grace Odhiambo',
      organization: 'Harbour Light Survivor Services',
      project: 'Safe Harbour transitional housing',
      budgetAmount: '60,000.00',
      approvedAmount: '55,000',
      reviewer: 'Priya Raman',
      newcomer: 'Daniel Whitecloud',
    },
  },
  {
    setting: PHONE_IN_FRENCH,
    story: {
      callTitle: { en: 'Prevention projects 2027', fr: 'Projets de prévention 2027' },
      applicant: 'Nadia Okimaw-Gagnon',
      organization: 'Maison Aurore – Services aux survivantes',
      project: 'Accompagnement des survivantes dans le Nord',
      budgetAmount: '60 000,00',
      approvedAmount: '55 000',
      reviewer: 'Émilie Tremblay',
      newcomer: 'Louis Bellefeuille',
    },
  },
];

/**
 * Each persona's everyday journey through the pages, as a person walks it: from signing in to the
 * end of their task, and back again later to reopen or read back what they did. Walked twice, on
 * a desktop in English and on a phone (390 × 844) in French; every page reached is checked with
 * axe (WCAG 2.0 and 2.1 A/AA) and must not scroll sideways at 320 px. Pages are reached through
 * links and buttons; only the first page of a visit and emailed links are typed in. The office's
 * own set-up (staff accounts, the published call) goes through the API. The tests of a setting run
 * in order and share its story; the two settings share the environment, each with its own call and
 * people.
 */
describe('every persona’s journey and the way back, on a desktop in English and a phone in French (Chromium, axe, reflow)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const mailbox = new Mailbox();

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_journeys'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  describe.each(WALKS)('$setting.name', ({ setting, story }) => {
    const t = translator(setting.locale);
    const callTitle = story.callTitle[setting.locale];
    const applicantEmail = uniqueEmail('journeys-applicant');
    let officer: TestUser;
    let reviewer: TestUser;
    let admin: TestUser;
    let newcomer: TestUser;
    let reference: string;

    beforeAll(async () => {
      const locale = setting.locale;
      [officer, reviewer, admin, newcomer] = await Promise.all([
        signedInUser(app, ['officer'], { locale }),
        signedInUser(app, ['reviewer'], { locale, name: story.reviewer }),
        signedInUser(app, ['admin'], { locale }),
        signedInUser(app, ['applicant'], { locale, name: story.newcomer }),
      ]);
      const created = await request(app.getHttpServer()).post('/api/v1/calls').set(officer.auth).send(callBody({ title: story.callTitle, reviewersPerApplication: 1 })).expect(201);
      await request(app.getHttpServer()).post(`/api/v1/calls/${created.body.id}/publish`).set(officer.auth).expect(200);
    });

    /** A visit: a fresh browser tab (no cookies), at the setting's size and in its language. */
    async function visit(who: string, steps: (journey: Journey) => Promise<void>): Promise<void> {
      const page = await newPage(browser, baseUrl, { locale: setting.locale });
      page.setDefaultTimeout(15_000);
      await page.setViewportSize(setting.viewport);
      try {
        await new Journey(page, `${who} (${setting.name})`).walk(steps);
      } finally {
        await page.close();
      }
    }

    /** Signs in on the sign-in page shown; returns where the person lands. */
    async function signIn(journey: Journey, email: string): Promise<string> {
      await journey.page.locator('#email').fill(email);
      await journey.page.locator('#password').fill(TEST_PASSWORD);
      await journey.follow(journey.page.locator('main').getByRole('button', { name: t('signIn.submit') }), 'where they land');
      expect(await journey.page.locator('html').getAttribute('lang')).toBe(setting.locale === 'fr' ? 'fr-CA' : 'en-CA');
      return new URL(journey.page.url()).pathname;
    }

    async function signInAgain(journey: Journey, email: string): Promise<string> {
      await journey.open('/sign-in', 'sign in');
      return signIn(journey, email);
    }

    async function signOut(journey: Journey): Promise<void> {
      await journey.follow(journey.page.getByRole('button', { name: t('site.signOut') }), 'signed out');
      expect(new URL(journey.page.url()).pathname).toBe('/sign-in');
    }

    const main = (page: Page) => page.locator('main');
    const mainText = async (page: Page) => plain(await main(page).textContent());

    it('an applicant signs up, starts an application and leaves; comes back, finishes and submits it, and reads back what was sent', async () => {
      let draftPath = '';
      await visit('the applicant', async (journey) => {
        const { page } = journey;
        await journey.open('/', 'home');
        await journey.follow(page.getByRole('navigation').getByRole('link', { name: t('site.signIn') }), 'sign in');
        await journey.follow(page.getByRole('link', { name: t('signIn.noAccount') }), 'create an account');
        await page.locator('#name').fill(story.applicant);
        await page.locator('#email').fill(applicantEmail);
        await page.locator('#password').fill(TEST_PASSWORD);
        await journey.follow(main(page).getByRole('button', { name: t('register.submit') }), 'account created, email sent');
        expect(plain(await page.getByRole('status').textContent())).toContain(plain(t('register.sent', { email: applicantEmail })));

        const [verification] = await mailbox.waitFor(applicantEmail);
        const link = new URL(/https?:\/\/\S+verify-email\?token=[\w-]+/.exec(verification!.text)![0]);
        await journey.open(`${link.pathname}${link.search}`, 'confirm the email address (emailed link)');
        await journey.follow(main(page).getByRole('button', { name: t('verify.submit') }), 'sign in, address confirmed');
        expect(await signIn(journey, applicantEmail)).toBe('/applications');

        await journey.follow(page.getByRole('navigation').getByRole('link', { name: t('nav.calls') }), 'open calls');
        await journey.follow(main(page).getByRole('link', { name: callTitle }), 'the call');
        await journey.follow(main(page).getByRole('link', { name: t('apply.call.createOrganization') }), 'register the organization');
        await page.locator('#legalName').fill(story.organization);
        await journey.choose('type', 'non_profit');
        await journey.choose('region', 'north');
        await page.locator('#addressLine1').fill('12 Main Street');
        await page.locator('#addressCity').fill('Timmins');
        await page.locator('#postalCode').fill('P4N 1A1');
        await journey.choose('indigenousLed', 'no');
        await journey.choose('preferredLanguage', setting.locale);
        // The recipient profile a submission needs: the Business Number and two contacts, the applicant signing.
        await journey.choose('hasBusinessNumber', 'yes');
        await page.locator('#businessNumber').fill('123456782RR0001');
        await page.locator('#contacts-0-name').fill(story.applicant);
        await page.locator('#contacts-0-title').fill('Executive Director');
        await page.locator('#contacts-0-email').fill(applicantEmail);
        await page.locator('#contacts-0-phone').fill('705-555-0142');
        await page.locator('#contacts-1-name').fill('Program coordinator');
        await page.locator('#contacts-1-title').fill('Program Coordinator');
        await page.locator('#contacts-1-email').fill(`programs.${applicantEmail}`);
        await page.locator('#contacts-1-phone').fill('705-555-0143');
        await journey.choose('contacts-0-signingAuthority', 'yes');
        await journey.follow(main(page).getByRole('button', { name: t('organization.new.submit') }), 'the call, ready to apply');
        await journey.follow(main(page).getByRole('button', { name: t('apply.call.start') }), 'the parts of the application');
        draftPath = new URL(page.url()).pathname;
        expect(draftPath).toMatch(/^\/applications\/[0-9a-f-]+\/edit$/);

        // The call's own section is called "Project" too: the first part is the application's project.
        await journey.follow(main(page).getByRole('link', { name: t('apply.part.project'), exact: true }).first(), 'project');
        await page.locator('#title').fill(story.project);
        await page.locator('#summary').fill('Housing, legal support and cultural support for survivors in Timmins.');
        await journey.follow(main(page).getByRole('button', { name: t('apply.saveContinue') }), 'a section of the call’s form');
        await page.locator('#answer-need').fill('No shelter for survivors within 300 km.');
        await page.locator('#answer-people_served').fill('45');
        await journey.choose('answer-delivery', 'in_person');
        await journey.follow(main(page).getByRole('button', { name: t('apply.saveContinue') }), 'budget');
        await signOut(journey);
      });

      await visit('the applicant, back later', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, applicantEmail);
        await journey.follow(main(page).getByRole('link', { name: story.project }), 'the draft, reopened from my applications');
        expect(new URL(page.url()).pathname).toBe(draftPath);
        await journey.follow(main(page).getByRole('link', { name: t('apply.part.budget'), exact: true }), 'budget');
        await page.locator('#line-0-fiscalYear').selectOption({ index: 1 });
        await page.locator('#line-0-category').selectOption('personnel');
        await page.locator('#line-0-description').fill('Outreach worker');
        await page.locator('#line-0-amount').fill(story.budgetAmount);
        await journey.follow(main(page).getByRole('button', { name: t('apply.saveContinue') }), 'attachments');
        await page.locator('input[type=file]').first().setInputFiles({ name: 'financial-statements.pdf', mimeType: 'application/pdf', buffer: PDF });
        await journey.follow(main(page).getByRole('button', { name: t('apply.attachments.upload', { label: STATEMENTS[setting.locale] }) }), 'attachments, one attached');
        expect(await mainText(page)).toContain('financial-statements.pdf');
        await journey.follow(main(page).getByRole('link', { name: t('apply.attachments.continue'), exact: true }), 'check and submit');
        await journey.follow(main(page).getByRole('button', { name: t('apply.check.submit') }), 'submitted');
        reference = plain(await page.locator('.web-reference__number').textContent());
        expect(reference).toMatch(/^CBSF-\d{4}-\d{4,}$/);

        await journey.follow(main(page).getByRole('link', { name: t('apply.submitted.see') }), 'what was sent');
        expect(plain(await page.locator('h1').textContent())).toContain(reference);
        // The heading names the version sent (the date after it is left unfilled here, and cut off).
        expect(plain(await page.locator('h2#sent').textContent())).toContain(plain(t('application.sent.heading', { version: '1' }).split('{date}')[0]!));
        expect(await mainText(page)).toContain('No shelter for survivors within 300 km.');
        expect(await mainText(page)).toContain('financial-statements.pdf');
        await journey.follow(page.getByRole('navigation').getByRole('link', { name: t('nav.applications') }), 'my applications, submitted');
        const row = main(page).locator('tr', { hasText: reference });
        await journey.follow(row.getByRole('link', { name: story.project }), 'what was sent, from my applications');
        expect(plain(await page.locator('h1').textContent())).toContain(reference);
        // The worker prepares the version's PDF in the background; once it is there, the link downloads it.
        const pdfLink = main(page).getByRole('link', { name: t('application.sent.pdf') });
        const pdfUrl = new URL((await pdfLink.getAttribute('href')) ?? '', page.url()).toString();
        await eventually('the PDF of version 1', async () => ((await page.request.get(pdfUrl)).status() === 200 ? true : undefined), 30_000);
        expect(await journey.download(pdfLink)).toBe(200);
        expect(pdfText(await (await page.request.get(pdfUrl)).body())).toContain(story.project);
        await signOut(journey);
      });
    }, 120_000);

    it('the officer lands on the calls, finds the application, screens it and assigns a reviewer', async () => {
      await visit('the officer', async (journey) => {
        const { page } = journey;
        expect(await signInAgain(journey, officer.email)).toBe('/officer/calls');
        await journey.follow(main(page).getByRole('link', { name: callTitle, exact: true }), 'the call’s ranking, nothing reviewed yet');
        await journey.follow(main(page).getByRole('link', { name: t('screening.ranking.applications') }), 'the call’s applications');
        await journey.follow(main(page).getByRole('link', { name: reference }), 'the application, to screen');
        await journey.choose('screeningOutcome', 'eligible');
        await page.locator('#screeningReason').fill('Non-profit in the North; request within the limits.');
        await journey.follow(main(page).getByRole('button', { name: t('screening.screen.submit') }), 'the application, screened');
        const option = page.locator('#reviewerId option', { hasText: story.reviewer });
        await page.locator('#reviewerId').selectOption((await option.getAttribute('value'))!);
        await journey.follow(main(page).getByRole('button', { name: t('screening.reviewers.assign') }), 'the application, reviewer assigned');
        expect(await page.locator('#reviewers-table').textContent()).toContain(story.reviewer);
        await signOut(journey);
      });
    }, 90_000);

    it('the reviewer lands on the reviews, declares no conflict, opens the attachment, scores and submits; comes back to read the review', async () => {
      await visit('the reviewer', async (journey) => {
        const { page } = journey;
        expect(await signInAgain(journey, reviewer.email)).toBe('/reviews');
        await journey.follow(main(page).getByRole('link', { name: reference }), 'declare a conflict of interest');
        await journey.choose('conflict', 'no');
        await journey.follow(main(page).getByRole('button', { name: t('reviewer.declare.submit') }), 'the application and its scoring');
        expect(await journey.download(main(page).getByRole('link', { name: 'financial-statements.pdf' }))).toBe(200);
        await page.locator('#score-need').fill('9');
        await page.locator('#comment-need').fill('Clear need, no other shelter nearby.');
        await page.locator('#score-capacity').fill('4');
        await page.locator('#comment-capacity').fill('Small but experienced team.');
        await journey.follow(main(page).getByRole('button', { name: t('reviewer.submit') }), 'submitting the review, asked first');
        await journey.follow(main(page).getByRole('button', { name: t('reviewer.confirm.submit') }), 'my reviews, one submitted');
        await signOut(journey);
      });
      await visit('the reviewer, back later', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, reviewer.email);
        await journey.follow(main(page).getByRole('link', { name: reference }), 'the submitted review');
        expect(await main(page).getByRole('heading', { name: t('reviewer.submitted.heading') }).count()).toBe(1);
        expect(await mainText(page)).toContain('Clear need, no other shelter nearby.');
        // Read, not edited: no field and no button to change or submit it again.
        expect(await main(page).locator('form[action$="/scores"], input[name^="score-"]').count()).toBe(0);
      });
    }, 90_000);

    it('the officer reads the ranking, records the decision and releases it, then comes back to see it released and the application decided', async () => {
      await visit('the officer, after the review', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, officer.email);
        await journey.follow(main(page).getByRole('link', { name: callTitle, exact: true }), 'the ranking');
        const row = main(page).locator('tbody tr', { hasText: reference });
        // (9/10 × 2 + 4/5 × 1) / 3 = 86.7
        expect(plain(await row.textContent())).toMatch(/86[.,]7/);
        await journey.follow(row.getByRole('link', { name: reference }), 'the application, to decide');
        await journey.choose('decisionOutcome', 'approved');
        await page.locator('#approvedAmount').fill(story.approvedAmount);
        await page.locator('#conditions').fill('Quarterly report on housing.');
        await page.locator('#rationale').fill('Strong need in the North; capacity shown.');
        await journey.follow(main(page).getByRole('button', { name: t('screening.decision.submit') }), 'the application, decided');
        await journey.follow(main(page).getByRole('link', { name: new RegExp(callTitle) }).first(), 'the ranking, decided');
        await journey.follow(main(page).getByRole('link', { name: t('officer.release.submit') }), 'releasing the decisions, asked first');
        await journey.follow(main(page).getByRole('button', { name: t('officer.releaseConfirm.submit') }), 'the release');
        await page.locator('#release-status', { hasText: t('officer.release.completed') }).waitFor({ timeout: 60_000 });
        await signOut(journey);
      });
      await visit('the officer, back later', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, officer.email);
        await journey.follow(main(page).getByRole('link', { name: callTitle, exact: true }), 'the ranking, released');
        await journey.follow(main(page).getByRole('heading', { name: t('officer.releases.heading') }).locator('xpath=following-sibling::ul[1]').getByRole('link').first(), 'the release, done');
        expect(plain(await page.locator('#release-status').textContent())).toBe(t('officer.release.completed'));
        await journey.follow(main(page).getByRole('link', { name: t('officer.release.back') }), 'the ranking, again');
        await journey.follow(main(page).locator('tbody tr', { hasText: reference }).getByRole('link', { name: reference }), 'the application, decided and released');
        expect(plain(await page.locator('#application-status').textContent())).toBe(t('status.staff.approved'));
      });
    }, 150_000);

    it('the applicant opens the award from the applications, accepts it, and comes back to see it accepted', async () => {
      await visit('the applicant, after the decision', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, applicantEmail);
        const row = main(page).locator('tr', { hasText: reference });
        expect(plain(await row.textContent())).toContain(plain(t('status.approved')));
        await journey.follow(row.getByRole('link', { name: t('applications.openAward') }), 'the award, offered');
        await journey.follow(main(page).getByRole('button', { name: t('award.accept') }), 'the award, accepted');
        expect(plain(await page.getByRole('status').textContent())).toContain(plain(t('award.accepted')));
        await signOut(journey);
      });
      await visit('the applicant, back again', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, applicantEmail);
        await journey.follow(main(page).locator('tr', { hasText: reference }).getByRole('link', { name: t('applications.openAward') }), 'the award, read back');
        expect(await mainText(page)).toContain(plain(t('award.status.accepted')));
        expect(await main(page).getByRole('button', { name: t('award.accept') }).count()).toBe(0);
      });
    }, 90_000);

    it('the administrator lands on the staff accounts, gives a person a staff role, and comes back to see it', async () => {
      await visit('the administrator', async (journey) => {
        const { page } = journey;
        expect(await signInAgain(journey, admin.email)).toBe('/admin/staff');
        await journey.follow(main(page).getByRole('link', { name: t('admin.staff.add') }), 'a staff account');
        await page.locator('#name').fill(story.newcomer);
        await page.locator('#email').fill(newcomer.email);
        await journey.choose('roles', 'reviewer');
        await journey.follow(main(page).getByRole('button', { name: t('admin.new.submit') }), 'staff accounts, one updated');
        await signOut(journey);
      });
      await visit('the administrator, back later', async (journey) => {
        const { page } = journey;
        await signInAgain(journey, admin.email);
        const row = plain(await main(page).locator('tbody tr', { hasText: newcomer.email }).textContent());
        expect(row).toContain(story.newcomer);
        expect(row).toContain(t('admin.role.reviewer'));
      });
    }, 60_000);
  });
});
