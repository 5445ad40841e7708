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

export function decodeCursor(cursor: string): CursorPosition {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new DomainError('invalid', 'INVALID_CURSOR', 'cursor is not one this API gave out');
  }
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
  const [tag, sequence] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (tag !== 'seq' || !sequence || !/^\d{1,19}$/.test(sequence)) throw new DomainError('invalid', 'INVALID_CURSOR', 'cursor is not one this API gave out');
  return sequence;
}

/** Builds the page from `limit + 1` rows that carry their sequence number as `seq`. */
export function toSequencePage<R extends { seq: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeSequenceCursor(last.seq) : null };
}
