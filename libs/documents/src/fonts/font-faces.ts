import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { woffToSfnt } from './woff';

export type FontWeight = 400 | 700;

/** One embeddable font file: a fontsource subset of a Noto family in one weight. */
export interface FontFace {
  /** The name the face is registered under in a PDF document, e.g. `noto-sans-latin-700`. */
  readonly name: string;
  readonly weight: FontWeight;
  readonly file: string;
  /** Code points the face draws: those its subset is meant for that the file has a glyph for. */
  readonly codePoints: ReadonlySet<number>;
}

type CodePointRange = readonly [first: number, last: number];

/** Families and subsets in the order text looks for a face: Latin first, so most text is one run. */
const FAMILIES = [
  { name: 'noto-sans', subsets: ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'devanagari'] },
  { name: 'noto-sans-canadian-aboriginal', subsets: ['canadian-aboriginal'] },
] as const;

const facesByWeight = new Map<FontWeight, readonly FontFace[]>();
const bytesByFile = new Map<string, Buffer>();

/** The faces letters are set in, in the order a code point looks for one. Read once per process. */
export function letterFaces(weight: FontWeight = 400): readonly FontFace[] {
  let faces = facesByWeight.get(weight);
  if (!faces) {
    faces = FAMILIES.flatMap((family) => familyFaces(family.name, family.subsets, weight));
    facesByWeight.set(weight, faces);
  }
  return faces;
}

/** The face as an OpenType font, read and unpacked from its WOFF file the first time only. */
export function fontBytes(face: FontFace): Buffer {
  return readFontFile(face.file);
}

function readFontFile(file: string): Buffer {
  let bytes = bytesByFile.get(file);
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(file));
    bytesByFile.set(file, bytes);
  }
  return bytes;
}

function familyFaces(family: string, subsets: readonly string[], weight: FontWeight): FontFace[] {
  // Through package.json, which every fontsource package has, so this resolves from dist/ as well.
  const directory = dirname(require.resolve(`@fontsource/${family}/package.json`));
  const unicodeRanges = JSON.parse(readFileSync(join(directory, 'unicode.json'), 'utf8')) as Record<string, string>;
  return subsets.map((subset) => {
    const unicodeRange = unicodeRanges[subset];
    if (unicodeRange === undefined) throw new Error(`@fontsource/${family} has no subset ${subset}`);
    const name = `${family}-${subset}-${weight}`;
    const file = join(directory, 'files', `${name}-normal.woff`);
    return { name, weight, file, codePoints: drawnCodePoints(parseUnicodeRange(unicodeRange), readFontFile(file)) };
  });
}

/** Parses a CSS unicode-range such as `U+0000-00FF,U+0131`. */
function parseUnicodeRange(unicodeRange: string): CodePointRange[] {
  return unicodeRange.split(',').map((part) => {
    const match = /^U\+([0-9A-F]{1,6})(?:-([0-9A-F]{1,6}))?$/i.exec(part.trim());
    if (!match) throw new Error(`unsupported unicode-range part "${part}"`);
    const first = parseInt(match[1]!, 16);
    return [first, match[2] === undefined ? first : parseInt(match[2], 16)] as const;
  });
}

/**
 * A subset's unicode-range promises more than its file holds (the Latin subset claims all of
 * U+2000–206F but has no U+202F or U+2011), so coverage is the range narrowed to the file's cmap.
 */
function drawnCodePoints(ranges: readonly CodePointRange[], bytes: Buffer): ReadonlySet<number> {
  const inRange = (codePoint: number) => ranges.some(([first, last]) => codePoint >= first && codePoint <= last);
  return new Set(fontkit().create(bytes).characterSet.filter(inRange));
}

interface Fontkit {
  create(bytes: Buffer): { readonly characterSet: readonly number[] };
}

let fontkitModule: Fontkit | undefined;

/** The fontkit pdfkit itself lays text out with, so coverage is judged by the same parser. */
function fontkit(): Fontkit {
  fontkitModule ??= createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
  return fontkitModule;
}
