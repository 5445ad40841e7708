import bidiFactory from 'bidi-js';
import { createRequire } from 'node:module';
import { FontFace, letterFaces, parsedFont } from './font-faces';
import { drawableText, splitIntoRuns } from './text-runs';

type Document = PDFKit.PDFDocument;

/** A stretch of text in one style; a line of a letter is one or more. */
export interface TextSpan {
  readonly text: string;
  readonly strong?: boolean;
}

export interface MixedScriptTextOptions {
  /** Font size in points. */
  readonly size: number;
  /** The width lines wrap within, from the document's x. */
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
  /** Extra space after each line, in points. */
  readonly lineGap?: number;
  /** Makes the text an underlined link to the address. */
  readonly link?: string;
}

/** A line as it is drawn: pieces in visual order, left to right. */
interface LaidOutLine {
  readonly pieces: readonly Piece[];
  readonly width: number;
  /** From the top of the line to the baseline the pieces share, in points. */
  readonly ascent: number;
  /** From the top of this line to the top of the next. */
  readonly advance: number;
}

interface Piece {
  readonly face: FontFace;
  readonly text: string;
  readonly width: number;
  /** Laid out as one string, so fontkit joins and orders right-to-left letters itself. */
  readonly shapedAsOne: boolean;
}

interface Run {
  readonly face: FontFace;
  readonly start: number;
  readonly end: number;
}

interface LineBreakerInstance {
  nextBreak(): { position: number; required: boolean } | null;
}

const bidi = bidiFactory();
// pdfkit's own line breaker (UAX 14), so lines break where they did when pdfkit wrapped them, and
// between Chinese characters, which have no spaces.
const LineBreaker = createRequire(require.resolve('pdfkit'))('linebreak') as new (text: string) => LineBreakerInstance;
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });
const TRAILING_SPACE = /\s+$/u;
/** fontkit lays out a string as right-to-left when its script is one of these. */
const STRONG_RIGHT_TO_LEFT = new Set(['R', 'AL']);
const registeredFaces = new WeakMap<Document, Set<string>>();
/**
 * Features for right-to-left stretches: fontkit's defaults (joining forms, ligatures, marks) without
 * `ccmp`, with which Noto Sans Arabic draws ز as the glyph of ر plus a dot. fontkit remembers one
 * set of characters per glyph, so text extraction would then read every ر as ز.
 */
const RIGHT_TO_LEFT_FEATURES = { ccmp: false } as unknown as NonNullable<PDFKit.Mixins.TextOptions["features"]>;
/**
 * Scripts whose shaping draws letters out of their typed order: a vowel sign before the consonant
 * it follows (ਸਿ, বে), a vowel in two parts around it (கொ), a reph after the cluster (र्क).
 */
const REORDERED_WHEN_SHAPED = /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}]/u;

/**
 * Writes text in any script the letter faces draw, from the document's x and y, wrapping within
 * the width, and leaves y below it. Each run is in the face that draws it; each line is broken
 * where Unicode allows, then put in visual order by the Unicode bidirectional algorithm, so an
 * Arabic name reads right to left, joined, inside an English sentence. Pieces of one line share a
 * baseline. pdftotext gives the text back in logical order. Breaks to a new page when needed.
 */
export function writeMixedScriptText(doc: Document, spans: string | readonly TextSpan[], options: MixedScriptTextOptions): void {
  const left = doc.x;
  for (const line of layOutMixedScriptText(doc, spans, options)) {
    if (doc.y + line.advance > doc.page.maxY() && doc.y > doc.page.margins.top) doc.continueOnNewPage();
    const top = doc.y;
    let x = left + alignmentOffset(options.align, options.width - line.width);
    for (const piece of line.pieces) {
      const pieceTop = top + line.ascent - (piece.face.metrics().ascender / 1000) * options.size;
      const draw = () =>
        useFace(doc, piece.face).fontSize(options.size).text(piece.text, x, pieceTop, {
          lineBreak: false,
          features: piece.shapedAsOne ? RIGHT_TO_LEFT_FEATURES : undefined,
          link: options.link ?? null,
          underline: options.link !== undefined,
        });
      if (REORDERED_WHEN_SHAPED.test(piece.text)) drawWithActualText(doc, piece.text, draw);
      else draw();
      x += piece.width;
    }
    doc.x = left;
    doc.y = top + line.advance;
  }
  doc.x = left;
}

/**
 * Draws a piece whose shaped glyphs are out of typed order with the text as typed (ActualText),
 * which text extraction and assistive technology read instead of the glyphs. The span opens and
 * closes inside pdfkit's text object (BT … ET), as cairo writes it: poppler (pdftotext, copying text
 * in Evince or Okular) places the text with the font and position in force where the span ends,
 * and after the text object pdfkit has restored them.
 */
function drawWithActualText(doc: Document, text: string, draw: () => void): void {
  const addContent = doc.addContent;
  let marking = false;
  doc.addContent = (data: string) => {
    // Marking writes content too, which goes straight through.
    if (marking) return addContent.call(doc, data);
    marking = true;
    if (data === 'ET') doc.endMarkedContent();
    addContent.call(doc, data);
    if (data === 'BT') doc.markContent('Span', { actual: text });
    marking = false;
    return doc;
  };
  try {
    draw();
  } finally {
    doc.addContent = addContent;
  }
}

/** The height the text takes when written with these options. */
export function heightOfMixedScriptText(doc: Document, spans: string | readonly TextSpan[], options: MixedScriptTextOptions): number {
  return layOutMixedScriptText(doc, spans, options).reduce((height, line) => height + line.advance, 0);
}

/** Selects the face as the document's font, embedding it the first time the document uses it. */
export function useFace(doc: Document, face: FontFace): Document {
  let names = registeredFaces.get(doc);
  if (!names) registeredFaces.set(doc, (names = new Set()));
  if (!names.has(face.name)) {
    // pdfkit's types list only a font's file or bytes; PDFFontFactory.open takes a fontkit font too.
    doc.registerFont(face.name, parsedFont(face) as Buffer);
    names.add(face.name);
  }
  return doc.font(face.name);
}

function layOutMixedScriptText(doc: Document, spans: string | readonly TextSpan[], options: MixedScriptTextOptions): LaidOutLine[] {
  const { text, runs } = runsOf(typeof spans === 'string' ? [{ text: spans }] : spans);
  const lines: LaidOutLine[] = [];
  let paragraphStart = 0;
  for (const paragraph of text.split('\n')) {
    const paragraphRuns = runsWithin(runs, paragraphStart, paragraphStart + paragraph.length);
    const measure = (start: number, end: number) => measuredWidth(doc, paragraph, paragraphRuns, start, end, options.size);
    if (paragraph === '') {
      lines.push(blankLine(options));
    } else {
      const levels = bidi.getEmbeddingLevels(paragraph, 'auto');
      for (const [start, end] of breakIntoLines(paragraph, measure, options.width)) {
        lines.push(visualLine(doc, paragraph, levels, paragraphRuns, start, end, options));
      }
    }
    paragraphStart += paragraph.length + 1;
  }
  return lines;
}

/** The spans as drawable text, and the runs of it each face draws, as offsets into the whole. */
function runsOf(spans: readonly TextSpan[]): { text: string; runs: Run[] } {
  let text = '';
  const runs: Run[] = [];
  for (const span of spans) {
    const faces = letterFaces(span.strong ? 700 : 400);
    for (const run of splitIntoRuns(drawableText(span.text, faces), faces)) {
      // A line break ends a run, so each paragraph's runs lie within it.
      for (const part of run.text.split(/(?<=\n)/)) {
        runs.push({ face: run.face, start: text.length, end: text.length + part.length });
        text += part;
      }
    }
  }
  return { text, runs };
}

/** Runs of one paragraph, as offsets into it. */
function runsWithin(runs: readonly Run[], start: number, end: number): Run[] {
  return runs
    .filter((run) => run.start < end && run.end > start)
    .map((run) => ({ face: run.face, start: Math.max(run.start, start) - start, end: Math.min(run.end, end) - start }));
}

/**
 * Greedy line breaking at the break opportunities of UAX 14: a word goes on the line when it fits
 * without its trailing spaces; a word wider than a line is cut between characters.
 */
function breakIntoLines(text: string, measure: (start: number, end: number) => number, width: number): [number, number][] {
  const lines: [number, number][] = [];
  const breaker = new LineBreaker(text);
  let lineStart = 0;
  let lineWidth = 0;
  let wordStart = 0;
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    const wordEnd = next.position;
    const trimmedEnd = wordStart + text.slice(wordStart, wordEnd).replace(TRAILING_SPACE, '').length;
    const trimmedWidth = measure(wordStart, trimmedEnd);
    if (lineStart < wordStart && lineWidth + trimmedWidth > width) {
      lines.push([lineStart, wordStart]);
      lineStart = wordStart;
      lineWidth = 0;
    }
    if (lineStart === wordStart && trimmedWidth > width) {
      for (const [start, end] of cutWord(text, wordStart, wordEnd, measure, width)) {
        if (end < wordEnd) lines.push([start, end]);
        lineStart = start;
      }
      lineWidth = measure(lineStart, wordEnd);
    } else {
      lineWidth += trimmedWidth + (trimmedEnd < wordEnd ? measure(trimmedEnd, wordEnd) : 0);
    }
    if (next.required && wordEnd < text.length) {
      lines.push([lineStart, wordEnd]);
      lineStart = wordEnd;
      lineWidth = 0;
    }
    wordStart = wordEnd;
  }
  if (lineStart < text.length) lines.push([lineStart, text.length]);
  return lines;
}

/** A word too wide for a line, in pieces that each fit (at least one character each). */
function cutWord(text: string, start: number, end: number, measure: (start: number, end: number) => number, width: number): [number, number][] {
  const pieces: [number, number][] = [];
  let pieceStart = start;
  let pieceEnd = start;
  for (const { segment, index } of GRAPHEMES.segment(text.slice(start, end))) {
    const charEnd = start + index + segment.length;
    if (pieceEnd > pieceStart && measure(pieceStart, charEnd) > width) {
      pieces.push([pieceStart, pieceEnd]);
      pieceStart = pieceEnd;
    }
    pieceEnd = charEnd;
  }
  pieces.push([pieceStart, end]);
  return pieces;
}

/** One line in visual order: each stretch of one run and one direction becomes a piece. */
function visualLine(doc: Document, text: string, levels: ReturnType<typeof bidi.getEmbeddingLevels>, runs: readonly Run[], start: number, end: number, options: MixedScriptTextOptions): LaidOutLine {
  const trimmedEnd = start + text.slice(start, end).replace(TRAILING_SPACE, '').length;
  const pieces: Piece[] = [];
  if (trimmedEnd > start) {
    // The indices of the whole paragraph, with this line's reordered in place.
    const order = bidi.getReorderedIndices(text, levels, start, trimmedEnd - 1).slice(start, trimmedEnd);
    let first = 0;
    for (let i = 1; i <= order.length; i++) {
      const index = order[i];
      const previous = order[i - 1]!;
      const rightToLeft = levels.levels[previous]! % 2 === 1;
      const continues =
        index !== undefined && levels.levels[index] === levels.levels[previous] && runAt(runs, index) === runAt(runs, previous) && index === previous + (rightToLeft ? -1 : 1);
      if (continues) continue;
      const from = Math.min(order[first]!, previous);
      const to = Math.max(order[first]!, previous) + 1;
      pieces.push(piece(doc, runAt(runs, from).face, text.slice(from, to), rightToLeft, options.size));
      first = i;
    }
  }
  const faces = pieces.length > 0 ? pieces.map((p) => p.face) : [letterFaces()[0]!];
  const ascender = Math.max(...faces.map((face) => face.metrics().ascender));
  const descender = Math.min(...faces.map((face) => face.metrics().descender));
  const lineGap = Math.max(...faces.map((face) => face.metrics().lineGap));
  return {
    pieces,
    width: pieces.reduce((width, p) => width + p.width, 0),
    ascent: (ascender / 1000) * options.size,
    advance: ((ascender - descender + lineGap) / 1000) * options.size + (options.lineGap ?? 0),
  };
}

/**
 * A stretch of right-to-left letters is laid out whole, in logical order, for fontkit to join and
 * reverse; right-to-left punctuation and spaces on their own are reversed here and mirrored, so an
 * opening parenthesis still opens towards its words.
 */
function piece(doc: Document, face: FontFace, text: string, rightToLeft: boolean, size: number): Piece {
  const shapedAsOne = rightToLeft && hasRightToLeftLetters(text);
  const drawn = rightToLeft && !shapedAsOne ? [...GRAPHEMES.segment(text)].map(({ segment }) => bidi.getMirroredCharacter(segment) ?? segment).reverse().join('') : text;
  const width = useFace(doc, face).fontSize(size).widthOfString(drawn, shapedAsOne ? { features: RIGHT_TO_LEFT_FEATURES } : {});
  return { face, text: drawn, width, shapedAsOne };
}

function hasRightToLeftLetters(text: string): boolean {
  return [...text].some((char) => STRONG_RIGHT_TO_LEFT.has(bidi.getBidiCharTypeName(char)));
}

function runAt(runs: readonly Run[], index: number): Run {
  const run = runs.find((candidate) => index >= candidate.start && index < candidate.end);
  if (!run) throw new Error(`no run at offset ${index}`);
  return run;
}

function measuredWidth(doc: Document, text: string, runs: readonly Run[], start: number, end: number, size: number): number {
  let width = 0;
  for (const run of runs) {
    const from = Math.max(run.start, start);
    const to = Math.min(run.end, end);
    const slice = text.slice(from, to);
    // Measured with the features it is drawn with: a first layout with others would fix the characters fontkit remembers for a glyph.
    if (from < to) width += useFace(doc, run.face).fontSize(size).widthOfString(slice, hasRightToLeftLetters(slice) ? { features: RIGHT_TO_LEFT_FEATURES } : {});
  }
  return width;
}

function blankLine(options: MixedScriptTextOptions): LaidOutLine {
  const { ascender, descender, lineGap } = letterFaces()[0]!.metrics();
  return { pieces: [], width: 0, ascent: (ascender / 1000) * options.size, advance: ((ascender - descender + lineGap) / 1000) * options.size + (options.lineGap ?? 0) };
}

function alignmentOffset(align: MixedScriptTextOptions['align'], room: number): number {
  if (align === 'right') return room;
  if (align === 'center') return room / 2;
  return 0;
}
