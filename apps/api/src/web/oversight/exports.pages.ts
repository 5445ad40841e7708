import { APPLICATION_SEARCH } from '@grants/applications';
import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_STATUSES, ExportCall, ExportKind, ExportProgress } from '@grants/awards';
import { formatFileSize, formatInstant } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import { CATALOGS, MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorFor, errorSummary, FieldError, radioGroup, selectField, textField } from '../views/form';
import { layout } from '../views/layout';

export const EXPORT_DOWNLOAD_PATH = '/officer/exports/download';
export const EXPORT_PROGRESS_SCRIPT_PATH = '/assets/export-progress.js';

/** One export form as typed (its fields are named `<kind>-<filter>`, so that the four forms' ids differ). */
export interface ExportFormValues {
  callId: string;
  status: string;
  q: string;
  format: string;
  lang: string;
}

export interface DataExportsData {
  calls: ExportCall[];
  inlineRows: number;
  /** The form sent back with a problem, as typed. */
  typed?: { kind: ExportKind; values: ExportFormValues };
  errors: FieldError[];
}

export function exportFieldName(kind: ExportKind, name: keyof ExportFormValues): string {
  return `${kind}-${name}`;
}

/** The status words the pages already have, where they have them; the code as the file writes it otherwise. */
function statusLabel(page: PageContext, kind: ExportKind, status: string): string {
  const key = kind === 'applications' ? `status.${status}` : kind === 'awards' ? `oversight.awardStatus.${status}` : `oversight.reportStatus.${status}`;
  return key in CATALOGS[page.locale] ? page.t(key as MessageKey) : status;
}

function exportForm(page: PageContext, kind: ExportKind, data: DataExportsData): SafeHtml {
  const { t } = page;
  const typed = data.typed?.kind === kind ? data.typed.values : { callId: '', status: '', q: '', format: 'xlsx', lang: page.locale };
  const name = (field: keyof ExportFormValues): string => exportFieldName(kind, field);
  const calls = data.calls.map((call) => ({ value: call.id, label: `${call.fundCode} · ${call.title[page.locale] || call.title.en || call.title.fr || call.id}` }));
  const statuses = EXPORT_STATUSES[kind];
  return html`<section class="web-export" aria-labelledby="${kind}-heading">
<h3 id="${kind}-heading">${t(`exports.kind.${kind}.heading`)}</h3>
<p>${t(`exports.kind.${kind}.body`)}</p>
<form method="get" action="${EXPORT_DOWNLOAD_PATH}" novalidate>
  <input type="hidden" name="kind" value="${kind}">
  ${selectField({
    name: name('callId'),
    label: kind === 'reviews' ? t('exports.field.call.required') : t('exports.field.call'),
    options: [{ value: '', label: kind === 'reviews' ? t('exports.field.call.choose') : t('exports.field.call.all') }, ...calls],
    value: typed.callId,
    error: errorFor(data.errors, name('callId')),
  })}
  ${
    statuses.length > 0
      ? selectField({
          name: name('status'),
          label: t('exports.field.status'),
          options: [{ value: '', label: t('exports.field.status.all') }, ...statuses.map((status) => ({ value: status, label: statusLabel(page, kind, status) }))],
          value: typed.status,
        })
      : ''
  }
  ${kind === 'applications' ? textField({ name: name('q'), label: t('exports.field.q'), hint: t('exports.field.q.hint'), value: typed.q, error: errorFor(data.errors, name('q')) }) : ''}
  ${radioGroup({ name: name('format'), legend: t('exports.field.format'), options: [...EXPORT_FORMATS].reverse().map((format) => ({ value: format, label: t(`exports.field.format.${format}`) })), value: typed.format })}
  ${radioGroup({ name: name('lang'), legend: t('exports.field.lang'), options: (['en', 'fr'] as const).map((lang) => ({ value: lang, label: t(`exports.field.lang.${lang}`) })), value: typed.lang })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t(`exports.submit.${kind}`)}</button>
</form>
</section>`;
}

/** The four export forms, for the exports page. */
export function dataExportsSection(page: PageContext, data: DataExportsData): SafeHtml {
  const { t } = page;
  return html`${errorSummary(t('errors.summary'), data.errors)}
<h2>${t('exports.data.heading')}</h2>
<p>${t('exports.data.intro')}</p>
<p>${t('exports.data.large', { limit: data.inlineRows.toLocaleString(page.locale === 'fr' ? 'fr-CA' : 'en-CA') })}</p>
${EXPORT_KINDS.map((kind) => exportForm(page, kind, data))}`;
}

/** A background export's progress: a bar and counts the script keeps up to date, the file once ready. */
export function exportProgressPage(page: PageContext, progress: ExportProgress): string {
  const { t, locale } = page;
  const unfinished = progress.status === 'queued' || progress.status === 'running';
  // A failure in words of the page's language; the stored error (the worker's, in English) stays in the API's progress answer.
  const status = t(`exports.progress.${progress.status}` as 'exports.progress.ready');
  return layout(page, {
    title: t('exports.progress.title'),
    body: html`<div id="export" data-status="${progress.status}">
  <p>${t('exports.progress.what', { kind: t(`exports.kindName.${progress.kind}`), format: progress.format.toUpperCase(), lang: t(`exports.langName.${progress.lang}`) })}</p>
  <p>${t('exports.progress.asked', { date: formatInstant(locale, progress.createdAt) })}</p>
  <label class="ontario-label" for="export-progress">${t('exports.progress.label')}</label>
  <progress id="export-progress" max="${Math.max(progress.totalRows, 1)}" value="${progress.status === 'ready' ? Math.max(progress.totalRows, 1) : progress.rowsWritten}">${progress.rowsWritten} / ${progress.totalRows}</progress>
  <p id="export-counts" aria-live="polite">${t('exports.progress.counts', { written: progress.rowsWritten.toLocaleString(locale === 'fr' ? 'fr-CA' : 'en-CA'), total: progress.totalRows.toLocaleString(locale === 'fr' ? 'fr-CA' : 'en-CA') })}</p>
  <p id="export-status" role="status">${status}</p>
</div>
${unfinished ? html`<p><a href="${page.path}">${t('exports.progress.refresh')}</a></p>` : ''}
${
  progress.status === 'ready'
    ? html`<p><a class="ontario-button ontario-button--primary" href="/api/v1/exports/${progress.id}/file" download>${t('exports.progress.download', { size: formatFileSize(locale, progress.sizeBytes ?? 0) })}</a></p>`
    : ''
}
<p><a href="/officer/exports">${t('exports.progress.back')}</a></p>
${unfinished ? html`<script src="${EXPORT_PROGRESS_SCRIPT_PATH}" defer></script>` : ''}`,
  });
}

/**
 * Progressive enhancement of the progress page: fetches the page again every second and puts its
 * bar, counts and status in place; once the export is ready or failed it reloads, for the download
 * link. Without JavaScript the page has a Refresh link. A file, since the Content-Security-Policy
 * refuses inline scripts.
 */
export const EXPORT_PROGRESS_SCRIPT = `(function () {
  var root = document.getElementById('export');
  var unfinished = function (element) { var status = element.getAttribute('data-status'); return status === 'queued' || status === 'running'; };
  if (!root || !unfinished(root)) return;
  function poll() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        var fresh = text === null ? null : new DOMParser().parseFromString(text, 'text/html').getElementById('export');
        if (!fresh) { setTimeout(poll, 3000); return; }
        if (!unfinished(fresh)) { window.location.reload(); return; }
        ['export-progress', 'export-counts', 'export-status'].forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.querySelector('#' + id);
          if (!current || !next) return;
          if (current.textContent !== next.textContent) current.textContent = next.textContent;
          if (next.hasAttribute('value')) current.setAttribute('value', next.getAttribute('value'));
          if (next.hasAttribute('max')) current.setAttribute('max', next.getAttribute('max'));
        });
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
`;

export const EXPORT_SEARCH_MAX = APPLICATION_SEARCH.maxLength;
