import { moneyCents, moneyForInput, parseMoney } from './money';

describe('dollar amounts as people type them', () => {
  it.each([
    ['1234', 123_400],
    ['1,234.56', 123_456],
    ['1 234,56', 123_456],
    ['1\u00a0234,56\u00a0$', 123_456],
    ['1\u202f234,56 $', 123_456],
    ['1.234,56', 123_456],
    ['$85,000', 8_500_000],
    ['85 000 $', 8_500_000],
    ['$ 1,234,567.8', 123_456_780],
    ['2 500 000', 250_000_000],
    ['1,234', 123_400],
    ['1234,5', 123_450],
    ['0,5', 50],
    ['0', 0],
    ['007', 700],
    ['  85000 ', 8_500_000],
  ])('reads %j as %i cents', (typed, cents) => {
    expect(parseMoney(typed)).toEqual({ ok: true, cents });
  });

  it('is exact where floating point is not', () => {
    expect(moneyCents('0.29')).toBe(29);
    expect(moneyCents('1.15')).toBe(115);
    expect(moneyCents('90 071 992 547 409,91')).toBe(9_007_199_254_740_991);
  });

  it.each(['1.234', '12.345', '1.234.567', '1,234.567', '1234,567', '12,3456', '1,234,56', '12,34,567', '1,23.45', '1.234,567', '1,234,56.7', '1,234.5.6', '-5', '1e5', 'ten', '5 dollars', '$', ',5', '85,', '١٢٣'])(
    'refuses %j rather than guess',
    (typed) => {
      expect(parseMoney(typed)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('tells blank from wrong, and an amount it cannot count exactly', () => {
    expect(parseMoney(' \u00a0')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMoney('99 999 999 999 999 999')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(moneyCents('')).toBeNull();
  });

  it('writes cents back into an input in the page’s language, and reads them again unchanged', () => {
    expect(moneyForInput('en', 123_456)).toBe('1,234.56');
    expect(moneyForInput('fr', 123_456)).toBe('1 234,56');
    expect(moneyForInput('en', 5)).toBe('0.05');
    expect(moneyForInput('fr', 250_000_000)).toBe('2 500 000,00');
    for (const cents of [0, 1, 99, 100, 1_500_075, 100_000_000_000, 9_007_199_254_740_991]) {
      expect(moneyCents(moneyForInput('en', cents))).toBe(cents);
      expect(moneyCents(moneyForInput('fr', cents))).toBe(cents);
    }
  });
});
