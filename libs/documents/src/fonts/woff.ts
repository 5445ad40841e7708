import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_SIZE = 44;
const WOFF_TABLE_ENTRY_SIZE = 20;
const SFNT_HEADER_SIZE = 12;
const SFNT_TABLE_RECORD_SIZE = 16;

interface WoffTable {
  tag: number;
  checksum: number;
  data: Buffer;
}

/**
 * Unpacks a WOFF 1.0 font into the OpenType (sfnt) font it wraps. fontkit reads WOFF itself, but
 * inflates tables in JavaScript every time a document opens the font; unpacking once per process
 * with zlib makes a letter several times faster to render.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < WOFF_HEADER_SIZE || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const tables = readTables(woff, woff.readUInt16BE(12));
  return writeSfnt(flavor, tables);
}

function readTables(woff: Buffer, count: number): WoffTable[] {
  return Array.from({ length: count }, (_, index) => {
    const entry = WOFF_HEADER_SIZE + index * WOFF_TABLE_ENTRY_SIZE;
    const offset = woff.readUInt32BE(entry + 4);
    const compressedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    const data = compressedLength < length ? inflateSync(stored) : stored;
    if (data.length !== length) throw new Error(`WOFF table ${index} unpacks to ${data.length} bytes, not ${length}`);
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data };
  });
}

function writeSfnt(flavor: number, tables: readonly WoffTable[]): Buffer {
  const directorySize = SFNT_HEADER_SIZE + tables.length * SFNT_TABLE_RECORD_SIZE;
  const size = tables.reduce((total, table) => total + padded(table.data.length), directorySize);
  const sfnt = Buffer.alloc(size);
  const searchPower = 2 ** Math.floor(Math.log2(Math.max(tables.length, 1)));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(tables.length, 4);
  sfnt.writeUInt16BE(searchPower * SFNT_TABLE_RECORD_SIZE, 6);
  sfnt.writeUInt16BE(Math.log2(searchPower), 8);
  sfnt.writeUInt16BE((tables.length - searchPower) * SFNT_TABLE_RECORD_SIZE, 10);
  let offset = directorySize;
  tables.forEach((table, index) => {
    const record = SFNT_HEADER_SIZE + index * SFNT_TABLE_RECORD_SIZE;
    sfnt.writeUInt32BE(table.tag, record);
    sfnt.writeUInt32BE(table.checksum, record + 4);
    sfnt.writeUInt32BE(offset, record + 8);
    sfnt.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(sfnt, offset);
    offset += padded(table.data.length);
  });
  return sfnt;
}

/** sfnt tables start on 4-byte boundaries. */
function padded(length: number): number {
  return (length + 3) & ~3;
}
