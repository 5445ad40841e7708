import type { Application, ApplicationStatus, AttachmentView, SubmissionProblem } from '@grants/applications';
import { BUDGET_CATEGORIES, isEditable, OTHER_ATTACHMENT_KEY } from '@grants/applications';
import type { Call, EligibilityFault, FormSection, Localized, Question } from '@grants/calls';
import { DEFAULT_ANSWER_MAX_LENGTH } from '@grants/calls';
import { formatDate, formatFileSize, formatInstant, formatMoney, OfficialLanguage } from '@grants/core';
import type { ProfileProblem } from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { checkboxGroup, dateField, dateFieldHint, dateFieldLabels, errorFor, errorSummary, FieldError, radioGroup, selectField, textareaField, textField } from '../views/form';
import { MAX_AMOUNT_CENTS } from '../forms/money';
import { catalogNotice, layout } from '../views/layout';
import { statusWords } from '../views/status';
import { profileProblemHref, profileProblemText } from '../organization/organization.pages';
import {
  AnswerProblem,
  answerField,
  answerTarget,
  AnswerValue,
  AnswerValues,
  attachmentsState,
  BudgetProblem,
  BudgetRow,
  budgetField,
  budgetState,
  dateAnswerParts,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  MORE_BUDGET_ROWS,
  PartState,
  ProjectProblem,
  ProjectValues,
  projectState,
  rowsTotalCents,
  sectionState,
} from './apply-form';
import { budgetCategoryWords } from '../views/budget-category';

export const APPLY_SCRIPT_PATH = '/assets/apply.js';
/** Autosave on the project and section pages, and the budget's live total. */
const script = html`<script src="${APPLY_SCRIPT_PATH}" defer></script>`;

function tag(locale: OfficialLanguage): string {
  return locale === 'fr' ? 'fr-CA' : 'en-CA';
}

function listOf(locale: OfficialLanguage, items: string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(tag(locale), { style: 'long', type }).format(items);
}

function ontarioTime(page: PageContext, instant: Date | null): string {
  return instant ? page.t('apply.instant', { date: formatInstant(page.locale, instant) }) : '';
}

// ---- the call ----

export interface ExistingApplication {
  id: string;
  organizationName: string;
  status: ApplicationStatus;
}

export interface CallPageData {
  call: Call;
  fundName: string;
  /** Null when nobody is signed in. */
  organizations: Array<{ id: string; legalName: string }> | null;
  /** The applications the user's organizations have for this call. */
  existing: ExistingApplication[];
  organizationId: string;
  errors: FieldError[];
  /** After a refused start: the draft the organization already has. */
  draftId: string | null;
  /** The user's organizations the call's eligibility rules exclude (not offered in the start form), and why. */
  excluded?: ExcludedOrganization[];
}

export interface ExcludedOrganization {
  id: string;
  legalName: string;
  faults: EligibilityFault[];
  /** An open call of another fund it may apply to. */
  elsewhere: { id: string; title: Partial<Localized>; fundName: string } | null;
}

export function callPage(page: PageContext, data: CallPageData): string {
  const { t, locale } = page;
  const { call } = data;
  const eligibility = call.eligibility;
  const who: SafeHtml[] = eligibility
    ? [
        html`<li>${t('apply.call.eligibility.types', { types: listOf(locale, eligibility.organizationTypes.map((type) => t(`apply.orgType.${type}` as MessageKey)), 'disjunction') })}</li>`,
        html`<li>${
          eligibility.regions === null
            ? t('apply.call.eligibility.allRegions')
            : t('apply.call.eligibility.regions', { regions: listOf(locale, eligibility.regions.map((region) => t(`apply.region.${region}` as MessageKey)), 'disjunction') })
        }</li>`,
        ...(eligibility.indigenousLedRequired ? [html`<li>${t('apply.call.eligibility.indigenousLed')}</li>`] : []),
      ]
    : [];
  const documents =
    call.requiredAttachments.length === 0
      ? html`<p>${t('apply.call.noAttachments')}</p>`
      : html`<p>${t('apply.call.attachmentsIntro')}</p><ul>${call.requiredAttachments.map((document) => html`<li>${document.label[locale]}</li>`)}</ul>`;
  return layout(page, {
    title: call.title?.[locale] ?? '',
    body: html`${errorSummary(t('errors.summary'), data.errors)}
<p class="ontario-lead-statement web-preserve">${call.description?.[locale] ?? ''}</p>
<dl class="web-facts">
  <dt>${t('apply.call.fund')}</dt><dd>${data.fundName}</dd>
  <dt>${t('apply.call.status')}</dt><dd>${t(`apply.call.status.${call.status}`)}</dd>
  <dt>${t('apply.call.opens')}</dt><dd>${ontarioTime(page, call.opensAt)}</dd>
  <dt>${t('apply.call.closes')}</dt><dd>${ontarioTime(page, call.closesAt)}</dd>
  <dt>${t('apply.call.amounts')}</dt><dd>${t('apply.call.range', { min: formatMoney(locale, call.minRequestCents ?? 0), max: formatMoney(locale, call.maxRequestCents ?? 0) })}</dd>
  <dt>${t('apply.call.duration')}</dt><dd>${t('apply.call.months', { months: call.maxDurationMonths ?? 0 })}</dd>
</dl>
<h2>${t('apply.call.eligibility')}</h2>
<ul>${who}</ul>
${standing(page, data)}
<h2>${t('apply.call.attachments')}</h2>
${documents}
<h2 id="apply">${t('apply.call.apply')}</h2>
${applySection(page, data)}`,
  });
}

/** For each of the signed-in person's organizations, whether it may apply; an excluded one is told why, and where it may apply instead. */
function standing(page: PageContext, data: CallPageData): SafeHtml | string {
  const { t, locale } = page;
  const excluded = data.excluded ?? [];
  if (data.organizations === null || (data.organizations.length === 0 && excluded.length === 0)) return '';
  const eligible = data.organizations.map((organization) => html`<p>${t('apply.call.mayApply', { organization: organization.legalName })}</p>`);
  const kinds = (types: string[]): string => listOf(locale, types.map((type) => t(`apply.orgType.${type}` as MessageKey)), 'disjunction');
  const why = (fault: EligibilityFault): string =>
    fault.rule === 'organizationType'
      ? t('apply.call.excluded.type', { allowed: kinds(fault.allowed), type: kinds([fault.type]) })
      : fault.rule === 'region'
        ? t('apply.call.excluded.region', { allowed: listOf(locale, fault.allowed.map((region) => t(`apply.region.${region}` as MessageKey)), 'disjunction'), region: t(`apply.region.${fault.region}` as MessageKey) })
        : t('apply.call.excluded.indigenousLed');
  const refusals = excluded.map(
    (organization) => html`<div class="ontario-alert ontario-alert--warning" id="excluded-${organization.id}"><div class="ontario-alert__body">
<p>${t('apply.call.excluded', { organization: organization.legalName })}</p>
<ul>${organization.faults.map((fault) => html`<li>${why(fault)}</li>`)}</ul>
${
  organization.elsewhere
    ? html`<p>${t('apply.call.elsewhere', { organization: organization.legalName })} <a href="/calls/${organization.elsewhere.id}">${organization.elsewhere.title[locale] ?? ''}</a> (${organization.elsewhere.fundName})</p>`
    : html`<p>${t('apply.call.nowhere')}</p>`
}
<p>${t('apply.call.profileWrong')} <a href="/organizations/${organization.id}">${t('apply.call.seeProfile', { organization: organization.legalName })}</a></p>
</div></div>`,
  );
  return html`<h3>${t('apply.call.yourOrganizations')}</h3>${eligible}${refusals}`;
}

function applySection(page: PageContext, data: CallPageData): SafeHtml {
  const { t } = page;
  const { call } = data;
  if (call.status === 'scheduled') return html`<p>${t('apply.call.notOpenYet', { date: formatInstant(page.locale, call.opensAt!) })}</p>`;
  if (call.status === 'draft') return html`<p>${t('apply.call.notPublished')}</p>`;
  if (call.status !== 'open') return html`<p>${t('apply.call.closed')}</p>`;
  const here = `/calls/${call.id}`;
  if (data.organizations === null) {
    return html`<p><a class="ontario-button ontario-button--primary" href="/sign-in?next=${encodeURIComponent(here)}">${t('apply.call.signIn')}</a></p>
<p><a href="/register">${t('apply.call.register')}</a></p>`;
  }
  if (data.organizations.length === 0 && data.existing.length === 0 && (data.excluded ?? []).length === 0) {
    return html`<p>${t('apply.call.noOrganization')}</p>
<p><a class="ontario-button ontario-button--primary" href="/organizations/new?next=${encodeURIComponent(here)}">${t('apply.call.createOrganization')}</a></p>`;
  }
  const conflict = data.draftId
    ? html`<div class="ontario-alert ontario-alert--informational"><div class="ontario-alert__body"><p>${t('apply.error.draftExists')}</p><p><a href="/applications/${data.draftId}/edit">${t('apply.continue')}</a></p></div></div>`
    : '';
  const existing = data.existing.map((application) =>
    isEditable(application.status)
      ? html`<p>${t('apply.call.existing.editable', { organization: application.organizationName })} <a href="/applications/${application.id}/edit">${t('apply.continue')}</a></p>`
      : html`<p>${t('apply.call.existing.other', { organization: application.organizationName, status: statusWords(page, application.status) })} <a href="/applications/${application.id}">${t('apply.call.seeApplication')}</a></p>`,
  );
  const organizations = data.organizations;
  const start =
    organizations.length === 0
      ? ''
      : html`<form method="post" action="/calls/${call.id}/applications" novalidate>
  ${page.csrfField}
  ${
    organizations.length === 1
      ? html`<input type="hidden" name="organizationId" value="${organizations[0]!.id}"><p>${t('apply.call.onBehalf', { organization: organizations[0]!.legalName })}</p>`
      : radioGroup({
          name: 'organizationId',
          legend: t('apply.call.chooseOrganization'),
          options: organizations.map((organization) => ({ value: organization.id, label: organization.legalName })),
          value: data.organizationId,
          error: errorFor(data.errors, `organizationId-${organizations[0]!.id}`),
        })
  }
  <p class="ontario-hint" id="start-hint">${t('apply.call.startHint')}</p>
  <button type="submit" class="ontario-button ontario-button--primary" aria-describedby="start-hint">${t('apply.call.start')}</button>
</form>`;
  return html`${conflict}${existing}${start}`;
}

// ---- what the edit pages share ----

export interface DraftContext {
  application: Application;
  call: Call;
  organizationName: string;
}

interface Part {
  name: string;
  path: string;
  state: PartState;
}

/** The parts of the application, in the order "Save and continue" goes through them. */
export function partsOf(page: PageContext, draft: DraftContext): Part[] {
  const { application, call } = draft;
  const base = `/applications/${application.id}/edit`;
  return [
    { name: page.t('apply.part.project'), path: `${base}/project`, state: projectState(application) },
    ...(call.form?.sections ?? []).map((section) => ({ name: section.title[page.locale], path: `${base}/sections/${section.key}`, state: sectionState(section, application.answers) })),
    { name: page.t('apply.part.budget'), path: `${base}/budget`, state: budgetState(application.budget.length, application.requestedCents, call) },
    ...(call.requiredAttachments.length > 0 ? [{ name: page.t('apply.part.attachments'), path: `${base}/attachments`, state: attachmentsState(call.requiredAttachments, application.attachments) }] : []),
  ];
}

/** Where "Save and continue" leads from a part: the next one, or the check page after the last. */
export function nextPartPath(page: PageContext, draft: DraftContext, currentPath: string): string {
  const parts = partsOf(page, draft);
  const index = parts.findIndex((part) => part.path === currentPath);
  return parts[index + 1]?.path ?? `/applications/${draft.application.id}/check`;
}

function context(page: PageContext, draft: DraftContext): SafeHtml {
  return html`<p class="web-context">${page.t('apply.context', { organization: draft.organizationName, call: draft.call.title?.[page.locale] ?? '' })}</p>`;
}

function backToList(page: PageContext, draft: DraftContext): SafeHtml {
  return html`<p><a href="/applications/${draft.application.id}/edit">${page.t('apply.backToList')}</a></p>`;
}

function partButtons(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<p id="autosave-status" class="ontario-hint web-autosave" aria-live="polite"></p>
<div class="web-actions">
  <button type="submit" name="then" value="next" class="ontario-button ontario-button--primary">${t('apply.saveContinue')}</button>
  <button type="submit" name="then" value="list" class="ontario-button ontario-button--secondary">${t('apply.saveList')}</button>
</div>`;
}

/**
 * The form of a part: the version it was read at, and what the autosave script needs. `after` comes
 * after the save buttons, so that Enter in a field still saves and continues (the first button).
 */
function partForm(page: PageContext, action: string, version: number, content: SafeHtml, options: { autosave: boolean; after?: SafeHtml }): SafeHtml {
  const { t } = page;
  const data = options.autosave
    ? html` data-autosave="on" data-saved="${t('apply.autosave.saved', { time: '{time}' })}" data-failed="${t('apply.autosave.failed')}" data-stale="${t('apply.autosave.stale')}"
      data-signed-out="${t('apply.autosave.signedOut')}" data-sign-in="${t('apply.autosave.signIn')}" data-restored="${t('form.restored')}" data-account="${page.actor?.userId ?? ''}"`
    : '';
  return html`<form method="post" action="${action}" id="part-form" novalidate${data}>
  ${page.csrfField}
  <input type="hidden" name="version" value="${version}">
  ${content}
  ${partButtons(page)}
  ${options.after ?? ''}
</form>`;
}

function flagged(page: PageContext, label: string, required: boolean): string {
  return `${label} ${page.t(required ? 'apply.required' : 'apply.optional')}`;
}

// ---- the task list ----

/** What the task list offers besides the parts: deleting the draft, to an owner (ApplicationService.mayDeleteDraft). */
export interface TaskListOptions {
  canDelete?: boolean;
}

export function taskListPage(page: PageContext, draft: DraftContext, notice: MessageKey | null, options: TaskListOptions = {}): string {
  const { t, locale } = page;
  const { application, call } = draft;
  const screening = application.status === 'information_requested' && application.screening?.outcome === 'information_requested' ? application.screening : null;
  const request = screening
    ? html`<div class="ontario-alert ontario-alert--warning">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('apply.info.heading')}</h2></div>
  <div class="ontario-alert__body"><p class="web-preserve">${screening.reason}</p>${screening.respondBy ? html`<p>${t('apply.info.respondBy', { date: formatInstant(locale, screening.respondBy) })}</p>` : ''}</div>
</div>`
    : '';
  const parts = partsOf(page, draft).map(
    (part, index) => html`<li class="web-task">
    <a href="${part.path}" aria-describedby="task-${index}-state">${part.name}</a>
    <strong class="web-state web-state--${part.state}" id="task-${index}-state">${t(`apply.state.${part.state}`)}</strong>
  </li>`,
  );
  return layout(page, {
    title: t('apply.tasks.title'),
    notice: catalogNotice(page, notice),
    body: html`${request}
<dl class="web-facts">
  <dt>${t('apply.facts.project')}</dt><dd>${application.title || t('apply.untitled')}</dd>
  <dt>${t('apply.facts.call')}</dt><dd><a href="/calls/${call.id}">${call.title?.[locale] ?? ''}</a></dd>
  <dt>${t('apply.facts.organization')}</dt><dd>${draft.organizationName}</dd>
  <dt>${t('apply.facts.status')}</dt><dd>${statusWords(page, application.status)}</dd>
  ${
    screening?.respondBy
      ? html`<dt>${t('apply.facts.respondBy')}</dt><dd>${ontarioTime(page, screening.respondBy)}</dd>`
      : html`<dt>${t('apply.facts.closes')}</dt><dd>${ontarioTime(page, call.closesAt)}</dd>`
  }
</dl>
<p>${t('apply.tasks.intro')}</p>
<h2>${t('apply.tasks.heading')}</h2>
<ol class="web-tasks">${parts}</ol>
<h2>${t('apply.part.check')}</h2>
<p>${t('apply.tasks.checkIntro')}</p>
<p><a class="ontario-button ontario-button--primary" href="/applications/${application.id}/check">${t('apply.part.check')}</a></p>
${options.canDelete ? deleteOffer(page, application.id) : ''}`,
  });
}

function deleteOffer(page: PageContext, applicationId: string): SafeHtml {
  const { t } = page;
  return html`<h2>${t('apply.tasks.deleteHeading')}</h2>
<p>${t('apply.tasks.deleteIntro')}</p>
<p><a class="ontario-button ontario-button--secondary" href="/applications/${applicationId}/delete">${t('apply.tasks.delete')}</a></p>`;
}

// ---- deleting the draft ----

/** Says what deleting the draft does, before the owner confirms it. */
export function deleteDraftPage(page: PageContext, draft: DraftContext, errors: FieldError[] = []): string {
  const { t, locale } = page;
  const { application, call, organizationName } = draft;
  return layout(page, {
    title: t('apply.delete.title'),
    body: html`${errorSummary(t('errors.summary'), errors)}
<dl class="web-facts">
  <dt>${t('apply.facts.project')}</dt><dd>${application.title || t('apply.untitled')}</dd>
  <dt>${t('apply.facts.call')}</dt><dd>${call.title?.[locale] ?? ''}</dd>
  <dt>${t('apply.facts.organization')}</dt><dd>${organizationName}</dd>
  <dt>${t('apply.delete.documents')}</dt><dd>${application.attachments.length === 0 ? t('apply.delete.noDocuments') : application.attachments.map((file, index) => html`${index > 0 ? ', ' : ''}${file.filename}`)}</dd>
</dl>
<p>${t('apply.delete.intro')}</p>
<ul>
  <li>${t('apply.delete.lost', { organization: organizationName })}</li>
  <li>${t('apply.delete.again', { organization: organizationName })}</li>
</ul>
<form method="post" action="/applications/${application.id}/delete" novalidate id="delete">
  ${page.csrfField}
  <div class="web-actions">
    <button type="submit" class="ontario-button ontario-button--primary">${t('apply.delete.confirm')}</button>
    <a class="ontario-button ontario-button--secondary" href="/applications/${application.id}/edit">${t('apply.delete.keep')}</a>
  </div>
</form>`,
  });
}

// ---- the project ----

export interface ProjectForm {
  values: ProjectValues;
  version: number;
  errors: FieldError[];
}

export function projectPage(page: PageContext, draft: DraftContext, form: ProjectForm, notice: MessageKey | null): string {
  const { t } = page;
  const content = html`${textField({ name: 'title', label: t('apply.project.name'), hint: t('apply.project.nameHint', { max: MAX_TITLE_LENGTH }), value: form.values.title, maxLength: MAX_TITLE_LENGTH, error: errorFor(form.errors, 'title') })}
  ${textareaField({ name: 'summary', label: t('apply.project.summary'), hint: t('apply.project.summaryHint', { max: MAX_SUMMARY_LENGTH }), value: form.values.summary, maxLength: MAX_SUMMARY_LENGTH, rows: 6, error: errorFor(form.errors, 'summary') })}`;
  return layout(page, {
    title: t('apply.part.project'),
    notice: catalogNotice(page, notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
${context(page, draft)}
${partForm(page, `/applications/${draft.application.id}/edit/project`, form.version, content, { autosave: true })}
${backToList(page, draft)}
${script}`,
  });
}

export function projectProblemMessage(page: PageContext, problem: ProjectProblem): FieldError {
  return { field: problem.field, message: page.t(problem.kind === 'titleTooLong' ? 'apply.error.titleTooLong' : 'apply.error.summaryTooLong', { max: problem.max }) };
}

// ---- a section of questions ----

export interface SectionForm {
  values: AnswerValues;
  version: number;
  errors: FieldError[];
}

export function sectionPage(page: PageContext, draft: DraftContext, section: FormSection, form: SectionForm, notice: MessageKey | null): string {
  const { t } = page;
  const content = html`${section.questions.map((question) => questionField(page, question, form.values[question.key] ?? '', form.errors))}`;
  return layout(page, {
    title: section.title[page.locale],
    notice: catalogNotice(page, notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
${context(page, draft)}
${partForm(page, `/applications/${draft.application.id}/edit/sections/${section.key}`, form.version, content, { autosave: true })}
${backToList(page, draft)}
${script}`,
  });
}

function numberHint(page: PageContext, question: Question): string | undefined {
  const { t } = page;
  const number = (value: number): string => new Intl.NumberFormat(tag(page.locale)).format(value);
  if (question.min !== undefined && question.max !== undefined) return t('apply.question.numberRange', { min: number(question.min), max: number(question.max) });
  if (question.min !== undefined) return t('apply.question.numberMin', { min: number(question.min) });
  if (question.max !== undefined) return t('apply.question.numberMax', { max: number(question.max) });
  return undefined;
}

function maxLengthOf(question: Question): number {
  return question.maxLength ?? DEFAULT_ANSWER_MAX_LENGTH[question.type === 'longtext' ? 'longtext' : 'text'];
}

function questionField(page: PageContext, question: Question, value: AnswerValue, errors: readonly FieldError[]): SafeHtml {
  const { t, locale } = page;
  const name = answerField(question.key);
  const label = flagged(page, question.label[locale], question.required);
  const error = errorFor(errors, answerTarget(question));
  const one = typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
  const options = (question.options ?? []).map((option) => ({ value: option.value, label: option.label[locale] }));
  switch (question.type) {
    case 'text':
      return textField({ name, label, value: one, maxLength: maxLengthOf(question), hint: t('apply.question.maxLength', { max: maxLengthOf(question) }), error });
    case 'longtext':
      return textareaField({ name, label, value: one, maxLength: maxLengthOf(question), hint: t('apply.question.maxLength', { max: maxLengthOf(question) }), error, rows: 8 });
    case 'number':
      return textField({ name, label, value: one, inputmode: 'decimal', width: '10-char-width', hint: numberHint(page, question), error });
    case 'date':
      return dateField({ name, legend: label, hint: dateFieldHint(t), value: dateAnswerParts(value), labels: dateFieldLabels(t), error });
    case 'choice':
      return radioGroup({ name, legend: label, options, value: one, error });
    case 'multichoice':
      return checkboxGroup({ name, legend: label, options, values: Array.isArray(value) ? value : one ? [one] : [], hint: t('apply.question.multichoice'), error });
    case 'yesno':
      return radioGroup({ name, legend: label, options: [{ value: 'yes', label: t('apply.answer.yes') }, { value: 'no', label: t('apply.answer.no') }], value: one, error });
  }
}

export function answerProblemMessage(page: PageContext, problem: AnswerProblem): FieldError {
  const { t, locale } = page;
  const { question } = problem;
  const label = question.label[locale];
  const number = (value: number): string => new Intl.NumberFormat(tag(locale)).format(value);
  const message = ((): string => {
    if (problem.kind === 'notNumber') return t('apply.error.notNumber', { label });
    if (problem.kind === 'notDate') return t('apply.error.date', { label });
    switch (question.type) {
      case 'text':
      case 'longtext':
        return t('apply.error.textTooLong', { label, max: maxLengthOf(question) });
      case 'number':
        if (question.min !== undefined && question.max !== undefined) return t('apply.error.numberRange', { label, min: number(question.min), max: number(question.max) });
        if (question.min !== undefined) return t('apply.error.numberMin', { label, min: number(question.min) });
        if (question.max !== undefined) return t('apply.error.numberMax', { label, max: number(question.max) });
        return t('apply.error.notNumber', { label });
      case 'date':
        return t('apply.error.date', { label });
      default:
        return t('apply.error.choice', { label });
    }
  })();
  return { field: problem.field, message };
}

// ---- the budget ----

export interface BudgetForm {
  rows: BudgetRow[];
  version: number;
  errors: FieldError[];
}

export function budgetPage(page: PageContext, draft: DraftContext, allowedYears: readonly string[], form: BudgetForm, notice: MessageKey | null): string {
  const { t, locale } = page;
  const { call } = draft;
  const min = formatMoney(locale, call.minRequestCents ?? 0);
  const max = formatMoney(locale, call.maxRequestCents ?? 0);
  const years = [{ value: '', label: t('apply.budget.choose') }, ...allowedYears.map((year) => ({ value: year, label: year }))];
  const categories = [{ value: '', label: t('apply.budget.choose') }, ...BUDGET_CATEGORIES.map((category) => ({ value: category, label: budgetCategoryWords(page, category) }))];
  const rows = form.rows.map((row, index) => {
    const error = (field: keyof BudgetRow): string | undefined => errorFor(form.errors, budgetField(index, field));
    return html`<fieldset class="ontario-fieldset web-budget-line">
  <legend class="ontario-fieldset__legend">${t('apply.budget.line', { number: index + 1 })}</legend>
  <div class="web-budget-line__fields">
    ${selectField({ name: budgetField(index, 'fiscalYear'), label: t('apply.budget.fiscalYear'), options: years, value: row.fiscalYear, error: error('fiscalYear') })}
    ${selectField({ name: budgetField(index, 'category'), label: t('apply.budget.category'), options: categories, value: row.category, error: error('category') })}
    ${textField({ name: budgetField(index, 'description'), label: t('apply.budget.description'), value: row.description, maxLength: 500, error: error('description') })}
    ${textField({ name: budgetField(index, 'amount'), label: t('apply.budget.amount'), value: row.amount, inputmode: 'decimal', width: '10-char-width', error: error('amount'), data: { amount: 'line' } })}
  </div>
</fieldset>`;
  });
  const total = rowsTotalCents(form.rows);
  const inRange = total >= (call.minRequestCents ?? 0) && total <= (call.maxRequestCents ?? Number.MAX_SAFE_INTEGER);
  const totalText = t(inRange ? 'apply.budget.inRange' : 'apply.budget.outOfRange', { total: formatMoney(locale, total), min, max });
  const content = html`<input type="hidden" name="rows" value="${form.rows.length}">
  <p>${t('apply.budget.intro', { min, max })}</p>
  <p class="ontario-hint" id="budget-hint">${t('apply.budget.hint')}</p>
  ${rows}
  <p class="ontario-lead-statement web-budget-total" id="budget-total" aria-live="polite" data-min="${call.minRequestCents ?? 0}" data-max="${call.maxRequestCents ?? 0}"
    data-in-range="${t('apply.budget.inRange', { total: '{total}', min, max })}" data-out-of-range="${t('apply.budget.outOfRange', { total: '{total}', min, max })}">${totalText}</p>`;
  const more = html`<h2 class="ontario-h4">${t('apply.budget.moreHeading')}</h2>
  <p class="ontario-hint" id="more-hint">${t('apply.budget.moreHint', { count: MORE_BUDGET_ROWS })}</p>
  <p><button type="submit" name="then" value="more" class="ontario-button ontario-button--secondary" aria-describedby="more-hint">${t('apply.budget.more')}</button></p>`;
  return layout(page, {
    title: t('apply.part.budget'),
    notice: catalogNotice(page, notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
${context(page, draft)}
${partForm(page, `/applications/${draft.application.id}/edit/budget`, form.version, content, { autosave: false, after: more })}
${backToList(page, draft)}
${script}`,
  });
}

export function budgetProblemMessage(page: PageContext, problem: BudgetProblem, maxDurationMonths: number): FieldError {
  const { t, locale } = page;
  if (problem.kind === 'tooManyLines') return { field: problem.field, message: t('apply.error.budget.tooMany', { max: problem.max }) };
  const number = problem.row + 1;
  const keys: Record<Exclude<BudgetProblem['kind'], 'tooManyLines'>, MessageKey> = {
    fiscalYearMissing: 'apply.error.budget.fiscalYear',
    categoryMissing: 'apply.error.budget.category',
    descriptionMissing: 'apply.error.budget.description',
    amountMissing: 'apply.error.budget.amount',
    amountInvalid: 'apply.error.budget.amountInvalid',
    amountZero: 'apply.error.budget.amountZero',
    amountTooLarge: 'apply.error.budget.amountTooLarge',
    fiscalYearRefused: 'apply.error.budget.fiscalYearRefused',
    categoryRefused: 'apply.error.budget.category',
    descriptionRefused: 'apply.error.budget.descriptionTooLong',
    amountRefused: 'apply.error.budget.amountZero',
  };
  return { field: problem.field, message: t(keys[problem.kind], { number, max: formatMoney(locale, MAX_AMOUNT_CENTS), months: maxDurationMonths }) };
}

// ---- the attachments ----

export interface AttachmentsForm {
  /** The document whose upload was refused, and why. */
  errors: FieldError[];
}

export function uploadField(key: string): string {
  return `file-${key}`;
}

export function attachmentsPage(page: PageContext, draft: DraftContext, form: AttachmentsForm, notice: MessageKey | null): string {
  const { t, locale } = page;
  const { application, call } = draft;
  const documents = [
    ...call.requiredAttachments.map((document) => ({ key: document.key, label: document.label[locale], required: true })),
    { key: OTHER_ATTACHMENT_KEY, label: t('apply.attachments.other'), required: false },
  ];
  const sections = documents.map((document) => {
    const files = application.attachments.filter((attachment) => attachment.key === document.key);
    const field = uploadField(document.key);
    const error = errorFor(form.errors, field);
    const state = files.length > 0 ? 'attached' : 'missing';
    return html`<section class="web-document" aria-labelledby="document-${document.key}">
  <h2 id="document-${document.key}">${document.required ? document.label : t('apply.attachments.otherHeading')}</h2>
  ${document.required ? html`<p><strong class="web-state web-state--${state === 'attached' ? 'complete' : 'notStarted'}">${t(`apply.attachments.state.${state}`)}</strong></p>` : html`<p>${t('apply.attachments.otherIntro')}</p>`}
  ${files.length > 0 ? filesTable(page, application.id, document.label, files) : ''}
  <form method="post" action="/applications/${application.id}/edit/attachments/${document.key}?_csrf=${encodeURIComponent(page.csrfToken)}" enctype="multipart/form-data" novalidate>
    <div class="ontario-form-group">
      <label class="ontario-label" for="${field}">${t('apply.attachments.choose', { label: document.label })}</label>
      <p class="ontario-hint" id="${field}-hint">${t('apply.attachments.hint')}</p>
      ${error ? html`<p class="ontario-error-messaging" id="${field}-error"><span class="ontario-error-messaging__content">${error}</span></p>` : ''}
      <input class="ontario-input web-file${error ? ' ontario-input--error' : ''}" id="${field}" name="file" type="file" accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"${error ? html` aria-invalid="true"` : ''} aria-describedby="${field}-hint${error ? ` ${field}-error` : ''}">
    </div>
    <button type="submit" class="ontario-button ontario-button--secondary">${t('apply.attachments.upload', { label: document.label })}</button>
  </form>
</section>`;
  });
  return layout(page, {
    title: t('apply.part.attachments'),
    notice: catalogNotice(page, notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
${context(page, draft)}
<p>${t('apply.attachments.intro')}</p>
${sections}
<div class="web-actions">
  <a class="ontario-button ontario-button--primary" href="/applications/${application.id}/check">${t('apply.attachments.continue')}</a>
</div>
${backToList(page, draft)}`,
  });
}

function filesTable(page: PageContext, applicationId: string, label: string, files: readonly AttachmentView[]): SafeHtml {
  const { t, locale } = page;
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('apply.attachments.files', { label })}</caption>
  <thead><tr><th scope="col">${t('apply.attachments.file')}</th><th scope="col" class="web-number">${t('apply.attachments.size')}</th><th scope="col">${t('apply.attachments.uploadedAt')}</th><th scope="col">${t('apply.attachments.action')}</th></tr></thead>
  <tbody>${files.map(
    (file) => html`<tr>
    <td><a href="/api/v1/applications/${applicationId}/attachments/${file.id}">${file.filename}</a></td>
    <td class="web-number">${formatFileSize(page.locale, file.sizeBytes)}</td>
    <td>${formatInstant(locale, file.uploadedAt)}</td>
    <td><form method="post" action="/applications/${applicationId}/edit/attachments/${file.id}/remove" class="web-inline-form">${page.csrfField}<button type="submit" class="ontario-button ontario-button--tertiary web-link-button">${t('apply.attachments.remove', { filename: file.filename })}</button></form></td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

// ---- check and submit ----

export interface CheckPageData {
  draft: DraftContext;
  problems: SubmissionProblem[];
  errors: FieldError[];
  notice: MessageKey | null;
}

/** A problem's list of names (its details are loosely typed, as they cross the API too). */
function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function profileProblemsOf(problem: SubmissionProblem): ProfileProblem[] {
  return Array.isArray(problem.details.missing) ? (problem.details.missing as ProfileProblem[]) : [];
}

/** Each problem as a line of the list, linking to the part and field to fix when there is one. */
function problemItems(page: PageContext, draft: DraftContext, problem: SubmissionProblem): SafeHtml[] {
  const { t, locale } = page;
  const { application, call } = draft;
  const base = `/applications/${application.id}/edit`;
  const link = (href: string, text: string): SafeHtml => html`<li><a href="${href}">${text}</a></li>`;
  const item = (text: string): SafeHtml => html`<li>${text}</li>`;
  const keys = Array.isArray(problem.details.keys) ? (problem.details.keys as string[]) : [];
  switch (problem.code) {
    case 'MISSING_ANSWERS':
      // The project's title and summary first, as the task list orders the parts; then the questions.
      return [
        ...stringsOf(problem.details.project).map((field) =>
          link(`${base}/project#${field}`, t('apply.check.answer', { label: t(field === 'title' ? 'apply.project.name' : 'apply.project.summary'), section: t('apply.part.project') })),
        ),
        ...stringsOf(problem.details.questions).flatMap((key) => {
          const section = call.form?.sections.find((candidate) => candidate.questions.some((question) => question.key === key));
          const question = section?.questions.find((candidate) => candidate.key === key);
          if (!section || !question) return [];
          return [link(`${base}/sections/${section.key}#${answerTarget(question)}`, t('apply.check.answer', { label: question.label[locale], section: section.title[locale] }))];
        }),
      ];
    case 'MISSING_ATTACHMENTS':
      return keys.flatMap((key) => {
        const document = call.requiredAttachments.find((candidate) => candidate.key === key);
        return document ? [link(`${base}/attachments#${uploadField(key)}`, t('apply.check.attachment', { label: document.label[locale] }))] : [];
      });
    case 'REQUEST_OUT_OF_RANGE':
      return [
        link(`${base}/budget`, t('apply.check.budget', { total: formatMoney(locale, application.requestedCents), min: formatMoney(locale, call.minRequestCents ?? 0), max: formatMoney(locale, call.maxRequestCents ?? 0) })),
      ];
    case 'INELIGIBLE':
      return [link(`/calls/${call.id}#apply`, t('apply.check.ineligible')), link(`/organizations/${application.organizationId}`, t('apply.check.organizationProfile'))];
    case 'DEADLINE_PASSED':
      return [
        application.status === 'information_requested'
          ? item(t('apply.check.respondByPassed', { date: formatInstant(locale, application.screening?.respondBy ?? new Date()) }))
          : item(t('apply.check.deadlinePassed', { date: call.closesAt ? formatInstant(locale, call.closesAt) : '' })),
      ];
    case 'CALL_NOT_OPEN':
      return [item(t('apply.check.callNotOpen'))];
    case 'ORGANIZATION_PROFILE_INCOMPLETE':
      // Worded and linked as the organization's profile page warns of them.
      return profileProblemsOf(problem).map((missing) => link(profileProblemHref(application.organizationId, missing), profileProblemText(t, missing)));
    case 'DATA_SHARING_AGREEMENT_NOT_ACCEPTED':
      return [link(`/organizations/${application.organizationId}/data-sharing`, t('apply.check.dataSharing'))];
  }
}

export function checkPage(page: PageContext, data: CheckPageData): string {
  const { t, locale } = page;
  const { draft } = data;
  const { application, call } = draft;
  const base = `/applications/${application.id}/edit`;
  const change = (path: string, part: string): SafeHtml =>
    html`<p><a href="${path}">${t('apply.check.change')}<span class="ontario-show-for-sr"> ${t('apply.check.changeWhat', { part })}</span></a></p>`;
  const items = data.problems.flatMap((problem) => problemItems(page, draft, problem));
  const missing =
    items.length > 0
      ? html`<div class="ontario-alert ontario-alert--warning" id="missing">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('apply.check.missingHeading')}</h2></div>
  <div class="ontario-alert__body"><p>${t('apply.check.missingIntro')}</p><ul>${items}</ul></div>
</div>`
      : html`<div class="ontario-alert ontario-alert--success" id="missing"><div class="ontario-alert__body"><p>${t('apply.check.ready')}</p></div></div>`;
  const answer = (question: Question): string => answerText(page, question, application.answers[question.key]);
  const sections = (call.form?.sections ?? []).map(
    (section) => html`<h3>${section.title[locale]}</h3>
<dl class="web-facts">${section.questions.map((question) => html`<dt>${question.label[locale]}</dt><dd class="web-preserve">${answer(question)}</dd>`)}</dl>
${change(`${base}/sections/${section.key}`, section.title[locale])}`,
  );
  const budget =
    application.budget.length === 0
      ? html`<p>${t('apply.check.noBudget')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('apply.check.budgetCaption')}</caption>
  <thead><tr><th scope="col">${t('apply.budget.fiscalYear')}</th><th scope="col">${t('apply.budget.category')}</th><th scope="col">${t('apply.budget.description')}</th><th scope="col" class="web-number">${t('apply.check.amount')}</th></tr></thead>
  <tbody>${application.budget.map((line) => html`<tr><td>${line.fiscalYear}</td><td>${budgetCategoryWords(page, line.category)}</td><td>${line.description}</td><td class="web-number">${formatMoney(locale, line.amountCents)}</td></tr>`)}</tbody>
  <tfoot><tr><th scope="row" colspan="3">${t('apply.check.total')}</th><td class="web-number">${formatMoney(locale, application.requestedCents)}</td></tr></tfoot>
</table></div>`;
  const documents =
    call.requiredAttachments.length === 0
      ? ''
      : html`<h3>${t('apply.part.attachments')}</h3>
<dl class="web-facts">${call.requiredAttachments.map((document) => {
          const files = application.attachments.filter((attachment) => attachment.key === document.key);
          return html`<dt>${document.label[locale]}</dt><dd>${files.length === 0 ? t('apply.check.noAttachment') : files.map((file, index) => html`${index > 0 ? ', ' : ''}${file.filename}`)}</dd>`;
        })}</dl>
${change(`${base}/attachments`, t('apply.part.attachments'))}`;
  const submit =
    items.length > 0
      ? ''
      : html`<form method="post" action="/applications/${application.id}/submit" novalidate>
  ${page.csrfField}
  <p class="ontario-hint" id="submit-hint">${t('apply.check.submitHint', { organization: draft.organizationName })}</p>
  <button type="submit" class="ontario-button ontario-button--primary" aria-describedby="submit-hint">${t('apply.check.submit')}</button>
</form>`;
  return layout(page, {
    title: t('apply.part.check'),
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('errors.summary'), data.errors)}
${context(page, draft)}
${missing}
<h2>${t('apply.check.answers')}</h2>
<h3>${t('apply.part.project')}</h3>
<dl class="web-facts">
  <dt>${t('apply.project.name')}</dt><dd>${application.title || t('apply.check.notAnswered')}</dd>
  <dt>${t('apply.project.summary')}</dt><dd class="web-preserve">${application.summary || t('apply.check.notAnswered')}</dd>
</dl>
${change(`${base}/project`, t('apply.part.project'))}
${sections}
<h3>${t('apply.part.budget')}</h3>
${budget}
${change(`${base}/budget`, t('apply.part.budget'))}
${documents}
${submit}
${backToList(page, draft)}`,
  });
}

/** An answer as the page's language writes it: options by their label, numbers and dates localized. */
function answerText(page: PageContext, question: Question, value: unknown): string {
  const { t, locale } = page;
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('apply.check.notAnswered');
  const optionLabel = (choice: unknown): string => question.options?.find((option) => option.value === choice)?.label[locale] ?? String(choice);
  switch (question.type) {
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 20 }).format(value) : String(value);
    case 'choice':
      return optionLabel(value);
    case 'multichoice':
      return Array.isArray(value) ? listOf(locale, value.map(optionLabel), 'conjunction') : optionLabel(value);
    case 'yesno':
      return value === true ? t('apply.answer.yes') : value === false ? t('apply.answer.no') : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(locale, value) : String(value);
    default:
      return String(value);
  }
}

// ---- submitted ----

export function submittedPage(page: PageContext, draft: DraftContext): string {
  const { t, locale } = page;
  const { application } = draft;
  return layout(page, {
    title: t('apply.submitted.title'),
    body: html`<div class="ontario-callout web-reference">
  <h2 class="ontario-callout__title ontario-h5">${t('apply.submitted.reference')}</h2>
  <p class="web-reference__number" id="reference-number">${application.referenceNumber ?? ''}</p>
  <p>${t('apply.submitted.quote')}</p>
</div>
<p>${t('apply.submitted.on', { date: application.submittedAt ? formatInstant(locale, application.submittedAt) : '' })}</p>
<p>${t('apply.submitted.email', { organization: draft.organizationName })}</p>
<h2>${t('apply.submitted.next')}</h2>
<ol>
  <li>${t('apply.submitted.next1')}</li>
  <li>${t('apply.submitted.next2')}</li>
  <li>${t('apply.submitted.next3')}</li>
</ol>
<ul class="web-links">
  <li><a href="/applications/${application.id}">${t('apply.submitted.see')}</a></li>
  <li><a href="/applications">${t('apply.submitted.all')}</a></li>
</ul>`,
  });
}
