/**
 * The money and the obligations of an award, from the approved amount and the budget's fiscal
 * years. Pure: the same award always gets the same plan.
 *
 * - One payment per fiscal year of the budget, splitting the approved amount in proportion to what
 *   the budget asked for that year, in whole cents that add up exactly (largest remainder).
 * - One interim report for every fiscal year but the last, and one final report.
 * - The first payment becomes payable when the award is accepted; each later one when the interim
 *   report of the year before it is accepted.
 */

export interface YearAmount {
  fiscalYear: string;
  amountCents: number;
}

export type ReportKind = 'interim' | 'final';

export interface PlannedReport {
  kind: ReportKind;
  /** The fiscal year the report covers (the last one, for the final report). */
  period: string;
  /** `YYYY-MM-DD` */
  dueOn: string;
}

export interface PlannedPayment extends YearAmount {
  /** `YYYY-MM-DD` */
  dueOn: string;
  /** The report whose acceptance releases this payment; null: released by accepting the award. */
  dependsOn: { kind: ReportKind; period: string } | null;
}

export interface AwardPlan {
  payments: PlannedPayment[];
  reports: PlannedReport[];
}

/** Reports are never due sooner than this after the award is released. */
const MIN_DAYS_TO_REPORT = 60;

/**
 * Splits `approvedCents` across the fiscal years in proportion to the budget. Years whose share
 * rounds to nothing are left out; ties for a leftover cent go to the earlier year.
 */
export function splitAcrossFiscalYears(approvedCents: number, budget: readonly YearAmount[]): YearAmount[] {
  if (!Number.isSafeInteger(approvedCents) || approvedCents <= 0) {
    throw new RangeError(`An award is a positive whole number of cents, not ${approvedCents}`);
  }
  const byYear = new Map<string, bigint>();
  for (const line of budget) {
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents < 0) throw new RangeError(`A budget amount must be whole cents, not ${line.amountCents}`);
    byYear.set(line.fiscalYear, (byYear.get(line.fiscalYear) ?? 0n) + BigInt(line.amountCents));
  }
  const years = [...byYear.entries()].filter(([, cents]) => cents > 0n).sort(([a], [b]) => a.localeCompare(b));
  const total = years.reduce((sum, [, cents]) => sum + cents, 0n);
  if (total === 0n) throw new RangeError('An award needs a budget with at least one amount');
  const shares = apportion(approvedCents, years.map(([, cents]) => cents));
  return years.map(([fiscalYear], index) => ({ fiscalYear, amountCents: shares[index]! })).filter((share) => share.amountCents > 0);
}

/**
 * Splits a whole number of cents in proportion to the weights, in whole cents that add up exactly:
 * floor(total × weight / sum), then the leftover cents by largest remainder, ties to the earlier.
 * Exact integer arithmetic.
 */
export function apportion(totalCents: number, weights: readonly bigint[]): number[] {
  const sum = weights.reduce((total, weight) => total + weight, 0n);
  if (sum <= 0n) throw new RangeError('Apportioning needs at least one positive weight');
  const total = BigInt(totalCents);
  const shares = weights.map((weight, index) => ({ index, floor: (total * weight) / sum, remainder: (total * weight) % sum }));
  let leftover = total - shares.reduce((all, share) => all + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((share) => Number(share.floor));
}

/** The whole plan of an award released on `releasedOn` (an Ontario date, `YYYY-MM-DD`). */
export function planAward(approvedCents: number, budget: readonly YearAmount[], releasedOn: string): AwardPlan {
  const split = splitAcrossFiscalYears(approvedCents, budget);
  const earliestReport = addDays(releasedOn, MIN_DAYS_TO_REPORT);
  const last = split[split.length - 1]!;
  const reports: PlannedReport[] = [
    // Interim reports come mid-year, before the next year's payment falls due on 1 April.
    ...split.slice(0, -1).map(({ fiscalYear }) => ({ kind: 'interim' as const, period: fiscalYear, dueOn: later(`${startYear(fiscalYear) + 1}-01-31`, earliestReport) })),
    { kind: 'final', period: last.fiscalYear, dueOn: later(`${startYear(last.fiscalYear) + 1}-06-30`, earliestReport) },
  ];
  const payments = split.map((year, index): PlannedPayment => ({
    ...year,
    dueOn: later(`${startYear(year.fiscalYear)}-04-01`, releasedOn),
    dependsOn: index === 0 ? null : { kind: 'interim', period: split[index - 1]!.fiscalYear },
  }));
  return { payments, reports };
}

/** The date in Ontario at an instant, `YYYY-MM-DD`. */
export function ontarioDate(instant: Date): string {
  return ontarioDateFormat.format(instant);
}

const ontarioDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' });

function startYear(fiscalYear: string): number {
  return Number(fiscalYear.slice(0, 4));
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
