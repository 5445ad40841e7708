import { BudgetCategory } from '@grants/applications';

/**
 * Schedule D's flexibility rule (../shared/TRANSFER-PAYMENTS.md): without an amendment, the
 * recipient may move funds between budget lines of the same fiscal year as long as no line is
 * reduced by more than 10%, no line is increased by more than 20%, and nothing is moved into
 * administration or "other". Exact integer arithmetic on cents.
 */

/** Lines nothing may be moved into: spending on them above their budget is never within the rule. */
export const CLOSED_CATEGORIES: readonly BudgetCategory[] = ['administration', 'other'];
const MAX_DECREASE_PERCENT = 10;
const MAX_INCREASE_PERCENT = 20;

export interface BudgetLineAmount {
  fiscalYear: string;
  category: BudgetCategory;
  amountCents: number;
}

export interface Variance {
  fiscalYear: string;
  category: BudgetCategory;
  budgetCents: number;
  spentCents: number;
  withinFlexibility: boolean;
}

/** One row per fiscal year and category in the budget or the spending, in the budget's order then the spending's. */
export function variances(budget: readonly BudgetLineAmount[], spending: readonly BudgetLineAmount[]): Variance[] {
  const rows = new Map<string, Variance>();
  const row = (fiscalYear: string, category: BudgetCategory): Variance => {
    const key = `${fiscalYear}/${category}`;
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { fiscalYear, category, budgetCents: 0, spentCents: 0, withinFlexibility: true }));
    return found;
  };
  for (const line of budget) row(line.fiscalYear, line.category).budgetCents += line.amountCents;
  for (const line of spending) row(line.fiscalYear, line.category).spentCents += line.amountCents;
  return [...rows.values()].map((variance) => ({ ...variance, withinFlexibility: withinFlexibility(variance) }));
}

function withinFlexibility({ category, budgetCents, spentCents }: Variance): boolean {
  const budget = BigInt(budgetCents);
  const spent = BigInt(spentCents);
  if (CLOSED_CATEGORIES.includes(category) && spent > budget) return false;
  return spent * 100n >= budget * BigInt(100 - MAX_DECREASE_PERCENT) && spent * 100n <= budget * BigInt(100 + MAX_INCREASE_PERCENT);
}
