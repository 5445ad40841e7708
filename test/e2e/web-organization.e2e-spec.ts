import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const MEASURES = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];

/** What each language's pages say, with no-break spaces written as plain ones (see textOf). */
const WORDS = {
  en: {
    email: 'Email address',
    password: 'Password',
    signIn: 'Sign in',
    none: 'You do not belong to an organization yet.',
    register: 'Register an organization',
    legalName: 'Legal name',
    operatingName: 'Operating name (optional)',
    type: 'first_nation',
    line1: 'Street address',
    city: 'City or town',
    postalCode: 'Postal code',
    submitNew: 'Register the organization',
    regionError: 'Choose the region where you offer services.',
    postalCodeError: 'Enter a Canadian postal code, such as K1A 0B1',
    created: 'The organization is registered. You are its owner.',
    save: 'Save changes',
    saved: 'The profile is saved.',
    stale: 'Someone else saved changes to this profile while you were editing it.',
    inviteEmail: 'Their email address',
    send: 'Send the invitation',
    emailError: 'Enter an email address, such as name@example.org.',
    roleError: 'Choose what they will be able to do.',
    invited: 'The invitation is sent.',
    invitationSubject: 'Invitation to join',
    accept: 'Accept the invitation',
    joined: 'You are now a member of this organization.',
    readOnly: 'Only an owner of the organization can change this profile.',
    ownersOnly: 'Only an owner of the organization can invite members.',
    editor: 'Editor',
    accessLog: 'Access log',
    officer: 'Program officer',
    awardViewed: 'Read the award and its reports',
    members: 'Members',
    profileViewed: 'Read the organization’s profile',
    membersViewed: 'Read the list of members and invitations',
    screened: 'Checked the application’s eligibility',
    exportLink: 'Download my organization’s data (ZIP)',
    fileLink: 'File this report',
    interim: 'Interim report, ',
    filed: 'Filed: waiting for review',
    spending: 'Spending during the period, by budget line, in dollars',
    narrative: 'What happened during the period',
    submitReport: 'Submit the report',
    badAmount: '12.345',
    amount: '1,234.56',
    spentError: 'Enter the amount spent on Personnel in dollars, such as 1,234.56 or 1 234,56, with at most 2 decimals.',
    countError: 'Enter a whole number, 0 or more, for “People served”.',
    narrativeError: 'Describe what happened during the period.',
    returned: 'What the program office asks you to change',
    forbidden: 'You cannot do this',
  },
  fr: {
    email: 'Adresse courriel',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    none: 'Vous n’êtes membre d’aucun organisme pour le moment.',
    register: 'Inscrire un organisme',
    legalName: 'Dénomination sociale',
    operatingName: 'Nom d’usage (facultatif)',
    type: 'metis_organization',
    line1: 'Adresse (numéro et rue)',
    city: 'Ville ou municipalité',
    postalCode: 'Code postal',
    submitNew: 'Inscrire l’organisme',
    regionError: 'Choisissez la région où vous offrez vos services.',
    postalCodeError: 'Entrez un code postal canadien, comme K1A 0B1',
    created: 'L’organisme est inscrit. Vous en êtes propriétaire.',
    save: 'Enregistrer les modifications',
    saved: 'Le profil est enregistré.',
    stale: 'Une autre personne a enregistré des modifications à ce profil pendant que vous le modifiiez.',
    inviteEmail: 'Son adresse courriel',
    send: 'Envoyer l’invitation',
    emailError: 'Entrez une adresse courriel, comme nom@exemple.org.',
    roleError: 'Choisissez ce que pourra faire cette personne.',
    invited: 'L’invitation est envoyée.',
    invitationSubject: 'Invitation à vous joindre à',
    accept: 'Accepter l’invitation',
    joined: 'Vous êtes maintenant membre de cet organisme.',
    readOnly: 'Seule une personne propriétaire de l’organisme peut modifier ce profil.',
    ownersOnly: 'Seule une personne propriétaire de l’organisme peut inviter des membres.',
    editor: 'Rédactrice ou rédacteur',
    accessLog: 'Journal des accès',
    officer: 'Agente ou agent de programme',
    awardViewed: 'A consulté la subvention et ses rapports',
    members: 'Membres',
    profileViewed: 'A consulté le profil de l’organisme',
    membersViewed: 'A consulté la liste des membres et des invitations',
    screened: 'A vérifié l’admissibilité de la demande',
    exportLink: 'Télécharger les données de mon organisme (ZIP)',
    fileLink: 'Remettre ce rapport',
    interim: 'Rapport provisoire, ',
    filed: 'Remis : en attente d’examen',
    spending: 'Dépenses de la période, par poste budgétaire, en dollars',
    narrative: 'Ce qui s’est passé pendant la période',
    submitReport: 'Soumettre le rapport',
    badAmount: '1 234,567',
    amount: '1 234,56',
    spentError: 'Entrez le montant dépensé pour Personnel en dollars, comme 1 234,56 ou 1,234.56, avec au plus 2 décimales.',
    countError: 'Entrez un nombre entier, 0 ou plus, pour « Personnes servies ».',
    narrativeError: 'Décrivez ce qui s’est passé pendant la période.',
    returned: 'Ce que le bureau du programme vous demande de modifier',
    forbidden: 'Vous ne pouvez pas faire cette action',
  },
} as const;

const NAMES = { en: 'Harbour Light Community Services', fr: 'Cercle métis de la rivière Rouge' } as const;

interface InPageDocument {
  document: { activeElement: unknown };
}

/** The text of an element with no-break spaces (French punctuation, money, dates) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

async function summaryHasFocus(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as InPageDocument).document.activeElement);
}

interface AwardSetup {
  owner: TestUser;
  organizationId: string;
  awardId: string;
  interimId: string;
  interimPeriod: string;
}

describe('web pages for organizations and reports (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  const mailbox = new Mailbox();
  const newcomers: Record<PageLocale, TestUser> = {} as never;
  const editors: Record<PageLocale, TestUser> = {} as never;
  const registered: Record<PageLocale, string> = {} as never;
  const awards: Record<PageLocale, AwardSetup> = {} as never;
  const api = () => request(app.getHttpServer());

  /** An accepted award with its interim report owed, the way the office and the organization get there through the API. */
  async function acceptedAward(owner: TestUser, callId: string, name: string, language: PageLocale): Promise<Omit<AwardSetup, 'awardId' | 'interimId' | 'interimPeriod'> & { applicationId: string }> {
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: name, preferredLanguage: language })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: { need: 'Transitional housing', people_served: 40 }, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api()
      .post(`/api/v1/applications/${draft.body.id}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 8_500_000, rationale: 'Strong proposal', overrideReason: 'Regional balance' })
      .expect(200);
    return { owner, organizationId: organization.body.id as string, applicationId: draft.body.id as string };
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_organization'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    for (const locale of ['en', 'fr'] as const) {
      newcomers[locale] = await signedInUser(app, ['applicant'], { locale });
      editors[locale] = await signedInUser(app, ['applicant'], { locale });
    }
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ outcomeMeasures: MEASURES })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const decided = {
      en: await acceptedAward(await signedInUser(app, ['applicant'], { locale: 'en' }), callId, 'Refuge Arc-en-ciel', 'en'),
      fr: await acceptedAward(await signedInUser(app, ['applicant'], { locale: 'fr' }), callId, 'Services communautaires Nouvelle Voie', 'fr'),
    };
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    // The awards are offered in the background, each with its letter.
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));
    for (const locale of ['en', 'fr'] as const) {
      const { owner, organizationId, applicationId } = decided[locale];
      const awardId = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.awardId as string;
      await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
      // Staff reading the award: the organization's access log shows who.
      const award = (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body as { reports: Array<{ id: string; kind: string; period: string }> };
      const interim = award.reports.find((report) => report.kind === 'interim')!;
      awards[locale] = { owner, organizationId, awardId, interimId: interim.id, interimPeriod: interim.period };
    }
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  /** Opens a page signed out, signs in on the sign-in page it leads to, and comes back to it. */
  async function signInAt(page: Page, path: string, user: TestUser, locale: PageLocale): Promise<void> {
    await page.goto(path);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel(WORDS[locale].email).fill(user.email);
    await page.getByLabel(WORDS[locale].password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: WORDS[locale].signIn }).click();
    await page.waitForURL(`${baseUrl}${path}`);
  }

  it('sends a signed-out visitor to sign in, hides an organization from others, and leaves filing to its members', async () => {
    const signedOut = await api().get('/organizations').expect(303);
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Forganizations');
    const stranger = await signedInUser(app);
    const hidden = await api().get(`/organizations/${awards.en.organizationId}`).set(stranger.auth).expect(404);
    expect(hidden.headers['content-type']).toMatch(/text\/html/);
    await api().get(`/awards/${awards.en.awardId}/reports/${awards.en.interimId}/file`).set(stranger.auth).expect(404);
    const refused = await api().get(`/awards/${awards.en.awardId}/reports/${awards.en.interimId}/file`).set(officer.auth).expect(403);
    expect(refused.text).toContain(WORDS.en.forbidden);
    // An officer reads the award page, without links to file its reports.
    const awardPage = await api().get(`/awards/${awards.en.awardId}`).set(officer.auth).expect(200);
    expect(awardPage.text).not.toContain(WORDS.en.fileLink);
  });

  it('shows the owner an officer opening the award page, exactly as reading the award through the API', async () => {
    const awardReads = async ({ owner, organizationId, awardId }: AwardSetup): Promise<number> => {
      const log = (await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=100`).set(owner.auth).expect(200)).body.items as Array<{ action: string; entityId: string; actor: { role: string | null } | null }>;
      return log.filter((entry) => entry.action === 'award.viewed' && entry.entityId === awardId && entry.actor?.role === 'officer').length;
    };
    const before = { en: await awardReads(awards.en), fr: await awardReads(awards.fr) };
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      await signInAt(page, `/awards/${awards.en.awardId}`, officer, 'en');
    } finally {
      await page.close();
    }
    await api().get(`/api/v1/awards/${awards.fr.awardId}`).set(officer.auth).expect(200);
    expect({ en: await awardReads(awards.en), fr: await awardReads(awards.fr) }).toEqual({ en: before.en + 1, fr: before.fr + 1 });
  });

  it('shows the owner an officer opening the organization’s profile and members pages, exactly as reading them through the API', async () => {
    const staffReads = async ({ owner, organizationId }: AwardSetup) => {
      const log = (await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=100`).set(owner.auth).expect(200)).body.items as Array<{ action: string; entityType: string; entityId: string; actor: unknown }>;
      return log.filter((entry) => entry.entityType === 'organization' && entry.entityId === organizationId && entry.action.endsWith('viewed')).map(({ action, actor }) => ({ action, actor }));
    };
    expect(await staffReads(awards.en)).toEqual([]);
    expect(await staffReads(awards.fr)).toEqual([]);

    // In the browser: the profile, then the members through the organization's menu.
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      await signInAt(page, `/organizations/${awards.en.organizationId}`, officer, 'en');
      expect(await textOf(page)).toContain(WORDS.en.readOnly);
      await page.getByRole('link', { name: WORDS.en.members, exact: true }).click();
      await page.waitForURL(`${baseUrl}/organizations/${awards.en.organizationId}/members`);
      expect(await textOf(page)).toContain(awards.en.owner.email);
    } finally {
      await page.close();
    }
    // Through the API: the same reads, of the other organization.
    await api().get(`/api/v1/organizations/${awards.fr.organizationId}`).set(officer.auth).expect(200);
    await api().get(`/api/v1/organizations/${awards.fr.organizationId}/members`).set(officer.auth).expect(200);

    const read = { actor: { name: 'Test officer', role: 'officer' } };
    expect(await staffReads(awards.en)).toEqual([{ action: 'organization.members_viewed', ...read }, { action: 'organization.viewed', ...read }]);
    expect(await staffReads(awards.fr)).toEqual(await staffReads(awards.en));
    // The owner's access log page says so, in the owner's language.
    for (const locale of ['en', 'fr'] as const) {
      const logPage = await api().get(`/organizations/${awards[locale].organizationId}/access-log`).set(awards[locale].owner.auth).expect(200);
      expect(logPage.text).toContain(WORDS[locale].profileViewed);
      expect(logPage.text).toContain(WORDS[locale].membersViewed);
    }
  });

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    const words = WORDS[locale];

    it('registers an organization after fixing what the page points out, then edits its profile and is warned of a colleague’s change', async () => {
      const user = newcomers[locale];
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      try {
        await signInAt(page, '/organizations', user, locale);
        expect(await textOf(page)).toContain(words.none);
        await expectAccessible(page, `no organization yet, ${locale}`);

        if (locale === 'en') {
          await page.getByRole('link', { name: words.register }).click();
          await page.waitForURL(`${baseUrl}/organizations/new`);
        } else {
          // As another page sends someone who needs an organization first (`next`: where to come back to).
          await page.goto('/organizations/new?next=%2Forganizations');
        }
        await expectAccessible(page, `registration form, ${locale}`);
        await screenshot(page, `organization-new-${locale}`);

        // No region, and a letter O where the postal code has a zero.
        await page.getByLabel(words.legalName).fill(NAMES[locale]);
        await page.locator(`label[for="type-${words.type}"]`).click();
        await page.getByLabel(words.line1).fill('10 Queen St W');
        await page.getByLabel(words.city).fill('Toronto');
        await page.getByLabel(words.postalCode).fill('K1A OB1');
        await page.locator('label[for="indigenousLed-yes"]').click();
        await page.locator(`label[for="preferredLanguage-${locale}"]`).click();
        await page.getByRole('button', { name: words.submitNew }).click();
        expect(await textOf(page, '#error-summary')).toContain(words.regionError);
        expect(await textOf(page, '#error-summary')).toContain(words.postalCodeError);
        expect(await page.locator('#error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['#region-central', '#postalCode']);
        expect(await textOf(page, '#postalCode-error')).toContain(words.postalCodeError);
        expect(await page.locator('#postalCode').getAttribute('aria-invalid')).toBe('true');
        expect(await summaryHasFocus(page)).toBe(true);
        expect(await page.getByLabel(words.legalName).inputValue()).toBe(NAMES[locale]);
        expect(await page.locator('#postalCode').inputValue()).toBe('K1A OB1');
        expect(await page.locator(`#type-${words.type}`).isChecked()).toBe(true);
        expect(await page.locator('#indigenousLed-yes').isChecked()).toBe(true);
        await expectAccessible(page, `registration refused, ${locale}`);
        if (locale === 'en') await screenshot(page, 'organization-new-errors-en');

        await page.locator('label[for="region-toronto"]').click();
        await page.locator('#postalCode').fill('k1a 0b1');
        await page.getByRole('button', { name: words.submitNew }).click();
        if (locale === 'en') {
          await page.waitForURL(/\/organizations\/[0-9a-f-]{36}\?notice=created$/);
          expect(await textOf(page, '[role=status]')).toContain(words.created);
        } else {
          await page.waitForURL(`${baseUrl}/organizations`);
          await page.getByRole('link', { name: NAMES[locale] }).click();
          await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
        }
        const organizationId = /organizations\/([0-9a-f-]{36})/.exec(page.url())![1]!;
        registered[locale] = organizationId;
        expect(await page.locator('h1').textContent()).toBe(NAMES[locale]);
        expect(await page.locator('#postalCode').inputValue()).toBe('K1A 0B1');
        expect(await page.locator('nav.web-subnav a[aria-current=page]').count()).toBe(1);
        await expectAccessible(page, `profile, owner, ${locale}`);
        await screenshot(page, `organization-profile-${locale}`);
        const saved = (await api().get(`/api/v1/organizations/${organizationId}`).set(user.auth).expect(200)).body;
        expect(saved).toMatchObject({ legalName: NAMES[locale], type: words.type, region: 'toronto', indigenousLed: true, preferredLanguage: locale, address: { postalCode: 'K1A 0B1' } });

        await page.getByLabel(words.operatingName).fill('Harbour Light');
        await page.getByRole('button', { name: words.save }).click();
        await page.waitForURL(`${baseUrl}/organizations/${organizationId}?notice=saved`);
        expect(await textOf(page, '[role=status]')).toContain(words.saved);
        expect(await page.getByLabel(words.operatingName).inputValue()).toBe('Harbour Light');

        // A colleague saves through the API while this form is open: nothing typed is lost, nothing is overwritten unseen.
        const version = (await api().get(`/api/v1/organizations/${organizationId}`).set(user.auth).expect(200)).body.version as number;
        await api().patch(`/api/v1/organizations/${organizationId}`).set(user.auth).send({ version, operatingName: 'Phare du port' }).expect(200);
        await page.getByLabel(words.city).fill('Ottawa');
        await page.getByRole('button', { name: words.save }).click();
        expect(await textOf(page, '#error-summary')).toContain(words.stale);
        expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#saved-values');
        expect(await textOf(page, '#saved-values')).toContain('Phare du port');
        expect(await textOf(page, '#saved-values')).toContain('Toronto');
        expect(await page.getByLabel(words.city).inputValue()).toBe('Ottawa');
        expect(await page.getByLabel(words.operatingName).inputValue()).toBe('Harbour Light');
        await expectAccessible(page, `profile changed by someone else, ${locale}`);
        await page.getByRole('button', { name: words.save }).click();
        await page.waitForURL(`${baseUrl}/organizations/${organizationId}?notice=saved`);
        expect((await api().get(`/api/v1/organizations/${organizationId}`).set(user.auth).expect(200)).body).toMatchObject({ operatingName: 'Harbour Light', address: { city: 'Ottawa' } });
      } finally {
        await page.close();
      }
    });

    it('invites an editor with the keyboard alone; the editor accepts from the email and reads the profile without a form', async () => {
      const owner = newcomers[locale];
      const editor = editors[locale];
      const organizationId = registered[locale];
      const membersPath = `/organizations/${organizationId}/members`;
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      try {
        await signInAt(page, membersPath, owner, locale);
        await expectAccessible(page, `members, owner, ${locale}`);

        await tabTo(page, page.getByLabel(words.inviteEmail));
        await page.keyboard.type('amelie@');
        await tabTo(page, page.getByRole('button', { name: words.send }));
        await page.keyboard.press('Enter');
        await page.waitForSelector('#error-summary');
        expect(await textOf(page, '#error-summary')).toContain(words.emailError);
        expect(await textOf(page, '#error-summary')).toContain(words.roleError);
        expect(await summaryHasFocus(page)).toBe(true);
        expect(await page.getByLabel(words.inviteEmail).inputValue()).toBe('amelie@');
        await expectAccessible(page, `invitation refused, ${locale}`);

        await tabTo(page, page.getByLabel(words.inviteEmail));
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(editor.email);
        await tabTo(page, '#role-editor');
        await page.keyboard.press('Space');
        expect(await page.locator('#role-editor').isChecked()).toBe(true);
        await tabTo(page, page.getByRole('button', { name: words.send }));
        await page.keyboard.press('Enter');
        await page.waitForURL(`${baseUrl}${membersPath}?notice=invited`);
        expect(await textOf(page, '[role=status]')).toContain(words.invited);
        expect(await textOf(page)).toContain(editor.email);
        await expectAccessible(page, `members with a pending invitation, ${locale}`);
        await screenshot(page, `organization-members-${locale}`);
      } finally {
        await page.close();
      }

      const [email] = await mailbox.waitFor(editor.email, { timeoutMs: 20_000 });
      expect(email!.subject).toContain(words.invitationSubject);
      expect(email!.subject).toContain(NAMES[locale]);
      const link = /\/organizations\/invitations\/[0-9a-f-]{36}/.exec(email!.text)?.[0];
      expect(link).toBeDefined();

      const invited = await newPage(browser, baseUrl, { locale });
      invited.setDefaultTimeout(10_000);
      try {
        await signInAt(invited, link!, editor, locale);
        expect(await textOf(invited, 'h1')).toContain(NAMES[locale]);
        await expectAccessible(invited, `invitation, ${locale}`);
        await invited.getByRole('button', { name: words.accept }).click();
        await invited.waitForURL(`${baseUrl}/organizations/${organizationId}?notice=joined`);
        expect(await textOf(invited, '[role=status]')).toContain(words.joined);
        expect(await textOf(invited)).toContain(words.readOnly);
        expect(await textOf(invited, 'dl')).toContain('Harbour Light');
        expect(await invited.getByRole('button', { name: words.save }).count()).toBe(0);
        expect(await invited.locator('input[name=legalName]').count()).toBe(0);
        expect(await invited.getByRole('link', { name: words.accessLog }).count()).toBe(0);
        await expectAccessible(invited, `profile, editor, ${locale}`);

        await invited.goto(membersPath);
        expect(await textOf(invited)).toContain(words.ownersOnly);
        expect(await invited.locator('form input[name=email]').count()).toBe(0);
        expect(await textOf(invited, 'tbody')).toContain(words.editor);
        await expectAccessible(invited, `members, editor, ${locale}`);

        const refused = await invited.goto(`/organizations/${organizationId}/access-log`);
        expect(refused!.status()).toBe(403);

        await invited.goto('/organizations');
        expect(await textOf(invited, 'tbody')).toContain(NAMES[locale]);
        expect(await textOf(invited, 'tbody')).toContain(words.editor);
        await expectAccessible(invited, `my organizations, ${locale}`);
        await screenshot(invited, `organization-list-${locale}`);
      } finally {
        await invited.close();
      }
    });

    it('shows the owner who read the organization’s information, offers the export, and files a report told what to fix', async () => {
      const { owner, organizationId, awardId, interimId, interimPeriod } = awards[locale];
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      try {
        await signInAt(page, `/organizations/${organizationId}/access-log`, owner, locale);
        const officerRows = page.locator('tbody tr', { hasText: 'Test officer' });
        expect(await officerRows.count()).toBeGreaterThanOrEqual(2);
        const officerText = (await officerRows.allTextContents()).join(' ').replace(/[\u00a0\u202f]/g, ' ');
        expect(officerText).toContain(words.officer);
        expect(officerText).toContain(words.awardViewed);
        expect(officerText).toContain(words.screened);
        await expectAccessible(page, `access log, ${locale}`);
        await screenshot(page, `organization-access-log-${locale}`);

        await page.goto(`/organizations/${organizationId}`);
        const exportLink = page.getByRole('link', { name: words.exportLink });
        expect(await exportLink.getAttribute('href')).toBe(`/api/v1/organizations/${organizationId}/export`);
        const archive = await page.request.get(`/api/v1/organizations/${organizationId}/export`);
        expect(archive.status()).toBe(200);
        expect(archive.headers()['content-type']).toMatch(/application\/zip/);
        expect((await archive.body()).subarray(0, 2).toString()).toBe('PK');

        await page.goto(`/awards/${awardId}`);
        expect(await page.getByRole('link', { name: words.fileLink }).count()).toBe(2);
        await page.locator('tbody tr', { hasText: `${words.interim}${interimPeriod}` }).getByRole('link', { name: words.fileLink }).click();
        await page.waitForURL(`${baseUrl}/awards/${awardId}/reports/${interimId}/file`);
        await expectAccessible(page, `report form, ${locale}`);

        // One amount per budget line of the period (schedule D): here, personnel only.
        expect(await textOf(page, 'fieldset')).toContain(words.spending);
        const personnel = page.locator('#spent-personnel');
        await personnel.fill(words.badAmount);
        await page.getByLabel(MEASURES[1]!.label[locale]).fill('14');
        await page.getByRole('button', { name: words.submitReport }).click();
        const summary = await textOf(page, '#error-summary');
        for (const message of [words.spentError, words.countError, words.narrativeError]) expect(summary).toContain(message.replace(/\u00a0/g, ' '));
        expect(await page.locator('#error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['#spent-personnel', '#count-0', '#narrative']);
        expect(await textOf(page, '#spent-personnel-error')).toContain(words.spentError);
        expect(await summaryHasFocus(page)).toBe(true);
        expect(await personnel.inputValue()).toBe(words.badAmount);
        expect(await page.getByLabel(MEASURES[1]!.label[locale]).inputValue()).toBe('14');
        await expectAccessible(page, `report refused, ${locale}`);
        await screenshot(page, `organization-report-${locale}`);

        await personnel.fill(words.amount);
        await page.getByLabel(MEASURES[0]!.label[locale]).fill('120');
        await page.getByLabel(words.narrative).fill('Opened six beds; ᐊᓂᔑᓈᐯ outreach began.');
        await page.getByRole('button', { name: words.submitReport }).click();
        await page.waitForURL(`${baseUrl}/awards/${awardId}?done=report-filed`);
        await page.getByRole('status').filter({ hasText: locale === 'fr' ? 'Votre rapport est remis.' : 'Your report is filed.' }).waitFor();
        const row = page.locator('tbody tr', { hasText: `${words.interim}${interimPeriod}` });
        expect(((await row.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ')).toContain(words.filed);
        expect(await row.getByRole('link').count()).toBe(0);
        expect(await page.getByRole('link', { name: words.fileLink }).count()).toBe(1);
        await expectAccessible(page, `award after filing, ${locale}`);
      } finally {
        await page.close();
      }
      const award = (await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body as { reports: Array<{ id: string; status: string; spentCents: number; outcomes: unknown; narrative: string }> };
      expect(award.reports.find((report) => report.id === interimId)).toMatchObject({
        status: 'submitted',
        spentCents: 123_456,
        spending: [{ fiscalYear: interimPeriod, category: 'personnel', spentCents: 123_456 }],
        outcomes: { people_served: 120, staff_trained: 14 },
        narrative: 'Opened six beds; ᐊᓂᔑᓈᐯ outreach began.',
      });
    });
  });

  it('works without JavaScript: a report sent back shows the officer’s comment and what was filed, and is filed again', async () => {
    const { owner, awardId, interimId, interimPeriod } = awards.en;
    await api().post(`/api/v1/awards/${awardId}/reports/${interimId}/review`).set(officer.auth).send({ outcome: 'returned', comment: 'Add the spending by category.' }).expect(200);
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signInAt(page, `/awards/${awardId}`, owner, 'en');
      await page.locator('tbody tr', { hasText: `${WORDS.en.interim}${interimPeriod}` }).getByRole('link', { name: WORDS.en.fileLink }).click();
      await page.waitForURL(`${baseUrl}/awards/${awardId}/reports/${interimId}/file`);
      expect(await textOf(page)).toContain(WORDS.en.returned);
      expect(await textOf(page)).toContain('Add the spending by category.');
      expect(await page.locator('#spent-personnel').inputValue()).toBe('1,234.56');
      expect(await page.getByLabel('People served').inputValue()).toBe('120');
      expect(await page.getByLabel(WORDS.en.narrative).inputValue()).toBe('Opened six beds; ᐊᓂᔑᓈᐯ outreach began.');

      await page.getByLabel('Staff trained').fill('');
      await page.getByLabel(WORDS.en.narrative).fill('Opened six beds. Spending by category: staff $1,000.00, rent $234.56.');
      await page.getByRole('button', { name: WORDS.en.submitReport }).click();
      expect(await textOf(page, '#error-summary')).toContain('Enter a whole number, 0 or more, for “Staff trained”.');
      expect(await page.getByLabel(WORDS.en.narrative).inputValue()).toBe('Opened six beds. Spending by category: staff $1,000.00, rent $234.56.');
      await page.getByLabel('Staff trained').fill('15');
      await page.getByRole('button', { name: WORDS.en.submitReport }).click();
      await page.waitForURL(`${baseUrl}/awards/${awardId}?done=report-filed`);
      expect(await page.locator('tbody tr', { hasText: `${WORDS.en.interim}${interimPeriod}` }).textContent()).toContain(WORDS.en.filed);
    } finally {
      await page.close();
    }
    const award = (await api().get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200)).body as { reports: Array<{ id: string; status: string; outcomes: unknown; narrative: string }> };
    expect(award.reports.find((report) => report.id === interimId)).toMatchObject({ status: 'submitted', outcomes: { people_served: 120, staff_trained: 15 }, narrative: expect.stringContaining('Spending by category') });
  });
});
