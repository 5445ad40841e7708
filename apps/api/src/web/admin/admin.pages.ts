import { FundPaymentControls, SECOND_APPROVAL_THRESHOLD_CENTS } from '@grants/calls';
import { formatInstant, formatMoney } from '@grants/core';
import { Panel, PANELS, StaffAccount, STAFF_ROLES, StaffRole } from '@grants/identity';
import { html } from '@grants/notifications';
import { moneyForInput } from '../forms/money';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { checkboxGroup, errorFor, errorSummary, FieldError, pagination, radioGroup, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';
import { thresholdField, ThresholdReading } from './fund-form';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, ROLE_CHOICES, StaffFormProblem, StaffFormValues } from './staff-form';

export interface StaffListData {
  accounts: StaffAccount[];
  nextCursor: string | null;
  notice: string | null;
}

export function staffListPage(page: PageContext, data: StaffListData): string {
  const { t, locale } = page;
  const rows = data.accounts.map(
    (account) => html`<tr>
    <th scope="row"><a href="/admin/staff/${account.id}">${account.name}</a></th>
    <td>${account.email}</td>
    <td>${rolesOf(page, account)}</td>
    <td>${panelsOf(page, account)}</td>
    <td>${statusOf(page, account)}</td>
    <td>${formatInstant(locale, account.createdAt)}</td>
  </tr>`,
  );
  return layout(page, {
    title: t('admin.staff.title'),
    notice: data.notice ? { kind: 'success', text: data.notice } : null,
    body: html`<p>${t('admin.staff.intro')}</p>
<p><a class="ontario-button ontario-button--primary" href="/admin/staff/new">${t('admin.staff.add')}</a></p>
${
  data.accounts.length === 0
    ? html`<p>${t('admin.staff.none')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('admin.staff.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('admin.staff.name')}</th>
    <th scope="col">${t('admin.staff.email')}</th>
    <th scope="col">${t('admin.staff.roles')}</th>
    <th scope="col">${t('admin.staff.panels')}</th>
    <th scope="col">${t('admin.staff.account')}</th>
    <th scope="col">${t('admin.staff.created')}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
${pagination(t('admin.staff.more'), '/admin/staff', {}, data.nextCursor)}
<p>${t('admin.staff.panelsNote')}</p>
<p><a href="/officer/audit">${t('admin.staff.audit')}</a></p>`,
  });
}

export interface StaffFormData {
  values: StaffFormValues;
  errors: FieldError[];
  notice?: MessageKey | null;
}

export function newStaffPage(page: PageContext, data: StaffFormData): string {
  const { t } = page;
  const { values, errors } = data;
  return layout(page, {
    title: t('admin.new.title'),
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('errors.summary'), errors)}
<p>${t('admin.new.intro')}</p>
<form method="post" action="/admin/staff/new" novalidate>
  ${page.csrfField}
  ${textField({ name: 'name', label: t('admin.new.name'), value: values.name, error: errorFor(errors, 'name'), autocomplete: 'off', maxLength: MAX_NAME_LENGTH })}
  ${textField({ name: 'email', label: t('admin.new.email'), type: 'email', hint: t('admin.new.emailHint'), value: values.email, error: errorFor(errors, 'email'), autocomplete: 'off', maxLength: MAX_EMAIL_LENGTH })}
  ${checkboxGroup({
    name: 'roles',
    legend: t('admin.new.roles'),
    hint: t('admin.new.rolesHint'),
    options: ROLE_CHOICES.map((role) => ({ value: role, label: t(`admin.roleChoice.${role}`) })),
    values: values.roles,
    error: errorFor(errors, `roles-${ROLE_CHOICES[0]}`),
  })}
  ${checkboxGroup({
    name: 'panels',
    legend: t('admin.new.panels'),
    hint: t('admin.new.panelsHint'),
    options: [{ value: 'ILIF', label: t('admin.panelChoice.ILIF') }],
    values: values.panels,
    error: errorFor(errors, 'panels-ILIF'),
  })}
  ${radioGroup({
    name: 'locale',
    legend: t('admin.new.locale'),
    hint: t('admin.new.localeHint'),
    options: [
      { value: 'en', label: t('admin.new.locale.en') },
      { value: 'fr', label: t('admin.new.locale.fr') },
    ],
    value: values.locale,
    error: errorFor(errors, 'locale-en'),
  })}
  <p>${t('admin.new.invitation')}</p>
  <button type="submit" class="ontario-button ontario-button--primary">${t('admin.new.submit')}</button>
</form>
<p><a href="/admin/staff">${t('admin.new.back')}</a></p>`,
  });
}

/** A problem in words, linked to its field (a group's first box or radio). */
export function staffProblemMessage(page: PageContext, problem: StaffFormProblem): FieldError {
  const { t } = page;
  switch (problem.field) {
    case 'name':
      return { field: 'name', message: problem.kind === 'missing' ? t('admin.error.nameMissing') : t('admin.error.nameTooLong', { max: MAX_NAME_LENGTH }) };
    case 'email':
      return { field: 'email', message: t('admin.error.email') };
    case 'roles':
      return { field: `roles-${ROLE_CHOICES[0]}`, message: t('admin.error.roles') };
    case 'panels':
      return { field: 'panels-ILIF', message: t('admin.error.panels') };
    case 'locale':
      return { field: 'locale-en', message: t('admin.error.locale') };
  }
}

function rolesOf(page: PageContext, account: StaffAccount): string {
  return ROLE_CHOICES.filter((role) => account.roles.includes(role)).map((role) => page.t(`admin.role.${role}`)).join(', ');
}

function panelsOf(page: PageContext, account: StaffAccount): string {
  return account.panels.length === 0 ? page.t('admin.staff.noPanel') : account.panels.map((panel) => page.t(`admin.panel.${panel}`)).join(', ');
}

function statusOf(page: PageContext, account: StaffAccount): string {
  if (account.disabledAt) return page.t('admin.staff.disabled');
  return account.invitationPending ? page.t('admin.staff.pending') : page.t('admin.staff.active');
}

/** What an administrator may take away from an account; each asks first on its own page. */
export type AccessAction = { kind: 'disable' } | { kind: 'enable' } | { kind: 'role'; role: StaffRole } | { kind: 'panel'; panel: Panel };

/** The action named by the confirmation page's address (`?action=role&value=officer`), if it is one. */
export function accessActionOf(action: string | undefined, value: string | undefined): AccessAction | null {
  if (action === 'disable' || action === 'enable') return { kind: action };
  if (action === 'role' && (STAFF_ROLES as readonly string[]).includes(value ?? '')) return { kind: 'role', role: value as StaffRole };
  if (action === 'panel' && (PANELS as readonly string[]).includes(value ?? '')) return { kind: 'panel', panel: value as Panel };
  return null;
}

/** Where the confirmation page's form posts. */
export function accessActionPath(accountId: string, action: AccessAction): string {
  switch (action.kind) {
    case 'disable':
    case 'enable':
      return `/admin/staff/${accountId}/${action.kind}`;
    case 'role':
      return `/admin/staff/${accountId}/roles/${action.role}/remove`;
    case 'panel':
      return `/admin/staff/${accountId}/panels/${action.panel}/remove`;
  }
}

function confirmPath(accountId: string, action: AccessAction): string {
  const value = action.kind === 'role' ? action.role : action.kind === 'panel' ? action.panel : null;
  return `/admin/staff/${accountId}/confirm?action=${action.kind}${value ? `&value=${value}` : ''}`;
}

export function accountPage(page: PageContext, account: StaffAccount, notice: MessageKey | null): string {
  const { t, locale } = page;
  const held = ROLE_CHOICES.filter((role) => account.roles.includes(role));
  const actions: Array<{ action: AccessAction; label: string }> = [
    account.disabledAt ? { action: { kind: 'enable' }, label: t('admin.account.enable') } : { action: { kind: 'disable' }, label: t('admin.account.disable') },
    ...held.map((role) => ({ action: { kind: 'role', role } as AccessAction, label: t('admin.account.removeRole', { role: t(`admin.role.${role}`) }) })),
    ...account.panels.map((panel) => ({ action: { kind: 'panel', panel } as AccessAction, label: t('admin.account.removePanel', { panel: t(`admin.panel.${panel}`) }) })),
  ];
  return layout(page, {
    title: t('admin.account.title', { name: account.name }),
    notice: catalogNotice(page, notice),
    body: html`<dl class="web-facts" id="account">
  <dt>${t('admin.staff.email')}</dt><dd>${account.email}</dd>
  <dt>${t('admin.staff.roles')}</dt><dd>${held.length === 0 ? t('admin.account.noStaffRole') : rolesOf(page, account)}</dd>
  <dt>${t('admin.staff.panels')}</dt><dd>${panelsOf(page, account)}</dd>
  <dt>${t('admin.account.status')}</dt><dd>${account.disabledAt ? t('admin.account.disabledSince', { date: formatInstant(locale, account.disabledAt) }) : statusOf(page, account)}</dd>
  <dt>${t('admin.staff.created')}</dt><dd>${formatInstant(locale, account.createdAt)}</dd>
</dl>
<h2>${t('admin.account.actions')}</h2>
<ul class="web-plain-list">${actions.map(({ action, label }) => html`<li><a href="${confirmPath(account.id, action)}">${label}</a></li>`)}</ul>
<p><a href="/admin/staff">${t('admin.account.back')}</a></p>`,
  });
}

export function confirmAccessPage(page: PageContext, account: StaffAccount, action: AccessAction, errors: FieldError[] = []): string {
  const { t } = page;
  const words =
    action.kind === 'role'
      ? { title: t('admin.confirm.role.title', { name: account.name, role: t(`admin.role.${action.role}`) }), body: t('admin.confirm.role.body'), submit: t('admin.confirm.role.submit') }
      : action.kind === 'panel'
        ? { title: t('admin.confirm.panel.title', { name: account.name, panel: t(`admin.panel.${action.panel}`) }), body: t('admin.confirm.panel.body'), submit: t('admin.confirm.panel.submit') }
        : { title: t(`admin.confirm.${action.kind}.title`, { name: account.name }), body: t(`admin.confirm.${action.kind}.body`), submit: t(`admin.confirm.${action.kind}.submit`) };
  return layout(page, {
    title: words.title,
    body: html`${errorSummary(t('errors.summary'), errors)}
<p>${words.body}</p>
<form method="post" action="${accessActionPath(account.id, action)}">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" id="confirm" class="ontario-button ontario-button--primary">${words.submit}</button></div>
</form>
<p><a href="/admin/staff/${account.id}">${t('admin.confirm.cancel')}</a></p>`,
  });
}

export interface FundsPageData {
  funds: FundPaymentControls[];
  /** What was typed in one fund's form, shown back with its error. */
  typed?: { fundId: string; value: string };
  errors?: FieldError[];
  notice?: string | null;
}

const EXAMPLE_THRESHOLD_CENTS = 10_000_000;

/** Each fund's second-approval threshold, with a form per fund to change it. */
export function fundsPage(page: PageContext, data: FundsPageData): string {
  const { t, locale } = page;
  const errors = data.errors ?? [];
  const limits = { min: formatMoney(locale, SECOND_APPROVAL_THRESHOLD_CENTS.min), max: formatMoney(locale, SECOND_APPROVAL_THRESHOLD_CENTS.max), example: moneyForInput(locale, EXAMPLE_THRESHOLD_CENTS) };
  const sections = data.funds.map((fund) => {
    const name = fund.name[locale];
    const field = thresholdField(fund.fundId);
    const typed = data.typed?.fundId === fund.fundId ? data.typed.value : moneyForInput(locale, fund.secondApprovalThresholdCents);
    return html`<section aria-labelledby="fund-${fund.code}">
<h2 id="fund-${fund.code}">${name}</h2>
<dl class="web-facts"><dt>${t('admin.funds.current')}</dt><dd id="current-${fund.code}">${formatMoney(locale, fund.secondApprovalThresholdCents)}</dd></dl>
<form method="post" action="/admin/funds/${fund.fundId}" novalidate>
  ${page.csrfField}
  ${textField({ name: field, label: t('admin.funds.field', { fund: name }), hint: t('admin.funds.hint', limits), value: typed, error: errorFor(errors, field), inputmode: 'decimal', width: '10-char-width', autocomplete: 'off' })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('admin.funds.submit', { fund: name })}</button>
</form>
</section>`;
  });
  return layout(page, {
    title: t('admin.funds.title'),
    notice: data.notice ? { kind: 'success', text: data.notice } : null,
    body: html`${errorSummary(t('errors.summary'), errors)}
<p>${t('admin.funds.intro')}</p>
<p>${t('admin.funds.appliesFrom')}</p>
${sections}`,
  });
}

/** A threshold's problem in words, beside its fund's field. */
export function thresholdProblemMessage(page: PageContext, fund: FundPaymentControls, problem: NonNullable<ThresholdReading['problem']>): FieldError {
  const { t, locale } = page;
  const params = {
    fund: fund.name[locale],
    min: formatMoney(locale, SECOND_APPROVAL_THRESHOLD_CENTS.min),
    max: formatMoney(locale, SECOND_APPROVAL_THRESHOLD_CENTS.max),
    example: moneyForInput(locale, EXAMPLE_THRESHOLD_CENTS),
  };
  return { field: thresholdField(fund.fundId), message: t(`admin.funds.error.${problem}`, params) };
}
