import {
  dateFromParts,
  datePartsOf,
  endOfOntarioDay,
  momentPartsOf,
  ontarioDateTime,
  ontarioInstant,
  parseTime,
  readDate,
  readDateParts,
  readMoment,
  readMomentFromParts,
  readMomentParts,
  timeFromParts,
} from './ontario-time';

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

  describe('dates typed in separate day, month and year fields', () => {
    it('reads the three fields into the date a date input sent, and shows a saved date back in them', () => {
      expect(readDateParts({ 'respondBy-day': '27', 'respondBy-month': '3', 'respondBy-year': '2027' }, 'respondBy')).toEqual({ day: '27', month: '3', year: '2027' });
      expect(dateFromParts({ day: '27', month: '3', year: '2027' })).toBe('2027-03-27');
      expect(dateFromParts({ day: ' 05 ', month: '03', year: '2027' })).toBe('2027-03-05');
      expect(readDate({ day: '5', month: '3', year: '2027' })).toEqual({ kind: 'ok', date: '2027-03-05' });
      expect(datePartsOf('2027-03-05')).toEqual({ day: '5', month: '3', year: '2027' });
      expect(readDate(datePartsOf('2028-02-29'))).toEqual({ kind: 'ok', date: '2028-02-29' });
    });

    it('refuses impossible, incomplete and ambiguous dates; all blank is no date', () => {
      expect(readDate({ day: '31', month: '2', year: '2027' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: '29', month: '2', year: '2027' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: '27', month: '13', year: '2027' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: '27', month: '', year: '2027' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: '27', month: '3', year: '27' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: 'le 27', month: 'mars', year: '2027' })).toEqual({ kind: 'invalid' });
      expect(readDate({ day: ' ', month: '', year: '' })).toEqual({ kind: 'blank' });
      expect(endOfOntarioDay(dateFromParts({ day: '31', month: '2', year: '2027' }))).toBeNull();
    });

    it('reads a moment from five fields on the 24-hour clock, as the old date and time inputs did', () => {
      const parts = readMomentParts({ 'closes-day': '31', 'closes-month': '3', 'closes-year': '2027', 'closes-hour': '17', 'closes-minute': '00' }, 'closes');
      expect(parts).toEqual({ day: '31', month: '3', year: '2027', hour: '17', minute: '00' });
      expect(readMomentFromParts(parts, null)).toEqual({ kind: 'ok', instant: new Date('2027-03-31T21:00:00Z') });
      expect(timeFromParts({ hour: '9', minute: '5' })).toBe('09:05');
      expect(timeFromParts({ hour: '9', minute: '' })).toBe('09:00');
      expect(timeFromParts({ hour: '', minute: '' })).toBe('');
      expect(readMomentFromParts({ day: '14', month: '3', year: '2027', hour: '2', minute: '30' }, null)).toEqual({ kind: 'nonexistent' });
      expect(readMomentFromParts({ day: '31', month: '2', year: '2027', hour: '17', minute: '00' }, null)).toEqual({ kind: 'invalidDate' });
      expect(readMomentFromParts({ day: '31', month: '3', year: '2027', hour: '24', minute: '00' }, null)).toEqual({ kind: 'invalidTime' });
      expect(readMomentFromParts({ day: '', month: '', year: '', hour: '17', minute: '00' }, null)).toEqual({ kind: 'dateMissing' });
      expect(readMomentFromParts({ day: '', month: '', year: '', hour: '', minute: '' }, null)).toEqual({ kind: 'ok', instant: null });
    });

    it('shows a saved instant in the five fields on Ontario’s clock, and reads them back to it', () => {
      const saved = new Date('2027-01-15T14:00:30Z');
      expect(momentPartsOf(saved)).toEqual({ day: '15', month: '1', year: '2027', hour: '9', minute: '00' });
      expect(readMomentFromParts(momentPartsOf(saved), saved)).toEqual({ kind: 'ok', instant: saved });
      expect(momentPartsOf(null)).toEqual({ day: '', month: '', year: '', hour: '', minute: '' });
    });
  });
});
