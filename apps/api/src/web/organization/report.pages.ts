import type { Award, ReportView } from '@grants/awards';
import { formatDate, formatInstant, formatMoney, OfficialLanguage } from '@grants/core';
import { BUDGET_CATEGORY_WORDS } from '@grants/documents';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey, Translate } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorFor, errorSummary, FieldError, numberField, textareaField, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';
import { countField, MAX_NARRATIVE_LENGTH, MAX_OUTCOME_COUNT, MAX_SPENT_CENTS, NARRATIVE_FIELD, ReportFormProblem, ReportFormValues, reportLines, spentField } from './report-form';

/** Reports that can be filed now: owed, or sent back for changes. */
export function isFileable(award: Pick<Award, 'status'>, report: Pick<ReportView, 'status'>): boolean {
  return award.status === 'accepted' && (report.status === 'due' || report.status === 'returned');
}

export function reportProblemMessage(t: Translate, locale: OfficialLanguage, problem: ReportFormProblem): FieldError {
  switch (problem.kind) {
    case 'spentMissing':
    case 'spentFormat':
      return { field: problem.field, message: t(`report.error.${problem.kind}`, { line: BUDGET_CATEGORY_WORDS[locale][problem.category] }) };
    case 'spentTooLarge':
      return { field: problem.field, message: t('report.error.spentTooLarge', { line: BUDGET_CATEGORY_WORDS[locale][problem.category], max: formatMoney(locale, MAX_SPENT_CENTS) }) };
    case 'count':
      return { field: problem.field, message: t('report.error.count', { label: problem.measure.label[locale] }) };
    case 'countTooLarge':
      return { field: problem.field, message: t('report.error.countTooLarge', { label: problem.measure.label[locale], max: new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA').format(MAX_OUTCOME_COUNT) }) };
    case 'narrativeMissing':
      return { field: problem.field, message: t('report.error.narrativeMissing') };
    case 'narrativeTooLong':
      return { field: problem.field, message: t('report.error.narrativeTooLong', { max: MAX_NARRATIVE_LENGTH }) };
  }
}

/** An Ontario fiscal year ("2027-28") in words: April 1, 2027 to March 31, 2028. */
function periodText(t: Translate, locale: OfficialLanguage, period: string): string {
  const start = Number(period.slice(0, 4));
  if (!/^\d{4}-\d{2}$/.test(period) || Number.isNaN(start)) return period;
  return t('report.period', { period, start: formatDate(locale, `${start}-04-01`), end: formatDate(locale, `${start + 1}-03-31`) });
}

export interface ReportPageData {
  award: Award;
  report: ReportView;
  values: ReportFormValues;
  errors: FieldError[];
  notice?: MessageKey | null;
}

export function reportPage(page: PageContext, data: ReportPageData): string {
  const { t, locale } = page;
  const { award, report } = data;
  const title = t(report.kind === 'final' ? 'report.title.final' : 'report.title.interim', { period: report.period });
  const returned =
    report.status === 'returned' && report.reviewComment
      ? html`<div class="ontario-alert ontario-alert--warning"><div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('report.returned.heading')}</h2></div><div class="ontario-alert__body"><p class="web-preserve">${report.reviewComment}</p></div></div>`
      : '';
  const content = isFileable(award, report) ? reportForm(page, data) : award.status !== 'accepted' ? html`<p>${t('report.notAccepted')}</p>` : filedReport(page, data);
  return layout(page, {
    title,
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('errors.summary'), data.errors)}
<dl class="web-facts">
  <dt>${t('report.facts.award')}</dt><dd>${award.referenceNumber ?? ''}</dd>
  <dt>${t('report.facts.period')}</dt><dd>${periodText(t, locale, report.period)}</dd>
  <dt>${t('report.facts.due')}</dt><dd>${formatDate(locale, report.dueOn)}</dd>
  <dt>${t('report.facts.status')}</dt><dd>${t(`report.status.${report.status}`)}</dd>
</dl>
${returned}
${content}
<p><a href="/awards/${award.id}">${t('report.back')}</a></p>`,
  });
}

function reportForm(page: PageContext, data: ReportPageData): SafeHtml {
  const { t, locale } = page;
  const { award, report, values, errors } = data;
  const measures = award.outcomeMeasures;
  const outcomes =
    measures.length === 0
      ? html`<p>${t('report.outcomes.none')}</p>`
      : html`<div class="ontario-form-group"><fieldset class="ontario-fieldset" aria-describedby="outcomes-hint">
  <legend class="ontario-fieldset__legend">${t('report.outcomes.legend')}</legend>
  <p class="ontario-hint" id="outcomes-hint">${t('report.outcomes.hint')}</p>
  ${measures.map((measure, index) => numberField({ name: countField(index), label: measure.label[locale], value: values.counts[index] ?? '', min: 0, max: MAX_OUTCOME_COUNT, error: errorFor(errors, countField(index)) }))}
</fieldset></div>`;
  const spending = html`<div class="ontario-form-group"><fieldset class="ontario-fieldset" aria-describedby="spending-hint">
  <legend class="ontario-fieldset__legend">${t('report.spending.legend')}</legend>
  <p class="ontario-hint" id="spending-hint">${t('report.spending.hint')}</p>
  ${reportLines(award, report).map((line, index) =>
    textField({
      name: spentField(line.category),
      label: BUDGET_CATEGORY_WORDS[locale][line.category],
      hint: line.budgetCents > 0 ? t('report.spending.budget', { amount: formatMoney(locale, line.budgetCents) }) : t('report.spending.notBudgeted'),
      value: values.spent[index] ?? '',
      inputmode: 'decimal',
      width: '10-char-width',
      error: errorFor(errors, spentField(line.category)),
    }),
  )}
</fieldset></div>`;
  return html`<p>${t('report.intro')}</p>
<form method="post" action="/awards/${award.id}/reports/${report.id}/file" novalidate>
  ${page.csrfField}
  ${spending}
  ${outcomes}
  ${textareaField({ name: NARRATIVE_FIELD, label: t('report.field.narrative'), hint: t('report.field.narrativeHint'), value: values.narrative, rows: 8, maxLength: MAX_NARRATIVE_LENGTH, error: errorFor(errors, NARRATIVE_FIELD) })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('report.submit')}</button>
</form>`;
}

function filedReport(page: PageContext, data: ReportPageData): SafeHtml {
  const { t, locale } = page;
  const { award, report } = data;
  return html`<h2>${t('report.filed.heading')}</h2>
<dl class="web-facts">
  ${report.submittedAt ? html`<dt>${t('report.filed.at')}</dt><dd>${formatInstant(locale, report.submittedAt)}</dd>` : ''}
  <dt>${t('report.filed.spent')}</dt><dd>${report.spentCents === null ? '' : formatMoney(locale, report.spentCents)}</dd>
</dl>
${
  report.variances.length === 0
    ? ''
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('report.filed.spendingCaption')}</caption>
  <thead><tr><th scope="col">${t('report.filed.line')}</th><th scope="col" class="web-number">${t('report.filed.budget')}</th><th scope="col" class="web-number">${t('report.filed.spentColumn')}</th></tr></thead>
  <tbody>${report.variances.map(
    (variance) =>
      html`<tr><th scope="row">${BUDGET_CATEGORY_WORDS[locale][variance.category]}</th><td class="web-number">${formatMoney(locale, variance.budgetCents)}</td><td class="web-number">${formatMoney(locale, variance.spentCents)}</td></tr>`,
  )}</tbody>
</table></div>`
}
${
  award.outcomeMeasures.length === 0
    ? ''
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('report.filed.outcomesCaption')}</caption>
  <thead><tr><th scope="col">${t('report.filed.measure')}</th><th scope="col" class="web-number">${t('report.filed.count')}</th></tr></thead>
  <tbody>${award.outcomeMeasures.map(
    (measure) =>
      html`<tr><th scope="row">${measure.label[locale]}</th><td class="web-number">${report.outcomes?.[measure.key] === undefined ? '' : new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA').format(report.outcomes[measure.key]!)}</td></tr>`,
  )}</tbody>
</table></div>`
}
<h3>${t('report.field.narrative')}</h3>
<p class="web-preserve">${report.narrative ?? ''}</p>`;
}
