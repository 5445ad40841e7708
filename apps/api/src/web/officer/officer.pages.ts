import type { ReleaseProgress } from '@grants/awards';
import type { Call } from '@grants/calls';
import { formatInstant, formatMoney, formatScore, Page } from '@grants/core';
import { html } from '@grants/notifications';
import { MIN_REVIEWS_TO_NORMALIZE } from '@grants/reviews';
import type { AwaitingReviewItem, CallDecision, CallRanking } from '@grants/reviews';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { calibrationChart, rankedScoreChart } from '../views/charts';
import { layout } from '../views/layout';

export function callsPage(page: PageContext, calls: Call[]): string {
  const { t, locale } = page;
  const rows = calls.map((call) => {
    const title = call.title?.[locale] || call.title?.en || call.id;
    // A draft opens in the call editor; a published call in its ranking, with its terms one link away.
    const draft = call.status === 'draft';
    return html`<tr>
      <td>${call.fundCode}</td>
      <td><a href="${draft ? `/officer/calls/${call.id}/edit` : `/officer/calls/${call.id}`}">${title}</a></td>
      <td>${t(`officer.callStatus.${call.status}` as MessageKey)}</td>
      <td>${call.closesAt ? formatInstant(locale, call.closesAt) : '—'}</td>
      <td><a href="/officer/calls/${call.id}/edit">${t(draft ? 'callEditor.list.edit' : 'callEditor.list.viewTerms')}<span class="ontario-show-for-sr"> (${title})</span></a></td>
    </tr>`;
  });
  return layout(page, {
    title: t('officer.calls.title'),
    body: html`<p><a class="ontario-button ontario-button--primary" href="/officer/calls/new">${t('callEditor.list.create')}</a></p>
${
  calls.length === 0
    ? html`<p>${t('officer.calls.none')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.list.caption')}</caption>
  <thead><tr><th scope="col">${t('officer.calls.fund')}</th><th scope="col">${t('officer.calls.call')}</th><th scope="col">${t('officer.calls.status')}</th><th scope="col">${t('officer.calls.closes')}</th><th scope="col">${t('callEditor.list.actions')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}`,
  });
}

export interface RankingPageData {
  call: Call;
  ranking: CallRanking;
  awaiting: Page<AwaitingReviewItem>;
  decisions: CallDecision[];
  releases: ReadonlyArray<Pick<ReleaseProgress, 'id' | 'createdAt'>>;
  /** The cursors the page was asked with, kept in the other list's links. */
  cursor: string;
  awaitingCursor: string;
}

/**
 * The call's ranking, explained: the applications with all their reviews in rank order (a page at
 * a time) with their raw and normalized scores, spread, criterion means and why normalization moved
 * them, the running total against the envelope and the funding line where it falls; the applications
 * still awaiting reviews apart; each reviewer's calibration against the panel; then releasing.
 */
export function rankingPage(page: PageContext, data: RankingPageData): string {
  const { t, locale } = page;
  const { call, ranking, awaiting, decisions, releases } = data;
  const outcomes = new Map(decisions.map((decision) => [decision.applicationId, decision.outcome]));
  const unreleased = decisions.filter((decision) => !decision.released).length;
  const criteria = call.rubric?.criteria ?? [];
  const decisionOf = (applicationId: string, withheld: unknown) => {
    if (withheld) return t('officer.ranking.notShown');
    const outcome = outcomes.get(applicationId);
    return outcome ? t(outcome === 'approved' ? 'screening.decision.approved' : 'screening.decision.declined') : t('officer.decision.none');
  };
  const here = (cursor: string, awaitingCursor: string, anchor: string) => {
    const query = new URLSearchParams({ ...(cursor ? { cursor } : {}), ...(awaitingCursor ? { awaitingCursor } : {}) }).toString();
    return `/officer/calls/${call.id}${query ? `?${query}` : ''}#${anchor}`;
  };
  const line = html`<tr class="web-funding-line" id="funding-line"><td colspan="9">${t('officer.ranking.fundingLine', {
    recommended: formatMoney(locale, ranking.recommendedCents),
    envelope: formatMoney(locale, ranking.budgetEnvelopeCents),
    remaining: formatMoney(locale, ranking.remainingCents),
  })}</td></tr>`;
  const rows = ranking.items.map((item) => {
    const moved = item.normalization
      ? html`<span class="web-note">${t(item.normalization.offset < 0 ? 'officer.ranking.raised' : 'officer.ranking.lowered', { reviewer: item.normalization.reviewer, points: formatScore(locale, Math.abs(item.normalization.offset)) })}</span>`
      : '';
    const means = criteria.map((criterion) => {
      const mean = item.criteria.find((candidate) => candidate.key === criterion.key)?.mean ?? null;
      return html`<li>${t('officer.ranking.criterionMean', { criterion: criterion.label[locale] || criterion.label.en, mean: mean === null ? '—' : formatScore(locale, mean), max: criterion.maxScore })}</li>`;
    });
    // Tied to the organization: its place, not its reviews (docs/api.md, separation of duties).
    const scores =
      item.weightedScore === null || item.normalizedScore === null || item.spread === null
        ? html`<td colspan="4">${t('officer.ranking.withheld')}</td>`
        : html`<td class="web-number">${formatScore(locale, item.weightedScore)}</td>
      <td class="web-number web-wrap">${formatScore(locale, item.normalizedScore)}${moved}</td>
      <td class="web-number web-wrap">${formatScore(locale, item.spread)}${item.disagreement ? html`<br><strong>${t('officer.ranking.disagree')}</strong>` : ''}</td>
      <td>${means.length > 0 ? html`<details class="web-criteria"><summary>${t('officer.ranking.criteriaShow')}</summary><ul>${means}</ul></details>` : '—'}</td>`;
    const row = html`<tr class="${item.aboveFundingLine ? 'web-above-line' : 'web-below-line'}">
      <td>${item.rank}</td>
      <td><a href="/officer/applications/${item.applicationId}">${item.referenceNumber ?? item.applicationId}</a><br>${item.organizationName}</td>
      ${scores}
      <td class="web-number">${formatMoney(locale, item.requestedCents)}</td>
      <td class="web-number">${item.aboveFundingLine ? formatMoney(locale, item.cumulativeCents) : t('officer.ranking.notRecommended')}</td>
      <td>${decisionOf(item.applicationId, item.withheld)}</td>
    </tr>`;
    return item.rank === ranking.fundingLineAfterRank ? html`${row}${line}` : row;
  });
  // The line above the first row when nothing fits, so that it is drawn somewhere on the first page.
  const lineFirst = ranking.fundingLineAfterRank === null && ranking.items[0]?.rank === 1 ? line : '';
  const first = ranking.items[0]?.rank ?? 0;
  const last = ranking.items.at(-1)?.rank ?? 0;
  const pager =
    ranking.nextCursor || first > 1
      ? html`<nav aria-label="${t('officer.ranking.pages')}"><ul class="web-pager">
  ${first > 1 ? html`<li><a href="${here('', data.awaitingCursor, 'ranked')}">${t('officer.ranking.top')}</a></li>` : ''}
  ${ranking.nextCursor ? html`<li><a href="${here(ranking.nextCursor, data.awaitingCursor, 'ranked')}">${t('officer.ranking.next')}</a></li>` : ''}
</ul></nav>`
      : '';
  // The picture draws what the reader may see: not the scores of an organization they are tied to.
  const drawn = ranking.items.filter((item): item is typeof item & { normalizedScore: number } => item.normalizedScore !== null);
  const lineIndex = ranking.fundingLineAfterRank === null ? -1 : drawn.findLastIndex((item) => item.rank <= ranking.fundingLineAfterRank!);
  const lastRank = ranking.items.at(-1)?.rank ?? 0;
  const chart = rankedScoreChart({
    id: 'ranking-chart',
    caption: t('officer.ranking.chartCaption', { from: first, to: last }),
    description: t('officer.ranking.chartDescription'),
    tableId: 'ranking-table',
    tableLinkLabel: t('officer.ranking.chartTable'),
    items: drawn.map((item) => ({ label: item.referenceNumber ?? item.organizationName, score: item.normalizedScore, above: item.aboveFundingLine })),
    // After the last application above the line; above the first when none fits; none when the line is on another page.
    line: { afterIndex: ranking.fundingLineAfterRank !== null && ranking.fundingLineAfterRank > lastRank ? null : lineIndex >= 0 ? lineIndex : lineFirst ? -1 : null, label: t('officer.ranking.chartLine', { recommended: formatMoney(locale, ranking.recommendedCents) }) },
    axisLabel: t('officer.ranking.chartAxis'),
    formatScore: (score) => formatScore(locale, score),
    aboveLabel: t('officer.ranking.above'),
    belowLabel: t('officer.ranking.below'),
  });
  const rankedTable =
    ranking.items.length === 0
      ? html`<p>${t(ranking.awaitingCount > 0 ? 'officer.ranking.noneComplete' : 'officer.ranking.none')}</p>`
      : html`${chart}
<div class="ontario-table-container"><table class="web-table" id="ranking-table">
  <caption>${t('officer.ranking.caption', { from: first, to: last, total: ranking.rankedCount })}</caption>
  <thead><tr><th scope="col">${t('officer.ranking.rank')}</th><th scope="col">${t('officer.ranking.application')}</th><th scope="col" class="web-number">${t('officer.ranking.mean')}</th><th scope="col" class="web-number">${t('officer.ranking.score')}</th><th scope="col" class="web-number">${t('officer.ranking.spread')}</th><th scope="col">${t('officer.ranking.criteria')}</th><th scope="col" class="web-number">${t('officer.ranking.requested')}</th><th scope="col" class="web-number">${t('officer.ranking.cumulative')}</th><th scope="col">${t('officer.ranking.decision')}</th></tr></thead>
  <tbody>${lineFirst}${rows}</tbody>
</table></div>
${pager}`;

  const awaitingRows = awaiting.items.map(
    (item) => html`<tr>
      <td><a href="/officer/applications/${item.applicationId}">${item.referenceNumber ?? item.applicationId}</a></td>
      <td>${item.organizationName}</td>
      <td>${t('officer.awaiting.reviewsOf', { submitted: item.reviewsSubmitted, required: item.reviewsRequired })}</td>
      <td class="web-number">${formatMoney(locale, item.requestedCents)}</td>
      <td>${decisionOf(item.applicationId, item.withheld)}</td>
    </tr>`,
  );
  const awaitingSection =
    ranking.awaitingCount === 0
      ? ''
      : html`<h2 id="awaiting">${t('officer.awaiting.heading', { count: ranking.awaitingCount })}</h2>
<p>${t('officer.awaiting.body')}</p>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('officer.awaiting.caption')}</caption>
  <thead><tr><th scope="col">${t('applications.reference')}</th><th scope="col">${t('applications.organization')}</th><th scope="col">${t('officer.awaiting.reviews')}</th><th scope="col" class="web-number">${t('officer.ranking.requested')}</th><th scope="col">${t('officer.ranking.decision')}</th></tr></thead>
  <tbody>${awaitingRows}</tbody>
</table></div>
${
  awaiting.nextCursor || data.awaitingCursor
    ? html`<nav aria-label="${t('officer.awaiting.pages')}"><ul class="web-pager">
  ${data.awaitingCursor ? html`<li><a href="${here(data.cursor, '', 'awaiting')}">${t('officer.awaiting.top')}</a></li>` : ''}
  ${awaiting.nextCursor ? html`<li><a href="${here(data.cursor, awaiting.nextCursor, 'awaiting')}">${t('officer.awaiting.next')}</a></li>` : ''}
</ul></nav>`
    : ''
}`;

  const reviewers = ranking.panel.reviewers.map(
    (reviewer) => html`<tr>
      <th scope="row">${t('officer.calibration.reviewerName', { reviewer: reviewer.reviewer, name: reviewer.name })}</th>
      <td class="web-number">${reviewer.reviews}</td>
      <td class="web-number">${formatScore(locale, reviewer.mean)}</td>
      <td class="web-number">${formatScore(locale, reviewer.stdDev)}</td>
      <td class="web-number">${reviewer.offset === 0 ? t('officer.calibration.level') : t(reviewer.offset < 0 ? 'officer.calibration.below' : 'officer.calibration.above', { points: formatScore(locale, Math.abs(reviewer.offset)) })}</td>
      <td>${t(reviewer.normalized ? 'officer.yes' : 'officer.calibration.tooFew')}</td>
    </tr>`,
  );
  const calibration =
    ranking.panel.reviewers.length === 0 || ranking.panel.mean === null
      ? ''
      : html`<h2 id="calibration">${t('officer.calibration.heading')}</h2>
<p>${t('officer.calibration.body', { mean: formatScore(locale, ranking.panel.mean), reviews: ranking.panel.reviews, minimum: MIN_REVIEWS_TO_NORMALIZE })}</p>
${calibrationChart({
  id: 'calibration-chart',
  caption: t('officer.calibration.chartCaption'),
  description: t('officer.calibration.chartDescription'),
  tableId: 'calibration-table',
  tableLinkLabel: t('officer.ranking.chartTable'),
  reviewers: ranking.panel.reviewers.map((reviewer) => ({ label: reviewer.reviewer, mean: reviewer.mean, low: reviewer.mean - reviewer.stdDev, high: reviewer.mean + reviewer.stdDev, count: reviewer.reviews })),
  panelMean: ranking.panel.mean,
  panelMeanLabel: t('officer.calibration.panelMean', { mean: formatScore(locale, ranking.panel.mean) }),
  axisLabel: t('officer.calibration.chartAxis'),
  formatScore: (score) => formatScore(locale, score),
  meanLabel: t('officer.calibration.meanLegend'),
  spreadLabel: t('officer.calibration.spreadLegend'),
  formatCount: (count) => t('officer.calibration.count', { count }),
})}
<div class="ontario-table-container"><table class="web-table" id="calibration-table">
  <caption>${t('officer.calibration.caption')}</caption>
  <thead><tr><th scope="col">${t('officer.calibration.reviewer')}</th><th scope="col" class="web-number">${t('officer.calibration.reviews')}</th><th scope="col" class="web-number">${t('officer.calibration.mean')}</th><th scope="col" class="web-number">${t('officer.calibration.stdDev')}</th><th scope="col" class="web-number">${t('officer.calibration.offset')}</th><th scope="col">${t('officer.calibration.corrected')}</th></tr></thead>
  <tbody>${reviewers}</tbody>
</table></div>`;

  const release =
    unreleased > 0
      ? html`<h2>${t('officer.release.heading')}</h2>
<p>${t('officer.release.body')}</p>
<p><a class="ontario-button ontario-button--primary" href="/officer/calls/${call.id}/release/confirm">${t('officer.release.submit')}</a></p>`
      : '';
  const released =
    releases.length > 0
      ? html`<h2 id="releases">${t('officer.releases.heading')}</h2>
<ul>${releases.map((done) => html`<li><a href="/officer/calls/${call.id}/releases/${done.id}">${t('officer.releases.item', { date: formatInstant(locale, done.createdAt) })}</a></li>`)}</ul>`
      : '';
  return layout(page, {
    title: t('officer.ranking.title', { call: call.title?.[locale] || call.title?.en || '' }),
    body: html`<dl class="web-facts" id="ranking-summary">
  <dt>${t('officer.ranking.envelope')}</dt><dd>${formatMoney(locale, ranking.budgetEnvelopeCents)}</dd>
  <dt>${t('officer.ranking.recommended')}</dt><dd>${formatMoney(locale, ranking.recommendedCents)}</dd>
  <dt>${t('officer.ranking.remaining')}</dt><dd>${formatMoney(locale, ranking.remainingCents)}</dd>
  <dt>${t('officer.ranking.line')}</dt><dd>${ranking.fundingLineAfterRank === null ? t('officer.ranking.lineNone') : t('officer.ranking.lineAfter', { rank: ranking.fundingLineAfterRank, total: ranking.rankedCount })}</dd>
  <dt>${t('officer.ranking.awaitingCount')}</dt><dd>${ranking.awaitingCount === 0 ? t('officer.ranking.awaitingNone') : html`<a href="#awaiting">${t('officer.ranking.awaitingSome', { count: ranking.awaitingCount })}</a>`}</dd>
</dl>
<h2 id="ranked">${t('officer.ranking.heading')}</h2>
${rankedTable}
${awaitingSection}
${calibration}
<ul>
  <li><a href="/officer/calls/${call.id}/assignments">${t('screening.ranking.assignments')}</a></li>
  <li><a href="/officer/applications?callId=${call.id}">${t('screening.ranking.applications')}</a></li>
</ul>
${release}
${released}`,
  });
}

/** What releasing will do, counted from the decisions not yet released, asked before it is done. */
export function releaseConfirmPage(page: PageContext, call: Call, decisions: CallDecision[]): string {
  const { t, locale } = page;
  const pending = decisions.filter((decision) => !decision.released);
  const approved = pending.filter((decision) => decision.outcome === 'approved').length;
  const counts = { total: pending.length, approved, declined: pending.length - approved };
  return layout(page, {
    title: t('officer.releaseConfirm.title'),
    body: html`<p class="ontario-lead-statement">${t('officer.releaseConfirm.call', { call: call.title?.[locale] || call.title?.en || '' })}</p>
<dl class="web-facts" id="release-summary">
  <dt>${t('officer.releaseConfirm.decisions')}</dt><dd>${t('officer.releaseConfirm.split', counts)}</dd>
  <dt>${t('officer.releaseConfirm.letters')}</dt><dd>${pending.length}</dd>
  <dt>${t('officer.releaseConfirm.emails')}</dt><dd>${t('officer.releaseConfirm.emailsEach')}</dd>
</dl>
<p>${t('officer.releaseConfirm.body')}</p>
<p><strong>${t('officer.releaseConfirm.final')}</strong></p>
<form method="post" action="/officer/calls/${call.id}/release">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('officer.releaseConfirm.submit')}</button></div>
</form>
<p><a href="/officer/calls/${call.id}">${t('officer.releaseConfirm.cancel')}</a></p>`,
  });
}

export function releasePage(page: PageContext, progress: ReleaseProgress): string {
  const { t } = page;
  const done = progress.emailsSent + progress.failed;
  const failures = progress.failures.map(
    (failure) => html`<tr><td>${failure.referenceNumber ?? failure.applicationId}</td><td>${t(`officer.release.stage.${failure.stage}` as MessageKey)}</td><td>${failure.error}</td></tr>`,
  );
  const retries = progress.retries.map(
    (retry) =>
      html`<tr><td>${retry.referenceNumber ?? retry.applicationId}</td><td>${t(`officer.release.stage.${retry.stage}` as MessageKey)}</td><td>${retry.error}</td><td>${retry.attempts}</td></tr>`,
  );
  return layout(page, {
    title: t('officer.release.title'),
    body: html`<div id="release" data-status="${progress.status}">
  <label class="ontario-label" for="release-progress">${t('officer.release.progress')}</label>
  <progress id="release-progress" max="${Math.max(progress.total, 1)}" value="${progress.total === 0 ? 1 : done}">${done} / ${progress.total}</progress>
  <p id="release-counts" aria-live="polite">${t('officer.release.counts', { sent: progress.emailsSent, total: progress.total, generated: progress.lettersGenerated, failed: progress.failed })}</p>
  <p id="release-status" role="status">${t(`officer.release.${progress.status}`)}${progress.retrying > 0 ? html` ${t('officer.release.retryingCount', { count: progress.retrying })}` : ''}</p>
<div id="release-retries">${
  retries.length > 0
    ? html`<h2>${t('officer.release.retries')}</h2>
<div class="ontario-table-container"><table class="web-table">
  <thead><tr><th scope="col">${t('applications.reference')}</th><th scope="col">${t('officer.release.stage')}</th><th scope="col">${t('officer.release.lastError')}</th><th scope="col">${t('officer.release.attempts')}</th></tr></thead>
  <tbody>${retries}</tbody>
</table></div>`
    : ''
}</div>
</div>
${progress.status === 'running' || progress.status === 'stalled' ? html`<p><a href="${page.path}">${t('officer.release.refresh')}</a></p>` : ''}
${
  failures.length > 0
    ? html`<h2>${t('officer.release.failures')}</h2>
<div class="ontario-table-container"><table class="web-table">
  <thead><tr><th scope="col">${t('applications.reference')}</th><th scope="col">${t('officer.release.stage')}</th><th scope="col">${t('officer.release.error')}</th></tr></thead>
  <tbody>${failures}</tbody>
</table></div>
<form method="post" action="/officer/calls/${progress.callId}/releases/${progress.id}/retry">${page.csrfField}<button type="submit" class="ontario-button ontario-button--secondary">${t('officer.release.retry')}</button></form>`
    : ''
}
<p><a href="/officer/calls/${progress.callId}">${t('officer.release.back')}</a></p>
<script src="/assets/release-progress.js" defer></script>`,
  });
}
