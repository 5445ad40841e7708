import { typedText } from './fields';

/**
 * Moments typed on a form as a date (and a time) on Ontario's wall clock (America/Toronto) and
 * stored as instants. The conversion uses Intl with the zone named, never the server's own zone.
 */
const ZONE = 'America/Toronto';
const HOUR_MS = 3600_000;

const wallClockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instantMs: number): WallClock {
  const parts = Object.fromEntries(wallClockFormat.formatToParts(new Date(instantMs)).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far Ontario's clock is from UTC at this instant, in milliseconds (EST: −5 h, EDT: −4 h). */
function offsetAt(instantMs: number): number {
  const wall = wallClock(instantMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** The date (`2027-03-31`) and time (`17:00`) an instant shows on an Ontario wall clock. */
export function ontarioDateTime(instant: Date): { date: string; time: string } {
  const wall = wallClock(instant.getTime());
  return { date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`, time: `${pad(wall.hour)}:${pad(wall.minute)}` };
}

export type OntarioInstant =
  | { kind: 'ok'; instant: Date }
  | { kind: 'invalidDate' }
  | { kind: 'invalidTime' }
  /** The clocks jump over this time (the spring change, 2:00 to 3:00 a.m.). */
  | { kind: 'nonexistent' };

/** A calendar date written `YYYY-MM-DD` (what a date input sends) from 1900 on, or null. */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { year, month, day } : null;
}

/** A time of day: `17:00` (what a time input sends), `17:00:00`, or as French writes it, `17 h 00` / `17h`. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})\s*(?::|h)\s*(\d{2})?(?::00)?$/i.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/**
 * The instant at which Ontario's wall clock shows this date and time. In the autumn, when 1:00 to
 * 2:00 a.m. happens twice, the first (daylight time) is meant; in the spring, 2:00 to 3:00 a.m. does
 * not happen at all and is refused rather than moved.
 */
export function ontarioInstant(dateText: string, timeText: string): OntarioInstant {
  const date = parseDate(dateText);
  if (!date) return { kind: 'invalidDate' };
  const time = parseTime(timeText);
  if (!time) return { kind: 'invalidTime' };
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // The zone's offset a day either side covers both the standard and the daylight offset.
  const offsets = [...new Set([offsetAt(wallAsUtc - 24 * HOUR_MS), offsetAt(wallAsUtc + 24 * HOUR_MS)])];
  const matches = offsets
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => {
      const wall = wallClock(candidate);
      return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) === wallAsUtc;
    })
    .sort((a, b) => a - b);
  return matches.length === 0 ? { kind: 'nonexistent' } : { kind: 'ok', instant: new Date(matches[0]!) };
}

/**
 * The last moment (23:59:59.999) of a calendar day (`2027-05-15`, as a date input sends it) in
 * Ontario time; null unless it is a real date. Ontario changes its clocks at 2 a.m., so the
 * offset at the end of the day is the day's evening offset.
 */
export function endOfOntarioDay(dateText: string): Date | null {
  const date = parseDate(dateText);
  if (!date) return null;
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59, 999);
  return new Date(wallAsUtc - offsetAt(wallAsUtc - offsetAt(wallAsUtc)));
}

export type MomentReading =
  | { kind: 'ok'; instant: Date | null }
  | { kind: 'dateMissing' | 'timeMissing' | 'invalidDate' | 'invalidTime' | 'nonexistent' };

/**
 * Reads a date and a time typed on a form: both blank is "not set yet". When they show the saved
 * instant unchanged, the saved instant is kept as it was (it may carry seconds the form does not show).
 */
export function readMoment(dateText: string, timeText: string, saved: Date | null): MomentReading {
  const date = dateText.trim();
  const time = timeText.trim();
  if (date === '' && time === '') return { kind: 'ok', instant: null };
  if (date === '') return { kind: 'dateMissing' };
  if (time === '') return { kind: 'timeMissing' };
  const reading = ontarioInstant(date, time);
  if (reading.kind !== 'ok') return reading;
  if (saved) {
    const shown = ontarioDateTime(saved);
    const typed = ontarioDateTime(reading.instant);
    if (shown.date === typed.date && shown.time === typed.time) return { kind: 'ok', instant: saved };
  }
  return reading;
}

// ---- dates typed in separate fields ----

/**
 * A date as typed in the day, month and year fields of a date field (views/form.ts `dateField`),
 * kept as typed so that a refused date is shown back exactly. Separate fields cannot be misread the
 * way "03/04/2027" can (March 4 or April 3), in either language.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** A moment typed as a date and a time on the 24-hour clock (`17` and `00`). */
export interface MomentParts extends DateParts {
  hour: string;
  minute: string;
}

export const DATE_PART_NAMES = ['day', 'month', 'year'] as const;
export const MOMENT_PART_NAMES = ['day', 'month', 'year', 'hour', 'minute'] as const;
export const EMPTY_DATE_PARTS: DateParts = { day: '', month: '', year: '' };
export const EMPTY_MOMENT_PARTS: MomentParts = { ...EMPTY_DATE_PARTS, hour: '', minute: '' };

/** The name (and id) of one of a date field's inputs: `respondBy-day`. */
export function datePartName(name: string, part: (typeof MOMENT_PART_NAMES)[number]): string {
  return `${name}-${part}`;
}

/** The day, month and year fields named `<name>-day`, `<name>-month`, `<name>-year`, as posted. */
export function readDateParts(body: Record<string, unknown>, name: string): DateParts {
  return { day: typedText(body[datePartName(name, 'day')]), month: typedText(body[datePartName(name, 'month')]), year: typedText(body[datePartName(name, 'year')]) };
}

/** The date fields and the `<name>-hour` and `<name>-minute` fields, as posted. */
export function readMomentParts(body: Record<string, unknown>, name: string): MomentParts {
  return { ...readDateParts(body, name), hour: typedText(body[datePartName(name, 'hour')]), minute: typedText(body[datePartName(name, 'minute')]) };
}

const unpadded = (text: string): string => (/^\d+$/.test(text) ? String(Number(text)) : text);

/** A saved calendar date (`2027-03-05`) as its fields show it: 5, 3, 2027. */
export function datePartsOf(isoDate: string): DateParts {
  const date = parseDate(isoDate);
  return date ? { day: String(date.day), month: String(date.month), year: String(date.year) } : EMPTY_DATE_PARTS;
}

/** A saved instant as its fields show it on Ontario's wall clock: 31, 3, 2027, 17, 00. */
export function momentPartsOf(instant: Date | null): MomentParts {
  if (!instant) return EMPTY_MOMENT_PARTS;
  const { date, time } = ontarioDateTime(instant);
  const [hour, minute] = time.split(':') as [string, string];
  return { ...datePartsOf(date), hour: unpadded(hour), minute };
}

const padded = (text: string): string => (/^\d$/.test(text) ? `0${text}` : text);

/**
 * The date the three fields spell, as a date input sent it (`2027-03-27` from 27, 3, 2027): '' when
 * all three are blank; otherwise text that `parseDate` refuses unless it is a real date, so 31, 2, 2027
 * and a missing month are refused where the old single field's value was.
 */
export function dateFromParts(parts: DateParts): string {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (day === '' && month === '' && year === '') return '';
  return `${year}-${padded(month)}-${padded(day)}`;
}

/** The time the hour and minute fields spell, as a time input sent it (`09:05`): '' when both are blank; a blank minute is :00. */
export function timeFromParts(parts: Pick<MomentParts, 'hour' | 'minute'>): string {
  const [hour, minute] = [parts.hour.trim(), parts.minute.trim()];
  if (hour === '' && minute === '') return '';
  return `${padded(hour)}:${minute === '' ? '00' : padded(minute)}`;
}

/** A calendar date read from its three fields: blank, a real date (`2027-03-27`), or refused. */
export function readDate(parts: DateParts): { kind: 'blank' } | { kind: 'ok'; date: string } | { kind: 'invalid' } {
  const text = dateFromParts(parts);
  if (text === '') return { kind: 'blank' };
  return parseDate(text) ? { kind: 'ok', date: text } : { kind: 'invalid' };
}

/** `readMoment` for a moment typed in five fields. */
export function readMomentFromParts(parts: MomentParts, saved: Date | null): MomentReading {
  return readMoment(dateFromParts(parts), timeFromParts(parts), saved);
}
