import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

// Date and time, with seconds and fractions optional, and an offset (Z or ±hh:mm).
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const YEARS = { min: 1970, max: 9999 };

/**
 * An ISO 8601 instant as the body wrote it, or an invalid Date. Read strictly: JavaScript would take
 * 2026-02-30 for March 2, `true` or "1" for a date, and years PostgreSQL cannot store.
 */
export function parseInstant(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match) return new Date(Number.NaN);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const written = [calendar.getUTCFullYear(), calendar.getUTCMonth() + 1, calendar.getUTCDate(), calendar.getUTCHours(), calendar.getUTCMinutes(), calendar.getUTCSeconds()];
  if (written.some((part, index) => part !== [year, month, day, hour, minute, second][index]) || year < YEARS.min || year > YEARS.max) return new Date(Number.NaN);
  return new Date(value as string);
}

/** A body field holding an instant such as 2027-03-31T17:00:00-04:00 (a real date, years 1970–9999). */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === undefined || value === null ? value : parseInstant(value))),
    IsDate({ message: '$property must be a real date and time in ISO 8601, with its offset, such as 2027-03-31T17:00:00-04:00' }),
  );
}
