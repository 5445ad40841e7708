import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_STATUSES, ExportFilters, ExportFormat, ExportKind } from '@grants/awards';
import { OfficialLanguage } from '@grants/core';
import { isUUID } from 'class-validator';
import { EXPORT_SEARCH_MAX, exportFieldName, ExportFormValues } from './exports.pages';

/** A form's query string as the browser sends it. */
export type FormQuery = Record<string, unknown>;

export type ExportProblem = 'callRequired' | 'q';

/** An export form read: as typed (to show again), what is wrong, and what to ask the service for. */
export interface ExportForm {
  values: ExportFormValues;
  problems: ExportProblem[];
  format: ExportFormat;
  lang: OfficialLanguage;
  filters: ExportFilters;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The kind of the form sent, if it is one. */
export function exportKindOf(value: unknown): ExportKind | null {
  const kind = text(value);
  return (EXPORT_KINDS as readonly string[]).includes(kind) ? (kind as ExportKind) : null;
}

/** The fields of one kind's form (`<kind>-<field>`). Choices the form did not offer (an edited address) are left out rather than refused. */
export function readExportForm(kind: ExportKind, query: FormQuery, locale: OfficialLanguage): ExportForm {
  const value = (name: keyof ExportFormValues): string => text(query[exportFieldName(kind, name)]);
  const format = (EXPORT_FORMATS as readonly string[]).includes(value('format')) ? (value('format') as ExportFormat) : 'xlsx';
  const lang = value('lang') === 'en' || value('lang') === 'fr' ? (value('lang') as OfficialLanguage) : locale;
  const values: ExportFormValues = { callId: value('callId'), status: value('status'), q: value('q'), format, lang };
  const problems: ExportProblem[] = [];
  if (values.q.length > EXPORT_SEARCH_MAX) problems.push('q');
  if (kind === 'reviews' && !isUUID(values.callId)) problems.push('callRequired');
  const filters: ExportFilters = {};
  if (isUUID(values.callId)) filters.callId = values.callId;
  if (EXPORT_STATUSES[kind].includes(values.status)) filters.status = values.status as ExportFilters['status'];
  if (kind === 'applications' && values.q) filters.q = values.q;
  return { values, problems, format, lang, filters };
}
