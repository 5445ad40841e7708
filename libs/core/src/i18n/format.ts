/** The two official languages every page, email and letter is offered in. */
export type OfficialLanguage = 'en' | 'fr';

const TIME_ZONE = 'America/Toronto';

function tag(locale: OfficialLanguage): string {
  return locale === 'fr' ? 'fr-CA' : 'en-CA';
}

/**
 * An instant as people in Ontario read it: "March 31, 2027 at 5:00 p.m. EDT" / "31 mars 2027 à 17 h 00 HAE",
 * "1er décembre 2026 à 9 h 00 HNE".
 */
export function formatInstant(locale: OfficialLanguage, iso: string | Date): string {
  const parts = new Intl.DateTimeFormat(tag(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: TIME_ZONE,
  }).formatToParts(new Date(iso));
  if (locale === 'en') return parts.map((part) => part.value).join('');
  // French writes the first of the month as an ordinal and the hour without a leading zero ("9 h 05"); Intl does neither.
  return parts
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.type === 'hour' ? String(Number(part.value)) : part.value))
    .join('');
}

/** A calendar date (`2027-04-01`), which has no time zone: "April 1, 2027" / "1er avril 2027". */
export function formatDate(locale: OfficialLanguage, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const formatted = new Intl.DateTimeFormat(tag(locale), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year!, month! - 1, day!)),
  );
  // French writes the first of the month as an ordinal; Intl does not.
  return locale === 'fr' && day === 1 ? formatted.replace(/^1 /, '1er ') : formatted;
}

/** Cents as dollars: en-CA "$85,000.00", fr-CA "85 000,00 $". */
export function formatMoney(locale: OfficialLanguage, cents: number): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }).format(cents / 100);
}

/** A score or a mean to one decimal, as the language writes it: "72.4" / "72,4". */
export function formatScore(locale: OfficialLanguage, score: number): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 }).format(score);
}

/** A file's size as the language writes it: "12.3 kB", "3.4 MB" / "12,3 ko", "3,4 Mo". */
export function formatFileSize(locale: OfficialLanguage, bytes: number): string {
  const megabytes = bytes >= 1024 * 1024;
  const format = new Intl.NumberFormat(tag(locale), { style: 'unit', unit: megabytes ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 });
  return format.format(megabytes ? bytes / (1024 * 1024) : Math.max(bytes / 1024, 0.1));
}
