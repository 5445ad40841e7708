import { pipeline, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FundCode } from '@grants/calls';
import { Clock, ForbiddenError } from '@grants/core';
import { Actor, aggregatedSql, hasRole } from '@grants/identity';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { ontarioDate } from '../rules/award-plan';

export interface FundsReportFilter {
  fundCode?: FundCode;
  callId?: string;
}

export interface FundsReport {
  filename: string;
  /** CSV text in UTF-8 with a byte order mark, written as it is read. */
  content: Readable;
}

type Cell = string | number;

/** The columns before the outcome totals; amounts in integer cents. */
export const FUNDS_REPORT_COLUMNS = [
  'fundCode',
  'callId',
  'callTitle',
  'region',
  'applicationsSubmitted',
  'applicationsEligible',
  'applicationsApproved',
  'applicationsDeclined',
  'requestedCents',
  'approvedCents',
  'awardsAccepted',
  'paidCents',
  'payableCents',
  'recoveryOwedCents',
  'recoveredCents',
  'reportsAccepted',
] as const;

interface CallRow {
  id: string;
  fundCode: FundCode;
  title: string | null;
  /** created_at as PostgreSQL writes it, so the keyset keeps its microseconds. */
  position: string;
}

interface GroupRow {
  callId: string;
  region: string;
  submitted: string;
  eligible: string;
  approved: string;
  declined: string;
  requestedCents: string;
  approvedCents: string;
  awardsAccepted: string;
  paidCents: string;
  payableCents: string;
  recoveryOwedCents: string;
  recoveredCents: string;
  reportsAccepted: string;
}

interface OutcomeRow {
  callId: string;
  region: string;
  key: string;
  total: string;
}

const CALLS_PER_PAGE = 100;
/** Spreadsheets run a cell starting with one of these as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Applications, awards and outcome totals by fund, call and region, for the office to track the
 * Strategy across ministries. Counts and sums only: nothing about a person, let alone a survivor.
 */
@Injectable()
export class FundsReportService {
  private readonly logger = new Logger(FundsReportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async fundsCsv(actor: Actor, filter: FundsReportFilter): Promise<FundsReport> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers export the funds report');
    const measureKeys = await this.measureKeys(filter);
    const csv = stringify({ bom: true, header: true, columns: [...FUNDS_REPORT_COLUMNS, ...measureKeys.map((key) => `outcome:${key}`)] });
    pipeline(Readable.from(this.rows(filter, measureKeys)), csv, (error) => {
      if (error) this.logger.warn({ err: error }, 'funds report stopped');
    });
    return { filename: `funds-${ontarioDate(this.clock.now())}.csv`, content: csv };
  }

  /** Every outcome measure key of the calls exported, in a stable order: one column each. */
  private async measureKeys(filter: FundsReportFilter): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT measure->>'key' AS key
         FROM call c JOIN fund f ON f.id = c.fund_id CROSS JOIN LATERAL jsonb_array_elements(c.outcome_measures) measure
        WHERE ($1::text IS NULL OR f.code = $1) AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY 1`,
      [filter.fundCode ?? null, filter.callId ?? null],
    )) as Array<{ key: string }>;
    return rows.map((row) => row.key);
  }

  /** Calls a page at a time (keyset on fund, creation, id), each page's figures in two queries. */
  private async *rows(filter: FundsReportFilter, measureKeys: string[]): AsyncGenerator<Cell[]> {
    let after: CallRow | null = null;
    for (;;) {
      const calls = await this.callPage(filter, after);
      if (calls.length === 0) return;
      const ids = calls.map((call) => call.id);
      const groups = await this.groupsOf(ids);
      const outcomes = await this.outcomesOf(ids, measureKeys);
      for (const call of calls) {
        for (const group of groups.filter((row) => row.callId === call.id)) {
          const totals = outcomes.get(`${call.id}|${group.region}`);
          yield [...groupCells(call, group), ...measureKeys.map((key) => totals?.get(key) ?? 0)];
        }
      }
      if (calls.length < CALLS_PER_PAGE) return;
      after = calls.at(-1)!;
    }
  }

  private async callPage(filter: FundsReportFilter, after: CallRow | null): Promise<CallRow[]> {
    return (await this.dataSource.query(
      `SELECT c.id, f.code AS "fundCode", c.title->>'en' AS title, c.created_at::text AS position
         FROM call c JOIN fund f ON f.id = c.fund_id
        WHERE ($1::text IS NULL OR f.code = $1) AND ($2::uuid IS NULL OR c.id = $2)
          AND ($3::text IS NULL OR (f.code, c.created_at, c.id) > ($3::text, $4::timestamptz, $5::uuid))
        ORDER BY f.code, c.created_at, c.id
        LIMIT ${CALLS_PER_PAGE}`,
      [filter.fundCode ?? null, filter.callId ?? null, after?.fundCode ?? null, after?.position ?? null, after?.id ?? null],
    )) as CallRow[];
  }

  /**
   * One row per call and region of the applications ever submitted. Eligible: reached review.
   * Approved and declined: decisions recorded, released or not.
   */
  private async groupsOf(callIds: string[]): Promise<GroupRow[]> {
    return (await this.dataSource.query(
      `SELECT a.call_id AS "callId", o.region,
              COUNT(*) FILTER (WHERE a.status <> 'withdrawn') AS submitted,
              COUNT(*) FILTER (WHERE a.status IN ('in_review', 'approved', 'declined', 'awarded')) AS eligible,
              COUNT(*) FILTER (WHERE d.outcome = 'approved') AS approved,
              COUNT(*) FILTER (WHERE d.outcome = 'declined') AS declined,
              COALESCE(SUM(budget.requested_cents) FILTER (WHERE a.status <> 'withdrawn'), 0) AS "requestedCents",
              COALESCE(SUM(d.approved_cents) FILTER (WHERE d.outcome = 'approved'), 0) AS "approvedCents",
              COUNT(*) FILTER (WHERE w.status = 'accepted') AS "awardsAccepted",
              COALESCE(SUM(payment.paid_cents), 0) AS "paidCents",
              COALESCE(SUM(payment.payable_cents), 0) AS "payableCents",
              COALESCE(SUM(recovery.owed_cents), 0) AS "recoveryOwedCents",
              COALESCE(SUM(recovery.recovered_cents), 0) AS "recoveredCents",
              COALESCE(SUM(report.accepted), 0) AS "reportsAccepted"
         FROM application a
         JOIN organization o ON o.id = a.organization_id
         LEFT JOIN LATERAL (SELECT SUM(b.amount_cents) AS requested_cents FROM application_budget_line b WHERE b.application_id = a.id) budget ON true
         LEFT JOIN application_decision d ON d.application_id = a.id
         LEFT JOIN award w ON w.application_id = a.id
         LEFT JOIN LATERAL (SELECT SUM(p.amount_cents - p.offset_cents) FILTER (WHERE p.status = 'paid') AS paid_cents,
                                   SUM(p.amount_cents - p.offset_cents) FILTER (WHERE p.status = 'approved') AS payable_cents
                              FROM award_payment p WHERE p.award_id = w.id) payment ON true
         LEFT JOIN LATERAL (SELECT SUM(r.amount_cents - r.offset_cents) FILTER (WHERE r.settled_by IS NULL) AS owed_cents,
                                   SUM(r.offset_cents) + COALESCE(SUM(r.amount_cents - r.offset_cents) FILTER (WHERE r.settled_by = 'repayment'), 0) AS recovered_cents
                              FROM award_recovery r WHERE r.award_id = w.id) recovery ON true
         LEFT JOIN LATERAL (SELECT COUNT(*) AS accepted FROM award_report r WHERE r.award_id = w.id AND r.status = 'accepted') report ON true
        WHERE a.call_id = ANY($1::uuid[]) AND a.submitted_at IS NOT NULL AND ${aggregatedSql('a.organization_id')}
        GROUP BY a.call_id, o.region
        ORDER BY o.region`,
      [callIds],
    )) as GroupRow[];
  }

  /** Outcome counts of accepted reports, summed by call, region and measure. */
  private async outcomesOf(callIds: string[], measureKeys: string[]): Promise<Map<string, Map<string, number>>> {
    const rows = (await this.dataSource.query(
      `SELECT w.call_id AS "callId", o.region, outcome.key, SUM(outcome.value::bigint) AS total
         FROM award_report r
         JOIN award w ON w.id = r.award_id
         JOIN organization o ON o.id = w.organization_id
         CROSS JOIN LATERAL jsonb_each_text(r.outcomes) outcome
        WHERE r.status = 'accepted' AND w.call_id = ANY($1::uuid[]) AND outcome.key = ANY($2::text[]) AND outcome.value ~ '^[0-9]+$' AND ${aggregatedSql('w.organization_id')}
        GROUP BY w.call_id, o.region, outcome.key`,
      [callIds, measureKeys],
    )) as OutcomeRow[];
    const totals = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const group = `${row.callId}|${row.region}`;
      totals.set(group, (totals.get(group) ?? new Map<string, number>()).set(row.key, Number(row.total)));
    }
    return totals;
  }
}

function groupCells(call: CallRow, group: GroupRow): Cell[] {
  return [
    call.fundCode,
    call.id,
    spreadsheetText(call.title ?? ''),
    group.region,
    Number(group.submitted),
    Number(group.eligible),
    Number(group.approved),
    Number(group.declined),
    Number(group.requestedCents),
    Number(group.approvedCents),
    Number(group.awardsAccepted),
    Number(group.paidCents),
    Number(group.payableCents),
    Number(group.recoveryOwedCents),
    Number(group.recoveredCents),
    Number(group.reportsAccepted),
  ];
}

/** Text typed by a person, kept from running as a formula when the file is opened in a spreadsheet (every export's text cells). */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
