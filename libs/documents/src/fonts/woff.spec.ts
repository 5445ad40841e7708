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

describe('woffToSfnt', () => {
  it.each(letterFaces(700).map((face) => [face.name, face.file]))('unpacks %s into the same font', (_name, file) => {
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
