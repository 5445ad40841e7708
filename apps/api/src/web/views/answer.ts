import type { Question } from '@grants/calls';
import { formatDate, OfficialLanguage } from '@grants/core';

/** What an answer page says for no answer, yes and no, in the area's own words. */
export interface AnswerWords {
  none: string;
  yes: string;
  no: string;
}

/** An applicant's answer in the page's language: choices by their label, numbers and dates as the language writes them. */
export function answerText(locale: OfficialLanguage, question: Question, value: unknown, words: AnswerWords): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return words.none;
  const optionLabel = (choice: unknown): string => question.options?.find((option) => option.value === choice)?.label[locale] ?? String(choice);
  switch (question.type) {
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA').format(value) : String(value);
    case 'choice':
      return optionLabel(value);
    case 'multichoice':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : optionLabel(value);
    case 'yesno':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(locale, value) : String(value);
    default:
      return String(value);
  }
}
