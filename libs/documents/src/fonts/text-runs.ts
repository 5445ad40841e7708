import { FontFace, letterFaces } from './font-faces';

/** A stretch of text drawn in one face. */
export interface TextRun {
  face: FontFace;
  text: string;
}

const COMBINING_MARK = /^\p{M}$/u;
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Splits text into runs, each in the first face that draws its first character. A character is a
 * grapheme cluster: a letter with its combining marks, or an emoji sequence joined by U+200D, which
 * only the face holding the whole sequence draws as one picture. A character the current face draws
 * stays in the current run, so spaces and punctuation do not break a run; a character no face draws
 * stays where it is (at the very start, in the first face). The runs put together are the text, exactly.
 */
export function splitIntoRuns(text: string, faces: readonly FontFace[]): TextRun[] {
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  for (const { segment: char } of GRAPHEMES.segment(text)) {
    const face = current && drawsAll(current.face, char) ? current.face : (faceFor(char, faces) ?? current?.face ?? faces[0]);
    if (!face) throw new Error('splitIntoRuns needs at least one face');
    if (face === current?.face) {
      current.text += char;
    } else {
      current = { face, text: char };
      runs.push(current);
    }
  }
  return runs;
}

/**
 * The text as it can be drawn: line breaks as `\n`, and a character no face has a glyph for
 * replaced by one that looks the same where there is one (an ordinary or no-break space for the
 * typographic spaces, a hyphen-minus for the other hyphens), or dropped when it is invisible anyway
 * (control and format characters). Everything else is left as typed.
 */
export function drawableText(text: string, faces: readonly FontFace[] = letterFaces()): string {
  return text.replace(/\r\n?/g, '\n').replace(/[^\n]/gu, (char) => (isDrawn(char, faces) ? char : standIn(char)));
}

/**
 * Code points of the text, as `U+XXXX`, that would be drawn as a missing glyph: no embedded face
 * has them and they have no stand-in. Callers log them; the letter is still rendered.
 */
export function uncoveredCodePoints(text: string, faces: readonly FontFace[] = letterFaces()): string[] {
  const uncovered = new Set<string>();
  for (const char of drawableText(text, faces)) {
    if (char !== '\n' && !isDrawn(char, faces)) uncovered.add(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...uncovered];
}

/**
 * Whether the face draws the character: its base and any code point joined to it, such as the
 * parts of an emoji sequence. Combining marks go with their letter's face, as a subset's range
 * often leaves out marks its file has a glyph for.
 */
function drawsAll(face: FontFace, char: string): boolean {
  return [...char].every((unit, index) => (index > 0 && COMBINING_MARK.test(unit)) || face.draws(unit.codePointAt(0)!));
}

/** The first face that draws the whole character, or else the first that draws its base. */
function faceFor(char: string, faces: readonly FontFace[]): FontFace | undefined {
  return faces.find((face) => drawsAll(face, char)) ?? firstFaceDrawing(char, faces);
}

function firstFaceDrawing(char: string, faces: readonly FontFace[]): FontFace | undefined {
  const codePoint = char.codePointAt(0)!;
  return faces.find((face) => face.draws(codePoint));
}

function isDrawn(char: string, faces: readonly FontFace[]): boolean {
  return firstFaceDrawing(char, faces) !== undefined;
}

const NO_BREAK_SPACES = new Set(['\u2007', '\u202f']);

function standIn(char: string): string {
  if (char === '\t') return ' ';
  if (/\p{Zs}/u.test(char)) return NO_BREAK_SPACES.has(char) ? '\u00a0' : ' ';
  if (/\p{Pd}/u.test(char)) return '-';
  if (/[\p{Cc}\p{Cf}]/u.test(char)) return '';
  return char;
}
