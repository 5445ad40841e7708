import type { OfficialLanguage } from '@grants/core';

/** Numbers as officers type them on the call's forms (money is read by forms/money.ts). */

export type Reading<T> = { kind: 'empty' } | { kind: 'ok'; value: T } | { kind: 'invalid' };

// Spaces of every width (French groups thousands with a no-break or narrow no-break space).
const SPACES = /[\s\u00a0\u202f\u2009]/g;

/** A whole number, digits only (spaces between thousands allowed). */
export function parseWholeNumber(text: string): Reading<number> {
  const compact = text.replace(SPACES, '');
  if (compact === '') return { kind: 'empty' };
  if (!/^\d{1,15}$/.test(compact)) return { kind: 'invalid' };
  return { kind: 'ok', value: Number(compact) };
}

/** A number that may be negative or have a fraction, with a decimal point or a decimal comma: `-2`, `1.5`, `1,5`. */
export function parseDecimal(text: string): Reading<number> {
  const compact = text.replace(SPACES, '').replace(/^−/, '-');
  if (compact === '') return { kind: 'empty' };
  if (!/^-?\d{1,15}([.,]\d{1,6})?$/.test(compact)) return { kind: 'invalid' };
  return { kind: 'ok', value: Number(compact.replace(',', '.')) };
}

/** A number as an input shows it in the page's language: `1.5` / `1,5`. */
export function decimalForInput(locale: OfficialLanguage, value: number): string {
  const text = String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}
