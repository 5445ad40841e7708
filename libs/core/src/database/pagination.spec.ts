import { decodeCursor, decodeSequenceCursor, encodeCursor, encodeSequenceCursor } from './pagination';

const forged = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const ID = '0b5d4a8e-3c1f-4e27-9a6b-2f8d1c7e5a90';

describe('cursors', () => {
  it('reads back every cursor the API gives out', () => {
    const position = { createdAt: new Date('2026-11-30T14:05:09.123Z'), id: ID };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeSequenceCursor(encodeSequenceCursor('9223372036854775807'))).toBe('9223372036854775807');
  });

  it.each([
    ['an id of 36 hyphens', `2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`],
    ['a year PostgreSQL cannot hold', `+275760-09-13T00:00:00.000Z|${ID}`],
    ['a year before any row', `1969-12-31T23:59:59.999Z|${ID}`],
    ['a date that does not exist, read loosely', `2026-02-30|${ID}`],
    ['a third part', `2026-01-01T00:00:00.000Z|${ID}|x`],
  ])('refuses a time-and-id cursor with %s', (_case, text) => {
    expect(() => decodeCursor(forged(text))).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });

  it.each([
    ['past the bigint maximum', 'seq|9223372036854775808'],
    ['of 19 nines', 'seq|9999999999999999999'],
    ['of 20 digits', 'seq|10000000000000000000'],
    ['not a number', 'seq|12a'],
  ])('refuses a sequence cursor %s', (_case, text) => {
    expect(() => decodeSequenceCursor(forged(text))).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});
