import { endOfOntarioDay, ontarioDateTime, ontarioInstant, parseTime, readMoment } from './ontario-time';

const iso = (date: string, time: string): string => {
  const reading = ontarioInstant(date, time);
  if (reading.kind !== 'ok') throw new Error(`${date} ${time}: ${reading.kind}`);
  return reading.instant.toISOString();
};

describe('Ontario wall-clock time', () => {
  it('reads standard time in winter and daylight time in summer', () => {
    expect(iso('2027-01-15', '09:00')).toBe('2027-01-15T14:00:00.000Z');
    expect(iso('2027-03-31', '17:00')).toBe('2027-03-31T21:00:00.000Z');
    expect(iso('2027-12-31', '23:59')).toBe('2028-01-01T04:59:00.000Z');
    expect(iso('2028-02-29', '00:00')).toBe('2028-02-29T05:00:00.000Z');
  });

  it('refuses the hour the clocks skip in spring, and reads both sides of it', () => {
    // 2027-03-14: clocks go from 2:00 EST to 3:00 EDT.
    expect(iso('2027-03-14', '01:59')).toBe('2027-03-14T06:59:00.000Z');
    expect(ontarioInstant('2027-03-14', '02:00')).toEqual({ kind: 'nonexistent' });
    expect(ontarioInstant('2027-03-14', '02:30')).toEqual({ kind: 'nonexistent' });
    expect(iso('2027-03-14', '03:00')).toBe('2027-03-14T07:00:00.000Z');
  });

  it('takes the first, daylight-time, occurrence of the hour that happens twice in autumn', () => {
    // 2027-11-07: clocks go from 2:00 EDT back to 1:00 EST.
    expect(iso('2027-11-07', '00:30')).toBe('2027-11-07T04:30:00.000Z');
    expect(iso('2027-11-07', '01:30')).toBe('2027-11-07T05:30:00.000Z');
    expect(iso('2027-11-07', '02:00')).toBe('2027-11-07T07:00:00.000Z');
  });

  it('does not depend on the server’s time zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Pacific/Auckland', 'Asia/Kolkata', 'UTC', 'America/Vancouver']) {
        process.env.TZ = zone;
        expect(iso('2027-03-31', '17:00')).toBe('2027-03-31T21:00:00.000Z');
        expect(ontarioDateTime(new Date('2027-11-07T06:30:00Z'))).toEqual({ date: '2027-11-07', time: '01:30' });
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('shows an instant as an Ontario date and time, and reads it back to the same instant', () => {
    expect(ontarioDateTime(new Date('2027-03-31T21:00:00Z'))).toEqual({ date: '2027-03-31', time: '17:00' });
    expect(ontarioDateTime(new Date('2027-01-01T04:59:00Z'))).toEqual({ date: '2026-12-31', time: '23:59' });
    for (const instant of ['2027-03-14T06:59:00.000Z', '2027-03-14T07:00:00.000Z', '2027-11-07T05:30:00.000Z', '2027-11-07T07:00:00.000Z']) {
      const shown = ontarioDateTime(new Date(instant));
      expect(iso(shown.date, shown.time)).toBe(instant);
    }
  });

  it('refuses dates and times that do not exist on a calendar or a clock', () => {
    expect(ontarioInstant('2027-02-29', '12:00')).toEqual({ kind: 'invalidDate' });
    expect(ontarioInstant('31/03/2027', '12:00')).toEqual({ kind: 'invalidDate' });
    expect(ontarioInstant('2027-13-01', '12:00')).toEqual({ kind: 'invalidDate' });
    expect(ontarioInstant('2027-03-31', '24:00')).toEqual({ kind: 'invalidTime' });
    expect(ontarioInstant('2027-03-31', '5 pm')).toEqual({ kind: 'invalidTime' });
  });

  it('takes a date alone as the end of that day in Ontario, summer and winter', () => {
    // Eastern daylight time (UTC−4) in July, standard time (UTC−5) in January.
    expect(endOfOntarioDay('2027-07-15')?.toISOString()).toBe('2027-07-16T03:59:59.999Z');
    expect(endOfOntarioDay('2027-01-15')?.toISOString()).toBe('2027-01-16T04:59:59.999Z');
    // The days the clocks change.
    expect(endOfOntarioDay('2027-03-14')?.toISOString()).toBe('2027-03-15T03:59:59.999Z');
    expect(endOfOntarioDay('2027-11-07')?.toISOString()).toBe('2027-11-08T04:59:59.999Z');
    expect(ontarioDateTime(endOfOntarioDay('2027-07-15')!).date).toBe('2027-07-15');
    for (const wrong of ['2027-02-30', '15/07/2027', '2027-7-15', 'tomorrow', '0999-01-01']) expect(endOfOntarioDay(wrong)).toBeNull();
  });

  it('reads times as inputs send them and as French writes them', () => {
    expect(parseTime('17:00')).toEqual({ hour: 17, minute: 0 });
    expect(parseTime('17:05:00')).toEqual({ hour: 17, minute: 5 });
    expect(parseTime('17 h 30')).toEqual({ hour: 17, minute: 30 });
    expect(parseTime('9h')).toEqual({ hour: 9, minute: 0 });
    expect(parseTime('9')).toBeNull();
  });

  it('reads a form’s date and time: blank is not set, half is missing, unchanged keeps the saved instant', () => {
    expect(readMoment('', ' ', null)).toEqual({ kind: 'ok', instant: null });
    expect(readMoment('2027-03-31', '', null)).toEqual({ kind: 'timeMissing' });
    expect(readMoment('', '17:00', null)).toEqual({ kind: 'dateMissing' });
    expect(readMoment('2027-03-14', '02:15', null)).toEqual({ kind: 'nonexistent' });
    const saved = new Date('2027-03-31T21:00:42.500Z');
    expect(readMoment('2027-03-31', '17:00', saved)).toEqual({ kind: 'ok', instant: saved });
    expect(readMoment('2027-03-31', '17:01', saved)).toEqual({ kind: 'ok', instant: new Date('2027-03-31T21:01:00.000Z') });
  });
});
