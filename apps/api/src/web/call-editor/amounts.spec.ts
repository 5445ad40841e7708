import { dollarsForInput, parseDecimal, parseDollars, parseWholeNumber } from './amounts';

const cents = (text: string): number | string => {
  const reading = parseDollars(text);
  return reading.kind === 'ok' ? reading.value : reading.kind;
};

describe('dollar amounts as officers type them', () => {
  it('reads English and French writing to the same cents', () => {
    expect(cents('1,234.56')).toBe(123_456);
    expect(cents('1 234,56')).toBe(123_456);
    expect(cents('1\u00a0234,56')).toBe(123_456);
    expect(cents('1\u202f234,56 $')).toBe(123_456);
    expect(cents('$1,234.56')).toBe(123_456);
    expect(cents('1.234,56')).toBe(123_456);
    expect(cents('2,500,000.00')).toBe(250_000_000);
    expect(cents('2 500 000')).toBe(250_000_000);
  });

  it('reads whole dollars, one decimal and grouping without cents', () => {
    expect(cents('1234')).toBe(123_400);
    expect(cents('1234.5')).toBe(123_450);
    expect(cents('12,5')).toBe(1250);
    expect(cents('1,234')).toBe(123_400);
    expect(cents('0')).toBe(0);
    expect(cents('007')).toBe(700);
  });

  it('is exact where floating point is not', () => {
    expect(cents('0.29')).toBe(29);
    expect(cents('1.15')).toBe(115);
    expect(cents('90 071 992 547 409,91')).toBe(9_007_199_254_740_991);
  });

  it('refuses what it cannot read without guessing', () => {
    for (const text of ['1,234,56', '1.2.3', '12,3456', '1234,567', '-5', '1e5', 'ten', '1.234.5', '1,234.567', ',50', '$', '1 234,56,7', '99 999 999 999 999 999']) {
      expect([text, cents(text)]).toEqual([text, 'invalid']);
    }
    expect(cents('  ')).toBe('empty');
  });

  it('shows cents back in the page’s language, and reads them again unchanged', () => {
    expect(dollarsForInput('en', 123_456)).toBe('1,234.56');
    expect(dollarsForInput('fr', 123_456)).toBe('1 234,56');
    expect(dollarsForInput('en', 5)).toBe('0.05');
    expect(dollarsForInput('fr', 250_000_000)).toBe('2 500 000,00');
    for (const value of [1, 99, 100, 1_500_075, 9_007_199_254_740_991]) {
      expect(cents(dollarsForInput('en', value))).toBe(value);
      expect(cents(dollarsForInput('fr', value))).toBe(value);
    }
  });

  it('reads whole numbers and decimals with a point or a comma', () => {
    expect(parseWholeNumber('24')).toEqual({ kind: 'ok', value: 24 });
    expect(parseWholeNumber('100 000')).toEqual({ kind: 'ok', value: 100_000 });
    expect(parseWholeNumber('2.5').kind).toBe('invalid');
    expect(parseDecimal('1,5')).toEqual({ kind: 'ok', value: 1.5 });
    expect(parseDecimal('-2')).toEqual({ kind: 'ok', value: -2 });
    expect(parseDecimal('−2.25')).toEqual({ kind: 'ok', value: -2.25 });
    expect(parseDecimal('1,234.5').kind).toBe('invalid');
    expect(parseDecimal('').kind).toBe('empty');
  });
});
