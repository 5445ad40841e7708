import { BUDGET_LINE_AMOUNT_CENTS } from '@grants/applications';
import type { OfficialLanguage } from '@grants/core';

/**
 * Dollar amounts typed on a form, in either language's way (`1,234.56`, `1 234,56`, `$85,000`,
 * `85 000 $`), read as text into integer cents, never through floating point. Every page that
 * takes an amount reads it here, so that the same typing means the same money everywhere.
 */

/** The largest amount the JSON API takes for a budget line (and so for a report's spending). */
export const MAX_AMOUNT_CENTS = BUDGET_LINE_AMOUNT_CENTS.max;

export type MoneyReading = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'tooLarge' };

/**
 * Dollars to cents. Spaces of every width are ignored (French groups thousands with a no-break or
 * a narrow no-break space), and a dollar sign before or after. The last comma or point, used once
 * and followed by one or two digits, is the decimal mark; a comma followed by three digits groups
 * thousands (`1,234` is one thousand two hundred thirty-four dollars). A point groups thousands
 * only before a decimal comma (`1.234,56`). Anything that would have to be guessed (`1.234`, three
 * decimals, groups not of three, a minus sign) is `format`; `tooLarge` is more than can be counted
 * exactly; each page checks its own limit.
 */
export function parseMoney(typed: string): MoneyReading {
  const compact = typed.replace(/\s/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  const text = compact.replace(/^\$|\$$/g, '');
  if (!/^\d([\d.,]*\d)?$/.test(text)) return { ok: false, reason: 'format' };
  const last = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
  let whole = text;
  let fraction = '';
  let decimal: string | null = null;
  if (last >= 0 && text.length - last - 1 <= 2 && text.indexOf(text[last]!) === last) {
    decimal = text[last]!;
    whole = text.slice(0, last);
    fraction = text.slice(last + 1);
  }
  const digits = ungrouped(whole, decimal);
  if (digits === null) return { ok: false, reason: 'format' };
  const cents = `${digits}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const value = Number(cents);
  return cents.length > 16 || !Number.isSafeInteger(value) ? { ok: false, reason: 'tooLarge' } : { ok: true, cents: value };
}

/** Whole dollars written plainly, or grouped by threes with one mark: a comma, or a point before a decimal comma. */
function ungrouped(whole: string, decimal: string | null): string | null {
  if (/^\d+$/.test(whole)) return whole;
  const mark = whole.includes(',') ? ',' : '.';
  if (mark === decimal || (mark === '.' && decimal !== ',') || (whole.includes(',') && whole.includes('.'))) return null;
  const [first, ...rest] = whole.split(mark);
  if (!/^\d{1,3}$/.test(first!) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return [first, ...rest].join('');
}

/** The cents of what was typed, or null when it is blank or not an amount. */
export function moneyCents(typed: string): number | null {
  const reading = parseMoney(typed);
  return reading.ok ? reading.cents : null;
}

/**
 * Cents as an input shows them in the page's language, without the currency sign: `1,234.50` /
 * `1 234,50`. French groups with a plain space, as people type it (and the same on every server,
 * whatever its ICU data).
 */
export function moneyForInput(locale: OfficialLanguage, cents: number): string {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'fr' ? ' ' : ',');
  return `${whole}${locale === 'fr' ? ',' : '.'}${String(cents % 100).padStart(2, '0')}`;
}
