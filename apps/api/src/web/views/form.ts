import { html, SafeHtml } from '@grants/notifications';

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
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'tel';
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
}

/** A whole-number input; the value is shown back as typed, even when it is out of range. */
export function numberField(options: NumberFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${hintText(hintId, options.hint)}
  ${errorMessage(errorId, options.error)}
  <input class="ontario-input ontario-input--5-char-width${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}" type="number" inputmode="numeric"${options.min !== undefined ? html` min="${options.min}"` : ''}${options.max !== undefined ? html` max="${options.max}"` : ''} step="1" value="${options.value}"${dataAttributes(options.data)}${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
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
