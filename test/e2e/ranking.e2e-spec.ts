import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, REFLOW_WIDTH, screenshot } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

/**
 * The worked example of docs/reviews.md, pinned. Rubric: need and capacity, each out of 10 with
 * the same weight, so a review's weighted score is 5 × (need + capacity). Two reviews each.
 *
 *            Ada (lenient)   Ben (severe)   Cleo      requested
 *   Alder         90              70          –       $50,000
 *   Birch         80              –          75       $40,000
 *   Cedar         –               50         65       $30,000
 *   Dogwood       70              40          –       $10,000
 *   Elm           –          (assigned)      60       $25,000   ← awaiting reviews, 1 of 2
 *
 * Panel: 9 reviews, mean 66.67, sd 14.34. Ada: mean 80 (+13.33); Ben: 53.33 (−13.33); Cleo 66.67.
 * Normalized: Alder 85.03, Birch 76.25, Cedar 62.83, Dogwood 50.22 (Elm's review calibrates Cleo
 * but Elm is not ranked). Envelope $100,000: Alder and Birch fit ($90,000); Cedar does not, which
 * draws the line; Dogwood's $10,000 would fit the $10,000 left, but stays below the line.
 */
const RUBRIC = {
  criteria: [
    { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 1, maxScore: 10 },
    { key: 'capacity', label: { en: 'Capacity', fr: 'Capacité' }, weight: 1, maxScore: 10 },
  ],
};
type Reviewer = 'ada' | 'ben' | 'cleo';
const APPLICATIONS: Array<{ name: string; requestedCents: number; reviews: Array<[Reviewer, number, number] | [Reviewer, null]> }> = [
  { name: 'Alder', requestedCents: 5_000_000, reviews: [['ada', 10, 8], ['ben', 7, 7]] },
  { name: 'Birch', requestedCents: 4_000_000, reviews: [['ada', 8, 8], ['cleo', 8, 7]] },
  { name: 'Cedar', requestedCents: 3_000_000, reviews: [['ben', 5, 5], ['cleo', 7, 6]] },
  { name: 'Dogwood', requestedCents: 1_000_000, reviews: [['ada', 6, 8], ['ben', 4, 4]] },
  { name: 'Elm', requestedCents: 2_500_000, reviews: [['cleo', 6, 6], ['ben', null]] },
];

describe('the ranking, explained: only complete reviews ranked, normalization said in words, the running total and the funding line (API and Chromium)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let callId: string;
  const ids = new Map<string, string>();
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApi(testConfig(await isolatedEnvironment('ranking')));
    browser = await launchBrowser();
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    const reviewers: Record<Reviewer, TestUser> = {
      ada: await signedInUser(app, ['reviewer'], { name: 'Ada Lovelace' }),
      ben: await signedInUser(app, ['reviewer'], { name: 'Ben Okafor' }),
      cleo: await signedInUser(app, ['reviewer'], { name: 'Cleo Tremblay' }),
    };
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 10_000_000, maxRequestCents: 6_000_000, rubric: RUBRIC, reviewersPerApplication: 2, disagreementThreshold: 25 })).expect(201)).body.id;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    for (const { name, requestedCents, reviews } of APPLICATIONS) {
      const owner = await signedInUser(app);
      const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: `${name} Community Services` })).expect(201);
      const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
      const budget = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: requestedCents }];
      await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${name})`, summary: 'Housing and outreach.', answers: { need: 'Housing', people_served: 30 }, budget }).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
      await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
      ids.set(name, draft.body.id);
      for (const [who, need, capacity] of reviews) {
        const reviewer = reviewers[who];
        const assignment = await api().post(`/api/v1/applications/${draft.body.id}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201);
        if (need === null) continue;
        await api().post(`/api/v1/assignments/${assignment.body.id}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);
        await api()
          .put(`/api/v1/assignments/${assignment.body.id}/scores`)
          .set(reviewer.auth)
          .send({ scores: [{ criterionKey: 'need', score: need, comment: '' }, { criterionKey: 'capacity', score: capacity, comment: '' }], overallComment: '' })
          .expect(200);
        await api().post(`/api/v1/assignments/${assignment.body.id}/submit`).set(reviewer.auth).expect(200);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('ranks the four applications with all their reviews, explains the moves, and keeps the fifth apart', async () => {
    const ranking = (await api().get(`/api/v1/calls/${callId}/ranking`).set(officer.auth).expect(200)).body;
    expect(ranking).toMatchObject({ rankedCount: 4, awaitingCount: 1, budgetEnvelopeCents: 10_000_000, recommendedCents: 9_000_000, remainingCents: 1_000_000, fundingLineAfterRank: 2, nextCursor: null });
    const rows = (ranking.items as Array<Record<string, unknown>>).map(({ organizationName, rank, weightedScore, normalizedScore, spread, disagreement, cumulativeCents, recommendedCents, aboveFundingLine, normalization, reviewsSubmitted, reviewsRequired }) => ({
      organizationName, rank, weightedScore, normalizedScore, spread, disagreement, cumulativeCents, recommendedCents, aboveFundingLine, normalization, reviews: `${reviewsSubmitted}/${reviewsRequired}`,
    }));
    expect(rows).toEqual([
      { organizationName: 'Alder Community Services', rank: 1, weightedScore: 80, normalizedScore: 85.03, spread: 20, disagreement: false, cumulativeCents: 5_000_000, recommendedCents: 5_000_000, aboveFundingLine: true, normalization: { reviewer: 'B', name: 'Ben Okafor', offset: -13.33 }, reviews: '2/2' },
      { organizationName: 'Birch Community Services', rank: 2, weightedScore: 77.5, normalizedScore: 76.25, spread: 5, disagreement: false, cumulativeCents: 9_000_000, recommendedCents: 4_000_000, aboveFundingLine: true, normalization: null, reviews: '2/2' },
      { organizationName: 'Cedar Community Services', rank: 3, weightedScore: 57.5, normalizedScore: 62.83, spread: 15, disagreement: false, cumulativeCents: 9_000_000, recommendedCents: 0, aboveFundingLine: false, normalization: { reviewer: 'B', name: 'Ben Okafor', offset: -13.33 }, reviews: '2/2' },
      { organizationName: 'Dogwood Community Services', rank: 4, weightedScore: 55, normalizedScore: 50.22, spread: 30, disagreement: true, cumulativeCents: 9_000_000, recommendedCents: 0, aboveFundingLine: false, normalization: { reviewer: 'A', name: 'Ada Lovelace', offset: 13.33 }, reviews: '2/2' },
    ]);
    expect(ranking.items[0].criteria).toEqual([{ key: 'need', mean: 8.5 }, { key: 'capacity', mean: 7.5 }]);
    expect(ranking.items[3].criteria).toEqual([{ key: 'need', mean: 5 }, { key: 'capacity', mean: 6 }]);
    expect(ranking.panel).toMatchObject({ reviews: 9, mean: 66.67, stdDev: 14.34 });
    expect(ranking.panel.reviewers.map(({ reviewer, name, reviews, mean, offset, normalized }: Record<string, unknown>) => [reviewer, name, reviews, mean, offset, normalized])).toEqual([
      ['A', 'Ada Lovelace', 3, 80, 13.33, true],
      ['B', 'Ben Okafor', 3, 53.33, -13.33, true],
      ['C', 'Cleo Tremblay', 3, 66.67, 0, true],
    ]);

    const awaiting = (await api().get(`/api/v1/calls/${callId}/ranking/awaiting`).set(officer.auth).expect(200)).body;
    expect(awaiting).toEqual({ items: [expect.objectContaining({ applicationId: ids.get('Elm'), organizationName: 'Elm Community Services', reviewsSubmitted: 1, reviewsRequired: 2, requestedCents: 2_500_000 })], nextCursor: null });

    // A page at a time, in the same order.
    const first = (await api().get(`/api/v1/calls/${callId}/ranking?limit=3`).set(officer.auth).expect(200)).body;
    expect(first.items.map((item: { rank: number }) => item.rank)).toEqual([1, 2, 3]);
    const second = (await api().get(`/api/v1/calls/${callId}/ranking?limit=3&cursor=${first.nextCursor}`).set(officer.auth).expect(200)).body;
    expect(second).toMatchObject({ items: [expect.objectContaining({ rank: 4, organizationName: 'Dogwood Community Services' })], nextCursor: null });
    await api().get(`/api/v1/calls/${callId}/ranking?cursor=not-a-cursor`).set(officer.auth).expect(400, /INVALID_CURSOR/);
    await api().get(`/api/v1/calls/${callId}/ranking?limit=0`).set(officer.auth).expect(400, /limit/);
  });

  it('withholds the reviews of an organization the reader is tied to, and keeps its place', async () => {
    const insider = await signedInUser(app, ['officer']);
    const [{ organization_id: alder }] = (await app.get(DataSource).query(`SELECT organization_id FROM application WHERE id = $1`, [ids.get('Alder')])) as Array<{ organization_id: string }>;
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [alder, insider.id]);
    const ranking = (await api().get(`/api/v1/calls/${callId}/ranking`).set(insider.auth).expect(200)).body;
    expect(ranking.items[0]).toMatchObject({ rank: 1, organizationName: 'Alder Community Services', status: null, weightedScore: null, normalizedScore: null, spread: null, criteria: [], normalization: null, withheld: 'member', cumulativeCents: 5_000_000, aboveFundingLine: true });
    expect(ranking.items[1]).toMatchObject({ rank: 2, normalizedScore: 76.25, withheld: null });
    expect(ranking.fundingLineAfterRank).toBe(2);

    // On the page: the row says why, and the picture leaves that bar out, the line still after the second application.
    const page = await newPage(browser, baseUrl);
    try {
      await page.goto(`/sign-in?next=${encodeURIComponent(`/officer/calls/${callId}`)}`);
      await page.locator('#email').fill(insider.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}`);
      const tiedRow = await page.locator('#ranking-table tbody tr').first().textContent();
      expect(tiedRow).toContain('Its reviews are not shown to you: you are tied to this organization.');
      expect(tiedRow).toContain('Not shown to you');
      const bars = page.locator('#ranking-chart rect.web-chart__bar');
      expect(await bars.evaluateAll((all) => all.map((bar) => bar.getAttribute('data-score')))).toEqual(['76.3', '62.8', '50.2']);
      const [birch, cedar] = await bars.evaluateAll((all) => all.slice(0, 2).map((bar) => Number(bar.getAttribute('y'))));
      const lineAt = Number(await page.locator('#ranking-chart g.web-chart__funding-line').getAttribute('data-y'));
      expect(lineAt > birch! && lineAt < cedar!).toBe(true);
      await expectAccessible(page, 'ranking with a withheld row');
    } finally {
      await page.close();
    }
  });

  it('asks a reason to approve below the line, but none to decide an application still awaiting reviews', async () => {
    const decision = { outcome: 'approved', approvedCents: 1_000_000, rationale: 'Fills a gap in the north' };
    const refused = await api().post(`/api/v1/applications/${ids.get('Dogwood')}/decision`).set(officer.auth).send(decision).expect(422);
    expect(refused.body.code).toBe('OVERRIDE_REASON_REQUIRED');
    const awaiting = await api().post(`/api/v1/applications/${ids.get('Elm')}/decision`).set(officer.auth).send({ ...decision, approvedCents: 2_500_000 }).expect(200);
    expect(awaiting.body).toMatchObject({ status: 'approved', aboveFundingLine: null });
    // Decided, Elm is still not ranked: its reviews are what ranks it, not its decision.
    const ranking = (await api().get(`/api/v1/calls/${callId}/ranking`).set(officer.auth).expect(200)).body;
    expect(ranking).toMatchObject({ rankedCount: 4, awaitingCount: 1, fundingLineAfterRank: 2 });
  });

  it('shows the same on the officer’s page, in English and French, with the funding line where it falls, at desktop and phone widths', async () => {
    for (const locale of ['en', 'fr'] as const) {
      const page: Page = await newPage(browser, baseUrl, { locale });
      try {
        await page.goto(`/sign-in?next=${encodeURIComponent(`/officer/calls/${callId}`)}`);
        await page.locator('#email').fill(officer.email);
        await page.locator('#password').fill(TEST_PASSWORD);
        await page.locator('form[action="/sign-in"] button[type=submit]').click();
        await page.waitForURL(`${baseUrl}/officer/calls/${callId}`);
        if (locale === 'fr') await page.goto(`/language?to=fr&next=${encodeURIComponent(`/officer/calls/${callId}`)}`);

        const summary = await page.locator('#ranking-summary dd').allTextContents();
        const ranked = page.locator('#ranking-table tbody tr');
        const rows = await ranked.allTextContents();
        if (locale === 'en') {
          expect(summary).toEqual(['$100,000.00', '$90,000.00', '$10,000.00', 'After rank 2 of 4', '1, not ranked until their reviews are in']);
          expect(rows).toHaveLength(5);
          expect(rows[0]).toContain('Alder Community Services');
          expect(rows[0]).toContain('Raised: reviewer B scores 13.3 points below the panel on average.');
          expect(rows[0]).toContain('Need: 8.5 / 10');
          expect(rows[2]).toBe('Funding line: $90,000.00 of the $100,000.00 envelope recommended above it, $10,000.00 left.');
          expect(rows[3]).toContain('Cedar Community Services');
          expect(rows[4]).toContain('Lowered: reviewer A scores 13.3 points above the panel on average.');
          expect(rows[4]).toContain('Reviewers disagree');
          expect(rows[4]).toContain('Not recommended');
          expect(await page.locator('#awaiting + p + .ontario-table-container tbody tr').allTextContents()).toEqual([expect.stringMatching(/Elm Community Services.*1 of 2.*\$25,000\.00.*Approved/s)]);
          expect(await page.locator('#calibration-table tbody th').allTextContents()).toEqual(['A: Ada Lovelace', 'B: Ben Okafor', 'C: Cleo Tremblay']);
          // The pictures: the scores in rank order with the line after the second, the reviewers against the panel; each named, and pointing at its table.
          const chart = page.locator('#ranking-chart svg[role=img]');
          expect(await chart.locator('rect.web-chart__bar').evaluateAll((bars) => bars.map((bar) => [bar.getAttribute('data-score'), bar.getAttribute('class')]))).toEqual([
            ['85', 'web-chart__bar web-chart__bar--above'],
            ['76.3', 'web-chart__bar web-chart__bar--above'],
            ['62.8', 'web-chart__bar web-chart__bar--below'],
            ['50.2', 'web-chart__bar web-chart__bar--below'],
          ]);
          // One line, drawn between the second bar and the third.
          const [second, third] = await chart.locator('rect.web-chart__bar').evaluateAll((bars) => bars.slice(1, 3).map((bar) => Number(bar.getAttribute('y'))));
          const lineAt = Number(await chart.locator('g.web-chart__funding-line').getAttribute('data-y'));
          expect(lineAt > second! && lineAt < third!).toBe(true);
          expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
          expect(await page.locator('#ranking-chart figcaption a').getAttribute('href')).toBe('#ranking-table');
          expect(await chart.locator('g.web-chart__funding-line').textContent()).toContain('Funding line: $90,000.00');
          expect(await page.locator('#calibration-chart circle.web-chart__mean').evaluateAll((dots) => dots.map((dot) => dot.getAttribute('data-mean')))).toEqual(['80', '53.3', '66.7']);
          expect(await page.locator('#calibration-chart figcaption a').getAttribute('href')).toBe('#calibration-table');
        } else {
          expect(summary[3]).toBe('Après le rang 2 sur 4');
          expect(rows[0]).toContain('Relevée\u00a0: l’évaluateur B note en moyenne 13,3 points sous le comité.');
          expect(rows[2]).toContain('Seuil de financement\u00a0:');
          expect(await page.locator('#awaiting + p + .ontario-table-container tbody tr').allTextContents()).toEqual([expect.stringMatching(/Elm Community Services.*1 sur 2/s)]);
          expect(await page.locator('#ranking-chart figcaption').textContent()).toContain('Notes normalisées des rangs 1 à 4');
        }
        await expectAccessible(page, `ranking, ${locale}`);
        await screenshot(page, `ranking-explained-${locale}`);
        await page.setViewportSize({ width: REFLOW_WIDTH, height: 800 });
        await expectAccessible(page, `ranking at ${REFLOW_WIDTH} px, ${locale}`);
        await screenshot(page, `ranking-explained-${locale}-${REFLOW_WIDTH}`);
      } finally {
        await page.close();
      }
    }
  });
});
