import { AwardReconciliation, ontarioDate, PAYMENT_REFERENCE, YearReconciliationView } from '@grants/awards';
import { formatDate, formatMoney } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorFor, errorSummary, FieldError, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';

export interface ReconciliationPageData {
  reconciliation: AwardReconciliation;
  /** Officers settle what is owed; members and approvers read. The service decides either way. */
  canSettle: boolean;
  values: Record<string, string>;
  errors: FieldError[];
  notice: MessageKey | null;
}

export const repaymentReferenceField = (recoveryId: string): string => `reference-${recoveryId}`;

export function reconciliationPage(page: PageContext, data: ReconciliationPageData): string {
  const { t } = page;
  const { award, years } = data.reconciliation;
  const back = data.canSettle ? `/officer/awards/${award.id}` : `/awards/${award.id}`;
  return layout(page, {
    title: t('reconciliation.title', { reference: award.referenceNumber ?? '' }),
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('errors.summary'), data.errors)}
<dl class="web-facts"><dt>${t('reconciliation.organization')}</dt><dd>${award.organizationName}</dd></dl>
<p>${t('reconciliation.intro')}</p>
${reconciliationTable(page, years)}
${data.canSettle ? settling(page, data) : ''}
<p><a href="${back}">${t('reconciliation.back')}</a></p>`,
  });
}

/** Per fiscal year: paid, spent, the surplus and where it stands (the award pages show it too). */
export function reconciliationTable(page: PageContext, years: readonly YearReconciliationView[]): SafeHtml {
  const { t, locale } = page;
  const money = (cents: number) => formatMoney(locale, cents);
  if (years.length === 0) return html`<p>${t('reconciliation.none')}</p>`;
  return html`<div class="ontario-table-container" id="years" tabindex="-1"><table class="web-table">
  <caption>${t('reconciliation.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('reconciliation.year')}</th>
    <th scope="col" class="web-number">${t('reconciliation.paid')}</th>
    <th scope="col" class="web-number">${t('reconciliation.spent')}</th>
    <th scope="col" class="web-number">${t('reconciliation.surplus')}</th>
    <th scope="col">${t('reconciliation.standing')}</th>
  </tr></thead>
  <tbody>${years.map(
    (year) => html`<tr>
    <th scope="row">${year.fiscalYear}</th>
    <td class="web-number">${money(year.paidCents)}</td>
    <td class="web-number">${year.reportAccepted ? money(year.spentCents) : t('reconciliation.notReported')}</td>
    <td class="web-number">${year.reportAccepted ? money(year.surplusCents) : t('reconciliation.notReported')}</td>
    <td>${standing(page, year)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

/** The award pages' section: the table and the way to the page that settles what is owed. */
export function reconciliationSection(page: PageContext, awardId: string, years: readonly YearReconciliationView[], canSettle: boolean): SafeHtml {
  const { t } = page;
  const owed = years.some((year) => year.unrecordedCents > 0 || year.recoveries.some((recovery) => recovery.settledBy === null));
  return html`<h2 id="reconciliation">${t('reconciliation.heading')}</h2>
${reconciliationTable(page, years)}
<p><a href="/awards/${awardId}/reconciliation">${t(canSettle && owed ? 'reconciliation.settleLink' : 'reconciliation.link')}</a></p>`;
}

function standing(page: PageContext, year: YearReconciliationView): string {
  const { t, locale } = page;
  const [recovery] = year.recoveries;
  if (!recovery) {
    if (!year.reportAccepted) return t('reconciliation.standing.reportPending');
    if (year.outstandingCents > 0) return t('reconciliation.standing.paymentsOutstanding', { amount: formatMoney(locale, year.outstandingCents) });
    return year.unrecordedCents > 0 ? t('reconciliation.standing.unrecorded') : t('reconciliation.standing.balanced');
  }
  const owed = formatMoney(locale, recovery.amountCents - recovery.offsetCents);
  if (recovery.settledBy === 'offset') return t('reconciliation.standing.offset', { date: formatDate(locale, ontarioDate(recovery.settledAt!)), amount: formatMoney(locale, recovery.offsetCents) });
  if (recovery.settledBy === 'repayment') return t('reconciliation.standing.repaid', { date: formatDate(locale, ontarioDate(recovery.settledAt!)), reference: recovery.repaymentReference ?? '' });
  return recovery.offsetCents > 0 ? t('reconciliation.standing.partlyOffset', { amount: owed, kept: formatMoney(locale, recovery.offsetCents) }) : t('reconciliation.standing.owed', { amount: owed });
}

/** One form per thing an officer can do now: record a year's surplus, keep it from the next payments, or record its repayment. */
function settling(page: PageContext, data: ReconciliationPageData): SafeHtml | string {
  const { t, locale } = page;
  const { award, years } = data.reconciliation;
  const forms = years.flatMap((year) => {
    const amount = formatMoney(locale, year.unrecordedCents);
    if (year.reportAccepted && year.unrecordedCents > 0) {
      return [
        html`<form method="post" action="/officer/awards/${award.id}/reconciliation/recoveries" novalidate>
  ${page.csrfField}
  <input type="hidden" name="fiscalYear" value="${year.fiscalYear}">
  <p class="ontario-hint">${t('reconciliation.record.hint', { amount })}</p>
  <button type="submit" class="ontario-button ontario-button--primary">${t('reconciliation.record', { amount, year: year.fiscalYear })}</button>
</form>`,
      ];
    }
    return year.recoveries
      .filter((recovery) => recovery.settledBy === null)
      .map((recovery) => {
        const name = repaymentReferenceField(recovery.id);
        return html`<h3>${year.fiscalYear}: ${t('reconciliation.standing.owed', { amount: formatMoney(locale, recovery.amountCents - recovery.offsetCents) })}</h3>
<form method="post" action="/officer/awards/${award.id}/reconciliation/recoveries/${recovery.id}/offset" novalidate>
  ${page.csrfField}
  <p class="ontario-hint">${t('reconciliation.offset.hint')}</p>
  <button type="submit" class="ontario-button ontario-button--secondary">${t('reconciliation.offset')}</button>
</form>
<form method="post" action="/officer/awards/${award.id}/reconciliation/recoveries/${recovery.id}/repayment" novalidate>
  ${page.csrfField}
  ${textField({ name, label: t('reconciliation.reference', { year: year.fiscalYear }), hint: t('reconciliation.reference.hint'), value: data.values[name] ?? '', error: errorFor(data.errors, name), width: '20-char-width', maxLength: PAYMENT_REFERENCE.maxLength })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('reconciliation.repay')}</button>
</form>`;
      });
  });
  return forms.length === 0 ? '' : html`<h2>${t('reconciliation.actions')}</h2>${forms}`;
}
