import { DomainError } from '../errors/domain-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface CursorPosition {
  createdAt: Date;
  id: string;
}

/** Opaque keyset cursor: the last item's creation time and id, newest first. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Every row was created after 1970; a year past 9999 is one PostgreSQL would refuse, or read otherwise.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10_000, 0, 1);
const MAX_BIGINT = 9_223_372_036_854_775_807n;

function invalidCursor(): DomainError {
  return new DomainError('invalid', 'INVALID_CURSOR', 'cursor is not one this API gave out');
}

export function decodeCursor(cursor: string): CursorPosition {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt ?? '');
  const time = date.getTime();
  // Only what encodeCursor writes: an ISO time, to the millisecond, and a uuid.
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(time) || time < EARLIEST || time >= LATEST || date.toISOString() !== createdAt) throw invalidCursor();
  return { createdAt: date, id };
}

/** Builds the page from `limit + 1` rows fetched newest first. */
export function toPage<R extends CursorPosition, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Opaque cursor over an ever-increasing sequence number (the audit trail's order of writing). */
export function encodeSequenceCursor(sequence: string): string {
  return Buffer.from(`seq|${sequence}`, 'utf8').toString('base64url');
}

export function decodeSequenceCursor(cursor: string): string {
  const [tag, sequence, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // A sequence number is a PostgreSQL bigint: more would be refused by the database itself.
  if (rest.length > 0 || tag !== 'seq' || !sequence || !/^\d{1,19}$/.test(sequence) || BigInt(sequence) > MAX_BIGINT) throw invalidCursor();
  return sequence;
}

/** Builds the page from `limit + 1` rows that carry their sequence number as `seq`. */
export function toSequencePage<R extends { seq: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeSequenceCursor(last.seq) : null };
}
