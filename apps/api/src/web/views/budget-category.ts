import { BUDGET_CATEGORY_WORDS, SubmittedBudgetCategory } from '@grants/documents';
import { PageContext } from '../page-context';

/** A budget line's category in the page's language, worded as in the submission PDF. */
export function budgetCategoryWords(page: PageContext, category: SubmittedBudgetCategory | null): string {
  return category ? BUDGET_CATEGORY_WORDS[page.locale][category] : '';
}
