import { formatDate, formatMoney } from './format';

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
});
