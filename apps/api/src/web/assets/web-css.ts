/** Small additions to the Ontario Design System for this application’s layout, served at /assets/web.css. */
export const WEB_CSS = `.web-header { display: flex; justify-content: space-between; align-items: center; padding: 0.75rem 0; }
.web-menu { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; padding-top: 1rem; padding-bottom: 1rem; }
.web-menu ul { display: flex; gap: 1.5rem; list-style: none; margin: 0; padding: 0; align-items: center; }
.web-menu li { margin: 0; padding: 0; }
.web-menu__who { margin: 0; }
.web-menu .ontario-button { margin: 0; padding: 0; min-width: 0; font-size: inherit; font-weight: 400; line-height: inherit; }
.web-inline-form { display: inline; margin: 0; }
.web-cards { list-style: none; padding: 0; }
.web-card { border: 1px solid #cccccc; border-radius: 4px; padding: 1rem 1.5rem; margin-bottom: 1rem; max-width: none; }
.web-table { width: 100%; border-collapse: collapse; margin-bottom: 2rem; }
.web-table caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
.web-table th, .web-table td { border-bottom: 1px solid #cccccc; padding: 0.5rem 0.75rem; text-align: left; vertical-align: top; }
.web-table .web-number { text-align: right; white-space: nowrap; }
.web-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1.5rem; }
.web-facts dt { font-weight: 600; }
.web-facts dd { margin: 0; }
.web-actions { display: flex; gap: 1rem; flex-wrap: wrap; }
.web-actions form { margin: 0; }
.web-preserve { white-space: pre-line; }
.ontario-fieldset .ontario-radios { margin-bottom: 2.5rem; }
main:focus { outline: none; }
`;
