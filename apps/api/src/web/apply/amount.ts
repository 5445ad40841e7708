import { OfficialLanguage } from '@grants/core';

/** The largest budget line the API takes: one billion dollars. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

/** A number as typed, split at its decimal separator: digits only, no sign. */
export interface TypedNumber {
  negative: boolean;
  whole: string;
  fraction: string;
}

/**
 * Reads a number the way people in Ontario write it, in either language: `1234.5`, `1,234.56`,
 * `1 234,56`, `1.234,56`. Spaces of any kind (French groups digits with no-break spaces) are
 * ignored. A separator used once and followed by one or two digits is the decimal one; any other
 * use groups thousands, and must then group them by three (`1,234,567`). Null when it is not a
 * number written that way.
 */
export function parseTypedNumber(typed: string): TypedNumber | null {
  let text = typed.replace(/\s/g, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return null;
  const lastSeparator = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  if (lastSeparator === -1) return { negative, whole: text, fraction: '' };
  const separator = text[lastSeparator]!;
  const after = text.slice(lastSeparator + 1);
  const usedOnce = text.indexOf(separator) === lastSeparator;
  if (usedOnce && after.length <= 2) {
    const whole = ungrouped(text.slice(0, lastSeparator), separator);
    return whole === null ? null : { negative, whole, fraction: after };
  }
  const whole = ungrouped(text, null);
  return whole === null ? null : { negative, whole, fraction: '' };
}

/** The digits of a whole part, its thousands grouped by one kind of separator (not `decimal`), or not at all. */
function ungrouped(text: string, decimal: string | null): string | null {
  if (/^\d+$/.test(text)) return text;
  const grouping = text.includes(',') ? ',' : '.';
  if (grouping === decimal || (text.includes(',') && text.includes('.'))) return null;
  const groups = text.split(grouping);
  const [first, ...rest] = groups;
  if (!/^\d{1,3}$/.test(first!) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** Dollars as typed (`1 234,56`, `1,234.56`, `$1234`, `1 234,56 $`) in cents; null when it is not an amount. */
export function parseAmountCents(typed: string): number | null {
  const text = typed.replace(/\s/g, '').replace(/^\$|\$$/g, '');
  const number = parseTypedNumber(text);
  if (number === null || number.negative) return null;
  const cents = Number(number.whole) * 100 + Number(number.fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/**
 * A number answer as typed in the page's language: English groups thousands with commas and marks
 * decimals with a point (`1,250.5`); French groups with spaces and marks decimals with a comma, or
 * a point (`1 250,5`). Unlike an amount, a number may have any count of decimals, so a lone
 * separator cannot be guessed from the digits after it. Null when it is not a number.
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

function tag(locale: OfficialLanguage): string {
  return locale === 'fr' ? 'fr-CA' : 'en-CA';
}

/** Cents written back into an amount field, without the currency sign: "1,234.50" / "1 234,50". */
export function amountInput(locale: OfficialLanguage, cents: number): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** A number answer written back into its field, as parseNumberAnswer reads it in the page's language. */
export function numberInput(locale: OfficialLanguage, value: number): string {
  return locale === 'fr' ? String(value).replace('.', ',') : String(value);
}
