import { BUDGET_CATEGORIES, BudgetCategory, isBudgetCategory, parseFiscalYear } from '@grants/applications';
import { AgreementSchedules, BilingualText } from '@grants/documents';
import { apportion } from '../../rules/award-plan';
import { splitHoldback } from '../../rules/payment-ledger';

/**
 * An agreement's schedules, from the award as it was accepted, and amended by an officer. Pure: the
 * same facts always give the same schedules, and the amounts always add up to the agreement's total.
 */

export interface AgreementFacts {
  terms: AgreementSchedules['a'];
  approvedCents: number;
  conditions: string;
  project: { title: string; summary: string };
  /** The day the award was accepted, in Ontario (`YYYY-MM-DD`). */
  startsOn: string;
  /** The application's budget as requested; schedule D scales it to the approved amount. */
  budget: ReadonlyArray<{ fiscalYear: string; category: BudgetCategory; amountCents: number }>;
  /** The award's payments, in order; the first is released by the agreement's execution. */
  payments: ReadonlyArray<{ position: number; fiscalYear: string; dueOn: string; amountCents: number }>;
  reports: AgreementSchedules['f']['reports'];
  outcomeMeasures: ReadonlyArray<{ key: string; label: BilingualText }>;
  holdbackPercent: number;
}

export function firstSchedules(facts: AgreementFacts): AgreementSchedules {
  const lastYear = [...facts.payments.map((payment) => payment.fiscalYear), ...facts.budget.map((line) => line.fiscalYear)].sort().at(-1);
  if (!lastYear) throw new RangeError('An agreement needs at least one payment or budget line');
  return {
    a: facts.terms,
    b: { conditions: facts.conditions },
    c: { title: facts.project.title, description: facts.project.summary, startsOn: facts.startsOn, endsOn: fiscalYearEnd(lastYear), outcomeMeasures: [...facts.outcomeMeasures] },
    d: scheduleD(facts.approvedCents, facts.budget),
    e: scheduleE(
      facts.payments.map(({ position, fiscalYear, dueOn, amountCents }, index) => ({ position, fiscalYear, dueOn, amountCents, condition: index === 0 ? ('execution' as const) : ('prior_report' as const) })),
      facts.holdbackPercent,
    ),
    f: { reports: [...facts.reports] },
  };
}

/** The budget as requested, scaled to the approved amount line by line (one line per fiscal year and category). */
function scheduleD(approvedCents: number, budget: AgreementFacts['budget']): AgreementSchedules['d'] {
  const merged = new Map<string, { fiscalYear: string; category: BudgetCategory; amountCents: number }>();
  for (const line of budget) {
    const key = `${line.fiscalYear}/${line.category}`;
    const existing = merged.get(key);
    if (existing) existing.amountCents += line.amountCents;
    else merged.set(key, { ...line });
  }
  const lines = [...merged.values()].filter((line) => line.amountCents > 0).sort((a, b) => a.fiscalYear.localeCompare(b.fiscalYear) || budgetOrder(a.category) - budgetOrder(b.category));
  if (lines.length === 0) return { lines: [], totalCents: approvedCents };
  const shares = apportion(approvedCents, lines.map((line) => BigInt(line.amountCents)));
  return { lines: lines.map((line, index) => ({ ...line, amountCents: shares[index]! })).filter((line) => line.amountCents > 0), totalCents: approvedCents };
}

function scheduleE(instalments: AgreementSchedules['e']['instalments'], holdbackPercent: number): AgreementSchedules['e'] {
  const holdbackCents = instalments.length === 0 ? 0 : (splitHoldback(instalments, holdbackPercent).find((part) => part.holdback)?.amountCents ?? 0);
  return { instalments, holdbackPercent, holdbackCents };
}

/** What an officer may change by amendment; what is left out stays as it is. */
export interface AmendmentChanges {
  budget?: ReadonlyArray<{ fiscalYear: string; category: string; amountCents: number }>;
  paymentPlan?: ReadonlyArray<{ fiscalYear: string; dueOn: string; amountCents: number }>;
  endsOn?: string;
  conditions?: string;
}

export type AmendmentProblem =
  | { code: 'NOTHING_TO_AMEND' }
  | { code: 'BUDGET_TOTAL_CHANGED'; totalCents: number; budgetCents: number }
  | { code: 'INVALID_BUDGET_LINE'; index: number }
  | { code: 'PAYMENT_PLAN_TOTAL_CHANGED'; totalCents: number; planCents: number }
  | { code: 'PAYMENT_PLAN_LENGTH_CHANGED'; instalments: number }
  | { code: 'INVALID_INSTALMENT'; index: number }
  | { code: 'PAID_INSTALMENT_CHANGED'; position: number }
  /** An unpaid instalment would fall below what is already kept from it against a recovery. */
  | { code: 'INSTALMENT_BELOW_OFFSET'; position: number; offsetCents: number }
  /** A payment being approved would change: it is paid (or its request withdrawn) first. */
  | { code: 'PAYMENT_IN_APPROVAL'; position: number }
  | { code: 'END_BEFORE_START'; startsOn: string };

/**
 * The next version's schedules, or what is wrong with the changes. The agreement's total never
 * changes by amendment (a different amount is a different decision): the budget and the payment
 * plan still add up to it, and an instalment already paid stays as it was.
 */
export function amendedSchedules(
  current: AgreementSchedules,
  changes: AmendmentChanges,
  paidPositions: ReadonlySet<number>,
  /** The unpaid payments as they stand, by payment position (the holdback's is the one after its instalment). */
  unpaid: ReadonlyArray<{ position: number; status: string; offsetCents: number }> = [],
): { schedules: AgreementSchedules } | { problems: AmendmentProblem[] } {
  const problems: AmendmentProblem[] = [];
  const total = current.d.totalCents;
  let d = current.d;
  if (changes.budget) {
    const lines = changes.budget.map((line) => ({ ...line, fiscalYear: line.fiscalYear.trim() }));
    lines.forEach((line, index) => {
      if (parseFiscalYear(line.fiscalYear) === null || !isBudgetCategory(line.category) || !Number.isSafeInteger(line.amountCents) || line.amountCents <= 0) problems.push({ code: 'INVALID_BUDGET_LINE', index });
    });
    const budgetCents = lines.reduce((sum, line) => sum + (Number.isSafeInteger(line.amountCents) ? line.amountCents : 0), 0);
    if (budgetCents !== total) problems.push({ code: 'BUDGET_TOTAL_CHANGED', totalCents: total, budgetCents });
    d = { lines: lines.map((line) => ({ fiscalYear: line.fiscalYear, category: line.category as BudgetCategory, amountCents: line.amountCents })), totalCents: total };
  }
  let e = current.e;
  if (changes.paymentPlan) {
    const plan = changes.paymentPlan;
    if (plan.length !== current.e.instalments.length) problems.push({ code: 'PAYMENT_PLAN_LENGTH_CHANGED', instalments: current.e.instalments.length });
    plan.forEach((instalment, index) => {
      if (parseFiscalYear(instalment.fiscalYear) === null || !isIsoDate(instalment.dueOn) || !Number.isSafeInteger(instalment.amountCents) || instalment.amountCents <= 0) problems.push({ code: 'INVALID_INSTALMENT', index });
    });
    const planCents = plan.reduce((sum, instalment) => sum + (Number.isSafeInteger(instalment.amountCents) ? instalment.amountCents : 0), 0);
    if (planCents !== total) problems.push({ code: 'PAYMENT_PLAN_TOTAL_CHANGED', totalCents: total, planCents });
    const instalments = current.e.instalments.map((existing, index) => {
      const proposed = plan[index];
      if (!proposed) return existing;
      const changed = proposed.fiscalYear !== existing.fiscalYear || proposed.dueOn !== existing.dueOn || proposed.amountCents !== existing.amountCents;
      if (changed && paidPositions.has(existing.position)) problems.push({ code: 'PAID_INSTALMENT_CHANGED', position: existing.position });
      return { ...existing, fiscalYear: proposed.fiscalYear, dueOn: proposed.dueOn, amountCents: proposed.amountCents };
    });
    e = scheduleE(instalments, current.e.holdbackPercent);
    if (!problems.some((problem) => problem.code === 'INVALID_INSTALMENT' || problem.code === 'PAYMENT_PLAN_LENGTH_CHANGED')) {
      const before = splitHoldback(current.e.instalments, current.e.holdbackPercent);
      for (const part of splitHoldback(instalments, current.e.holdbackPercent)) {
        const payment = unpaid.find((candidate) => candidate.position === part.position);
        if (!payment) continue;
        const position = part.holdback ? part.position - 1 : part.position;
        if (part.amountCents < payment.offsetCents) problems.push({ code: 'INSTALMENT_BELOW_OFFSET', position, offsetCents: payment.offsetCents });
        const was = before.find((candidate) => candidate.position === part.position)?.amountCents;
        if (payment.status !== 'scheduled' && was !== part.amountCents) problems.push({ code: 'PAYMENT_IN_APPROVAL', position });
      }
    }
  }
  let c = current.c;
  if (changes.endsOn !== undefined) {
    if (!isIsoDate(changes.endsOn) || changes.endsOn < current.c.startsOn) problems.push({ code: 'END_BEFORE_START', startsOn: current.c.startsOn });
    c = { ...current.c, endsOn: changes.endsOn };
  }
  const b = changes.conditions !== undefined ? { conditions: changes.conditions.trim() } : current.b;
  const next: AgreementSchedules = { ...current, b, c, d, e };
  if (problems.length > 0) return { problems };
  if (JSON.stringify(next) === JSON.stringify(current)) return { problems: [{ code: 'NOTHING_TO_AMEND' }] };
  return { schedules: next };
}

/** The last day of an Ontario fiscal year: `2027-28` ends on 2028-03-31. */
export function fiscalYearEnd(fiscalYear: string): string {
  const start = parseFiscalYear(fiscalYear);
  if (start === null) throw new RangeError(`${fiscalYear} is not a fiscal year`);
  return `${start + 1}-03-31`;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function budgetOrder(category: BudgetCategory): number {
  return BUDGET_CATEGORIES.indexOf(category);
}
