import { numberInput, parseNumberAnswer } from './number-answer';

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
