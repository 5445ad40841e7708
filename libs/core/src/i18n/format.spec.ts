import { formatDate, formatInstant, formatMoney } from './format';

describe('formatting for Ontario readers', () => {
  it('writes amounts as each language does', () => {
    expect(formatMoney('en', 8_500_000)).toBe('$85,000.00');
    expect(formatMoney('fr', 8_500_000).replace(/[\u00a0\u202f]/g, ' ')).toBe('85 000,00 $');
  });

  it('writes the first of the month as an ordinal in French only', () => {
    expect(formatDate('fr', '2027-04-01')).toBe('1er avril 2027');
    expect(formatDate('fr', '2028-01-31')).toBe('31 janvier 2028');
    expect(formatDate('en', '2027-04-01')).toBe('April 1, 2027');
  });

  it('writes the first of the month as an ordinal in French with a time too, and the hour as French writes it', () => {
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(formatInstant('fr', '2026-12-01T14:00:00Z'))).toBe('1er décembre 2026 à 9 h 00 HNE');
    expect(plain(formatInstant('fr', '2027-03-31T21:00:00Z'))).toBe('31 mars 2027 à 17 h 00 HAE');
    expect(plain(formatInstant('fr', '2027-05-01T04:05:00Z'))).toBe('1er mai 2027 à 0 h 05 HAE');
    expect(plain(formatInstant('fr', '2027-05-11T14:00:00Z'))).toBe('11 mai 2027 à 10 h 00 HAE');
    expect(plain(formatInstant('en', '2026-12-01T14:00:00Z'))).toBe('December 1, 2026 at 9:00 a.m. EST');
  });
});
