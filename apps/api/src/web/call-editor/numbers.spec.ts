import { parseDecimal, parseWholeNumber } from './numbers';

describe('numbers as officers type them', () => {
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
