import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const ANSWERS = { need: 'Housing and outreach for survivors.', people_served: 40, delivery: 'in_person' };

interface Listed {
  id: string;
  referenceNumber: string | null;
  requestedCents: number;
}

/** One line of what is listed: what a test compares. */
interface Made {
  id: string;
  reference: string | null;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Applications searched and sorted, as officers and applicants list them: in a database of its own, so that every search finds exactly these. */
describe('finding applications: search and sort (GET /applications, /officer/applications)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let ownerA: TestUser;
  let ownerB: TestUser;
  let reviewer: TestUser;
  let callId: string;
  /** In the order they were started: aurora, cedar and bridgeway submitted in that order; elm and delta drafts. */
  let aurora: Made, cedar: Made, bridgeway: Made, elm: Made, delta: Made;
  const api = () => request(app.getHttpServer());

  async function organization(owner: TestUser, legalName: string, operatingName?: string): Promise<string> {
    return (await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName, ...(operatingName ? { operatingName } : {}) })).expect(201)).body.id as string;
  }

  async function draft(owner: TestUser, organizationId: string, title: string, amountCents: number): Promise<string> {
    const id = (await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(201)).body.id as string;
    await api()
      .patch(`/api/v1/applications/${id}`)
      .set(owner.auth)
      .send({ version: 1, title, summary: 'Housing and outreach.', answers: ANSWERS, budget: [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents }] })
      .expect(200);
    return id;
  }

  async function submitted(owner: TestUser, id: string): Promise<Made> {
    await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
    const sent = await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
    return { id, reference: sent.body.referenceNumber as string };
  }

  /** Screened in, one reviewer assigned who declares no conflict and saves scores; submitted unless told. */
  async function reviewed(id: string, need: number, capacity: number, { submit = true } = {}): Promise<string> {
    await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    const assignment = (await api().post(`/api/v1/applications/${id}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201)).body.id as string;
    await api().post(`/api/v1/assignments/${assignment}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
    await api()
      .put(`/api/v1/assignments/${assignment}/scores`)
      .set(reviewer.auth)
      .send({ scores: [{ criterionKey: 'need', score: need, comment: 'Clear' }, { criterionKey: 'capacity', score: capacity, comment: 'Able' }], overallComment: 'Read in full' })
      .expect(200);
    if (submit) await api().post(`/api/v1/assignments/${assignment}/submit`).set(reviewer.auth).expect(200);
    return assignment;
  }

  async function listed(user: TestUser, query: Record<string, string>): Promise<string[]> {
    const response = await api().get('/api/v1/applications').query(query).set(user.auth).expect(200);
    return (response.body.items as Listed[]).map((item) => item.id);
  }

  /** Every page of the call's list, two at a time, checking what the totals say comes before each page. */
  async function allPages(query: Record<string, string>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const pageQuery: Record<string, string> = { callId, limit: '2', ...query, ...(cursor ? { cursor } : {}) };
      const page = await api().get('/api/v1/applications').query(pageQuery).set(officer.auth).expect(200);
      const totals = await api().get('/api/v1/applications/totals').query(pageQuery).set(officer.auth).expect(200);
      expect({ query, totals: totals.body }).toEqual({ query, totals: { total: 5, before: ids.length } });
      ids.push(...(page.body.items as Listed[]).map((item) => item.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return ids;
  }

  const ids = (...made: Made[]): string[] => made.map((one) => one.id);
  /** Those without the key, last, by id in the list's order. */
  const unkeyed = (order: 'asc' | 'desc', ...made: Made[]): string[] => {
    const sorted = ids(...made).sort(byId);
    return order === 'asc' ? sorted : sorted.reverse();
  };

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('application_search'));
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    [officer, ownerA, ownerB, reviewer] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app), signedInUser(app), signedInUser(app, ['reviewer'])]);
    callId = await publishedCall(app, officer, { reviewersPerApplication: 1 });
    const [auroraOrg, bridgewayOrg, deltaOrg, cedarOrg, elmOrg] = await Promise.all([
      organization(ownerA, 'Aurora Shelter Network', 'Northern Lights Refuge'),
      organization(ownerA, 'Bridgeway Housing'),
      organization(ownerA, 'Delta Community Aid'),
      organization(ownerB, 'Cedar Healing Lodge'),
      organization(ownerB, 'Elm Street Youth'),
    ]);
    // One after the other: the order started (and submitted) is the order here.
    aurora = await submitted(ownerA, await draft(ownerA, auroraOrg, 'Safe Passage', 3_000_000));
    cedar = await submitted(ownerB, await draft(ownerB, cedarOrg, 'Circles of care', 5_000_000));
    bridgeway = await submitted(ownerA, await draft(ownerA, bridgewayOrg, 'Legal clinic for survivors', 2_000_000));
    elm = { id: await draft(ownerB, elmOrg, 'Youth hub: 100% free', 4_000_000), reference: null };
    delta = { id: await draft(ownerA, deltaOrg, 'Safe Passage North', 1_500_000), reference: null };
    // Weighted scores out of 100: (need / 10 × 2 + capacity / 5) / 3.
    await reviewed(aurora.id, 8, 4); // 80
    await reviewed(cedar.id, 6, 3); // 60
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('search (q)', () => {
    it('finds by a reference number or its beginning, an organization’s legal or operating name, or a project title, case aside', async () => {
      const search = (q: string) => listed(officer, { callId, q });
      expect(await search(cedar.reference!.toLowerCase())).toEqual(ids(cedar));
      // CBSF-2026-00: every submitted application of the fund this year; a draft has no reference.
      expect(await search(aurora.reference!.slice(0, -3).toLowerCase())).toEqual(ids(bridgeway, cedar, aurora));
      expect(await search('northern lights')).toEqual(ids(aurora));
      expect(await search('AURORA')).toEqual(ids(aurora));
      expect(await search('  healing ')).toEqual(ids(cedar));
      expect(await search('safe passage')).toEqual(ids(delta, aurora));
      // Not from the middle of a reference, only from its start.
      expect(await search(cedar.reference!.slice(5))).toEqual([]);
      // What is typed is text: % and _ match only themselves.
      expect(await search('100%')).toEqual(ids(elm));
      expect(await search('%')).toEqual(ids(elm));
      expect(await search('_')).toEqual([]);
      expect((await api().get('/api/v1/applications/totals').query({ callId, q: 'safe passage' }).set(officer.auth).expect(200)).body).toEqual({ total: 2, before: 0 });
    });

    it('searches only the applicant’s own organizations’ applications', async () => {
      expect(await listed(ownerA, { q: 'safe passage' })).toEqual(ids(delta, aurora));
      expect(await listed(ownerA, { q: 'cedar' })).toEqual([]);
      expect(await listed(ownerA, { q: 'healing' })).toEqual([]);
      expect(await listed(ownerA, { q: cedar.reference! })).toEqual([]);
      expect(await listed(ownerA, { q: aurora.reference!.slice(0, -3) })).toEqual(ids(bridgeway, aurora));
      expect(await listed(ownerB, { q: 'aurora' })).toEqual([]);
      expect(await listed(ownerB, { q: 'youth' })).toEqual(ids(elm));
      expect((await api().get('/api/v1/applications/totals').query({ q: 'safe' }).set(ownerB.auth).expect(200)).body).toEqual({ total: 0, before: 0 });
    });

    it('refuses an empty or too long search, naming q', async () => {
      for (const q of ['   ', 'x'.repeat(101)]) {
        const refused = await api().get('/api/v1/applications').query({ q }).set(officer.auth).expect(400);
        expect(refused.body.message).toEqual([expect.stringMatching(/^q /)]);
      }
      await api().get('/api/v1/applications').query({ q: 'x'.repeat(100) }).set(officer.auth).expect(200);
    });
  });

  describe('sort and order', () => {
    it('orders by each key across pages, those without one last in either order', async () => {
      const expectations: Array<[Record<string, string>, string[]]> = [
        [{}, ids(delta, elm, bridgeway, cedar, aurora)],
        [{ sort: 'created', order: 'asc' }, ids(aurora, cedar, bridgeway, elm, delta)],
        [{ sort: 'submitted' }, [...ids(bridgeway, cedar, aurora), ...unkeyed('desc', elm, delta)]],
        [{ sort: 'submitted', order: 'asc' }, [...ids(aurora, cedar, bridgeway), ...unkeyed('asc', elm, delta)]],
        [{ sort: 'requested' }, ids(cedar, elm, aurora, bridgeway, delta)],
        [{ sort: 'requested', order: 'asc' }, ids(delta, bridgeway, aurora, elm, cedar)],
        [{ sort: 'score' }, [...ids(aurora, cedar), ...unkeyed('desc', bridgeway, elm, delta)]],
        [{ sort: 'score', order: 'asc' }, [...ids(cedar, aurora), ...unkeyed('asc', bridgeway, elm, delta)]],
        // In the order applications go through them: drafts, submitted, in review.
        [{ sort: 'status' }, [...unkeyed('asc', elm, delta), bridgeway.id, ...unkeyed('asc', aurora, cedar)]],
        [{ sort: 'status', order: 'desc' }, [...unkeyed('desc', aurora, cedar), bridgeway.id, ...unkeyed('desc', elm, delta)]],
        [{ sort: 'reference' }, [...ids(aurora, cedar, bridgeway), ...unkeyed('asc', elm, delta)]],
        [{ sort: 'reference', order: 'desc' }, [...ids(bridgeway, cedar, aurora), ...unkeyed('desc', elm, delta)]],
        [{ sort: 'organization' }, ids(aurora, bridgeway, cedar, delta, elm)],
        [{ sort: 'organization', order: 'desc' }, ids(elm, delta, cedar, bridgeway, aurora)],
      ];
      for (const [query, expected] of expectations) {
        expect({ query, ids: await allPages(query) }).toEqual({ query, ids: expected });
      }
    });

    it('refuses a sort or an order it does not know, naming the field, and a cursor made for another sort', async () => {
      const sort = await api().get('/api/v1/applications').query({ sort: 'amount' }).set(officer.auth).expect(400);
      expect(sort.body.message).toEqual([expect.stringMatching(/^sort must be one of the following values: created, submitted, requested, score, status, reference, organization/)]);
      const order = await api().get('/api/v1/applications/totals').query({ order: 'up' }).set(officer.auth).expect(400);
      expect(order.body.message).toEqual([expect.stringMatching(/^order must be one of the following values: asc, desc/)]);
      const first = await api().get('/api/v1/applications').query({ callId, limit: 2, sort: 'requested' }).set(officer.auth).expect(200);
      const mixed = await api().get('/api/v1/applications').query({ callId, limit: 2, sort: 'score', cursor: first.body.nextCursor as string }).set(officer.auth).expect(400);
      expect(mixed.body.code).toBe('INVALID_CURSOR');
      await api().get('/api/v1/applications').query({ callId, limit: 2, sort: 'requested', order: 'asc', cursor: first.body.nextCursor as string }).set(officer.auth).expect(400, /INVALID_CURSOR/);
    });

    it('sorts an applicant’s own applications by score as unscored: the reviews are the office’s', async () => {
      expect(await listed(ownerA, { sort: 'score' })).toEqual(unkeyed('desc', aurora, bridgeway, delta));
    });

    it('follows a budget change and a review submission', async () => {
      const current = await api().get(`/api/v1/applications/${delta.id}`).set(ownerA.auth).expect(200);
      await api()
        .patch(`/api/v1/applications/${delta.id}`)
        .set(ownerA.auth)
        .send({ version: current.body.version as number, budget: [
          { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 4_500_000 },
          { fiscalYear: '2028-29', category: 'personnel', description: 'Outreach worker', amountCents: 1_500_000 },
        ] })
        .expect(200);
      expect(await allPages({ sort: 'requested' })).toEqual(ids(delta, cedar, elm, aurora, bridgeway));
      const page = await api().get('/api/v1/applications').query({ callId, sort: 'requested', limit: 1 }).set(officer.auth).expect(200);
      expect(page.body.items[0]).toMatchObject({ id: delta.id, requestedCents: 6_000_000 });

      // Saved scores are not a review yet: only the submission counts.
      const assignment = await reviewed(bridgeway.id, 10, 5, { submit: false });
      expect(await allPages({ sort: 'score' })).toEqual([...ids(aurora, cedar), ...unkeyed('desc', bridgeway, elm, delta)]);
      await api().post(`/api/v1/assignments/${assignment}/submit`).set(reviewer.auth).expect(200);
      expect(await allPages({ sort: 'score' })).toEqual([...ids(bridgeway, aurora, cedar), ...unkeyed('desc', elm, delta)]);
    });
  });

  describe('the officer’s page', () => {
    async function officerPage(next: string, locale: 'en' | 'fr' = 'en'): Promise<Page> {
      const page = await newPage(browser, baseUrl, { locale });
      page.setDefaultTimeout(10_000);
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await page.locator('#email').fill(officer.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL(`${baseUrl}${next}`);
      if (locale === 'fr') await page.goto(`/language?to=fr&next=${encodeURIComponent(next)}`);
      return page;
    }

    const references = async (page: Page): Promise<string[]> => page.locator('tbody tr td:first-child').allTextContents();

    it('searches and sorts in the filter form, keeps the choices, and says when nothing matches', async () => {
      const page = await officerPage('/officer/applications');
      try {
        await page.getByLabel('Search', { exact: true }).fill('cbsf-');
        await page.getByLabel('Sort by', { exact: true }).selectOption({ label: 'Amount requested' });
        await page.getByLabel('Order', { exact: true }).selectOption('asc');
        await page.getByRole('button', { name: 'Show the applications' }).click();
        await page.waitForURL(/sort=requested/);
        const url = new URL(page.url());
        expect([url.searchParams.get('q'), url.searchParams.get('sort'), url.searchParams.get('order')]).toEqual(['cbsf-', 'requested', 'asc']);
        // Bridgeway asks least (2,000,000 cents), then Aurora, then Cedar.
        expect(await references(page)).toEqual([bridgeway.reference, aurora.reference, cedar.reference]);
        expect(await page.locator('table caption').textContent()).toBe('Applications sorted by amount requested, ascending');
        expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('cbsf-');
        expect(await page.getByLabel('Sort by', { exact: true }).inputValue()).toBe('requested');
        await expectAccessible(page, 'applications searched and sorted, English');

        await page.getByLabel('Search', { exact: true }).fill('<no such thing>');
        await page.getByRole('button', { name: 'Show the applications' }).click();
        await page.waitForURL(/no\+such/);
        expect(await page.locator('#application-count').textContent()).toBe('No application matches “<no such thing>”.');
        expect(await page.locator('table').count()).toBe(0);
      } finally {
        await page.close();
      }
    });

    it('reads in French', async () => {
      const page = await officerPage('/officer/applications?q=safe&sort=organization', 'fr');
      try {
        expect(await page.locator('table caption').textContent()).toBe('Demandes triées par organisme, ordre croissant');
        expect(await page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['Aurora Shelter Network', 'Delta Community Aid']);
        expect(await page.getByLabel('Trier par', { exact: true }).inputValue()).toBe('organization');
        await page.goto('/officer/applications?q=rien');
        expect(await page.locator('#application-count').textContent()).toBe('Aucune demande ne correspond à «\u00a0rien\u00a0».');
        await expectAccessible(page, 'recherche sans résultat, français');
      } finally {
        await page.close();
      }
    });
  });
});
