/** Small additions to the Ontario Design System for this application’s layout, served at /assets/web.css. */
export const WEB_CSS = `.web-header { display: flex; justify-content: space-between; align-items: center; padding: 0.75rem 0; }
.web-menu { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding-top: 1rem; padding-bottom: 1rem; }
.web-menu ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; margin: 0; padding: 0; align-items: center; }
.web-menu li { margin: 0; padding: 0; white-space: nowrap; }
.web-menu__who { margin: 0; }
.web-menu .ontario-button { margin: 0; padding: 0; min-width: 0; font-size: inherit; font-weight: 400; line-height: inherit; }
.web-inline-form { display: inline; margin: 0; }
.web-cards { list-style: none; padding: 0; }
.web-card { border: 1px solid #cccccc; border-radius: 4px; padding: 1rem 1.5rem; margin-bottom: 1rem; max-width: none; }
.ontario-table-container { max-width: 100%; overflow-x: auto; }
.web-table { width: 100%; border-collapse: collapse; margin-bottom: 2rem; }
.web-table caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
.web-table th, .web-table td { border-bottom: 1px solid #cccccc; padding: 0.5rem 0.75rem; text-align: left; vertical-align: top; }
.web-table .web-number { text-align: right; white-space: nowrap; }
.web-table th.web-number { white-space: normal; }
.web-facts { display: grid; grid-template-columns: fit-content(20rem) minmax(0, 1fr); gap: 0.5rem 1.5rem; }
.web-facts dt { font-weight: 600; }
.web-facts dd { margin: 0; }
.web-actions { display: flex; gap: 1rem; flex-wrap: wrap; }
.web-actions form { margin: 0; }
.web-preserve { white-space: pre-line; }
/* the footer's links inside a sentence: the design system spaces footer links as a list */
.ontario-footer__paragraph .ontario-footer__link { display: inline; margin: 0; }
.ontario-fieldset .ontario-radios { margin-bottom: 2.5rem; }
main:focus { outline: none; }
.web-dialog { max-width: 32rem; border: 2px solid #1a1a1a; border-radius: 4px; padding: 1.5rem; }
.web-dialog::backdrop { background: rgba(0, 0, 0, 0.5); }
/* oversight and admin pages: filter and search forms on one line, audit details as a plain list */
.web-filter { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 1rem; margin-bottom: 1.5rem; }
.web-filter .ontario-form-group { margin-bottom: 0; }
.web-filter .ontario-input, .web-filter .ontario-button { margin-bottom: 0; }
.web-details { list-style: none; margin: 0; padding: 0; }
.web-details li { margin: 0 0 0.25rem; padding: 0; max-width: none; }
/* officer's applications (screening area): filters side by side, the page's contents, buttons inside tables */
.web-filters__fields { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.web-filters__fields .ontario-form-group { flex: 0 1 24rem; }
.web-contents ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; padding: 0; }
.web-contents li { margin: 0; padding: 0; }
.web-table-button { margin: 0; padding: 0; min-width: 0; font-size: inherit; text-align: left; }
.web-plain-list { list-style: none; margin: 0; padding: 0; }
.web-plain-list li { margin: 0 0 0.25rem; padding: 0; max-width: none; }
.web-nowrap { white-space: nowrap; }
/* application form (apply area): task list with states in words, budget lines side by side, autosave, reference number */
.web-context { color: #4d4d4d; margin-bottom: 1.5rem; }
.web-tasks { list-style: none; margin: 0 0 2rem; padding: 0; border-top: 1px solid #cccccc; max-width: 48rem; }
.web-task { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin: 0; padding: 0.75rem 0; border-bottom: 1px solid #cccccc; max-width: none; }
.web-state { display: inline-block; padding: 0.125rem 0.5rem; border: 1px solid #1a1a1a; border-radius: 4px; font-size: 0.875rem; font-weight: 600; color: #1a1a1a; white-space: nowrap; }
.web-state--notStarted { background: #f2f2f2; }
.web-state--inProgress { background: #fff4d1; }
.web-state--complete { background: #dff2e4; }
.web-budget-line { border-top: 1px solid #cccccc; padding-top: 1rem; }
.web-budget-line__fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1.5rem; }
.web-budget-line__fields .ontario-form-group { margin-bottom: 1rem; }
.web-budget-total { font-weight: 600; }
.web-autosave { min-height: 1.5rem; }
.web-document { margin-bottom: 2.5rem; }
.web-file { padding: 0.5rem; }
.web-link-button { margin: 0; padding: 0; min-width: 0; font-size: inherit; text-align: left; }
.web-reference__number { font-size: 2rem; font-weight: 700; letter-spacing: 0.05em; margin: 0.5rem 0; }
.web-links li { max-width: none; }
.web-subnav { border-bottom: 1px solid #cccccc; margin-bottom: 2rem; }
.web-subnav ul { display: flex; flex-wrap: wrap; gap: 0 2rem; list-style: none; margin: 0; padding: 0; }
.web-subnav li { margin: 0; padding: 0.5rem 0; }
.web-subnav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 4px solid currentColor; padding-bottom: 0.5rem; }
.web-task-list { list-style: none; padding: 0; margin: 0 0 2rem; max-width: 48rem; }
.web-task-list__item { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; border-bottom: 1px solid #cccccc; padding: 0.75rem 0; margin: 0; max-width: none; }
.web-task-list__name { display: flex; flex-direction: column; }
.web-task-list__hint { margin: 0.25rem 0 0; }
.web-task-list__state { white-space: nowrap; padding: 0.125rem 0.5rem; border: 2px solid #1a1a1a; border-radius: 4px; }
.web-task-list__state--complete { border-color: #118847; }
.web-task-list__state--toFix { border-color: #cd0000; }
.web-row-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; margin-bottom: 1rem; }
.web-row-actions .web-inline-form { display: inline-flex; }
.web-small-button { margin: 0; padding: 0.25rem 0.5rem; min-width: 0; font-size: 1rem; }
.web-form-section { border-top: 1px solid #cccccc; padding-top: 1rem; margin-bottom: 2rem; }
.web-moment, .web-list-item { border-top: 1px solid #cccccc; padding-top: 1rem; margin-bottom: 1.5rem; }
/* a date field's day, month, year (hour, minute) inputs wrap to a second line on a narrow screen */
.web-date { flex-wrap: wrap; row-gap: 0.5rem; }
.web-date .ontario-label { margin-bottom: 0; }
.web-remove { margin-top: 0.5rem; }
/* phones (WCAG 1.4.10, reflow at 320 CSS pixels): side margins as the ODS grid's columns have, long
   words and addresses broken rather than pushing the page wide, facts one under the other, and
   tables of three columns or more as stacked rows, each cell under its column's heading
   (data-label, given by views/table.ts); the headings row stays for screen readers. */
main.ontario-row, .web-menu { padding-left: 1rem; padding-right: 1rem; box-sizing: border-box; }
main { overflow-wrap: break-word; }
.web-table .web-wrap { white-space: normal; }
/* The ranking has nine columns: tighter cells, so that they fit beside each other on a desktop. */
#ranking-table th, #ranking-table td { padding-left: 0.4rem; padding-right: 0.4rem; }
.web-note { display: block; min-width: 7rem; white-space: normal; text-align: left; font-size: 0.875rem; line-height: 1.4; margin-top: 0.25rem; }
.web-criteria summary { cursor: pointer; color: #0066cc; text-decoration: underline; }
.web-criteria ul { list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.875rem; min-width: 12rem; }
.web-criteria li { margin: 0 0 0.25rem; }
.web-pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; margin: 0 0 2rem; padding: 0; }
.web-quote { margin: 0 0 1rem; padding: 0.5rem 1rem; border-left: 4px solid #1a1a1a; background: #ffffff; max-width: none; }
/* payments: a checkbox in a table cell, without the fieldset spacing the design system gives a group */
.web-table-check { margin: 0; }
.web-table-check .ontario-checkboxes__label { margin-bottom: 0; }
.web-hold-form { margin-bottom: 2.5rem; }
.web-table .web-funding-line td { border-top: 3px dashed #1a1a1a; border-bottom: 3px dashed #1a1a1a; font-weight: 700; }
@media screen and (max-width: 40em) {
  .web-facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .web-facts dd { margin-bottom: 1rem; }
  .ontario-table-container .web-table--stacked, .web-table--stacked caption, .web-table--stacked tbody, .web-table--stacked tfoot, .web-table--stacked tr, .web-table--stacked th, .web-table--stacked td { display: block; }
  .ontario-table-container .web-table--stacked thead { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .ontario-table-container .web-table--stacked tbody tr, .ontario-table-container .web-table--stacked tfoot tr { padding: 0.75rem 0; border-width: 0 0 1px; border-style: solid; border-color: #cccccc; }
  .ontario-table-container .web-table--stacked tbody tr:first-child { border-top: 3px solid #1a1a1a; }
  .ontario-table-container .web-table--stacked tbody tr:last-child, .ontario-table-container .web-table--stacked tfoot tr:last-child { border-bottom: 3px solid #1a1a1a; }
  .ontario-table-container .web-table--stacked th, .ontario-table-container .web-table--stacked td { border: 0; padding: 0.25rem 1rem; text-align: left; white-space: normal; }
  .web-table--stacked td:empty { display: none; }
  /* The heading is shown, not read again: a screen reader has the table's own headings. */
  .web-table--stacked [data-label]::before { content: attr(data-label); content: attr(data-label) / ""; display: block; font-size: 0.875rem; font-weight: 700; line-height: 1.5; color: #4d4d4d; }
}
/* charts (views/charts.ts): server-drawn SVG beside the table that gives the same figures. The
   drawing scales with its viewBox; capped in width, so that its text (14px at a 320-unit width,
   12.6px on a 320-pixel phone) stays near the page's size on a wide screen. */
.web-chart { margin: 0 0 2rem; padding: 0; max-width: 26rem; }
.web-chart__caption { font-weight: 600; margin-bottom: 0.75rem; max-width: none; }
.web-chart__table-link { display: block; margin-top: 0.25rem; font-weight: 400; }
.web-chart__svg { display: block; width: 100%; height: auto; overflow: visible; font-size: 14px; }
.web-chart__empty { border: 1px solid #cccccc; border-radius: 4px; padding: 1rem 1.5rem; color: #4d4d4d; }
/* Windows high contrast: the system's colours for text and lines; the bars keep their patterns. */
@media (forced-colors: active) {
  .web-chart__svg text { fill: CanvasText; }
  .web-chart__svg line { stroke: CanvasText; }
  .web-chart__bar--above, .web-chart__bar--s0, .web-chart__spread, .web-chart__mean { fill: CanvasText; }
}
`;
