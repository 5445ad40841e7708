import { html, SafeHtml } from '@grants/notifications';

/** A field's problem, shown beside it and in the summary at the top. */
export interface FieldError {
  field: string;
  message: string;
}

/** The summary at the top of a form: a heading and a link to each field with a problem. */
export function errorSummary(title: string, errors: readonly FieldError[]): SafeHtml | string {
  if (errors.length === 0) return '';
  return html`<div class="ontario-alert ontario-alert--error" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4" id="error-summary-title">${title}</h2></div>
  <div class="ontario-alert__body"><ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul></div>
</div>`;
}

export interface TextFieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete?: string;
  hint?: string;
  error?: string;
}

/** A labelled input with its error beside it, linked for screen readers; keeps what the user typed. */
export function textField(options: TextFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  const describedBy = [options.hint ? hintId : null, options.error ? errorId : null].filter(Boolean).join(' ');
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${options.hint ? html`<p class="ontario-hint" id="${hintId}">${options.hint}</p>` : ''}
  ${options.error ? html`<p class="ontario-error-messaging" id="${errorId}"><span class="ontario-error-messaging__content">${options.error}</span></p>` : ''}
  <input class="ontario-input${options.error ? ' ontario-input--error' : ''}" id="${options.name}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.error ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
</div>`;
}
