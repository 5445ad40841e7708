import { amountInput, numberInput, parseAmountCents, parseNumberAnswer } from './amount';
import { APPLY_SCRIPT } from './apply.script';

describe('amounts as people type them', () => {
  it.each([
    ['1234', 123_400],
    ['1 234,56', 123_456],
    ['1\u00a0234,56', 123_456],
    ['1\u202f234,56 $', 123_456],
    ['1,234.56', 123_456],
    ['1.234,56', 123_456],
    ['$1234', 123_400],
    ['$ 1,234', 123_400],
    ['1,234', 123_400],
    ['1.234', 123_400],
    ['12,345,678.9', 1_234_567_890],
    ['0.5', 50],
    ['1,5', 150],
    ['0', 0],
    ['  85000 ', 8_500_000],
  ])('reads %j as %i cents', (typed, cents) => {
    expect(parseAmountCents(typed)).toBe(cents);
  });

  it.each(['', 'abc', '12a', '-5', '1,23,456', '1234.567', '1,234.5.6', '1.234,567', '1,234,56.7', '1.', ',5', '$', '1e5', '١٢٣'])('refuses %j', (typed) => {
    expect(parseAmountCents(typed)).toBeNull();
  });

  it('writes saved cents back in the way each language reads them again', () => {
    expect(amountInput('en', 123_456)).toBe('1,234.56');
    expect(parseAmountCents(amountInput('en', 123_456))).toBe(123_456);
    expect(amountInput('fr', 123_456).replace(/\s/g, ' ')).toBe('1 234,56');
    expect(parseAmountCents(amountInput('fr', 123_456))).toBe(123_456);
    expect(parseAmountCents(amountInput('fr', 100_000_000_000))).toBe(100_000_000_000);
  });

  it('reads amounts in the browser script the same way (its copy of the rule)', () => {
    // The script defines parseAmountCents inside its closure; run that closure's function here.
    const source = /function parseAmountCents\(typed\) \{[\s\S]*?\n {2}\}\n/.exec(APPLY_SCRIPT)?.[0];
    expect(source).toBeDefined();
    const inBrowser = new Function(`${source!}; return parseAmountCents;`)() as (typed: string) => number | null;
    for (const typed of ['1234', '1 234,56', '1,234.56', '1.234,56', '$1234', '1,234', '0.5', '1,5', '', 'abc', '-5', '1,23,456', '1234.567', '1.', '12,345,678.9']) {
      expect({ typed, cents: inBrowser(typed) }).toEqual({ typed, cents: parseAmountCents(typed) });
    }
  });
});

describe('number answers', () => {
  it('reads English with comma groups and a decimal point', () => {
    expect(parseNumberAnswer('1,250', 'en')).toBe(1250);
    expect(parseNumberAnswer('1250.75', 'en')).toBe(1250.75);
    expect(parseNumberAnswer('0.125', 'en')).toBe(0.125);
    expect(parseNumberAnswer('-3', 'en')).toBe(-3);
    expect(parseNumberAnswer('1,25', 'en')).toBeNull();
    expect(parseNumberAnswer('twelve', 'en')).toBeNull();
  });

  it('reads French with space groups and a decimal comma (or point)', () => {
    expect(parseNumberAnswer('1 250', 'fr')).toBe(1250);
    expect(parseNumberAnswer('1\u202f250,5', 'fr')).toBe(1250.5);
    expect(parseNumberAnswer('0,125', 'fr')).toBe(0.125);
    expect(parseNumberAnswer('2.5', 'fr')).toBe(2.5);
    expect(parseNumberAnswer('1,250,000', 'fr')).toBeNull();
  });

  it('writes a saved number back so that it reads the same', () => {
    expect(numberInput('en', 0.125)).toBe('0.125');
    expect(parseNumberAnswer(numberInput('fr', 0.125), 'fr')).toBe(0.125);
    expect(parseNumberAnswer(numberInput('en', 1250), 'en')).toBe(1250);
  });
});
