import { formatBusinessNumber, parseBusinessNumber } from './business-number';

describe('parseBusinessNumber', () => {
  it('reads nine digits whose last is the Luhn check digit, with or without a program account', () => {
    expect(parseBusinessNumber('123456782')).toEqual({ value: { number: '123456782', programAccount: null } });
    expect(parseBusinessNumber('123456782RR0001')).toEqual({ value: { number: '123456782', programAccount: 'RR0001' } });
    // As people type it: spaces, hyphens, lower case.
    expect(parseBusinessNumber(' 123 456 782 rr 0001 ')).toEqual({ value: { number: '123456782', programAccount: 'RR0001' } });
    expect(parseBusinessNumber('123-456-782')).toEqual({ value: { number: '123456782', programAccount: null } });
  });

  it('refuses a wrong check digit, a wrong length, letters among the digits and an unknown program', () => {
    // 1+2·2… : the check digit of 12345678 is 2, not 3.
    expect(parseBusinessNumber('123456783')).toEqual({ problem: 'CHECK_DIGIT' });
    expect(parseBusinessNumber('12345678')).toEqual({ problem: 'FORMAT' });
    expect(parseBusinessNumber('1234567820')).toEqual({ problem: 'FORMAT' });
    expect(parseBusinessNumber('12345678A')).toEqual({ problem: 'FORMAT' });
    expect(parseBusinessNumber('123456782RR001')).toEqual({ problem: 'FORMAT' });
    expect(parseBusinessNumber('123456782XX0001')).toEqual({ problem: 'PROGRAM' });
    expect(parseBusinessNumber('')).toEqual({ problem: 'FORMAT' });
  });

  it('writes it back in the form it is kept in', () => {
    const parsed = parseBusinessNumber('123 456 782 rt 0001');
    expect('value' in parsed && formatBusinessNumber(parsed.value)).toBe('123456782RT0001');
  });
});
