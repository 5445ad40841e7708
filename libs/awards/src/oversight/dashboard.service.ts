import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APPLICATION_STATUSES, ApplicationStatus } from '@grants/applications';
import { CallPhase, FundCode, Localized } from '@grants/calls';
import { Clock, ForbiddenError } from '@grants/core';
import { Actor, aggregatedSql, hasRole, Region, REGIONS } from '@grants/identity';
import { DataSource } from 'typeorm';
import { ontarioDate } from '../rules/award-plan';

/** An Ontario fiscal year as budgets and payment schedules write it: April 2027 to March 2028 is "2027-28". */
export const FISCAL_YEAR_PATTERN = /^(\d{4})-(\d{2})$/;

/** "2027-28": two years, the second the one after the first ("2099-00" too; not "2027-29"). */
export function isFiscalYear(text: string): boolean {
  const match = FISCAL_YEAR_PATTERN.exec(text);
  return match !== null && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

export interface DashboardFilter {
  fundCode?: FundCode;
  /** Narrows the money, the reports and the outcomes (the fiscal year they are for); not the applications. */
  fiscalYear?: string;
}

/**
 * The money of one fund in one fiscal year, in cents:
 * - requested: the budget lines for that year of the applications submitted and not withdrawn;
 * - approved: the payment schedule for that year of the awards offered or accepted (an approval
 *   becomes an award, with its schedule, when its decision is released);
 * - accepted: the same, of the awards the organizations accepted;
 * - paid: the payments of that year recorded as paid;
 * - toPay: the accepted awards' payments of that year not paid yet (scheduled, requested or approved);
 * - recoveryOwed, recovered: the year's surpluses owed back to the Crown, still owed and recovered
 *   (offset against later payments or repaid).
 */
export interface DashboardMoney {
  fundCode: FundCode;
  fiscalYear: string;
  requestedCents: number;
  approvedCents: number;
  acceptedCents: number;
  paidCents: number;
  toPayCents: number;
  recoveryOwedCents: number;
  recoveredCents: number;
}

/** A published call and how many of its applications are in each status (drafts included). */
export interface DashboardCall {
  callId: string;
  fundCode: FundCode;
  title: Localized;
  phase: CallPhase;
  counts: Record<ApplicationStatus, number>;
  total: number;
}

/**
 * The reports of one fund's accepted awards, by where they stand on the Ontario date `today`:
 * due (not filed, due today or later), overdue (not filed or sent back, due before today) and
 * awaitingReview (filed, waiting for an officer).
 */
export interface DashboardReports {
  fundCode: FundCode;
  due: number;
  overdue: number;
  awaitingReview: number;
}

/** The counts of one outcome measure in a fund's accepted reports, under the measure's label in its latest call. */
export interface DashboardOutcome {
  fundCode: FundCode;
  key: string;
  label: Localized;
  total: number;
}

/**
 * The applying organizations' region: applications submitted and not withdrawn, and the approvals
 * recorded for them (released or not) with their amounts in cents, as the funds report counts them.
 */
export interface DashboardRegion {
  region: Region;
  submitted: number;
  approved: number;
  approvedCents: number;
}

export interface Dashboard {
  /** The Ontario date the reports are counted on, `YYYY-MM-DD`. */
  today: string;
  /** Every fiscal year that has a budget line or a payment, oldest first: the filter's choices. */
  fiscalYears: string[];
  money: DashboardMoney[];
  calls: DashboardCall[];
  reports: DashboardReports[];
  outcomes: DashboardOutcome[];
  regions: DashboardRegion[];
}

type Counted = string | number;

/** Calls open now first, then those closed, then those not open yet; within each, the latest closing first. */
const PHASE_SQL = `CASE WHEN c.closed_at IS NOT NULL OR c.closes_at <= $2 THEN 'closed' WHEN c.opens_at > $2 THEN 'scheduled' ELSE 'open' END`;

/**
 * The office's dashboard: money, applications, reports, outcomes and regions across funds, in a
 * few statements that count and sum in the database. The definitions are the funds report's
 * (FundsReportService): submitted means submitted and not withdrawn, approved means an approval
 * recorded, outcomes are those of accepted reports. Counts and sums only, nothing about a person.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async dashboard(actor: Actor, filter: DashboardFilter): Promise<Dashboard> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers read the dashboard');
    const now = this.clock.now();
    const today = ontarioDate(now);
    const fund = filter.fundCode ?? null;
    const year = filter.fiscalYear ?? null;
    const [fiscalYears, money, calls, reports, outcomes, regions] = await Promise.all([
      this.fiscalYears(fund),
      this.money(fund, year),
      this.calls(fund, now),
      this.reports(fund, year, today),
      this.outcomes(fund, year),
      this.regions(fund),
    ]);
    return { today, fiscalYears, money, calls, reports, outcomes, regions };
  }

  private async fiscalYears(fund: FundCode | null): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT b.fiscal_year AS "fiscalYear"
         FROM application_budget_line b JOIN application a ON a.id = b.application_id JOIN call c ON c.id = a.call_id JOIN fund f ON f.id = c.fund_id
        WHERE a.submitted_at IS NOT NULL AND ($1::text IS NULL OR f.code = $1) AND ${aggregatedSql('a.organization_id')}
       UNION
       SELECT p.fiscal_year FROM award_payment p JOIN award w ON w.id = p.award_id JOIN call c ON c.id = w.call_id JOIN fund f ON f.id = c.fund_id
        WHERE ($1::text IS NULL OR f.code = $1) AND ${aggregatedSql('w.organization_id')}
       ORDER BY 1`,
      [fund],
    )) as Array<{ fiscalYear: string }>;
    return rows.map((row) => row.fiscalYear);
  }

  /** Requested from the budget lines, the rest from the awards' payment schedules: one row per fund and fiscal year with any. */
  private async money(fund: FundCode | null, year: string | null): Promise<DashboardMoney[]> {
    const rows = (await this.dataSource.query(
      `SELECT "fundCode", "fiscalYear",
              SUM(requested) AS "requestedCents", SUM(approved) AS "approvedCents", SUM(accepted) AS "acceptedCents",
              SUM(paid) AS "paidCents", SUM(to_pay) AS "toPayCents", SUM(owed) AS "recoveryOwedCents", SUM(recovered) AS "recoveredCents"
         FROM (
           SELECT f.code AS "fundCode", b.fiscal_year AS "fiscalYear", b.amount_cents AS requested, 0 AS approved, 0 AS accepted, 0 AS paid, 0 AS to_pay, 0 AS owed, 0 AS recovered
             FROM application_budget_line b
             JOIN application a ON a.id = b.application_id
             JOIN call c ON c.id = a.call_id JOIN fund f ON f.id = c.fund_id
            WHERE a.submitted_at IS NOT NULL AND a.status <> 'withdrawn' AND ${aggregatedSql('a.organization_id')}
              AND ($1::text IS NULL OR f.code = $1) AND ($2::text IS NULL OR b.fiscal_year = $2)
           UNION ALL
           SELECT f.code, p.fiscal_year, 0, p.amount_cents,
                  CASE WHEN w.status = 'accepted' THEN p.amount_cents ELSE 0 END,
                  CASE WHEN p.status = 'paid' THEN p.amount_cents - p.offset_cents ELSE 0 END,
                  CASE WHEN w.status = 'accepted' AND p.status <> 'paid' THEN p.amount_cents - p.offset_cents ELSE 0 END,
                  0, 0
             FROM award_payment p
             JOIN award w ON w.id = p.award_id
             JOIN call c ON c.id = w.call_id JOIN fund f ON f.id = c.fund_id
            WHERE w.status IN ('offered', 'accepted') AND ${aggregatedSql('w.organization_id')}
              AND ($1::text IS NULL OR f.code = $1) AND ($2::text IS NULL OR p.fiscal_year = $2)
           UNION ALL
           -- Surpluses owed back to the Crown, by the fiscal year they arose in: still owed, and recovered (offset or repaid).
           SELECT f.code, r.fiscal_year, 0, 0, 0, 0, 0,
                  CASE WHEN r.settled_by IS NULL THEN r.amount_cents - r.offset_cents ELSE 0 END,
                  r.offset_cents + CASE WHEN r.settled_by = 'repayment' THEN r.amount_cents - r.offset_cents ELSE 0 END
             FROM award_recovery r
             JOIN award w ON w.id = r.award_id
             JOIN call c ON c.id = w.call_id JOIN fund f ON f.id = c.fund_id
            WHERE ($1::text IS NULL OR f.code = $1) AND ($2::text IS NULL OR r.fiscal_year = $2) AND ${aggregatedSql('w.organization_id')}
         ) amounts
        GROUP BY "fundCode", "fiscalYear"
        ORDER BY "fundCode", "fiscalYear"`,
      [fund, year],
    )) as Array<Record<'fundCode' | 'fiscalYear', string> & Record<'requestedCents' | 'approvedCents' | 'acceptedCents' | 'paidCents' | 'toPayCents' | 'recoveryOwedCents' | 'recoveredCents', Counted>>;
    return rows.map((row) => ({
      fundCode: row.fundCode as FundCode,
      fiscalYear: row.fiscalYear,
      requestedCents: Number(row.requestedCents),
      approvedCents: Number(row.approvedCents),
      acceptedCents: Number(row.acceptedCents),
      paidCents: Number(row.paidCents),
      toPayCents: Number(row.toPayCents),
      recoveryOwedCents: Number(row.recoveryOwedCents),
      recoveredCents: Number(row.recoveredCents),
    }));
  }

  /** Every published call, with none of its applications too: an open call nobody applied to yet is worth seeing. */
  private async calls(fund: FundCode | null, now: Date): Promise<DashboardCall[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id AS "callId", f.code AS "fundCode", c.title, ${PHASE_SQL} AS phase,
              COALESCE(jsonb_object_agg(counted.status, counted.count) FILTER (WHERE counted.status IS NOT NULL), '{}') AS counts
         FROM call c
         JOIN fund f ON f.id = c.fund_id
         LEFT JOIN LATERAL (SELECT a.status, COUNT(*) AS count FROM application a WHERE a.call_id = c.id AND ${aggregatedSql('a.organization_id')} GROUP BY a.status) counted ON true
        WHERE c.published_at IS NOT NULL AND ($1::text IS NULL OR f.code = $1)
        GROUP BY c.id, f.code
        ORDER BY CASE ${PHASE_SQL} WHEN 'open' THEN 0 WHEN 'closed' THEN 1 ELSE 2 END, c.closes_at DESC, c.id`,
      [fund, now],
    )) as Array<{ callId: string; fundCode: FundCode; title: Partial<Localized>; phase: CallPhase; counts: Record<string, Counted> }>;
    return rows.map((row) => {
      const counts = Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, Number(row.counts[status] ?? 0)])) as Record<ApplicationStatus, number>;
      return {
        callId: row.callId,
        fundCode: row.fundCode,
        title: { en: row.title.en ?? '', fr: row.title.fr ?? '' },
        phase: row.phase,
        counts,
        total: Object.values(counts).reduce((sum, count) => sum + count, 0),
      };
    });
  }

  /**
   * The reports of accepted awards: an offer not answered yet owes nothing, a declined one never will.
   * A report returned for changes is owed again: due, or overdue once its date has passed.
   */
  private async reports(fund: FundCode | null, year: string | null, today: string): Promise<DashboardReports[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.code AS "fundCode",
              COUNT(r.id) FILTER (WHERE r.status IN ('due', 'returned') AND r.due_on >= $3::date) AS due,
              COUNT(r.id) FILTER (WHERE r.status IN ('due', 'returned') AND r.due_on < $3::date) AS overdue,
              COUNT(r.id) FILTER (WHERE r.status = 'submitted') AS "awaitingReview"
         FROM fund f
         LEFT JOIN call c ON c.fund_id = f.id
         LEFT JOIN award w ON w.call_id = c.id AND w.status = 'accepted' AND ${aggregatedSql('w.organization_id')}
         LEFT JOIN award_report r ON r.award_id = w.id AND ($2::text IS NULL OR r.period = $2)
        WHERE $1::text IS NULL OR f.code = $1
        GROUP BY f.code
        ORDER BY f.code`,
      [fund, year, today],
    )) as Array<{ fundCode: FundCode; due: Counted; overdue: Counted; awaitingReview: Counted }>;
    return rows.map((row) => ({ fundCode: row.fundCode, due: Number(row.due), overdue: Number(row.overdue), awaitingReview: Number(row.awaitingReview) }));
  }

  /**
   * The counts of accepted reports (for the fiscal year they cover), for the measures their call
   * counts: a key the call does not define, or a value that is not a whole number, is left out,
   * as in the funds report.
   */
  private async outcomes(fund: FundCode | null, year: string | null): Promise<DashboardOutcome[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.code AS "fundCode", outcome.key, SUM(outcome.value::bigint) AS total,
              (array_agg(measure.definition->'label'->>'en' ORDER BY c.created_at DESC))[1] AS en,
              (array_agg(measure.definition->'label'->>'fr' ORDER BY c.created_at DESC))[1] AS fr
         FROM award_report r
         JOIN award w ON w.id = r.award_id
         JOIN call c ON c.id = w.call_id
         JOIN fund f ON f.id = c.fund_id
         CROSS JOIN LATERAL jsonb_each_text(r.outcomes) outcome
         JOIN LATERAL jsonb_array_elements(c.outcome_measures) WITH ORDINALITY AS measure(definition, position) ON measure.definition->>'key' = outcome.key
        WHERE r.status = 'accepted' AND outcome.value ~ '^[0-9]+$' AND ${aggregatedSql('w.organization_id')}
          AND ($1::text IS NULL OR f.code = $1) AND ($2::text IS NULL OR r.period = $2)
        GROUP BY f.code, outcome.key
        ORDER BY f.code, MIN(measure.position), outcome.key`,
      [fund, year],
    )) as Array<{ fundCode: FundCode; key: string; total: Counted; en: string | null; fr: string | null }>;
    return rows.map((row) => ({ fundCode: row.fundCode, key: row.key, label: { en: row.en ?? row.key, fr: row.fr ?? row.en ?? row.key }, total: Number(row.total) }));
  }

  /** Every region, with nothing in it too: a region without applications is a finding in itself. */
  private async regions(fund: FundCode | null): Promise<DashboardRegion[]> {
    const rows = (await this.dataSource.query(
      `SELECT region.name AS region,
              COUNT(a.id) FILTER (WHERE a.status <> 'withdrawn') AS submitted,
              COUNT(d.application_id) FILTER (WHERE d.outcome = 'approved') AS approved,
              COALESCE(SUM(d.approved_cents) FILTER (WHERE d.outcome = 'approved'), 0) AS "approvedCents"
         FROM unnest($2::text[]) WITH ORDINALITY AS region(name, position)
         LEFT JOIN organization o ON o.region = region.name AND ${aggregatedSql('o.id')}
         LEFT JOIN application a ON a.organization_id = o.id AND a.submitted_at IS NOT NULL
              AND ($1::text IS NULL OR a.call_id IN (SELECT c.id FROM call c JOIN fund f ON f.id = c.fund_id WHERE f.code = $1))
         LEFT JOIN application_decision d ON d.application_id = a.id
        GROUP BY region.name, region.position
        ORDER BY region.position`,
      [fund, [...REGIONS]],
    )) as Array<{ region: Region; submitted: Counted; approved: Counted; approvedCents: Counted }>;
    return rows.map((row) => ({ region: row.region, submitted: Number(row.submitted), approved: Number(row.approved), approvedCents: Number(row.approvedCents) }));
  }
}
