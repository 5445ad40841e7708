import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { letterFaces } from './font-faces';
import { woffToSfnt } from './woff';

interface Font {
  readonly characterSet: readonly number[];
  readonly numGlyphs: number;
  glyphForCodePoint(codePoint: number): { readonly advanceWidth: number };
}
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(bytes: Buffer): Font };

/** Whether fontkit's own WOFF reader reads the font's cmap; for one Chinese slice it throws. */
function fontkitReadsWoff(file: string): boolean {
  try {
    return fontkit.create(readFileSync(file)).characterSet.length > 0;
  } catch {
    return false;
  }
}

const faces = letterFaces(700).map((face) => [face.name, face.file] as const);
const comparable = faces.filter(([, file]) => fontkitReadsWoff(file));

describe('woffToSfnt', () => {
  it('can compare nearly every face with fontkit reading the WOFF itself', () => {
    expect(faces.length - comparable.length).toBeLessThanOrEqual(1);
  });

  it.each(faces.filter((face) => !comparable.includes(face)))('unpacks %s, which fontkit cannot read as WOFF, into a font it reads', (_name, file) => {
    const woff = readFileSync(file);
    const fromSfnt = fontkit.create(woffToSfnt(woff));

    expect(fromSfnt.numGlyphs).toBe(fontkit.create(woff).numGlyphs);
    expect(fromSfnt.characterSet.length).toBeGreaterThan(0);
    expect(fromSfnt.glyphForCodePoint(fromSfnt.characterSet.at(-1)!).advanceWidth).toBeGreaterThan(0);
  });

  it.each(comparable)('unpacks %s into the same font', (_name, file) => {
    const woff = readFileSync(file);
    const fromWoff = fontkit.create(woff);
    const fromSfnt = fontkit.create(woffToSfnt(woff));

    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
    expect(fromSfnt.characterSet).toEqual(fromWoff.characterSet);
    const sample = fromWoff.characterSet.at(-1)!;
    expect(fromSfnt.glyphForCodePoint(sample).advanceWidth).toBe(fromWoff.glyphForCodePoint(sample).advanceWidth);
  });

  it('refuses what is not a WOFF font', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, not even close to 44 bytes long'))).toThrow('not a WOFF 1.0 font');
  });
});
