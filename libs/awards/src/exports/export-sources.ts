import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationService, ApplicationStatus, StaffIndependenceService } from '@grants/applications';
import { Localized, OutcomeMeasure, Question, RubricCriterion } from '@grants/calls';
import { DomainError, OfficialLanguage } from '@grants/core';
import { Actor } from '@grants/identity';
import { DataSource } from 'typeorm';
import { AwardStatus, ReportStatus } from '../award.entity';
import { EXPORT_HEADINGS, exportLabel, ExportFilters, ExportKind } from './export-kinds';
import { ExportCell, ExportColumn } from './export-sheet';

/** Rows read from the database at a time: what an export holds in memory, whatever its size. */
export const EXPORT_PAGE_ROWS = 500;

/**
 * A read of an organization's data the export makes, for the organization's access log: as staff
 * reading the application (applications, reviews) or the award (awards with payments, reports).
 */
export interface ExportRead {
  action: 'application.viewed' | 'award.viewed';
  entityType: 'application' | 'award';
  entityId: string;
  organizationId: string;
  /** As `details.what` of a staff read of the application. */
  what?: 'application' | 'reviews';
}

/** One page of rows, with the reads they make (one per row, repeated when rows share an application or an award). */
export interface ExportSourcePage {
  rows: ExportCell[][];
  reads: ExportRead[];
}

/** One export ready to run: its columns, how many rows it has, and its rows page by page. */
export interface ExportSource {
  columns: ExportColumn[];
  count(): Promise<number>;
  pages(): AsyncIterable<ExportSourcePage>;
}

type Words = Record<OfficialLanguage, string>;

interface CallRow {
  id: string;
  title: Partial<Localized>;
  fund_code: string;
  form: { sections?: Array<{ questions?: Question[] }> } | null;
  rubric: { criteria?: RubricCriterion[] } | null;
  outcome_measures: OutcomeMeasure[] | null;
}

function localized(text: Partial<Localized> | null | undefined, lang: OfficialLanguage): string {
  return text?.[lang] || text?.[lang === 'fr' ? 'en' : 'fr'] || '';
}

function fixed(lang: OfficialLanguage, key: keyof typeof EXPORT_HEADINGS, type: ExportColumn['type'], width: number): ExportColumn {
  return { heading: (EXPORT_HEADINGS[key] as Words)[lang], type, width };
}

/** One column per key across the calls, labelled as the first call that has it (calls oldest first). */
function unionByKey<T extends { key: string }>(calls: CallRow[], itemsOf: (call: CallRow) => T[] | undefined): T[] {
  const seen = new Map<string, T>();
  for (const call of calls) for (const item of itemsOf(call) ?? []) if (!seen.has(item.key)) seen.set(item.key, item);
  return [...seen.values()];
}

/**
 * The rows of each export, read in keyset pages of EXPORT_PAGE_ROWS. Applications come through
 * ApplicationService's own list (its access rules, filters, search and the status each officer
 * sees); the other kinds are officers' lists with the same conditions as theirs.
 */
@Injectable()
export class ExportSources {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly independence: StaffIndependenceService,
  ) {}

  async open(actor: Actor, kind: ExportKind, filters: ExportFilters, lang: OfficialLanguage): Promise<ExportSource> {
    switch (kind) {
      case 'applications':
        return this.applicationRows(actor, filters, lang);
      case 'reviews':
        return this.reviewRows(actor, filters, lang);
      case 'awards':
        return this.awardRows(filters, lang);
      case 'reports':
        return this.reportRows(filters, lang);
    }
  }

  /** The calls whose rows may be exported (one, or every call with an application), oldest first. */
  private async calls(callId: string | undefined): Promise<CallRow[]> {
    return (await this.dataSource.query(
      `SELECT c.id, c.title, f.code AS fund_code, c.form, c.rubric, c.outcome_measures
         FROM call c JOIN fund f ON f.id = c.fund_id
        WHERE ($1::uuid IS NULL OR c.id = $1) AND EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id)
        ORDER BY c.created_at, c.id`,
      [callId ?? null],
    )) as CallRow[];
  }

  private async applicationRows(actor: Actor, filters: ExportFilters, lang: OfficialLanguage): Promise<ExportSource> {
    const calls = await this.calls(filters.callId);
    const byId = new Map(calls.map((call) => [call.id, call]));
    const questions = unionByKey(calls, (call) => call.form?.sections?.flatMap((section) => section.questions ?? []));
    const questionsOf = new Map(calls.map((call) => [call.id, new Map((call.form?.sections ?? []).flatMap((section) => section.questions ?? []).map((question) => [question.key, question]))]));
    const query = { callId: filters.callId, status: filters.status as ApplicationStatus | undefined, q: filters.q };
    const columns: ExportColumn[] = [
      fixed(lang, 'reference', 'text', 18),
      fixed(lang, 'call', 'text', 36),
      fixed(lang, 'fund', 'text', 8),
      fixed(lang, 'organization', 'text', 36),
      fixed(lang, 'region', 'text', 10),
      fixed(lang, 'status', 'text', 14),
      fixed(lang, 'title', 'text', 40),
      fixed(lang, 'submitted', 'instant', 18),
      fixed(lang, 'requested', 'money', 14),
      ...questions.map((question): ExportColumn => ({ heading: localized(question.label, lang), type: answerType(question), width: question.type === 'longtext' ? 50 : 24 })),
    ];
    const self = this;
    return {
      columns,
      count: async () => (await this.applications.totals(actor, query)).total,
      async *pages() {
        let cursor: string | undefined;
        do {
          // The officer's own list, by reference number: the same rows, in the order they are filed.
          const page = await self.applications.list(actor, { ...query, sort: 'reference', order: 'asc', limit: EXPORT_PAGE_ROWS, cursor });
          const details = await self.applicationDetails(page.items.map((item) => item.id));
          const rows = page.items.map((item): ExportCell[] => {
            const call = byId.get(item.callId);
            const detail = details.get(item.id);
            const asked = questionsOf.get(item.callId);
            return [
              item.referenceNumber,
              localized(call?.title, lang),
              call?.fund_code ?? null,
              item.organizationName,
              exportLabel('region', detail?.region ?? null, lang),
              exportLabel('applicationStatus', item.status, lang),
              item.title,
              item.submittedAt ? new Date(item.submittedAt) : null,
              item.requestedCents,
              ...questions.map((question) => answerCell(asked?.get(question.key), detail?.answers[question.key], lang)),
            ];
          });
          yield { rows, reads: page.items.map((item): ExportRead => ({ action: 'application.viewed', entityType: 'application', entityId: item.id, organizationId: item.organizationId, what: 'application' })) };
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      },
    };
  }

  private async applicationDetails(ids: string[]): Promise<Map<string, { region: string; answers: Record<string, unknown> }>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT a.id, o.region, a.answers FROM application a JOIN organization o ON o.id = a.organization_id WHERE a.id = ANY($1::uuid[])`, [ids])) as Array<{
      id: string;
      region: string;
      answers: Record<string, unknown> | null;
    }>;
    return new Map(rows.map((row) => [row.id, { region: row.region, answers: row.answers ?? {} }]));
  }

  /**
   * The reviews of one call, by application then reviewer: not those removed from the panel, nor
   * any in an organization the officer is tied to (whose reviews they may not read). Scores and
   * comments once submitted only: until then they are the reviewer's draft.
   */
  private async reviewRows(actor: Actor, filters: ExportFilters, lang: OfficialLanguage): Promise<ExportSource> {
    if (!filters.callId) throw new DomainError('invalid', 'CALL_REQUIRED', 'The reviews export is of one call: give callId');
    const callId = filters.callId;
    const calls = await this.calls(callId);
    const criteria = calls[0]?.rubric?.criteria ?? [];
    const tied = [...(await this.independence.conflictedOrganizations(actor)).keys()];
    const columns: ExportColumn[] = [
      fixed(lang, 'reference', 'text', 18),
      fixed(lang, 'organization', 'text', 36),
      fixed(lang, 'reviewer', 'text', 28),
      fixed(lang, 'reviewStatus', 'text', 12),
      fixed(lang, 'submitted', 'instant', 18),
      fixed(lang, 'weightedScore', 'number', 14),
      ...criteria.map((criterion): ExportColumn => ({ heading: `${localized(criterion.label, lang)} (/${criterion.maxScore})`, type: 'number', width: 18 })),
      fixed(lang, 'overallComment', 'text', 60),
    ];
    const where = `a.call_id = $1 AND ra.status <> 'removed' AND NOT (a.organization_id = ANY($2::uuid[]))`;
    const self = this;
    return {
      columns,
      count: async () => ((await this.dataSource.query(`SELECT count(*)::int AS count FROM review_assignment ra JOIN application a ON a.id = ra.application_id WHERE ${where}`, [callId, tied])) as Array<{ count: number }>)[0]!.count,
      async *pages() {
        const read = (after: { ref: string; id: string } | null) =>
          self.dataSource.query(
            `SELECT ra.id, COALESCE(a.reference_number, '') AS ref, a.id AS application_id, a.organization_id, a.reference_number, o.legal_name, u.name AS reviewer, ra.status, ra.submitted_at,
                    ra.weighted_score::float8 AS weighted_score, ra.scores, ra.overall_comment
               FROM review_assignment ra
               JOIN application a ON a.id = ra.application_id
               JOIN organization o ON o.id = a.organization_id
               JOIN user_account u ON u.id = ra.reviewer_id
              WHERE ${where} AND ($3::text IS NULL OR (COALESCE(a.reference_number, ''), ra.id) > ($3::text, $4::uuid))
              ORDER BY COALESCE(a.reference_number, ''), ra.id
              LIMIT ${EXPORT_PAGE_ROWS}`,
            [callId, tied, after?.ref ?? null, after?.id ?? null],
          ) as Promise<Array<{
            id: string;
            ref: string;
            application_id: string;
            organization_id: string;
            reference_number: string | null;
            legal_name: string;
            reviewer: string;
            status: string;
            submitted_at: Date | null;
            weighted_score: number | null;
            scores: Array<{ criterionKey: string; score: number }> | null;
            overall_comment: string | null;
          }>>;
        for await (const rows of keysetPages(read)) {
          const cells = rows.map((row): ExportCell[] => {
            const submitted = row.status === 'submitted';
            const scores = new Map((row.scores ?? []).map((score) => [score.criterionKey, score.score]));
            return [
              row.reference_number,
              row.legal_name,
              row.reviewer,
              exportLabel('reviewStatus', row.status, lang),
              row.submitted_at,
              submitted && row.weighted_score !== null ? Math.round(row.weighted_score * 100) / 100 : null,
              ...criteria.map((criterion) => (submitted ? (scores.get(criterion.key) ?? null) : null)),
              submitted ? row.overall_comment || null : null,
            ];
          });
          yield { rows: cells, reads: rows.map((row): ExportRead => ({ action: 'application.viewed', entityType: 'application', entityId: row.application_id, organizationId: row.organization_id, what: 'reviews' })) };
        }
      },
    };
  }

  /** One row per payment of the awards (every award to officers, as their list), by application then payment. */
  private async awardRows(filters: ExportFilters, lang: OfficialLanguage): Promise<ExportSource> {
    const columns: ExportColumn[] = [
      fixed(lang, 'reference', 'text', 18),
      fixed(lang, 'organization', 'text', 36),
      fixed(lang, 'awardStatus', 'text', 12),
      fixed(lang, 'approved', 'money', 14),
      fixed(lang, 'fiscalYear', 'text', 10),
      fixed(lang, 'payment', 'money', 14),
      fixed(lang, 'due', 'date', 12),
      fixed(lang, 'paymentStatus', 'text', 12),
      fixed(lang, 'paidOn', 'instant', 18),
      fixed(lang, 'paymentReference', 'text', 20),
      fixed(lang, 'holdback', 'text', 10),
      fixed(lang, 'offset', 'money', 14),
    ];
    const where = `($1::uuid IS NULL OR w.call_id = $1) AND ($2::text IS NULL OR w.status = $2)`;
    const params = [filters.callId ?? null, (filters.status as AwardStatus | undefined) ?? null];
    const self = this;
    return {
      columns,
      count: async () =>
        ((await this.dataSource.query(`SELECT count(*)::int AS count FROM award w JOIN award_payment p ON p.award_id = w.id WHERE ${where}`, params)) as Array<{ count: number }>)[0]!.count,
      async *pages() {
        const read = (after: { ref: string; award_id: string; position: number } | null) =>
          self.dataSource.query(
            `SELECT COALESCE(a.reference_number, '') AS ref, w.id AS award_id, w.organization_id, p.position, a.reference_number, o.legal_name, w.status, w.approved_cents::text AS approved_cents,
                    p.fiscal_year, (p.amount_cents - p.offset_cents)::text AS amount_cents, to_char(p.due_on, 'YYYY-MM-DD') AS due_on, p.status AS payment_status, p.paid_at, p.payment_reference,
                    p.holdback, p.offset_cents::text AS offset_cents
               FROM award w
               JOIN award_payment p ON p.award_id = w.id
               JOIN application a ON a.id = w.application_id
               JOIN organization o ON o.id = w.organization_id
              WHERE ${where} AND ($3::text IS NULL OR (COALESCE(a.reference_number, ''), w.id, p.position) > ($3::text, $4::uuid, $5::int))
              ORDER BY COALESCE(a.reference_number, ''), w.id, p.position
              LIMIT ${EXPORT_PAGE_ROWS}`,
            [...params, after?.ref ?? null, after?.award_id ?? null, after?.position ?? null],
          ) as Promise<Array<{
            ref: string;
            award_id: string;
            organization_id: string;
            position: number;
            reference_number: string | null;
            legal_name: string;
            status: string;
            approved_cents: string;
            fiscal_year: string;
            amount_cents: string;
            due_on: string;
            payment_status: string;
            paid_at: Date | null;
            payment_reference: string | null;
            holdback: boolean;
            offset_cents: string;
          }>>;
        for await (const rows of keysetPages(read)) {
          yield {
            rows: rows.map((row): ExportCell[] => [
              row.reference_number,
              row.legal_name,
              exportLabel('awardStatus', row.status, lang),
              Number(row.approved_cents),
              row.fiscal_year,
              Number(row.amount_cents),
              row.due_on,
              exportLabel('paymentStatus', row.payment_status, lang),
              row.paid_at,
              row.payment_reference,
              exportLabel('yesNo', row.holdback ? 'yes' : 'no', lang),
              Number(row.offset_cents),
            ]),
            reads: rows.map((row): ExportRead => ({ action: 'award.viewed', entityType: 'award', entityId: row.award_id, organizationId: row.organization_id })),
          };
        }
      },
    };
  }

  /** The awards' reports, by application then due date, with one column per outcome measure of the calls. */
  private async reportRows(filters: ExportFilters, lang: OfficialLanguage): Promise<ExportSource> {
    const calls = await this.calls(filters.callId);
    const measures = unionByKey(calls, (call) => call.outcome_measures ?? []);
    const columns: ExportColumn[] = [
      fixed(lang, 'reference', 'text', 18),
      fixed(lang, 'organization', 'text', 36),
      fixed(lang, 'kind', 'text', 10),
      fixed(lang, 'period', 'text', 14),
      fixed(lang, 'due', 'date', 12),
      fixed(lang, 'reportStatus', 'text', 12),
      fixed(lang, 'spent', 'money', 14),
      fixed(lang, 'submitted', 'instant', 18),
      ...measures.map((measure): ExportColumn => ({ heading: localized(measure.label, lang), type: 'number', width: 18 })),
    ];
    const where = `($1::uuid IS NULL OR w.call_id = $1) AND ($2::text IS NULL OR r.status = $2)`;
    const params = [filters.callId ?? null, (filters.status as ReportStatus | undefined) ?? null];
    const self = this;
    return {
      columns,
      count: async () => ((await this.dataSource.query(`SELECT count(*)::int AS count FROM award_report r JOIN award w ON w.id = r.award_id WHERE ${where}`, params)) as Array<{ count: number }>)[0]!.count,
      async *pages() {
        const read = (after: { ref: string; due: string; id: string } | null) =>
          self.dataSource.query(
            `SELECT r.id, COALESCE(a.reference_number, '') AS ref, w.id AS award_id, w.organization_id, to_char(r.due_on, 'YYYY-MM-DD') AS due, a.reference_number, o.legal_name, r.kind, r.period, r.status,
                    r.spent_cents::text AS spent_cents, r.submitted_at, r.outcomes
               FROM award_report r
               JOIN award w ON w.id = r.award_id
               JOIN application a ON a.id = w.application_id
               JOIN organization o ON o.id = w.organization_id
              WHERE ${where} AND ($3::text IS NULL OR (COALESCE(a.reference_number, ''), r.due_on, r.id) > ($3::text, $4::date, $5::uuid))
              ORDER BY COALESCE(a.reference_number, ''), r.due_on, r.id
              LIMIT ${EXPORT_PAGE_ROWS}`,
            [...params, after?.ref ?? null, after?.due ?? null, after?.id ?? null],
          ) as Promise<Array<{
            id: string;
            ref: string;
            award_id: string;
            organization_id: string;
            due: string;
            reference_number: string | null;
            legal_name: string;
            kind: string;
            period: string;
            status: string;
            spent_cents: string | null;
            submitted_at: Date | null;
            outcomes: Record<string, unknown> | null;
          }>>;
        for await (const rows of keysetPages(read)) {
          yield {
            rows: rows.map((row): ExportCell[] => [
              row.reference_number,
              row.legal_name,
              exportLabel('reportKind', row.kind, lang),
              row.period,
              row.due,
              exportLabel('reportStatus', row.status, lang),
              row.spent_cents === null ? null : Number(row.spent_cents),
              row.submitted_at,
              ...measures.map((measure) => {
                const value = row.outcomes?.[measure.key];
                return typeof value === 'number' ? value : null;
              }),
            ]),
            reads: rows.map((row): ExportRead => ({ action: 'award.viewed', entityType: 'award', entityId: row.award_id, organizationId: row.organization_id })),
          };
        }
      },
    };
  }
}

function answerType(question: Question): ExportColumn['type'] {
  return question.type === 'number' ? 'number' : question.type === 'date' ? 'date' : 'text';
}

/** An answer as a reader of the export reads it: choices by their label in the export's language, several joined with "; ". */
function answerCell(question: Question | undefined, value: unknown, lang: OfficialLanguage): ExportCell {
  if (value === undefined || value === null || value === '') return null;
  const label = (choice: unknown): string => {
    const option = question?.options?.find((found) => found.value === choice);
    return option ? localized(option.label, lang) : String(choice);
  };
  switch (question?.type) {
    case 'number':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : String(value);
    case 'yesno':
      return value === true ? EXPORT_HEADINGS.yes[lang] : value === false ? EXPORT_HEADINGS.no[lang] : String(value);
    case 'choice':
      return label(value);
    case 'multichoice':
      return Array.isArray(value) ? value.map(label).join('; ') : label(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Rows read a page at a time in keyset order: each page asked after the last row of the one before, until one comes back short. */
async function* keysetPages<R>(read: (after: R | null) => Promise<R[]>): AsyncGenerator<R[]> {
  let after: R | null = null;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < EXPORT_PAGE_ROWS) return;
    after = rows.at(-1)!;
  }
}
