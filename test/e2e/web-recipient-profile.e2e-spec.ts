import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, expectReflows, launchBrowser, newPage, PageLocale, REFLOW_WIDTH, screenshot } from '../support/browser';
import { ORGANIZATION } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { DESKTOP_IN_ENGLISH, PHONE_IN_FRENCH, Setting } from '../support/journey';

/** What each language's pages say, with no-break spaces written as plain ones (see textOf). */
const WORDS = {
  en: {
    email: 'Email address',
    password: 'Password',
    signIn: 'Sign in',
    save: 'Save changes',
    saved: 'The profile is saved.',
    problemsTitle: 'Before your organization can submit an application',
    businessNumberProblem: 'Give your organization’s CRA Business Number, or say why it has none',
    contactsProblem: 'Give at least two contacts',
    signingProblem: 'Say which of your organization’s contacts has signing authority',
    notMember: 'has signing authority: invite them to join your organization',
    checkDigit: 'This is not a valid Business Number: its last digit does not match the first eight.',
    phoneError: 'Enter the phone number of contact 2 as a North American number',
    canSign: 'Yes, can sign',
    none: 'None: ',
    contacts: [
      { name: 'Dana Whitford', title: 'Executive Director', phone: '416-555-0134' },
      { name: 'Sam Okafor', title: 'Program Manager', phone: '416-555-0199 ext. 12' },
    ],
  },
  fr: {
    email: 'Adresse courriel',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    save: 'Enregistrer les modifications',
    saved: 'Le profil est enregistré.',
    problemsTitle: 'Avant que votre organisme puisse soumettre une demande',
    businessNumberProblem: 'Indiquez le numéro d’entreprise de l’ARC de votre organisme, ou la raison pour laquelle il n’en a pas',
    contactsProblem: 'Indiquez au moins deux personnes-ressources',
    signingProblem: 'Indiquez laquelle des personnes-ressources de votre organisme a le pouvoir de signature',
    notMember: 'a le pouvoir de signature : invitez cette personne à se joindre à votre organisme',
    checkDigit: 'Ce numéro d’entreprise n’est pas valide : son dernier chiffre ne correspond pas aux huit premiers.',
    phoneError: 'Entrez le numéro de téléphone de la personne-ressource 2 sous forme de numéro nord-américain',
    canSign: 'Oui, peut signer',
    none: 'Aucun : ',
    contacts: [
      { name: 'Marie Tremblay', title: 'Directrice générale', phone: '613-555-0134' },
      { name: 'Luc Gagnon', title: 'Coordonnateur', phone: '(613) 555-0199 poste 12' },
    ],
  },
} as const;

/** Where the screenshots for a person to look at go, when SHOTS_DIR is set (UPDATE_SCREENSHOTS writes the documentation's). */
const SHOTS_DIR = process.env.SHOTS_DIR;

interface InPageDocument {
  document: { activeElement: unknown };
}

/** The text of an element with no-break spaces (French punctuation) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

async function summaryHasFocus(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as InPageDocument).document.activeElement);
}

/** The whole page at a desktop's width and at the narrowest WCAG asks for, for a person to look at. */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  if (!SHOTS_DIR) return;
  await mkdir(SHOTS_DIR, { recursive: true });
  const viewport = page.viewportSize()!;
  for (const width of [1280, REFLOW_WIDTH]) {
    await page.setViewportSize({ width, height: viewport.height });
    await page.screenshot({ path: join(SHOTS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

describe('the recipient profile on the organization’s page (Chromium, axe, reflow)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_recipient_profile'));
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signInAt(page: Page, path: string, user: TestUser, locale: PageLocale): Promise<void> {
    await page.goto(path);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel(WORDS[locale].email).fill(user.email);
    await page.getByLabel(WORDS[locale].password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: WORDS[locale].signIn }).click();
    await page.waitForURL(`${baseUrl}${path}`);
  }

  /** An organization registered through the API with no Business Number and no contacts yet. */
  async function incompleteOrganization(owner: TestUser, legalName: string): Promise<string> {
    return (await api().post('/api/v1/organizations').set(owner.auth).send({ ...ORGANIZATION, legalName }).expect(201)).body.id as string;
  }

  describe.each([DESKTOP_IN_ENGLISH, PHONE_IN_FRENCH])('on a $name screen', (setting: Setting) => {
    const { locale } = setting;
    const words = WORDS[locale];

    it('completes the profile: a Business Number typed with spaces (told of a typo beside it), two contacts, one who signs; the warning goes', async () => {
      const owner = await signedInUser(app, ['applicant'], { locale });
      const organizationId = await incompleteOrganization(owner, locale === 'en' ? 'Harbour Light Community Services' : 'Cercle métis de la rivière Rouge');
      const path = `/organizations/${organizationId}`;
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      await page.setViewportSize(setting.viewport);
      try {
        await signInAt(page, path, owner, locale);
        // Incomplete: the warning lists each missing part, linking to its field on this page.
        expect(await textOf(page, '#profile-problems')).toContain(words.problemsTitle);
        const links = page.locator('#profile-problems a');
        expect(await links.allTextContents()).toEqual([words.businessNumberProblem, expect.stringContaining(words.contactsProblem), words.signingProblem]);
        expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')))).toEqual([`${path}#businessNumber`, `${path}#contacts`, `${path}#contacts`]);
        expect(await page.locator('#businessNumber').count()).toBe(1);
        expect(await page.locator('#contacts').count()).toBe(1);
        await expectAccessible(page, `incomplete profile, ${locale}`);
        await expectReflows(page, `incomplete profile, ${locale}`);
        await shots(page, `recipient-profile-incomplete-${locale}`);

        // A typo in the Business Number; the second contact's phone number is not one.
        await page.locator('label[for="hasBusinessNumber-yes"]').click();
        await page.locator('#businessNumber').fill('123 456 789 RR0001');
        for (const [row, contact] of words.contacts.entries()) {
          await page.locator(`#contacts-${row}-name`).fill(contact.name);
          await page.locator(`#contacts-${row}-title`).fill(contact.title);
          await page.locator(`#contacts-${row}-email`).fill(row === 0 ? owner.email : `programs.${owner.email}`);
          await page.locator(`#contacts-${row}-phone`).fill(row === 0 ? contact.phone : '555-01');
        }
        await page.locator('label[for="contacts-0-signingAuthority"]').click();
        await page.getByRole('button', { name: words.save }).click();
        expect(await textOf(page, '#error-summary')).toContain(words.checkDigit);
        expect(await textOf(page, '#error-summary')).toContain(words.phoneError);
        expect(await page.locator('#error-summary a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')))).toEqual(['#businessNumber', '#contacts-1-phone']);
        expect(await textOf(page, '#businessNumber-error')).toContain(words.checkDigit);
        expect(await page.locator('#businessNumber').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#businessNumber').getAttribute('aria-describedby')).toBe('businessNumber-hint businessNumber-error');
        expect(await textOf(page, '#contacts-1-phone-error')).toContain(words.phoneError);
        expect(await summaryHasFocus(page)).toBe(true);
        // What was typed is kept.
        expect(await page.locator('#businessNumber').inputValue()).toBe('123 456 789 RR0001');
        expect(await page.locator('#contacts-1-name').inputValue()).toBe(words.contacts[1].name);
        expect(await page.locator('#contacts-1-phone').inputValue()).toBe('555-01');
        expect(await page.locator('#contacts-0-signingAuthority').isChecked()).toBe(true);
        expect(await page.locator('#hasBusinessNumber-yes').isChecked()).toBe(true);
        await expectAccessible(page, `profile refused, ${locale}`);
        await expectReflows(page, `profile refused, ${locale}`);
        await shots(page, `recipient-profile-errors-${locale}`);

        await page.locator('#businessNumber').fill('123 456 782 rr0001');
        await page.locator('#contacts-1-phone').fill(words.contacts[1].phone);
        await page.getByRole('button', { name: words.save }).click();
        await page.waitForURL(`${baseUrl}${path}?notice=saved`);
        expect(await textOf(page, '[role=status]')).toContain(words.saved);
        // Complete: the signing authority is the owner, a member.
        expect(await page.locator('#profile-problems').count()).toBe(0);

        await page.reload();
        expect(await page.locator('#hasBusinessNumber-yes').isChecked()).toBe(true);
        expect(await page.locator('#businessNumber').inputValue()).toBe('123456782 RR0001');
        for (const [row, contact] of words.contacts.entries()) {
          expect(await page.locator(`#contacts-${row}-name`).inputValue()).toBe(contact.name);
          expect(await page.locator(`#contacts-${row}-title`).inputValue()).toBe(contact.title);
          expect(await page.locator(`#contacts-${row}-phone`).inputValue()).toBe(contact.phone);
        }
        expect(await page.locator('#contacts-0-email').inputValue()).toBe(owner.email);
        expect(await page.locator('#contacts-0-signingAuthority').isChecked()).toBe(true);
        expect(await page.locator('#contacts-1-signingAuthority').isChecked()).toBe(false);
        // A blank row to add a third.
        expect(await page.locator('#contacts-2-name').inputValue()).toBe('');
        expect(await page.locator('#contacts-3-name').count()).toBe(0);
        await expectAccessible(page, `complete profile, ${locale}`);
        await expectReflows(page, `complete profile, ${locale}`);
        await shots(page, `recipient-profile-complete-${locale}`);
      } finally {
        await page.close();
      }
      const saved = (await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200)).body;
      expect(saved).toMatchObject({
        businessNumber: '123456782RR0001',
        noBusinessNumberReason: null,
        contacts: [
          { ...words.contacts[0], email: owner.email, signingAuthority: true },
          { ...words.contacts[1], email: `programs.${owner.email}`, signingAuthority: false },
        ],
        profileProblems: [],
      });
    });
  });

  it('works without JavaScript: the reason for having no Business Number replaces the number, and an officer reads both parts back', async () => {
    const owner = await signedInUser(app, ['applicant'], { locale: 'fr' });
    const organizationId = await incompleteOrganization(owner, 'Première Nation de la baie');
    const path = `/organizations/${organizationId}`;
    const version = (await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200)).body.version as number;
    // A signing authority who is not a member yet.
    const contacts = [
      { name: 'Marie Tremblay', title: 'Directrice générale', email: owner.email, phone: '613-555-0134', signingAuthority: false },
      { name: 'Luc Gagnon', title: 'Chef', email: 'chef@baie.example.org', phone: '613-555-0199', signingAuthority: true },
    ];
    await api().patch(`/api/v1/organizations/${organizationId}`).set(owner.auth).send({ version, businessNumber: '123456782', contacts }).expect(200);
    const reason = 'Un gouvernement de Première Nation : l’ARC ne nous a pas attribué de numéro d’entreprise.';

    const page = await newPage(browser, baseUrl, { locale: 'fr', javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signInAt(page, path, owner, 'fr');
      expect(await page.locator('#profile-problems a').count()).toBe(1);
      expect(await textOf(page, '#profile-problems a')).toContain(`Luc Gagnon (chef@baie.example.org) ${WORDS.fr.notMember}`);
      await page.locator('label[for="hasBusinessNumber-no"]').click();
      await page.locator('#noBusinessNumberReason').fill(reason);
      await page.getByRole('button', { name: WORDS.fr.save }).click();
      await page.waitForURL(`${baseUrl}${path}?notice=saved`);
      expect(await page.locator('#hasBusinessNumber-no').isChecked()).toBe(true);
      expect(await page.locator('#businessNumber').inputValue()).toBe('');
      expect(await page.locator('#noBusinessNumberReason').inputValue()).toBe(reason);

      // The warning's link leads to inviting the signing authority, their address filled in.
      await page.locator('#profile-problems a').click();
      await page.waitForURL(`${baseUrl}${path}/members?invite=chef%40baie.example.org`);
      expect(await page.locator('#email').inputValue()).toBe('chef@baie.example.org');
    } finally {
      await page.close();
    }
    expect((await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200)).body).toMatchObject({ businessNumber: null, noBusinessNumberReason: reason });

    const reader = await newPage(browser, baseUrl, { locale: 'en' });
    reader.setDefaultTimeout(10_000);
    try {
      await signInAt(reader, path, officer, 'en');
      expect(await reader.locator('input[name=businessNumber]').count()).toBe(0);
      expect(await textOf(reader, '#businessNumber')).toBe(`${WORDS.en.none}${reason.replace(/\u00a0/g, ' ')}`);
      expect(await textOf(reader, '#profile-problems')).toContain('Luc Gagnon (chef@baie.example.org) has signing authority');
      const rows = reader.locator('#contacts ~ .ontario-table-container tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await textOf(reader, '#contacts ~ .ontario-table-container tbody tr:nth-child(2)')).toContain(WORDS.en.canSign);
      await expectAccessible(reader, 'profile read by an officer');
      await expectReflows(reader, 'profile read by an officer');
      await shots(reader, 'recipient-profile-read-en');
    } finally {
      await reader.close();
    }
  });
});
