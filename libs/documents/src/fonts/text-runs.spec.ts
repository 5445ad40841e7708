import fc from 'fast-check';
import { letterFaces } from './font-faces';
import { drawableText, splitIntoRuns, uncoveredCodePoints } from './text-runs';

const faces = letterFaces(400);
const faceNames = (text: string) => splitIntoRuns(text, faces).map((run) => run.face.name);
const anyCodeUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

describe('splitIntoRuns', () => {
  it('gives back the text exactly when its runs are put together, for any string', () => {
    for (const text of [fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), anyCodeUnit]) {
      fc.assert(
        fc.property(text, (input) => {
          expect(splitIntoRuns(input, faces).map((run) => run.text).join('')).toBe(input);
        }),
        { numRuns: 500 },
      );
    }
  });

  it('starts a run only where the face changes, and never with an empty run', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const runs = splitIntoRuns(input, faces);
        for (const run of runs) expect(run.text.length).toBeGreaterThan(0);
        for (let i = 1; i < runs.length; i++) expect(runs[i]!.face).not.toBe(runs[i - 1]!.face);
      }),
    );
  });

  it('sets a French and syllabics name in a Latin run then a syllabics run', () => {
    expect(splitIntoRuns('Nouvelle Voie ᓄᓇᕗᑦ', faces).map((run) => [run.face.name, run.text])).toEqual([
      ['noto-sans-latin-400', 'Nouvelle Voie '],
      ['noto-sans-canadian-aboriginal-canadian-aboriginal-400', 'ᓄᓇᕗᑦ'],
    ]);
  });

  it('keeps a combining accent with the letter before it', () => {
    expect(splitIntoRuns('Re\u0301seau', faces).map((run) => run.text)).toEqual(['Re\u0301seau']);
    expect(faceNames('ᓄ\u0301')).toEqual(['noto-sans-canadian-aboriginal-canadian-aboriginal-400']);
  });

  it('keeps text the current face draws in its run and starts a run for another script', () => {
    expect(faceNames('ᐊᓂᔑᓈᐯᒧᐎᓐ ᑭᓇᑐᐃᓇᐣ')).toEqual([
      'noto-sans-canadian-aboriginal-canadian-aboriginal-400',
      'noto-sans-latin-400',
      'noto-sans-canadian-aboriginal-canadian-aboriginal-400',
    ]);
    expect(faceNames('Wiikwemkoong Anishinaabe Kwewag')).toEqual(['noto-sans-latin-400']);
    expect(new Set(faceNames('Łódź Đà Nẵng Ελλάδα Київ नमस्ते'))).toEqual(
      new Set(['noto-sans-latin-400', 'noto-sans-latin-ext-400', 'noto-sans-vietnamese-400', 'noto-sans-greek-400', 'noto-sans-cyrillic-400', 'noto-sans-devanagari-400']),
    );
  });

  it('keeps a code point no face draws in the current run', () => {
    expect(splitIntoRuns('Centre 中文 Nord', faces).map((run) => run.text)).toEqual(['Centre 中文 Nord']);
  });

  it('iterates by code point, so an astral character is never cut in half', () => {
    const text = 'Maison 𑪰𑪱 🪶';
    expect(splitIntoRuns(text, faces).flatMap((run) => [...run.text])).toEqual([...text]);
  });
});

describe('uncoveredCodePoints', () => {
  it('is empty for French, Latin-script Indigenous names and syllabics', () => {
    expect(uncoveredCodePoints('Services communautaires Nouvelle Voie « Été » – l’Œuvre')).toEqual([]);
    expect(uncoveredCodePoints('Wiikwemkoong Anishinaabe Kwewag ᐊᓂᔑᓈᐯᒧᐎᓐ ᑭᓇᑐᐃᓇᐣ')).toEqual([]);
  });

  it('lists each code point no face draws once', () => {
    expect(uncoveredCodePoints('中文 中 مرحبا')).toEqual(['U+4E2D', 'U+6587', 'U+0645', 'U+0631', 'U+062D', 'U+0628', 'U+0627']);
  });
});

describe('drawableText', () => {
  it('stands in for spaces and hyphens the faces have no glyph for, and drops invisible controls', () => {
    expect(drawableText('85\u202f000 $\tSaint\u2011Jean\u200e\r\nfin')).toBe('85\u00a0000 $ Saint-Jean\nfin');
  });

  it('leaves drawable text as typed', () => {
    const text = 'Re\u0301seau « Été » ᓄᓇᕗᑦ — 85\u00a0000,00\u00a0$';
    expect(drawableText(text)).toBe(text);
  });
});
