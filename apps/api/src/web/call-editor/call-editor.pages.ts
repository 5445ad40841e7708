import type { Call, CallTerms, FormSection, Fund, Localized, Question, RubricCriterion } from '@grants/calls';
import { QUESTION_TYPES, scoreBands } from '@grants/calls';
import { formatInstant, formatMoney, OfficialLanguage } from '@grants/core';
import { ORGANIZATION_TYPES, REGIONS } from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey, Translate } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { checkboxGroup, dateErrorFor, dateField, dateFieldHint, dateFieldLabels, errorFor, errorSummary, FieldError, numberField, radioGroup, textareaField, textField } from '../views/form';
import { layout } from '../views/layout';
import { scoreRange } from '../views/score-bands';
import { decimalForInput } from './numbers';
import { bandField, BasicsMoment, BasicsValues, EligibilityValues, FormError, itemField, ItemValues, ListKind, NEW_ROW, QuestionValues, SectionValues, totalWeight } from './call-form';
import { CALL_EDITOR_SCRIPT_PATH } from './call-editor.script';
import { CALL_PARTS, CallPart, LocatedProblem } from './call-problems';

/** The rubric's live total of the weights. */
const script = html`<script src="${CALL_EDITOR_SCRIPT_PATH}" defer></script>`;

export type Notice = { kind: 'success' | 'informational'; text: string } | null;

/** The editor's address of a call, or of one of its pages. */
export const editPath = (callId: string, page = ''): string => `/officer/calls/${callId}/edit${page ? `/${page}` : ''}`;

/** Form errors in the page's words. */
export function fieldErrors(t: Translate, errors: readonly FormError[]): FieldError[] {
  return errors.map((error) => ({ field: error.field, message: t(error.message, error.params) }));
}

export function callTitle(page: PageContext, terms: Pick<CallTerms, 'title'>): string {
  const other: OfficialLanguage = page.locale === 'en' ? 'fr' : 'en';
  return terms.title?.[page.locale] || terms.title?.[other] || page.t('callEditor.untitled');
}

const version = (call: Call): SafeHtml => html`<input type="hidden" name="version" value="${call.version}">`;

/** The call a page belongs to, above its form. */
function callLine(page: PageContext, call: Call): SafeHtml {
  return html`<p class="ontario-lead-statement">${page.t('callEditor.callName', { title: callTitle(page, call) })}</p>`;
}

function saveButtons(page: PageContext, cancelHref: string, options: { saveLabel?: MessageKey; addAnother?: boolean } = {}): SafeHtml {
  return html`<div class="web-actions">
  <button type="submit" class="ontario-button ontario-button--primary">${page.t(options.saveLabel ?? 'callEditor.save')}</button>
  ${options.addAnother ? html`<button type="submit" class="ontario-button ontario-button--secondary" name="then" value="more">${page.t('callEditor.saveAndAdd')}</button>` : ''}
</div>
<p><a href="${cancelHref}">${page.t(cancelHref.endsWith('/form') ? 'callEditor.backToForm' : 'callEditor.backToOverview')}</a></p>`;
}

// ---- new call ----

export interface NewCallValues {
  fundId: string;
  titleEn: string;
  titleFr: string;
}

export function newCallPage(page: PageContext, funds: readonly Fund[], values: NewCallValues, errors: readonly FieldError[], notice: Notice = null): string {
  const { t, locale } = page;
  return layout(page, {
    title: t('callEditor.new.title'),
    notice,
    body: html`${errorSummary(t('errors.summary'), errors)}
<p>${t('callEditor.new.intro')}</p>
<form method="post" action="/officer/calls/new" novalidate>
  ${page.csrfField}
  ${radioGroup({
    name: 'fundId',
    legend: t('callEditor.new.fund'),
    options: funds.map((fund) => ({ value: fund.id, label: fund.name[locale] })),
    value: values.fundId,
    error: funds[0] ? errorFor(errors, `fundId-${funds[0].id}`) : undefined,
  })}
  ${textField({ name: 'titleEn', label: t('callEditor.field.titleEn'), value: values.titleEn, error: errorFor(errors, 'titleEn') })}
  ${textField({ name: 'titleFr', label: t('callEditor.field.titleFr'), value: values.titleFr, error: errorFor(errors, 'titleFr') })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('callEditor.new.submit')}</button>
</form>
<p><a href="/officer/calls">${t('callEditor.backToCalls')}</a></p>`,
  });
}

// ---- overview ----

export type PartState = { kind: 'complete' | 'notStarted' | 'optional' } | { kind: 'toFix'; count: number };

/** Where each part stands: not started, optional and empty, complete, or with problems left. */
export function partStates(call: CallTerms, problems: readonly LocatedProblem[]): Record<CallPart, PartState> {
  const empty: Record<CallPart, boolean> = {
    basics: false,
    eligibility: call.eligibility === null,
    form: call.form === null || call.form.sections.length === 0,
    attachments: call.requiredAttachments.length === 0,
    rubric: call.rubric === null || call.rubric.criteria.length === 0,
    outcomes: (call.outcomeMeasures ?? []).length === 0,
  };
  const optional = new Set<CallPart>(['attachments', 'outcomes']);
  return Object.fromEntries(
    CALL_PARTS.map((part): [CallPart, PartState] => {
      if (empty[part]) return [part, { kind: optional.has(part) ? 'optional' : 'notStarted' }];
      const count = problems.filter((problem) => problem.part === part).length;
      return [part, count === 0 ? { kind: 'complete' } : { kind: 'toFix', count }];
    }),
  ) as Record<CallPart, PartState>;
}

/** A problem in words that say where it is, for a list away from its page. */
export function problemText(t: Translate, problem: LocatedProblem): string {
  const message = t(problem.message, problem.params);
  if (problem.question !== undefined) return t('callEditor.where.question', { section: problem.section!, question: problem.question, message });
  if (problem.section !== undefined) return t('callEditor.where.section', { section: problem.section, message });
  if (problem.item !== undefined) {
    const kind: Record<string, MessageKey> = { attachments: 'callEditor.where.attachments', rubric: 'callEditor.where.criteria', outcomes: 'callEditor.where.measures' };
    return t(kind[problem.part]!, { item: problem.item, message });
  }
  return message;
}

function stateText(t: Translate, state: PartState): string {
  return state.kind === 'toFix' ? t('callEditor.state.toFix', { count: state.count }) : t(`callEditor.state.${state.kind}`);
}

export interface OverviewData {
  call: Call;
  fund: Fund;
  problems: LocatedProblem[];
  notice: Notice;
  errors: FieldError[];
}

export function overviewPage(page: PageContext, data: OverviewData): string {
  const { t, locale } = page;
  const { call, fund } = data;
  const draft = call.publishedAt === null;
  const moment = (instant: Date | null) => (instant ? formatInstant(locale, instant) : t('callEditor.notSet'));
  const status = html`<dl class="web-facts">
  <dt>${t('callEditor.overview.fund')}</dt><dd>${fund.name[locale]}</dd>
  <dt>${t('callEditor.overview.status')}</dt><dd>${t(`officer.callStatus.${call.status}`)}</dd>
</dl>`;
  if (!draft) {
    const phase =
      call.status === 'scheduled'
        ? t('callEditor.overview.scheduled', { opens: moment(call.opensAt) })
        : call.status === 'open'
          ? t('callEditor.overview.open', { closes: moment(call.closesAt) })
          : t('callEditor.overview.closed');
    return layout(page, {
      title: callTitle(page, call),
      notice: data.notice,
      body: html`${status}
<p>${t('callEditor.overview.published')} ${phase}</p>
<div class="web-actions">
  <a class="ontario-button ontario-button--secondary" href="/officer/calls/${call.id}">${t('callEditor.overview.ranking')}</a>
  ${call.status === 'open' || call.status === 'scheduled' ? html`<a class="ontario-button ontario-button--tertiary" href="/officer/calls/${call.id}/close">${t('callEditor.overview.closeEarly')}</a>` : ''}
</div>
<h2>${t('callEditor.terms.heading')}</h2>
${termsSummary(page, call, fund)}
<p><a href="/officer/calls">${t('callEditor.backToCalls')}</a></p>`,
    });
  }

  const states = partStates(call, data.problems);
  const tasks = CALL_PARTS.map(
    (part) => html`<li class="web-task-list__item">
    <span class="web-task-list__name"><a href="${editPath(call.id, part)}" aria-describedby="part-${part}-state">${t(`callEditor.part.${part}`)}</a>
      <span class="ontario-hint web-task-list__hint">${t(`callEditor.part.${part}.summary`)}</span></span>
    <strong class="web-task-list__state web-task-list__state--${states[part].kind}" id="part-${part}-state">${stateText(t, states[part])}</strong>
  </li>`,
  );
  const blocking = CALL_PARTS.filter((part) => data.problems.some((problem) => problem.part === part)).map(
    (part) => html`<h3>${t(`callEditor.part.${part}`)}</h3>
<ul>${data.problems
      .filter((problem) => problem.part === part)
      .map((problem) => html`<li><a href="${editPath(call.id, problem.page)}#${problem.field}">${problemText(t, problem)}</a></li>`)}</ul>`,
  );
  const ready = data.problems.length === 0;
  return layout(page, {
    title: callTitle(page, call),
    notice: data.notice,
    body: html`${errorSummary(t('errors.summary'), data.errors)}
<p>${t('callEditor.overview.draftOf', { fund: fund.name[locale] })}</p>
${status}
<h2 id="parts">${t('callEditor.overview.parts')}</h2>
<p>${t('callEditor.overview.partsHint')}</p>
<ol class="web-task-list">${tasks}</ol>
<h2 id="blocking">${t('callEditor.overview.blocking')}</h2>
${ready ? html`<p>${t('callEditor.overview.ready')}</p>` : blocking}
<h2 id="publish">${t('callEditor.overview.publish')}</h2>
${
  ready
    ? html`<p id="publish-hint">${t('callEditor.overview.publishHint', { opens: moment(call.opensAt), closes: moment(call.closesAt) })}</p>
<p><a class="ontario-button ontario-button--primary" href="/officer/calls/${call.id}/publish/confirm" aria-describedby="publish-hint">${t('callEditor.overview.publishButton')}</a></p>`
    : html`<p>${t('callEditor.overview.notReady')}</p>`
}
<h2>${t('callEditor.terms.heading')}</h2>
${termsSummary(page, call, fund)}
<p><a href="/officer/calls">${t('callEditor.backToCalls')}</a></p>`,
  });
}

/** The whole call read back, part by part, for checking a draft and reading a published call. */
function termsSummary(page: PageContext, call: Call, fund: Fund): SafeHtml {
  const { t, locale } = page;
  const notSet = t('callEditor.notSet');
  const text = (value: string | undefined) => (value && value.trim() ? value : notSet);
  const moment = (instant: Date | null) => (instant ? formatInstant(locale, instant) : notSet);
  const money = (cents: number | null) => (cents === null ? notSet : formatMoney(locale, cents));
  const eligibility = call.eligibility;
  // The English label names the row; identifiers are the editor's business, never shown.
  const both = (label: { en: string; fr: string }) => html`<th scope="row" lang="en">${text(label.en)}</th><td lang="fr">${text(label.fr)}</td>`;
  const languageHeaders = html`<th scope="col">${t('callEditor.terms.inEnglish')}</th><th scope="col">${t('callEditor.terms.inFrench')}</th>`;
  const sections = (call.form?.sections ?? []).map((section, s) => formSectionSummary(page, section, s));
  const attachments = call.requiredAttachments;
  const criteria = call.rubric?.criteria ?? [];
  const measures = call.outcomeMeasures ?? [];
  const weights = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  return html`<h3>${t('callEditor.part.basics')}</h3>
<dl class="web-facts">
  <dt>${t('callEditor.overview.fund')}</dt><dd>${fund.name[locale]}</dd>
  <dt>${t('callEditor.field.titleEn')}</dt><dd lang="en">${text(call.title?.en)}</dd>
  <dt>${t('callEditor.field.titleFr')}</dt><dd lang="fr">${text(call.title?.fr)}</dd>
  <dt>${t('callEditor.field.descriptionEn')}</dt><dd class="web-preserve" lang="en">${text(call.description?.en)}</dd>
  <dt>${t('callEditor.field.descriptionFr')}</dt><dd class="web-preserve" lang="fr">${text(call.description?.fr)}</dd>
  <dt>${t('callEditor.terms.opensAt')}</dt><dd>${moment(call.opensAt)}</dd>
  <dt>${t('callEditor.terms.closesAt')}</dt><dd>${moment(call.closesAt)}</dd>
  <dt>${t('callEditor.terms.budgetEnvelope')}</dt><dd>${money(call.budgetEnvelopeCents)}</dd>
  <dt>${t('callEditor.terms.requestRange')}</dt><dd>${call.minRequestCents === null && call.maxRequestCents === null ? notSet : t('callEditor.terms.requestRangeValue', { min: money(call.minRequestCents), max: money(call.maxRequestCents) })}</dd>
  <dt>${t('callEditor.terms.maxDuration')}</dt><dd>${call.maxDurationMonths === null ? notSet : t('callEditor.terms.months', { months: call.maxDurationMonths })}</dd>
  <dt>${t('callEditor.terms.holdback')}</dt><dd>${t('callEditor.terms.holdbackValue', { percent: String(call.holdbackPercent) })}</dd>
  <dt>${t('callEditor.terms.reviewers')}</dt><dd>${call.reviewersPerApplication === null ? notSet : String(call.reviewersPerApplication)}</dd>
  <dt>${t('callEditor.terms.reviewDueAt')}</dt><dd>${moment(call.reviewDueAt)}</dd>
  <dt>${t('callEditor.terms.threshold')}</dt><dd>${t('callEditor.terms.thresholdValue', { points: decimalForInput(locale, call.disagreementThreshold) })}</dd>
</dl>
<h3>${t('callEditor.part.eligibility')}</h3>
<dl class="web-facts">
  <dt>${t('callEditor.terms.organizationTypes')}</dt><dd>${eligibility && eligibility.organizationTypes.length > 0 ? eligibility.organizationTypes.map((type) => t(`callEditor.orgType.${type}`)).join(', ') : notSet}</dd>
  <dt>${t('callEditor.terms.regions')}</dt><dd>${eligibility === null ? notSet : eligibility.regions === null ? t('callEditor.terms.everyRegion') : eligibility.regions.map((region) => t(`callEditor.region.${region}`)).join(', ')}</dd>
  <dt>${t('callEditor.terms.indigenousLed')}</dt><dd>${eligibility === null ? notSet : eligibility.indigenousLedRequired ? t('callEditor.yes') : t('callEditor.no')}</dd>
</dl>
<h3>${t('callEditor.part.form')}</h3>
${sections.length === 0 ? html`<p>${t('callEditor.terms.noSections')}</p>` : sections}
<h3>${t('callEditor.part.attachments')}</h3>
${
  attachments.length === 0
    ? html`<p>${t('callEditor.terms.noAttachments')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.terms.attachmentsCaption')}</caption>
  <thead><tr>${languageHeaders}</tr></thead>
  <tbody>${attachments.map((attachment) => html`<tr>${both(attachment.label)}</tr>`)}</tbody>
</table></div>`
}
<h3>${t('callEditor.part.rubric')}</h3>
${
  criteria.length === 0
    ? html`<p>${t('callEditor.terms.noCriteria')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.terms.criteriaCaption')}</caption>
  <thead><tr>${languageHeaders}<th scope="col" class="web-number">${t('callEditor.terms.weight')}</th><th scope="col" class="web-number">${t('callEditor.terms.maxScore')}</th><th scope="col">${t('callEditor.terms.bands')}</th></tr></thead>
  <tbody>${criteria.map(
    (criterion) =>
      html`<tr>${both(criterion.label)}<td class="web-number">${decimalForInput(locale, criterion.weight)}</td><td class="web-number">${criterion.maxScore}</td><td>${bandsSummary(page, criterion)}</td></tr>`,
  )}</tbody>
  <tfoot><tr><th scope="row" colspan="2">${t('callEditor.terms.totalWeight')}</th><td class="web-number">${decimalForInput(locale, Math.round(weights * 1e6) / 1e6)}</td><td></td><td></td></tr></tfoot>
</table></div>`
}
<h3>${t('callEditor.part.outcomes')}</h3>
${
  measures.length === 0
    ? html`<p>${t('callEditor.terms.noMeasures')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.terms.measuresCaption')}</caption>
  <thead><tr>${languageHeaders}</tr></thead>
  <tbody>${measures.map((measure) => html`<tr>${both(measure.label)}</tr>`)}</tbody>
</table></div>`
}`;
}

/** A label in the page's language, else in the other one while a draft lacks it. */
function inPageLanguage(page: PageContext, label: Partial<Localized>): string {
  return label[page.locale] || label[page.locale === 'en' ? 'fr' : 'en'] || page.t('callEditor.notSet');
}

function sectionName(page: PageContext, section: FormSection): string {
  return inPageLanguage(page, section.title);
}

function questionName(page: PageContext, question: Question): string {
  return inPageLanguage(page, question.label);
}

/** A criterion's bands of scores read back, in both languages. */
function bandsSummary(page: PageContext, criterion: RubricCriterion): SafeHtml | string {
  const { t } = page;
  const bands = scoreBands(criterion);
  if (bands.length === 0) return t('callEditor.terms.noBands');
  const notSet = t('callEditor.notSet');
  return html`<ul>${bands.map(
    (band) => html`<li>${t('callEditor.terms.band', { range: scoreRange(t, band) })} <span lang="en">${band.label.en || notSet}</span> / <span lang="fr">${band.label.fr || notSet}</span></li>`,
  )}</ul>`;
}

function typeText(page: PageContext, question: Question): string {
  const type = page.t(`callEditor.type.${question.type}`);
  const options = question.options ?? [];
  if (options.length === 0 || (question.type !== 'choice' && question.type !== 'multichoice')) return type;
  return `${type}. ${page.t('callEditor.terms.choices', { choices: options.map((option) => inPageLanguage(page, option.label)).join(', ') })}`;
}

function formSectionSummary(page: PageContext, section: FormSection, s: number): SafeHtml {
  const { t } = page;
  return html`<h4>${t('callEditor.terms.sectionHeading', { section: s + 1, title: sectionName(page, section) })}</h4>
${
  section.questions.length === 0
    ? html`<p>${t('callEditor.terms.noQuestions')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.terms.questionsCaption', { section: s + 1 })}</caption>
  <thead><tr><th scope="col">${t('callEditor.terms.inEnglish')}</th><th scope="col">${t('callEditor.terms.inFrench')}</th><th scope="col">${t('callEditor.terms.type')}</th><th scope="col">${t('callEditor.terms.required')}</th></tr></thead>
  <tbody>${section.questions.map(
    (question) =>
      html`<tr><th scope="row" lang="en">${question.label.en || t('callEditor.notSet')}</th><td lang="fr">${question.label.fr || t('callEditor.notSet')}</td><td>${typeText(page, question)}</td><td>${question.required ? t('callEditor.yes') : t('callEditor.no')}</td></tr>`,
  )}</tbody>
</table></div>`
}`;
}

// ---- part pages ----

export interface PartForm<V> {
  values: V;
  errors: FieldError[];
  notice?: Notice;
}

/** A moment as day, month, year, hour and minute on Ontario's 24-hour clock (`closes-day` … `closes-minute`). */
function momentFields(page: PageContext, name: BasicsMoment, values: BasicsValues, errors: readonly FieldError[]): SafeHtml {
  const { t } = page;
  return html`<div class="web-moment">${dateField({ name, legend: t(`callEditor.field.${name}`), hint: dateFieldHint(t, true), value: values[name], labels: dateFieldLabels(t), error: dateErrorFor(errors, name) })}</div>`;
}

export function basicsPage(page: PageContext, call: Call, form: PartForm<BasicsValues>): string {
  const { t } = page;
  const { values, errors } = form;
  const input = (name: 'budgetEnvelope' | 'minRequest' | 'maxRequest', hint?: MessageKey) =>
    textField({ name, label: t(`callEditor.field.${name}` as MessageKey), value: values[name], hint: hint ? t(hint) : undefined, error: errorFor(errors, name), inputmode: 'decimal', width: '20-char-width' });
  return layout(page, {
    title: t('callEditor.basics.title'),
    notice: form.notice ?? null,
    body: html`${errorSummary(t('errors.summary'), errors)}
${callLine(page, call)}
<form method="post" action="${editPath(call.id, 'basics')}" novalidate>
  ${page.csrfField}${version(call)}
  <h2>${t('callEditor.basics.texts')}</h2>
  ${textField({ name: 'titleEn', label: t('callEditor.field.titleEn'), value: values.titleEn, error: errorFor(errors, 'titleEn') })}
  ${textField({ name: 'titleFr', label: t('callEditor.field.titleFr'), value: values.titleFr, error: errorFor(errors, 'titleFr') })}
  ${textareaField({ name: 'descriptionEn', label: t('callEditor.field.descriptionEn'), hint: t('callEditor.field.descriptionHint'), value: values.descriptionEn, error: errorFor(errors, 'descriptionEn'), rows: 5 })}
  ${textareaField({ name: 'descriptionFr', label: t('callEditor.field.descriptionFr'), hint: t('callEditor.field.descriptionHint'), value: values.descriptionFr, error: errorFor(errors, 'descriptionFr'), rows: 5 })}
  <h2>${t('callEditor.basics.dates')}</h2>
  <p>${t('callEditor.basics.datesHint')}</p>
  ${momentFields(page, 'opens', values, errors)}
  ${momentFields(page, 'closes', values, errors)}
  <h2>${t('callEditor.basics.amounts')}</h2>
  ${input('budgetEnvelope', 'callEditor.field.budgetEnvelopeHint')}
  ${input('minRequest', 'callEditor.field.requestHint')}
  ${input('maxRequest', 'callEditor.field.requestHint')}
  ${numberField({ name: 'maxDurationMonths', label: t('callEditor.field.maxDurationMonths'), hint: t('callEditor.field.maxDurationMonthsHint'), value: values.maxDurationMonths, min: 1, max: 60, error: errorFor(errors, 'maxDurationMonths') })}
  ${textField({ name: 'holdbackPercent', label: t('callEditor.field.holdbackPercent'), hint: t('callEditor.field.holdbackPercentHint'), value: values.holdbackPercent, error: errorFor(errors, 'holdbackPercent'), inputmode: 'numeric', width: '4-char-width' })}
  <h2>${t('callEditor.basics.review')}</h2>
  ${numberField({ name: 'reviewersPerApplication', label: t('callEditor.field.reviewersPerApplication'), hint: t('callEditor.field.reviewersPerApplicationHint'), value: values.reviewersPerApplication, min: 1, max: 10, error: errorFor(errors, 'reviewersPerApplication') })}
  ${momentFields(page, 'reviewDue', values, errors)}
  ${textField({ name: 'disagreementThreshold', label: t('callEditor.field.disagreementThreshold'), hint: t('callEditor.field.disagreementThresholdHint'), value: values.disagreementThreshold, error: errorFor(errors, 'disagreementThreshold'), inputmode: 'decimal', width: '5-char-width' })}
  ${saveButtons(page, editPath(call.id))}
</form>`,
  });
}

export function eligibilityPage(page: PageContext, call: Call, form: PartForm<EligibilityValues>): string {
  const { t } = page;
  const { values, errors } = form;
  return layout(page, {
    title: t('callEditor.eligibility.title'),
    notice: form.notice ?? null,
    body: html`${errorSummary(t('errors.summary'), errors)}
${callLine(page, call)}
<form method="post" action="${editPath(call.id, 'eligibility')}" novalidate>
  ${page.csrfField}${version(call)}
  ${checkboxGroup({
    name: 'organizationTypes',
    legend: t('callEditor.eligibility.types'),
    hint: t('callEditor.eligibility.typesHint'),
    options: ORGANIZATION_TYPES.map((type) => ({ value: type, label: t(`callEditor.orgType.${type}`) })),
    values: values.organizationTypes,
    error: errorFor(errors, `organizationTypes-${ORGANIZATION_TYPES[0]}`),
  })}
  ${checkboxGroup({
    name: 'regions',
    legend: t('callEditor.eligibility.regions'),
    hint: t('callEditor.eligibility.regionsHint'),
    options: REGIONS.map((region) => ({ value: region, label: t(`callEditor.region.${region}`) })),
    values: values.regions,
    error: errorFor(errors, `regions-${REGIONS[0]}`),
  })}
  ${radioGroup({
    name: 'indigenousLedRequired',
    legend: t('callEditor.eligibility.indigenousLed'),
    hint: call.fundCode === 'ILIF' ? t('callEditor.eligibility.ilifHint') : undefined,
    options: [
      { value: 'yes', label: t('callEditor.yes') },
      { value: 'no', label: t('callEditor.no') },
    ],
    value: values.indigenousLedRequired,
    error: errorFor(errors, 'indigenousLedRequired-yes'),
  })}
  ${saveButtons(page, editPath(call.id))}
</form>`,
  });
}

// ---- application form ----

/** A small form for one button that changes the form's outline (move, remove). */
function outlineButton(page: PageContext, call: Call, action: string, label: string, hidden: string, fields: Record<string, string> = {}): SafeHtml {
  return html`<form method="post" action="${editPath(call.id, action)}" class="web-inline-form">
  ${page.csrfField}${version(call)}${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <button type="submit" class="ontario-button ontario-button--tertiary web-small-button">${label}<span class="ontario-show-for-sr"> ${hidden}</span></button>
</form>`;
}

export function formOutlinePage(page: PageContext, call: Call, notice: Notice): string {
  const { t } = page;
  const sections = call.form?.sections ?? [];
  const moves = (base: string, index: number, count: number, hidden: string) =>
    html`${index > 0 ? outlineButton(page, call, `${base}/move`, t('callEditor.form.moveUp'), hidden, { direction: 'up' }) : ''}${
      index < count - 1 ? outlineButton(page, call, `${base}/move`, t('callEditor.form.moveDown'), hidden, { direction: 'down' }) : ''
    }${outlineButton(page, call, `${base}/remove`, t('callEditor.form.remove'), hidden)}`;
  const outline = sections.map((section, s) => {
    const base = `form/sections/${s}`;
    const sectionHidden = t('callEditor.form.sectionName', { section: s + 1 });
    const rows = section.questions.map((question, q) => {
      const hidden = t('callEditor.form.questionName', { section: s + 1, question: q + 1 });
      return html`<tr>
      <td class="web-number">${q + 1}</td>
      <th scope="row">${questionName(page, question)}</th>
      <td>${t(`callEditor.type.${question.type}`)}</td>
      <td>${question.required ? t('callEditor.yes') : t('callEditor.no')}</td>
      <td><div class="web-row-actions"><a href="${editPath(call.id, `${base}/questions/${q}`)}">${t('callEditor.form.edit')}<span class="ontario-show-for-sr"> ${hidden}</span></a>${moves(`${base}/questions/${q}`, q, section.questions.length, hidden)}</div></td>
    </tr>`;
    });
    return html`<section class="web-form-section" aria-labelledby="section-${s}">
<h2 id="section-${s}">${t('callEditor.form.sectionHeading', { section: s + 1, title: sectionName(page, section) })}</h2>
<div class="web-row-actions"><a href="${editPath(call.id, base)}">${t('callEditor.form.editSection')}<span class="ontario-show-for-sr"> ${sectionHidden}</span></a>${moves(base, s, sections.length, sectionHidden)}</div>
${
  rows.length === 0
    ? html`<p>${t('callEditor.terms.noQuestions')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('callEditor.terms.questionsCaption', { section: s + 1 })}</caption>
  <thead><tr><th scope="col" class="web-number">${t('callEditor.terms.number')}</th><th scope="col">${t('callEditor.form.question')}</th><th scope="col">${t('callEditor.terms.type')}</th><th scope="col">${t('callEditor.terms.required')}</th><th scope="col">${t('callEditor.list.actions')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
<p><a class="ontario-button ontario-button--secondary" id="section-${s}-add" href="${editPath(call.id, `${base}/questions/new`)}">${t('callEditor.form.addQuestion', { section: s + 1 })}</a></p>
</section>`;
  });
  return layout(page, {
    title: t('callEditor.form.title'),
    notice,
    body: html`${callLine(page, call)}
<p>${t('callEditor.form.intro')}</p>
${sections.length === 0 ? html`<p>${t('callEditor.form.none')}</p>` : html`<p class="ontario-hint">${t('callEditor.form.removeHint')}</p>${outline}`}
<p><a class="ontario-button ontario-button--primary" id="add-section" href="${editPath(call.id, 'form/sections/new')}">${t('callEditor.form.addSection')}</a></p>
<p><a href="${editPath(call.id)}">${t('callEditor.form.back')}</a></p>`,
  });
}

/** index: the section's, or null for a new one. itemKey: the key the page was opened with, to notice a move meanwhile. */
export function sectionPage(page: PageContext, call: Call, index: number | null, form: PartForm<SectionValues> & { itemKey: string }): string {
  const { t } = page;
  const { values, errors } = form;
  const action = index === null ? 'form/sections/new' : `form/sections/${index}`;
  return layout(page, {
    title: index === null ? t('callEditor.section.newTitle') : t('callEditor.section.title', { section: index + 1 }),
    notice: form.notice ?? null,
    body: html`${errorSummary(t('errors.summary'), errors)}
${callLine(page, call)}
<form method="post" action="${editPath(call.id, action)}" novalidate>
  ${page.csrfField}${version(call)}<input type="hidden" name="itemKey" value="${form.itemKey}">
  ${textField({ name: 'titleEn', label: t('callEditor.section.titleEn'), value: values.titleEn, error: errorFor(errors, 'titleEn') })}
  ${textField({ name: 'titleFr', label: t('callEditor.section.titleFr'), value: values.titleFr, error: errorFor(errors, 'titleFr') })}
  ${saveButtons(page, editPath(call.id, 'form'), { saveLabel: 'callEditor.saveForm' })}
</form>`,
  });
}

export function questionPage(page: PageContext, call: Call, section: number, index: number | null, form: PartForm<QuestionValues> & { itemKey: string }): string {
  const { t } = page;
  const { values, errors } = form;
  const action = index === null ? `form/sections/${section}/questions/new` : `form/sections/${section}/questions/${index}`;
  return layout(page, {
    title: index === null ? t('callEditor.question.newTitle', { section: section + 1 }) : t('callEditor.question.title', { section: section + 1, question: index + 1 }),
    notice: form.notice ?? null,
    body: html`${errorSummary(t('errors.summary'), errors)}
${callLine(page, call)}
<form method="post" action="${editPath(call.id, action)}" novalidate>
  ${page.csrfField}${version(call)}<input type="hidden" name="itemKey" value="${form.itemKey}">
  ${textareaField({ name: 'labelEn', label: t('callEditor.question.labelEn'), value: values.labelEn, error: errorFor(errors, 'labelEn'), rows: 2 })}
  ${textareaField({ name: 'labelFr', label: t('callEditor.question.labelFr'), value: values.labelFr, error: errorFor(errors, 'labelFr'), rows: 2 })}
  ${radioGroup({
    name: 'type',
    legend: t('callEditor.question.type'),
    options: QUESTION_TYPES.map((type) => ({ value: type, label: t(`callEditor.type.${type}`) })),
    value: values.type,
    error: errorFor(errors, `type-${QUESTION_TYPES[0]}`),
  })}
  ${checkboxGroup({ name: 'required', legend: t('callEditor.question.required'), options: [{ value: 'yes', label: t('callEditor.question.requiredOption') }], values: values.required ? ['yes'] : [] })}
  ${textareaField({ name: 'optionsEn', label: t('callEditor.question.optionsEn'), hint: t('callEditor.question.optionsEnHint'), value: values.optionsEn, error: errorFor(errors, 'optionsEn'), rows: 5 })}
  ${textareaField({ name: 'optionsFr', label: t('callEditor.question.optionsFr'), hint: t('callEditor.question.optionsFrHint'), value: values.optionsFr, error: errorFor(errors, 'optionsFr'), rows: 5 })}
  ${numberField({ name: 'maxLength', label: t('callEditor.question.maxLength'), hint: t('callEditor.question.maxLengthHint'), value: values.maxLength, min: 1, error: errorFor(errors, 'maxLength') })}
  ${textField({ name: 'min', label: t('callEditor.question.min'), hint: t('callEditor.question.boundHint'), value: values.min, error: errorFor(errors, 'min'), inputmode: 'decimal', width: '10-char-width' })}
  ${textField({ name: 'max', label: t('callEditor.question.max'), hint: t('callEditor.question.boundHint'), value: values.max, error: errorFor(errors, 'max'), inputmode: 'decimal', width: '10-char-width' })}
  ${saveButtons(page, editPath(call.id, 'form'), { saveLabel: 'callEditor.saveForm' })}
</form>`,
  });
}

// ---- lists: attachments, rubric, outcome measures ----

const LIST_WORDS: Record<ListKind, { part: CallPart; prefix: 'attachments' | 'rubric' | 'outcomes' }> = {
  attachments: { part: 'attachments', prefix: 'attachments' },
  criteria: { part: 'rubric', prefix: 'rubric' },
  measures: { part: 'outcomes', prefix: 'outcomes' },
};

/** A criterion's bands of scores: for each, its lowest score and what it means in both languages. */
function bandFields(page: PageContext, row: ItemValues, errors: readonly FieldError[]): SafeHtml {
  const { t } = page;
  const hintId = itemField('criteria', row.row, 'bands-hint');
  return html`<fieldset class="ontario-fieldset" aria-describedby="${hintId}">
  <legend class="ontario-fieldset__legend">${t('callEditor.rubric.bands')}</legend>
  <p class="ontario-hint" id="${hintId}">${t('callEditor.rubric.bandsHint')}</p>
  ${row.bands.map((band, b) => {
    const field = (attribute: 'minScore' | 'labelEn' | 'labelFr') => bandField(row.row, b, attribute);
    return html`<div>
    ${textField({ name: field('minScore'), label: t('callEditor.rubric.band.minScore', { band: b + 1 }), value: band.minScore, error: errorFor(errors, field('minScore')), inputmode: 'numeric', width: '4-char-width' })}
    ${textField({ name: field('labelEn'), label: t('callEditor.rubric.band.labelEn', { band: b + 1 }), value: band.labelEn, error: errorFor(errors, field('labelEn')) })}
    ${textField({ name: field('labelFr'), label: t('callEditor.rubric.band.labelFr', { band: b + 1 }), value: band.labelFr, error: errorFor(errors, field('labelFr')) })}
  </div>`;
  })}
</fieldset>`;
}

export function listPage(page: PageContext, call: Call, kind: ListKind, form: PartForm<ItemValues[]>): string {
  const { t, locale } = page;
  const { values, errors } = form;
  const { part, prefix } = LIST_WORDS[kind];
  const rows = values.map((row) => {
    const field = (attribute: string) => itemField(kind, row.row, attribute);
    const isNew = row.row === NEW_ROW;
    const legend = isNew ? t(`callEditor.${prefix}.add`) : t(`callEditor.${prefix}.item`, { item: Number(row.row) + 1, label: row.labelEn || row.labelFr });
    return html`<fieldset class="ontario-fieldset web-list-item">
  <legend class="ontario-fieldset__legend">${legend}</legend>
  ${isNew ? html`<p class="ontario-hint">${t('callEditor.hint.leaveBlank')}</p>` : ''}
  ${isNew ? '' : html`<input type="hidden" name="${field('key')}" value="${row.key}">`}
  ${textField({ name: field('labelEn'), label: t(`callEditor.${prefix}.labelEn`), value: row.labelEn, error: errorFor(errors, field('labelEn')) })}
  ${textField({ name: field('labelFr'), label: t(`callEditor.${prefix}.labelFr`), value: row.labelFr, error: errorFor(errors, field('labelFr')) })}
  ${
    kind === 'criteria'
      ? html`${textField({ name: field('weight'), label: t('callEditor.rubric.weight'), hint: t('callEditor.rubric.weightHint'), value: row.weight, error: errorFor(errors, field('weight')), inputmode: 'decimal', width: '5-char-width' })}
  ${textField({ name: field('maxScore'), label: t('callEditor.rubric.maxScore'), hint: t('callEditor.rubric.maxScoreHint'), value: row.maxScore, error: errorFor(errors, field('maxScore')), inputmode: 'numeric', width: '5-char-width' })}
  ${bandFields(page, row, errors)}`
      : ''
  }
  ${
    isNew
      ? ''
      : html`<div class="ontario-checkboxes web-remove"><div class="ontario-checkboxes__item">
    <input class="ontario-checkboxes__input" id="${field('remove')}" name="${field('remove')}" type="checkbox" value="yes"${row.remove ? html` checked` : ''}>
    <label class="ontario-checkboxes__label" for="${field('remove')}">${t(`callEditor.${prefix}.remove`)}</label>
  </div></div>`
  }
</fieldset>`;
  });
  const total = kind === 'criteria' ? totalWeight(values) : null;
  return layout(page, {
    title: t(`callEditor.${prefix}.title`),
    notice: form.notice ?? null,
    body: html`${errorSummary(t('errors.summary'), errors)}${kind === 'criteria' ? script : ''}
${callLine(page, call)}
<p>${t(`callEditor.${prefix}.intro`)}</p>
${
  kind === 'criteria'
    ? html`<p class="ontario-lead-statement" id="total-weight" aria-live="polite" data-known="${t('callEditor.rubric.total', { total: '{total}' })}" data-unknown="${t('callEditor.rubric.totalUnknown')}">${
        total === null ? t('callEditor.rubric.totalUnknown') : t('callEditor.rubric.total', { total: decimalForInput(locale, total) })
      }</p>`
    : ''
}
<form method="post" action="${editPath(call.id, part)}" novalidate${kind === 'criteria' ? html` data-weights` : ''}>
  ${page.csrfField}${version(call)}
  ${rows}
  ${saveButtons(page, editPath(call.id), { addAnother: true })}
</form>`,
  });
}

// ---- publishing ----

/** What publishing does, asked before it is done. */
export function publishConfirmPage(page: PageContext, call: Call): string {
  const { t, locale } = page;
  const moment = (instant: Date | null) => (instant ? formatInstant(locale, instant) : t('callEditor.notSet'));
  return layout(page, {
    title: t('callEditor.publishConfirm.title'),
    body: html`<p>${t('callEditor.publishConfirm.body', { title: callTitle(page, call), opens: moment(call.opensAt), closes: moment(call.closesAt) })}</p>
<p><strong>${t('callEditor.publishConfirm.final')}</strong></p>
<form method="post" action="/officer/calls/${call.id}/publish">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('callEditor.publishConfirm.submit')}</button></div>
</form>
<p><a href="${editPath(call.id)}">${t('callEditor.publishConfirm.cancel')}</a></p>`,
  });
}

// ---- closing early ----

export function closePage(page: PageContext, call: Call): string {
  const { t } = page;
  return layout(page, {
    title: t('callEditor.close.title'),
    body: html`<p>${t('callEditor.close.body', { title: callTitle(page, call) })}</p>
<form method="post" action="/officer/calls/${call.id}/close">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('callEditor.close.submit')}</button></div>
</form>
<p><a href="${editPath(call.id)}">${t('callEditor.close.cancel')}</a></p>`,
  });
}
