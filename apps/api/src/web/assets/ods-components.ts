import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Ontario Design System's components are web components whose styles are plain class CSS; the
 * pages use the same classes in server-rendered HTML (no JavaScript needed), so their stylesheets
 * are served together as one file.
 */
const COMPONENTS = [
  'ontario-button/ontario-button.css',
  'ontario-header/ontario-application-header.css',
  'ontario-footer/ontario-footer.css',
  'ontario-page-alert/ontario-page-alert.css',
  'ontario-table/ontario-table.css',
  'ontario-input/ontario-input.css',
  'ontario-fieldset/ontario-fieldset.css',
  'ontario-hint-text/ontario-hint-text.css',
  'ontario-radio-buttons/ontario-radio-buttons.css',
  'ontario-textarea/ontario-textarea.css',
  'ontario-checkbox/ontario-checkboxes.css',
  'ontario-date-input/ontario-date-input.css',
  'ontario-dropdown-list/ontario-dropdown-list.css',
  'ontario-callout/ontario-callout.css',
  'ontario-step-indicator/ontario-step-indicator.css',
];

export const ODS_COMPONENTS_DIR = path.join(path.dirname(require.resolve('@ongov/ontario-design-system-component-library/package.json')), 'dist', 'collection', 'components');

let bundle: string | null = null;

export function odsComponentsCss(): string {
  bundle ??= COMPONENTS.map((file) => readFileSync(path.join(ODS_COMPONENTS_DIR, file), 'utf8')).join('\n');
  return bundle;
}
