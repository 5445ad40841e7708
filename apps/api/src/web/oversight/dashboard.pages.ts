import { APPLICATION_STATUSES, ApplicationStatus } from '@grants/applications';
import type { Dashboard, DashboardCall, DashboardMoney } from '@grants/awards';
import { FUND_CODES, FundCode } from '@grants/calls';
import { formatDate, formatMoney } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { barChart } from '../views/charts';
import { selectField } from '../views/form';
import { layout } from '../views/layout';
import { statusWords } from '../views/status';

export const DASHBOARD_PATH = '/officer/dashboard';

export interface DashboardPageData {
  dashboard: Dashboard;
  /** As chosen in the filter; '' for both funds, every year. */
  fund: FundCode | '';
  fiscalYear: string;
}

/** The money going out, charted; the recoveries coming back are in the table only, beside it. */
const CHARTED_COLUMNS = ['requested', 'approved', 'accepted', 'paid', 'toPay'] as const;
const MONEY_COLUMNS = [...CHARTED_COLUMNS, 'recoveryOwed', 'recovered'] as const;
type MoneyColumn = (typeof MONEY_COLUMNS)[number];
const MONEY_CENTS: Record<MoneyColumn, 'requestedCents' | 'approvedCents' | 'acceptedCents' | 'paidCents' | 'toPayCents' | 'recoveryOwedCents' | 'recoveredCents'> = {
  requested: 'requestedCents',
  approved: 'approvedCents',
  accepted: 'acceptedCents',
  paid: 'paidCents',
  toPay: 'toPayCents',
  recoveryOwed: 'recoveryOwedCents',
  recovered: 'recoveredCents',
};
/** The list behind each amount: the awards (all of them for approved, which counts offers too); none lists requests by fund and year. */
const MONEY_LIST: Record<MoneyColumn, string | null> = {
  requested: null,
  approved: '/officer/awards',
  accepted: '/officer/awards?status=accepted',
  paid: '/officer/awards?status=accepted',
  toPay: '/officer/awards?status=accepted',
  recoveryOwed: '/officer/awards?status=accepted',
  recovered: '/officer/awards?status=accepted',
};
/** Reports are listed on the pages of their awards, which only accepted awards owe. */
const REPORTS_LIST = '/officer/awards?status=accepted';

/** The office's figures: a GET filter form, then a section per kind of figure, each chart followed by its table. */
export function dashboardPage(page: PageContext, data: DashboardPageData): string {
  const { t, locale } = page;
  const { dashboard } = data;
  const years = dashboard.fiscalYears.includes(data.fiscalYear) || data.fiscalYear === '' ? dashboard.fiscalYears : [...dashboard.fiscalYears, data.fiscalYear].sort();
  return layout(page, {
    title: t('oversight.dashboard.title'),
    body: html`<p>${t('oversight.dashboard.intro', { date: formatDate(locale, dashboard.today) })}</p>
<form method="get" action="${DASHBOARD_PATH}" class="web-filter">
  ${selectField({
    name: 'fund',
    label: t('oversight.dashboard.filter.fund'),
    value: data.fund,
    options: [{ value: '', label: t('oversight.dashboard.filter.fund.all') }, ...FUND_CODES.map((code) => ({ value: code, label: fundName(page, code) }))],
  })}
  ${selectField({
    name: 'fiscalYear',
    label: t('oversight.dashboard.filter.year'),
    hint: t('oversight.dashboard.filter.yearHint'),
    value: data.fiscalYear,
    options: [{ value: '', label: t('oversight.dashboard.filter.year.all') }, ...years.map((year) => ({ value: year, label: year }))],
  })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('oversight.dashboard.filter.submit')}</button>
</form>
${moneySection(page, data)}
${callsSection(page, dashboard)}
${reportsSection(page, dashboard)}
${outcomesSection(page, data)}
${regionsSection(page, dashboard)}
${data.fund !== 'CBSF' ? html`<p>${t('oversight.exports.ocap')}</p>` : ''}`,
  });
}

function fundName(page: PageContext, code: FundCode): string {
  return page.t(`oversight.dashboard.fund.${code}`);
}

function shownFunds(data: DashboardPageData): FundCode[] {
  return data.fund ? [data.fund] : [...FUND_CODES];
}

function counter(page: PageContext): (count: number) => string {
  const format = new Intl.NumberFormat(page.locale === 'fr' ? 'fr-CA' : 'en-CA');
  return (count) => format.format(count);
}

/** A figure as a link to the list behind it, or as it is where there is none (or nothing to list). */
function figureLink(text: string, href: string | null, count: number): SafeHtml | string {
  return href && count > 0 ? html`<a href="${href}">${text}</a>` : text;
}

function chartText(page: PageContext, id: string, caption: string, tableId: string): { id: string; caption: string; description: string; tableId: string; tableLinkLabel: string } {
  return { id, caption, description: page.t('oversight.dashboard.chart.description'), tableId, tableLinkLabel: page.t('oversight.dashboard.chart.tableLink') };
}

function moneySection(page: PageContext, data: DashboardPageData): SafeHtml {
  const { t, locale } = page;
  const money = data.dashboard.money;
  const dollars = (cents: number): string => formatMoney(locale, cents);
  const funds = shownFunds(data).map((code) => {
    const rows = money.filter((row) => row.fundCode === code);
    const caption = t('oversight.dashboard.money.caption', { fund: fundName(page, code) });
    if (rows.length === 0) {
      const none = data.fiscalYear ? t('oversight.dashboard.money.noneForFundInYear', { year: data.fiscalYear }) : t('oversight.dashboard.money.noneForFund');
      return html`<h3>${fundName(page, code)}</h3><p>${none}</p>`;
    }
    const tableId = `money-${code}-table`;
    const amountOf = (row: DashboardMoney, column: MoneyColumn): number => row[MONEY_CENTS[column]];
    // The totals link nowhere: the lists behind them are those of the years' figures above.
    const cells = (cents: (column: MoneyColumn) => number, linked: boolean): SafeHtml[] =>
      MONEY_COLUMNS.map((column) => html`<td class="web-number">${figureLink(dollars(cents(column)), linked ? MONEY_LIST[column] : null, cents(column))}</td>`);
    const total = (column: MoneyColumn): number => rows.reduce((sum, row) => sum + amountOf(row, column), 0);
    return html`<h3>${fundName(page, code)}</h3>
${barChart({
  ...chartText(page, `money-${code}-chart`, caption, tableId),
  categories: rows.map((row) => ({ label: row.fiscalYear, values: CHARTED_COLUMNS.map((column) => amountOf(row, column)) })),
  series: CHARTED_COLUMNS.map((column) => ({ label: t(`oversight.dashboard.money.${column}`) })),
  formatValue: dollars,
})}
<div class="ontario-table-container"><table class="web-table" id="${tableId}">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">${t('oversight.dashboard.money.fiscalYear')}</th>${MONEY_COLUMNS.map((column) => html`<th scope="col" class="web-number">${t(`oversight.dashboard.money.${column}`)}</th>`)}</tr></thead>
  <tbody>${rows.map((row) => html`<tr><th scope="row">${row.fiscalYear}</th>${cells((column) => amountOf(row, column), true)}</tr>`)}</tbody>
  ${rows.length > 1 ? html`<tfoot><tr><th scope="row">${t('oversight.dashboard.money.total')}</th>${cells(total, false)}</tr></tfoot>` : ''}
</table></div>`;
  });
  return html`<h2 id="money">${t('oversight.dashboard.money.heading')}</h2>
<p>${t('oversight.dashboard.money.intro')}</p>
<ul>${MONEY_COLUMNS.map((column) => html`<li>${t(`oversight.dashboard.money.def.${column}`)}</li>`)}</ul>
${money.length === 0 ? html`<p>${t('oversight.dashboard.money.none')}</p>` : funds}`;
}

function callsSection(page: PageContext, dashboard: Dashboard): SafeHtml {
  const { t, locale } = page;
  const count = counter(page);
  const { calls } = dashboard;
  const heading = html`<h2 id="applications">${t('oversight.dashboard.calls.heading')}</h2>`;
  if (calls.length === 0) return html`${heading}<p>${t('oversight.dashboard.calls.none')}</p>`;
  // A column for each status some call shown has: nine columns of zeros would hide the few that count.
  const statuses = APPLICATION_STATUSES.filter((status) => calls.some((call) => call.counts[status] > 0));
  const totals = statuses.map((status) => ({ status, count: calls.reduce((sum, call) => sum + call.counts[status], 0) }));
  const title = (call: DashboardCall): string => call.title[locale] || call.title.en || t('oversight.dashboard.calls.untitled');
  const listOf = (call: DashboardCall, status?: ApplicationStatus): string =>
    `/officer/applications?${new URLSearchParams({ callId: call.callId, ...(status ? { status } : {}) }).toString()}`;
  const tableId = 'applications-table';
  const chart =
    totals.length > 0
      ? barChart({
          ...chartText(page, 'applications-chart', t('oversight.dashboard.calls.chart'), tableId),
          categories: totals.map((total) => ({ label: statusWords(page, total.status), values: [total.count] })),
          series: [{ label: t('oversight.dashboard.calls.series') }],
          formatValue: count,
        })
      : '';
  const rows = calls.map(
    (call) => html`<tr>
    <th scope="row">${title(call)}<br>${t('oversight.dashboard.calls.about', { fund: call.fundCode, phase: t(`oversight.dashboard.phase.${call.phase}`) })}</th>
    ${statuses.map((status) => html`<td class="web-number">${figureLink(count(call.counts[status]), listOf(call, status), call.counts[status])}</td>`)}
    <td class="web-number">${figureLink(count(call.total), listOf(call), call.total)}</td>
  </tr>`,
  );
  return html`${heading}
<p>${t('oversight.dashboard.calls.intro')}</p>
${chart}
<div class="ontario-table-container"><table class="web-table" id="${tableId}">
  <caption>${t('oversight.dashboard.calls.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.dashboard.calls.call')}</th>
    ${statuses.map((status) => html`<th scope="col" class="web-number">${statusWords(page, status)}</th>`)}
    <th scope="col" class="web-number">${t('oversight.dashboard.calls.total')}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`;
}

function reportsSection(page: PageContext, dashboard: Dashboard): SafeHtml {
  const { t, locale } = page;
  const count = counter(page);
  const tableId = 'reports-table';
  const kinds = [
    { key: 'due', label: t('oversight.dashboard.reports.due') },
    { key: 'overdue', label: t('oversight.dashboard.reports.overdue') },
    { key: 'awaitingReview', label: t('oversight.dashboard.reports.awaiting') },
  ] as const;
  const anything = dashboard.reports.some((row) => row.due + row.overdue + row.awaitingReview > 0);
  return html`<h2 id="reports">${t('oversight.dashboard.reports.heading')}</h2>
<p>${t('oversight.dashboard.reports.intro', { date: formatDate(locale, dashboard.today) })}</p>
<ul>
  <li>${t('oversight.dashboard.reports.def.due')}</li>
  <li>${t('oversight.dashboard.reports.def.overdue')}</li>
  <li>${t('oversight.dashboard.reports.def.awaiting')}</li>
</ul>
${
  anything
    ? barChart({
        ...chartText(page, 'reports-chart', t('oversight.dashboard.reports.caption'), tableId),
        categories: dashboard.reports.map((row) => ({ label: fundName(page, row.fundCode), values: kinds.map((kind) => row[kind.key]) })),
        series: kinds.map((kind) => ({ label: kind.label })),
        formatValue: count,
      })
    : ''
}
<div class="ontario-table-container"><table class="web-table" id="${tableId}">
  <caption>${t('oversight.dashboard.reports.caption')}</caption>
  <thead><tr><th scope="col">${t('oversight.dashboard.reports.fund')}</th>${kinds.map((kind) => html`<th scope="col" class="web-number">${kind.label}</th>`)}</tr></thead>
  <tbody>${dashboard.reports.map(
    (row) => html`<tr><th scope="row">${fundName(page, row.fundCode)}</th>${kinds.map((kind) => html`<td class="web-number">${figureLink(count(row[kind.key]), REPORTS_LIST, row[kind.key])}</td>`)}</tr>`,
  )}</tbody>
</table></div>`;
}

function outcomesSection(page: PageContext, data: DashboardPageData): SafeHtml {
  const { t, locale } = page;
  const count = counter(page);
  const { outcomes } = data.dashboard;
  const heading = html`<h2 id="outcomes">${t('oversight.dashboard.outcomes.heading')}</h2>
<p>${t('oversight.dashboard.outcomes.intro')}</p>`;
  if (outcomes.length === 0) return html`${heading}<p>${t('oversight.dashboard.outcomes.none')}</p>`;
  const funds = shownFunds(data)
    .map((code) => ({ code, rows: outcomes.filter((row) => row.fundCode === code) }))
    .filter((fund) => fund.rows.length > 0)
    .map(({ code, rows }) => {
      const caption = t('oversight.dashboard.outcomes.caption', { fund: fundName(page, code) });
      const tableId = `outcomes-${code}-table`;
      const label = (row: (typeof rows)[number]): string => row.label[locale] || row.label.en || row.key;
      return html`<h3>${fundName(page, code)}</h3>
${barChart({
  ...chartText(page, `outcomes-${code}-chart`, caption, tableId),
  categories: rows.map((row) => ({ label: label(row), values: [row.total] })),
  series: [{ label: t('oversight.dashboard.outcomes.series') }],
  formatValue: count,
})}
<div class="ontario-table-container"><table class="web-table" id="${tableId}">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">${t('oversight.dashboard.outcomes.measure')}</th><th scope="col" class="web-number">${t('oversight.dashboard.outcomes.total')}</th></tr></thead>
  <tbody>${rows.map((row) => html`<tr><th scope="row">${label(row)}</th><td class="web-number">${count(row.total)}</td></tr>`)}</tbody>
</table></div>`;
    });
  return html`${heading}${funds}`;
}

function regionsSection(page: PageContext, dashboard: Dashboard): SafeHtml {
  const { t, locale } = page;
  const count = counter(page);
  const tableId = 'regions-table';
  const region = (code: string): string => t(`organization.region.${code}` as MessageKey);
  const anything = dashboard.regions.some((row) => row.submitted + row.approved > 0);
  return html`<h2 id="regions">${t('oversight.dashboard.regions.heading')}</h2>
<p>${t('oversight.dashboard.regions.intro')}</p>
${
  anything
    ? barChart({
        ...chartText(page, 'regions-chart', t('oversight.dashboard.regions.chart'), tableId),
        categories: dashboard.regions.map((row) => ({ label: region(row.region), values: [row.submitted, row.approved] })),
        series: [{ label: t('oversight.dashboard.regions.submitted') }, { label: t('oversight.dashboard.regions.approved') }],
        formatValue: count,
      })
    : ''
}
<div class="ontario-table-container"><table class="web-table" id="${tableId}">
  <caption>${t('oversight.dashboard.regions.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.dashboard.regions.region')}</th>
    <th scope="col" class="web-number">${t('oversight.dashboard.regions.submitted')}</th>
    <th scope="col" class="web-number">${t('oversight.dashboard.regions.approved')}</th>
    <th scope="col" class="web-number">${t('oversight.dashboard.regions.approvedCents')}</th>
  </tr></thead>
  <tbody>${dashboard.regions.map(
    (row) => html`<tr><th scope="row">${region(row.region)}</th><td class="web-number">${count(row.submitted)}</td><td class="web-number">${count(row.approved)}</td><td class="web-number">${formatMoney(locale, row.approvedCents)}</td></tr>`,
  )}</tbody>
</table></div>`;
}
