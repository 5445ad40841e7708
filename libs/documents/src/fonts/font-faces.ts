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
  /**
   * Whether the face has a glyph for the code point: one its subset is meant for that the file's
   * cmap has. The file is read the first time a code point of its subset is asked about, so the
   * hundred Chinese subsets cost nothing until a Chinese name is written.
   */
  draws(codePoint: number): boolean;
  /** Vertical metrics in thousandths of the font size, as pdfkit sets lines with them. */
  metrics(): FaceMetrics;
}

export interface FaceMetrics {
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
}

type CodePointRange = readonly [first: number, last: number];

/**
 * Spaces, hyphens and direction marks that the other scripts' subsets also list but Noto Sans
 * lacks: they are stood in for (a plain space, a hyphen-minus) or dropped, as in Latin text,
 * rather than switching face for one character. Joiners (U+200C, U+200D) stay: Arabic and emoji
 * sequences need them.
 */
const STOOD_IN_FOR = 'U+2000-200B,U+200E-2011,U+2028-202F,U+205F-206F';

/**
 * Families and subsets in the order text looks for a face: Latin first, so most text is one run.
 * `numbered` stands for the many slices fontsource cuts a large family into (`[0]` to `[119]`
 * for Chinese, `[0]` to `[10]` for emoji), each a file of its own.
 */
const FAMILIES: readonly { name: string; subsets: readonly string[] | 'numbered'; without?: string }[] = [
  { name: 'noto-sans', subsets: ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'devanagari'] },
  { name: 'noto-sans-canadian-aboriginal', subsets: ['canadian-aboriginal'], without: STOOD_IN_FOR },
  { name: 'noto-sans-arabic', subsets: ['arabic'], without: STOOD_IN_FOR },
  { name: 'noto-sans-hebrew', subsets: ['hebrew'], without: STOOD_IN_FOR },
  { name: 'noto-sans-gurmukhi', subsets: ['gurmukhi'], without: STOOD_IN_FOR },
  { name: 'noto-sans-gujarati', subsets: ['gujarati'], without: STOOD_IN_FOR },
  { name: 'noto-sans-bengali', subsets: ['bengali'], without: STOOD_IN_FOR },
  { name: 'noto-sans-tamil', subsets: ['tamil'], without: STOOD_IN_FOR },
  { name: 'noto-sans-ethiopic', subsets: ['ethiopic'], without: STOOD_IN_FOR },
  // Simplified Chinese also draws the traditional characters, Cantonese ones and Japanese kana.
  { name: 'noto-sans-sc', subsets: 'numbered', without: STOOD_IN_FOR },
  // Hangul only: the ideographs Korean shares with Chinese are found in Noto Sans SC first.
  { name: 'noto-sans-kr', subsets: 'numbered', without: STOOD_IN_FOR },
  // Noto Emoji is the monochrome emoji font: pdfkit embeds outlines, not colour bitmaps.
  { name: 'noto-emoji', subsets: 'numbered', without: STOOD_IN_FOR },
];

const facesByWeight = new Map<FontWeight, readonly FontFace[]>();
const bytesByFile = new Map<string, Buffer>();
const fontsByFile = new Map<string, FontkitFont>();

/** The faces letters are set in, in the order a code point looks for one. Listed once per process. */
export function letterFaces(weight: FontWeight = 400): readonly FontFace[] {
  let faces = facesByWeight.get(weight);
  if (!faces) {
    faces = FAMILIES.flatMap((family) => familyFaces(family.name, family.subsets, family.without, weight));
    facesByWeight.set(weight, faces);
  }
  return faces;
}

/**
 * The face as fontkit parses it, from its WOFF file unpacked, the first time only (per thread),
 * through the fontkit pdfkit lays the face out with, mended. pdfkit takes a parsed font as well as
 * a font's bytes and makes each document's subset from it: parsing the bytes again for every
 * document (cmap, layout tables, glyphs) took about a quarter of a letter's time and made most of
 * its garbage.
 */
export function parsedFont(face: FontFace): object {
  let font = fontsByFile.get(face.file);
  if (!font) {
    font = fontkit().create(readFontFile(face.file));
    fontsByFile.set(face.file, font);
  }
  return font;
}

function readFontFile(file: string): Buffer {
  let bytes = bytesByFile.get(file);
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(file));
    bytesByFile.set(file, bytes);
  }
  return bytes;
}

function familyFaces(family: string, subsets: readonly string[] | 'numbered', without: string | undefined, weight: FontWeight): FontFace[] {
  // Through package.json, which every fontsource package has, so this resolves from dist/ as well.
  const directory = dirname(require.resolve(`@fontsource/${family}/package.json`));
  const unicodeRanges = JSON.parse(readFileSync(join(directory, 'unicode.json'), 'utf8')) as Record<string, string>;
  const keys = subsets === 'numbered' ? numberedSubsets(unicodeRanges) : subsets;
  return keys.map((key) => {
    const unicodeRange = unicodeRanges[key];
    if (unicodeRange === undefined) throw new Error(`@fontsource/${family} has no subset ${key}`);
    const name = `${family}-${key.replace(/^\[(\d+)\]$/, '$1')}-${weight}`;
    const ranges = parseUnicodeRange(unicodeRange);
    return lazyFace(name, weight, join(directory, 'files', `${name}-normal.woff`), ranges, without === undefined ? [] : parseUnicodeRange(without));
  });
}

/** `[0]`, `[1]`, … in order, so faces are listed the same way in every process. */
function numberedSubsets(unicodeRanges: Record<string, string>): string[] {
  return Object.keys(unicodeRanges)
    .filter((key) => /^\[\d+\]$/.test(key))
    .sort((a, b) => parseInt(a.slice(1), 10) - parseInt(b.slice(1), 10));
}

function lazyFace(name: string, weight: FontWeight, file: string, ranges: readonly CodePointRange[], excluded: readonly CodePointRange[]): FontFace {
  let loaded: { codePoints: ReadonlySet<number>; metrics: FaceMetrics } | undefined;
  const load = () => (loaded ??= readFace(file, ranges));
  return {
    name,
    weight,
    file,
    draws: (codePoint) => inRanges(ranges, codePoint) && !inRanges(excluded, codePoint) && load().codePoints.has(codePoint),
    metrics: () => load().metrics,
  };
}

/** Parses a CSS unicode-range such as `U+0000-00FF,U+0131` into sorted ranges. */
function parseUnicodeRange(unicodeRange: string): CodePointRange[] {
  const ranges = unicodeRange
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const match = /^U\+([0-9A-F]{1,6})(?:-([0-9A-F]{1,6}))?$/i.exec(part.trim());
      if (!match) throw new Error(`unsupported unicode-range part "${part}"`);
      const first = parseInt(match[1]!, 16);
      return [first, match[2] === undefined ? first : parseInt(match[2], 16)] as const;
    });
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Binary search: a Chinese slice lists hundreds of single code points. */
function inRanges(ranges: readonly CodePointRange[], codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * A subset's unicode-range promises more than its file holds (the Latin subset claims all of
 * U+2000–206F but has no U+202F or U+2011), so coverage is the range narrowed to the file's cmap.
 */
function readFace(file: string, ranges: readonly CodePointRange[]): { codePoints: ReadonlySet<number>; metrics: FaceMetrics } {
  const font = fontkit().create(readFontFile(file));
  const scale = 1000 / font.unitsPerEm;
  return {
    codePoints: new Set(font.characterSet.filter((codePoint) => inRanges(ranges, codePoint))),
    metrics: { ascender: font.ascent * scale, descender: font.descent * scale, lineGap: font.lineGap * scale },
  };
}

interface Fontkit {
  create(bytes: Buffer): FontkitFont;
}

interface FontkitFont {
  readonly characterSet: readonly number[];
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  layout(text: string): unknown;
  /** fontkit's own, made by the first layout: how to reach the GPOS processor it has no export for. */
  readonly _layoutEngine?: { readonly engine?: { readonly GPOSProcessor?: object } };
}

type ApplyAnchor = (this: unknown, markRecord: { readonly markAnchor: unknown }, baseAnchor: unknown, baseGlyphIndex: number) => void;

let fontkitModule: Fontkit | undefined;

/** The fontkit pdfkit itself lays text out with, so coverage is judged by the same parser. */
function fontkit(): Fontkit {
  if (!fontkitModule) {
    fontkitModule = createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
    skipMissingMarkAnchors(fontkitModule.create(readFontFile(letterFaces()[0]!.file)));
  }
  return fontkitModule;
}

/**
 * A mark positioning lookup may have no anchor for a mark class on some base (a NULL offset, which
 * the OpenType spec allows): Noto Sans Gurmukhi has none for the u-matra or the tippi in its
 * above-base lookup. fontkit 2.0.4 then throws while laying the word out (foliojs/fontkit#367).
 * HarfBuzz leaves such a mark where the font draws it, and so does fontkit once its GPOS processor,
 * which it does not export, is reached through a font and mended for every font.
 */
function skipMissingMarkAnchors(font: FontkitFont): void {
  font.layout('a');
  const gposProcessor = font._layoutEngine?.engine?.GPOSProcessor;
  const prototype = gposProcessor && (Object.getPrototypeOf(gposProcessor) as { applyAnchor?: ApplyAnchor });
  const applyAnchor = prototype?.applyAnchor;
  if (!prototype || typeof applyAnchor !== 'function') throw new Error('fontkit no longer has GPOSProcessor.applyAnchor: see whether foliojs/fontkit#367 is fixed, then mend or drop skipMissingMarkAnchors');
  prototype.applyAnchor = function (markRecord, baseAnchor, baseGlyphIndex) {
    if (markRecord.markAnchor && baseAnchor) applyAnchor.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
}
