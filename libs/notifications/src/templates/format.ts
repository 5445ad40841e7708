import { Locale } from './email-template';

const TIME_ZONE = 'America/Toronto';

/** An instant as people in Ontario read it: "March 31, 2027 at 5:00 p.m. EDT" / "31 mars 2027 à 17 h 00 HAE". */
export function formatInstant(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** Cents as dollars: en-CA "$85,000.00", fr-CA "85 000,00 $". */
export function formatMoney(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }).format(cents / 100);
}
