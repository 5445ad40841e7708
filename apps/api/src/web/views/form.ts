import { html, SafeHtml } from '@grants/notifications';
import { DateParts, datePartName, MOMENT_PART_NAMES, MomentParts } from '../forms/ontario-time';
import type { Translate } from '../i18n/i18n';

/**
 * Form partials marked up with Ontario Design System classes: a label, an optional hint, the error
 * beside the field, hints and errors linked to the field with aria-describedby, and what the user
 * typed shown back as typed.
 */

/** A field's problem, shown beside it and in the summary at the top. */
export interface FieldError {
  field: string;
  message: string;
}

/** The message for one field, if it has a problem. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** The summary at the top of a form: a heading and a link to each field with a problem. */
export function errorSummary(title: string, errors: readonly FieldError[]): SafeHtml | string {
  if (errors.length === 0) return '';
  return html`<div class="ontario-alert ontario-alert--error" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4" id="error-summary-title">${title}</h2></div>
  <div class="ontario-alert__body"><ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul></div>
</div>`;
}

function errorMessage(id: string, error: string | undefined): SafeHtml | string {
  return error ? html`<p class="ontario-error-messaging" id="${id}"><span class="ontario-error-messaging__content">${error}</span></p>` : '';
}

function describedBy(...ids: Array<string | null>): SafeHtml | string {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : '';
}

function hintText(id: string, hint: string | undefined): SafeHtml | string {
  return hint ? html`<p class="ontario-hint" id="${id}">${hint}</p>` : '';
}

function dataAttributes(data: Record<string, string | number> | undefined): SafeHtml[] {
  return Object.entries(data ?? {}).map(([key, value]) => html` data-${key}="${value}"`);
}

export interface TextFieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  value?: string;
  autocomplete?: string;
  hint?: string;
  error?: string;
  /** ODS width class suffix, e.g. '10-char-width'. */
  width?: string;
  maxLength?: number;
  inputmode?: 'numeric' | 'decimal';
  data?: Record<string, string | number>;
}

/** A labelled input. */
export function textField(options: TextFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${hintText(hintId, options.hint)}
  ${errorMessage(errorId, options.error)}
  <input class="ontario-input${options.width ? ` ontario-input--${options.width}` : ''}${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.maxLength ? html` maxlength="${options.maxLength}"` : ''}${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${dataAttributes(options.data)}${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
</div>`;
}

export interface RadioGroupOptions {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  hint?: string;
  error?: string;
}

/** A fieldset of radios; the error summary links to the first radio (`<name>-<first value>`), so give the error that field name. */
export function radioGroup(options: RadioGroupOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <fieldset class="ontario-fieldset"${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
    <legend class="ontario-fieldset__legend">${options.legend}</legend>
    ${hintText(hintId, options.hint)}
    ${errorMessage(errorId, options.error)}
    <div class="ontario-radios">
      ${options.options.map(
        (option) => html`<div class="ontario-radios__item">
        <input class="ontario-radios__input" id="${options.name}-${option.value}" name="${options.name}" type="radio" value="${option.value}"${option.value === options.value ? html` checked` : ''}>
        <label class="ontario-radios__label" for="${options.name}-${option.value}">${option.label}</label>
      </div>`,
      )}
    </div>
  </fieldset>
</div>`;
}

export interface CheckboxGroupOptions {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  values: readonly string[];
  hint?: string;
  error?: string;
}

/** A fieldset of checkboxes sharing one name (the body has a string or an array of them); ids are `<name>-<value>`. */
export function checkboxGroup(options: CheckboxGroupOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <fieldset class="ontario-fieldset"${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
    <legend class="ontario-fieldset__legend">${options.legend}</legend>
    ${hintText(hintId, options.hint)}
    ${errorMessage(errorId, options.error)}
    <div class="ontario-checkboxes">
      ${options.options.map(
        (option) => html`<div class="ontario-checkboxes__item">
        <input class="ontario-checkboxes__input" id="${options.name}-${option.value}" name="${options.name}" type="checkbox" value="${option.value}"${options.values.includes(option.value) ? html` checked` : ''}>
        <label class="ontario-checkboxes__label" for="${options.name}-${option.value}">${option.label}</label>
      </div>`,
      )}
    </div>
  </fieldset>
</div>`;
}

export interface SelectFieldOptions {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  hint?: string;
  error?: string;
}

/** A labelled dropdown. */
export function selectField(options: SelectFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${hintText(hintId, options.hint)}
  ${errorMessage(errorId, options.error)}
  <select class="ontario-input ontario-dropdown${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}"${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
    ${options.options.map((option) => html`<option value="${option.value}"${option.value === options.value ? html` selected` : ''}>${option.label}</option>`)}
  </select>
</div>`;
}

export interface TextareaFieldOptions {
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  rows?: number;
  maxLength?: number;
}

/**
 * A labelled textarea. The newline after the tag is eaten by the HTML parser, so a value that
 * starts with a line break keeps it.
 */
export function textareaField(options: TextareaFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${hintText(hintId, options.hint)}
  ${errorMessage(errorId, options.error)}
  <textarea class="ontario-input ontario-textarea${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}" rows="${options.rows ?? 5}"${options.maxLength ? html` maxlength="${options.maxLength}"` : ''}${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
${options.value}</textarea>
</div>`;
}

export interface NumberFieldOptions {
  name: string;
  label: string;
  value: string;
  min?: number;
  max?: number;
  hint?: string;
  error?: string;
  /** data-* attributes for the page's script. */
  data?: Record<string, string | number>;
  /** The ids of more text that describes the field, besides its hint and error. */
  describedBy?: string[];
}

/** A whole-number input; the value is shown back as typed, even when it is out of range. */
export function numberField(options: NumberFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${hintText(hintId, options.hint)}
  ${errorMessage(errorId, options.error)}
  <input class="ontario-input ontario-input--5-char-width${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}" type="number" inputmode="numeric"${options.min !== undefined ? html` min="${options.min}"` : ''}${options.max !== undefined ? html` max="${options.max}"` : ''} step="1" value="${options.value}"${dataAttributes(options.data)}${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, ...(options.describedBy ?? []), options.error ? errorId : null)}>
</div>`;
}

export interface DateFieldOptions {
  /** The group's name: its inputs are `<name>-day`, `<name>-month`, `<name>-year` (and `<name>-hour`, `<name>-minute`). */
  name: string;
  legend: string;
  /** How to write it: dateFieldHint(t) or dateFieldHint(t, true), with any more said after. */
  hint: string;
  /** What was typed, shown back as typed; with hour and minute, the field asks for a time too. */
  value: DateParts | MomentParts;
  /** The day, month, year, hour and minute labels: dateFieldLabels(t). */
  labels: Record<(typeof MOMENT_PART_NAMES)[number], string>;
  /** The group's problem (dateErrorFor); the summary links to the input named in its field. */
  error?: string;
}

/** The labels of a date field's inputs in the page's language. */
export function dateFieldLabels(t: Translate): DateFieldOptions['labels'] {
  return { day: t('dateField.day'), month: t('dateField.month'), year: t('dateField.year'), hour: t('dateField.hour'), minute: t('dateField.minute') };
}

/** "For example, 27 3 2027" (and a time on the 24-hour clock). */
export function dateFieldHint(t: Translate, withTime = false): string {
  return t(withTime ? 'dateField.hintWithTime' : 'dateField.hint');
}

/** The problem of a date field, whichever of its inputs the error names (`closes-hour` for a time that does not exist). */
export function dateErrorFor(errors: readonly FieldError[], name: string): string | undefined {
  const fields = MOMENT_PART_NAMES.map((part) => datePartName(name, part));
  return errors.find((error) => fields.includes(error.field))?.message;
}

/**
 * A date as day, month and year in separate numeric inputs, as the Ontario and GOV.UK design systems
 * ask for it: "03/04/2027" is read as March 4 or April 3 depending on who reads it, "3 4 2027" in
 * labelled fields cannot be. A moment adds the hour and minute on the 24-hour clock. The error is
 * beside the group; give the FieldError the name of the input to fix (`<name>-day` by default), so
 * the summary links to it.
 */
export function dateField(options: DateFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  const parts = 'hour' in options.value ? MOMENT_PART_NAMES : MOMENT_PART_NAMES.slice(0, 3);
  const values = options.value as Partial<MomentParts>;
  return html`<div class="ontario-form-group">
  <fieldset class="ontario-fieldset" role="group"${describedBy(hintId, options.error ? errorId : null)}>
    <legend class="ontario-fieldset__legend">${options.legend}</legend>
    ${hintText(hintId, options.hint)}
    ${errorMessage(errorId, options.error)}
    <div class="ontario-date__group web-date">
      ${parts.map((part) => {
        const id = datePartName(options.name, part);
        return html`<div class="ontario-date__group-input${options.error ? ' ontario-date--error' : ''}">
        <label class="ontario-label" for="${id}">${options.labels[part]}</label>
        <input class="ontario-input ontario-input--${part === 'year' ? '4' : '2'}-char-width${options.error ? ' ontario-input--error' : ''}" id="${id}" name="${id}" type="text" inputmode="numeric" value="${values[part] ?? ''}"${options.error ? html` aria-invalid="true"` : ''}>
      </div>`;
      })}
    </div>
  </fieldset>
</div>`;
}

/** A "next page" link for cursor pagination, keeping the other query parameters. */
export function pagination(label: string, path: string, query: Record<string, string | undefined>, nextCursor: string | null): SafeHtml | string {
  if (!nextCursor) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value && key !== 'cursor') params.set(key, value);
  params.set('cursor', nextCursor);
  return html`<nav class="web-pagination" aria-label="${label}"><a class="ontario-button ontario-button--secondary" href="${path}?${params.toString()}">${label}</a></nav>`;
}
