import type { ReleaseProgress } from '@grants/awards';
import type { Call } from '@grants/calls';
import { formatInstant, formatMoney } from '@grants/core';
import { html } from '@grants/notifications';
import type { CallDecision, RankingItem } from '@grants/reviews';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
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

/** The call's ranking with each application's decision; the release form while any decision is not released; the releases done, each one a link to its page. */
export function rankingPage(
  page: PageContext,
  call: Call,
  ranking: { items: RankingItem[]; budgetEnvelopeCents: number },
  decisions: CallDecision[],
  releases: ReadonlyArray<Pick<ReleaseProgress, 'id' | 'createdAt'>>,
): string {
  const { t, locale } = page;
  const outcomes = new Map(decisions.map((decision) => [decision.applicationId, decision.outcome]));
  const unreleased = decisions.filter((decision) => !decision.released).length;
  const rows = ranking.items.map((item) => ({ item, decision: outcomes.get(item.applicationId) ?? null })).map(
    ({ item, decision }) => html`<tr>
      <td>${item.rank}</td>
      <td><a href="/officer/applications/${item.applicationId}">${item.referenceNumber ?? item.applicationId}</a></td>
      <td>${item.organizationName}</td>
      <td class="web-number">${item.reviewsSubmitted}</td>
      <td class="web-number">${item.normalizedScore === null ? '—' : item.normalizedScore.toFixed(1)}</td>
      <td>${item.disagreement ? t('officer.yes') : t('officer.no')}</td>
      <td class="web-number">${formatMoney(locale, item.requestedCents)}</td>
      <td>${item.aboveFundingLine ? t('officer.ranking.above') : t('officer.ranking.below')}</td>
      <td>${decision ? t(decision === 'approved' ? 'screening.decision.approved' : 'screening.decision.declined') : t('officer.decision.none')}</td>
    </tr>`,
  );
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
    body: html`${
      ranking.items.length === 0
        ? html`<p>${t('officer.ranking.none')}</p>`
        : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('officer.ranking.caption', { envelope: formatMoney(locale, ranking.budgetEnvelopeCents) })}</caption>
  <thead><tr><th scope="col">${t('officer.ranking.rank')}</th><th scope="col">${t('applications.reference')}</th><th scope="col">${t('applications.organization')}</th><th scope="col" class="web-number">${t('officer.ranking.reviews')}</th><th scope="col" class="web-number">${t('officer.ranking.score')}</th><th scope="col">${t('officer.ranking.disagreement')}</th><th scope="col" class="web-number">${t('officer.ranking.requested')}</th><th scope="col">${t('officer.ranking.line')}</th><th scope="col">${t('officer.ranking.decision')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
    }
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
