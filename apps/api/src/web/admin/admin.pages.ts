import { formatInstant } from '@grants/core';
import type { StaffAccount } from '@grants/identity';
import { html } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { checkboxGroup, errorFor, errorSummary, FieldError, pagination, radioGroup, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';
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
    <th scope="row">${account.name}</th>
    <td>${account.email}</td>
    <td>${ROLE_CHOICES.filter((role) => account.roles.includes(role)).map((role) => t(`admin.role.${role}`)).join(', ')}</td>
    <td>${account.panels.length === 0 ? t('admin.staff.noPanel') : account.panels.map((panel) => t(`admin.panel.${panel}`)).join(', ')}</td>
    <td>${account.invitationPending ? t('admin.staff.pending') : t('admin.staff.active')}</td>
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
