import { OfficialLanguage } from '@grants/core';

/**
 * A number answer as typed in the page's language: English groups thousands with commas and marks
 * decimals with a point (`1,250.5`); French groups with spaces and marks decimals with a comma, or
 * a point (`1 250,5`). Unlike an amount (forms/money.ts), a number may be negative and have any
 * count of decimals, so a lone separator cannot be guessed from the digits after it. Null when it
 * is not a number.
 */
export function parseNumberAnswer(typed: string, locale: OfficialLanguage): number | null {
  let text = typed.replace(/\s/g, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const match = (locale === 'fr' ? /^(\d+)(?:[.,](\d+))?$/ : /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/).exec(text);
  if (match === null) return null;
  const value = Number(`${negative ? '-' : ''}${match[1]!.replace(/,/g, '')}${match[2] ? `.${match[2]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

/** A number answer written back into its field, as parseNumberAnswer reads it in the page's language. */
export function numberInput(locale: OfficialLanguage, value: number): string {
  return locale === 'fr' ? String(value).replace('.', ',') : String(value);
}
