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
    expect(splitIntoRuns('Centre Հայկական Nord', faces).map((run) => run.text)).toEqual(['Centre Հայկական Nord']);
  });

  it('sets Arabic, Hebrew, Chinese and emoji each in a face of their family', () => {
    // Chinese and emoji come in many slices, a file each, so a word may take several runs of one family.
    const families: [string, string][] = [];
    for (const run of splitIntoRuns('Centre جمعية الأمل שלום 多伦多 🌱', faces)) {
      const family = run.face.name.replace(/-(latin|arabic|hebrew|\d+)-400$/, '');
      if (families.at(-1)?.[0] === family) families.at(-1)![1] += run.text;
      else families.push([family, run.text]);
    }
    expect(families).toEqual([
      ['noto-sans', 'Centre '],
      ['noto-sans-arabic', 'جمعية'],
      ['noto-sans', ' '],
      ['noto-sans-arabic', 'الأمل'],
      ['noto-sans', ' '],
      ['noto-sans-hebrew', 'שלום'],
      ['noto-sans', ' '],
      ['noto-sans-sc', '多伦多'],
      ['noto-sans', ' '],
      ['noto-emoji', '🌱'],
    ]);
  });

  it('keeps an emoji sequence joined by U+200D, and a flag, in one face', () => {
    for (const emoji of ['👩‍👩‍👧', '🇨🇦', '❤️', '👍🏽']) {
      const runs = splitIntoRuns(`Maison ${emoji}`, faces);
      expect(runs.at(-1)).toMatchObject({ text: emoji });
      expect([...runs.at(-1)!.text].every((char) => /\p{M}/u.test(char) || runs.at(-1)!.face.draws(char.codePointAt(0)!))).toBe(true);
    }
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

  it('is empty for Arabic, Persian, Hebrew, Chinese and emoji', () => {
    expect(uncoveredCodePoints('جمعية الأمل للنساء — انجمن زنان ایرانی — עמותת שלום')).toEqual([]);
    expect(uncoveredCodePoints('多伦多华人社区服务中心 Maison 🌱 Horizon 👩‍👩‍👧 🇨🇦')).toEqual([]);
  });

  it.each([
    ['Mandarin and Cantonese, in simplified and traditional characters', '多伦多华人社区服务中心 多倫多華人社區服務中心 香港嘅婦女會'],
    ['Punjabi (Gurmukhi)', 'ਪੰਜਾਬੀ ਸਭਿਆਚਾਰਕ ਸੁਸਾਇਟੀ ਕ੍ਰਿਪਾ'],
    ['Urdu', 'پاکستانی خواتین کی تنظیم ٹورنٹو'],
    ['Tagalog and Spanish', 'Samahang Pilipino ng Toronto — Asociación de Niñas Hispanas ¿Qué tal?'],
    ['Tamil', 'தமிழ் பெண்கள் அமைப்பு ஸ்ரீ'],
    ['Persian', 'انجمن زنان ایرانی گ چ پ ژ'],
    ['Gujarati', 'ગુજરાતી મહિલા મંડળ શ્રી'],
    ['Korean (Hangul)', '토론토 한인 여성회 똠방각하'],
    ['Vietnamese', 'Hội Phụ nữ Việt Nam Nguyễn Thị Hương Đặng'],
    ['Bengali', 'বাংলাদেশি নারী সংঘ শ্রী ক্ষমা'],
    ['Russian and Greek', 'Русская община Торонто — Ελληνική Κοινότητα'],
    ['Amharic and Tigrinya (Ethiopic)', 'የኢትዮጵያ ሴቶች ማህበር — ማሕበር ደቂ ኣንስትዮ ኤርትራ'],
    ['Inuktitut, Cree and Ojibwe syllabics', 'ᐃᓄᒃᑎᑐᑦ ᓀᐦᐃᔭᐍᐏᐣ ᐊᓂᔑᓈᐯᒧᐎᓐ'],
  ])('is empty for %s, in regular and bold', (_language, text) => {
    expect(uncoveredCodePoints(text, letterFaces(400))).toEqual([]);
    expect(uncoveredCodePoints(text, letterFaces(700))).toEqual([]);
  });

  it('lists each code point no face draws once', () => {
    expect(uncoveredCodePoints('Հայ Հ ქართ')).toEqual(['U+0540', 'U+0561', 'U+0575', 'U+10E5', 'U+10D0', 'U+10E0', 'U+10D7']);
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
