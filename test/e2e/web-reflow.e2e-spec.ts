import { mkdir } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, layoutOf, newPage, PageLocale, REFLOW_WIDTH } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

/** The narrowest width WCAG 1.4.10 asks content to reflow to, and a common phone. */
const VIEWPORTS = [
  { width: REFLOW_WIDTH, height: 640 },
  { width: 390, height: 844 },
] as const;
/** Space a reader sees between the edge of the screen and the text, at the least. */
const SIDE_MARGIN = 8;
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker for the downtown drop-in centre', amountCents: 4_000_000 },
  { fiscalYear: '2028-29', category: 'training', description: 'Trauma-informed training', amountCents: 2_000_000 },
];
// A long answer with a long unbroken run (a web address), as applicants paste them.
const NEED = 'Transitional housing for survivors leaving exploitation, see https://www.example.org/reports/2026/transitional-housing-needs-assessment-toronto-downtown-east';
/** Set REFLOW_SCREENSHOTS=/some/dir to keep a picture of every page at every width, to look at. */
const SCREENSHOTS = process.env.REFLOW_SCREENSHOTS;

interface InPageWindow {
  document: { documentElement: { scrollHeight: number } };
}

describe('every page reflows on a phone, down to 320 CSS pixels, in English and French (Chromium, axe)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let applicant: TestUser;
  let reviewer: TestUser;
  let admin: TestUser;
  /** Each persona's main pages, by a name for the screenshots. */
  const paths: Record<'applicant' | 'officer' | 'reviewer' | 'admin', Array<[string, string]>> = { applicant: [], officer: [], reviewer: [], admin: [] };
  const api = () => request(app.getHttpServer());

  async function submitted(callId: string, legalName: string): Promise<string> {
    const organization = await api().post('/api/v1/organizations').set(applicant.auth).send(organizationFor(applicant, { legalName })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(applicant.auth).send({ organizationId: organization.body.id }).expect(201);
    const id = draft.body.id as string;
    await api()
      .patch(`/api/v1/applications/${id}`)
      .set(applicant.auth)
      .send({ version: 1, title: 'Safe Harbour transitional housing', summary: 'Housing and legal support for survivors in Toronto.', answers: { need: NEED, people_served: 1250, delivery: 'in_person' }, budget: BUDGET })
      .expect(200);
    await api().post(`/api/v1/applications/${id}/attachments`).set(applicant.auth).field('key', 'financial_statements').attach('file', PDF, 'audited-financial-statements-2025.pdf').expect(201);
    await api().post(`/api/v1/applications/${id}/submit`).set(applicant.auth).expect(200);
    await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    return id;
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_reflow'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    [officer, applicant, reviewer, admin] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app), signedInUser(app, ['reviewer']), signedInUser(app, ['admin'])]);

    // A call decided and released: its ranking, and an award in the awards list.
    const decided = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ reviewersPerApplication: 1 })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${decided}/publish`).set(officer.auth).expect(200);
    const funded = await submitted(decided, 'Harbour Light Community Services of the Greater Toronto Area');
    const review = await api().post(`/api/v1/applications/${funded}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201);
    await api().post(`/api/v1/assignments/${review.body.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
    await api()
      .put(`/api/v1/assignments/${review.body.id}/scores`)
      .set(reviewer.auth)
      .send({ scores: [{ criterionKey: 'need', score: 8, comment: 'Clear need' }, { criterionKey: 'capacity', score: 4, comment: 'Solid team' }], overallComment: 'Read in full' })
      .expect(200);
    await api().post(`/api/v1/assignments/${review.body.id}/submit`).set(reviewer.auth).expect(200);
    await api()
      .post(`/api/v1/applications/${funded}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 5_500_000, conditions: 'Quarterly check-ins.', rationale: 'Strong proposal' })
      .expect(200);
    const release = (await api().post(`/api/v1/calls/${decided}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${decided}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));
    const reference = (await api().get(`/api/v1/applications/${funded}`).set(applicant.auth).expect(200)).body.referenceNumber as string;

    // An open call: an application the reviewer is scoring, and the applicant's draft.
    const open = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ title: { en: 'Prevention and early intervention projects 2027', fr: 'Projets de prévention et d’intervention précoce 2027' } })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${open}/publish`).set(officer.auth).expect(200);
    const scoring = await submitted(open, 'Maison Sécurité Sudbury');
    const assignment = await api().post(`/api/v1/applications/${scoring}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201);
    await api().post(`/api/v1/assignments/${assignment.body.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
    const organization = await api().post('/api/v1/organizations').set(applicant.auth).send(organizationFor(applicant, { legalName: 'Refuge Arc-en-ciel du Nord-Est ontarien' })).expect(201);
    const draft = (await api().post(`/api/v1/calls/${open}/applications`).set(applicant.auth).send({ organizationId: organization.body.id }).expect(201)).body.id as string;
    await api().patch(`/api/v1/applications/${draft}`).set(applicant.auth).send({ version: 1, title: 'Early intervention in schools', answers: { need: NEED }, budget: BUDGET }).expect(200);

    paths.applicant = [['home', '/'], ['applications', '/applications'], ['call', `/calls/${open}`], ['tasks', `/applications/${draft}/edit`], ['project', `/applications/${draft}/edit/project`], ['section', `/applications/${draft}/edit/sections/project`], ['budget', `/applications/${draft}/edit/budget`], ['attachments', `/applications/${draft}/edit/attachments`], ['check', `/applications/${draft}/check`], ['submitted', `/applications/${funded}`]];
    paths.officer = [['calls', '/officer/calls'], ['applications', '/officer/applications'], ['application', `/officer/applications/${funded}`], ['ranking', `/officer/calls/${decided}`], ['awards', '/officer/awards'], ['audit', `/officer/audit?entityId=${reference}`]];
    paths.reviewer = [['reviews', '/reviews'], ['scoring', `/reviews/${assignment.body.id}`], ['submitted', `/reviews/${review.body.id}`]];
    paths.admin = [['staff', '/admin/staff'], ['new staff', '/admin/staff/new']];
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  /** A page signed in as the user through the sign-in page, in the language asked for. */
  async function signedIn(user: TestUser, locale: PageLocale): Promise<Page> {
    const page = await newPage(browser, baseUrl, { locale });
    page.setDefaultTimeout(15_000);
    await page.goto('/sign-in');
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    // The accounts are in English: French is chosen with the language switch, as a person would.
    if (locale === 'fr') await page.goto('/language?to=fr&next=%2F');
    return page;
  }

  /** The whole page in pictures a screen high each (a full page's picture is too tall to look at). */
  async function screenshots(page: Page, name: string): Promise<void> {
    const viewport = page.viewportSize()!;
    const height = await page.evaluate(() => (globalThis as unknown as InPageWindow).document.documentElement.scrollHeight);
    for (let y = 0, part = 1; y < height; y += viewport.height, part += 1) {
      await page.screenshot({ path: join(SCREENSHOTS!, `${name}-${part}.png`), fullPage: true, clip: { x: 0, y, width: viewport.width, height: Math.min(viewport.height, height - y) } });
    }
  }

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    it.each(['applicant', 'officer', 'reviewer', 'admin'] as const)('%s: no page scrolls sideways, the menu and sign-out fit, text keeps a margin, tables stack', async (who) => {
      const user = { applicant, officer, reviewer, admin }[who];
      const page = await signedIn(user, locale);
      try {
        for (const [name, path] of paths[who]) {
          for (const viewport of VIEWPORTS) {
            await page.setViewportSize(viewport);
            const response = await page.goto(path);
            const where = `${path} at ${viewport.width} px (${locale})`;
            expect({ where, status: response?.status() }).toEqual({ where, status: 200 });
            if (locale === 'fr') expect({ where, lang: await page.locator('html').getAttribute('lang') }).toEqual({ where, lang: 'fr-CA' });
            if (SCREENSHOTS) await screenshots(page, `${who}-${name}-${viewport.width}-${locale}`);
            const layout = await layoutOf(page);
            expect({ where, ...layout }).toEqual({ where, scrollWidth: viewport.width, innerWidth: viewport.width, scrollingTables: 0 });
            const signOut = await page.locator('form[action="/sign-out"] button').boundingBox();
            expect({ where, signOut: signOut !== null && signOut.x >= 0 && signOut.x + signOut.width <= viewport.width && signOut.y >= 0 }).toEqual({ where, signOut: true });
            const heading = (await page.locator('main h1').boundingBox())!;
            expect({ where, left: heading.x >= SIDE_MARGIN, right: heading.x + heading.width <= viewport.width - SIDE_MARGIN }).toEqual({ where, left: true, right: true });
            if (viewport.width === 390) await expectAccessible(page, where);
          }
        }
      } finally {
        await page.close();
      }
    });
  });

  it('shows each cell of a stacked table with its column heading', async () => {
    const page = await signedIn(officer, 'en');
    try {
      await page.setViewportSize(VIEWPORTS[0]);
      await page.goto('/officer/applications');
      const row = page.locator('.web-table tbody tr').first();
      // The headings row is out of sight, yet still there for screen readers.
      expect((await page.locator('.web-table thead').boundingBox())!.height).toBeLessThanOrEqual(1);
      const cells = await row.locator('td, th').evaluateAll((elements) =>
        elements.map((element) => ({
          label: (globalThis as unknown as { getComputedStyle(element: unknown, pseudo: string): { content: string } }).getComputedStyle(element, '::before').content,
          text: (element as unknown as { textContent: string }).textContent.trim(),
        })),
      );
      // Shown before each cell (the CSS content's first string; after the slash, its empty alternative text).
      expect(cells.map((cell) => /^"([^"]*)"/.exec(cell.label)?.[1])).toEqual(['Reference', 'Organization', 'Project title', 'Call', 'Status', 'Requested', 'Submitted']);
      // To a screen reader it is still a table, with its headings, and a cell is not read with its heading twice.
      const { nodes } = await (await page.context().newCDPSession(page)).send('Accessibility.getFullAXTree');
      const named = (role: string) => nodes.filter((node) => !node.ignored && node.role?.value === role).map((node) => String(node.name?.value ?? ''));
      expect(named('table')).toEqual(['Applications, most recently started first']);
      expect(named('columnheader')).toEqual(['Reference', 'Organization', 'Project title', 'Call', 'Status', 'Requested', 'Submitted']);
      expect(named('cell')).toContain('Harbour Light Community Services of the Greater Toronto Area');
      expect(named('cell').filter((name) => name.startsWith('Organization'))).toEqual([]);
      // Cells are one under the other, each as wide as the screen allows.
      const boxes = await row.locator('td, th').evaluateAll((elements) => elements.map((element) => (element as unknown as { getBoundingClientRect(): { left: number; top: number } }).getBoundingClientRect()));
      expect(new Set(boxes.map((box) => Math.round(box.left))).size).toBe(1);
      expect(boxes.every((box, index) => index === 0 || box.top > boxes[index - 1]!.top)).toBe(true);
      // On a wide screen the table is a table again.
      await page.setViewportSize({ width: 1280, height: 800 });
      expect((await page.locator('.web-table thead').boundingBox())!.height).toBeGreaterThan(20);
    } finally {
      await page.close();
    }
  });
});
