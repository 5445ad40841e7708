import type { OfficialLanguage } from '@grants/core';

/**
 * Dollar amounts and numbers as officers type them, in either language's way: `1 234,56`,
 * `1,234.56`, `$1,234`, `1234.5`. Read as text into integer cents, never through floating point.
 */

export type Reading<T> = { kind: 'empty' } | { kind: 'ok'; value: T } | { kind: 'invalid' };

// Spaces of every width (French groups thousands with a no-break or narrow no-break space).
const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Dollars to cents. A separator followed by one or two digits at the end marks the cents; any
 * other separator groups thousands and must be followed by exactly three digits (so `1,234` is one
 * thousand two hundred thirty-four dollars in either language, and `1.2.3` is refused).
 */
export function parseDollars(text: string): Reading<number> {
  if (text.replace(SPACES, '') === '') return { kind: 'empty' };
  const compact = text.replace(SPACES, '').replace(/^\$|\$$/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return { kind: 'invalid' };
  let whole = compact;
  let cents = '00';
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  if (decimal) {
    whole = compact.slice(0, decimal.index);
    cents = decimal[1]!.padEnd(2, '0');
  }
  const groups = whole.split(/[.,]/);
  const separators = new Set(whole.replace(/\d/g, ''));
  if (separators.size > 1 || (decimal && separators.has(compact[decimal.index]!))) return { kind: 'invalid' };
  if (groups.length > 1 && (groups[0]!.length === 0 || groups[0]!.length > 3 || groups.slice(1).some((group) => group.length !== 3))) return { kind: 'invalid' };
  const digits = `${groups.join('')}${cents}`.replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { kind: 'ok', value } : { kind: 'invalid' };
}

/** Cents as an input shows them in the page's language, without the currency sign: `1,234.50` / `1 234,50`. */
export function dollarsForInput(locale: OfficialLanguage, cents: number): string {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'fr' ? ' ' : ',');
  return `${whole}${locale === 'fr' ? ',' : '.'}${String(cents % 100).padStart(2, '0')}`;
}

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
