import { html, SafeHtml } from '@grants/notifications';

/**
 * Form partials the shared form.ts does not have yet (radios, a textarea, a number), marked up like
 * its textField: ODS classes, the error beside the field, and hints and errors linked to the field
 * with aria-describedby.
 */

function errorMessage(id: string, error: string | undefined): SafeHtml | string {
  return error ? html`<p class="ontario-error-messaging" id="${id}"><span class="ontario-error-messaging__content">${error}</span></p>` : '';
}

function describedBy(...ids: Array<string | null>): SafeHtml | string {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : '';
}

export interface RadioGroupOptions {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  error?: string;
}

/** A fieldset of radios; its error links to the first radio (`<name>-<first value>`). */
export function radioGroup(options: RadioGroupOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  return html`<div class="ontario-form-group">
  <fieldset class="ontario-fieldset"${describedBy(options.error ? errorId : null)}>
    <legend class="ontario-fieldset__legend">${options.legend}</legend>
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

export interface TextareaFieldOptions {
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  rows?: number;
}

/**
 * A labelled textarea. It carries ontario-input too, for the border and spacing while the ODS
 * textarea stylesheet is not in the served bundle. The newline after the tag is eaten by the HTML
 * parser, so a value that starts with a line break keeps it.
 */
export function textareaField(options: TextareaFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${options.hint ? html`<p class="ontario-hint" id="${hintId}">${options.hint}</p>` : ''}
  ${errorMessage(errorId, options.error)}
  <textarea class="ontario-input ontario-textarea${options.error ? ' ontario-input__error' : ''}" id="${options.name}" name="${options.name}" rows="${options.rows ?? 5}"${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
${options.value}</textarea>
</div>`;
}

export interface NumberFieldOptions {
  name: string;
  label: string;
  value: string;
  min: number;
  max: number;
  hint?: string;
  error?: string;
  /** data-* attributes for the page's script. */
  data?: Record<string, string | number>;
}

/** A whole-number input; the value is shown back as typed, even when it is out of range. */
export function numberField(options: NumberFieldOptions): SafeHtml {
  const errorId = `${options.name}-error`;
  const hintId = `${options.name}-hint`;
  const data = Object.entries(options.data ?? {}).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<div class="ontario-form-group">
  <label class="ontario-label" for="${options.name}">${options.label}</label>
  ${options.hint ? html`<p class="ontario-hint" id="${hintId}">${options.hint}</p>` : ''}
  ${errorMessage(errorId, options.error)}
  <input class="ontario-input ontario-input--5-char-width${options.error ? ' ontario-input__error' : ''}" id="${options.name}" name="${options.name}" type="number" inputmode="numeric" min="${options.min}" max="${options.max}" step="1" value="${options.value}"${data}${options.error ? html` aria-invalid="true"` : ''}${describedBy(options.hint ? hintId : null, options.error ? errorId : null)}>
</div>`;
}
