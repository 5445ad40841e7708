import { spawn } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { AwardLetterContent, DeclineLetterContent } from './letter-content';
import { LetterRenderer } from './letter-renderer';
import { RenderPool } from './render-pool';

// Through a render thread, as in the worker: one is enough here, and the file's tests end it.
const pool = new RenderPool(1);
const renderer = new LetterRenderer(pool);
afterAll(() => pool.close());

function awardLetter(overrides: Partial<AwardLetterContent> = {}): AwardLetterContent {
  return {
    kind: 'award',
    locale: 'en',
    issuedAt: new Date('2026-06-15T14:00:00Z'),
    organization: { legalName: 'Harbour Light Community Services', addressLine1: '120 Water Street', addressCity: 'Thunder Bay', addressPostalCode: 'P7B 1A1' },
    referenceNumber: 'CBSF-2026-00042',
    fundName: 'Community-Based Supports Fund',
    callTitle: 'Survivor supports 2026',
    applicationTitle: 'Safe Harbour drop-in and outreach',
    officerName: 'Amira Haddad',
    approvedCents: 8_500_000,
    conditions: 'Share the outreach schedule with the fund officer before the first payment.\n\nAcknowledge Ontario’s support in public materials.',
    payments: [
      { fiscalYear: '2026-27', amountCents: 5_100_000, dueOn: '2026-07-15' },
      { fiscalYear: '2027-28', amountCents: 3_400_000, dueOn: '2027-04-01' },
    ],
    reports: [
      { kind: 'interim', period: '2026-27', dueOn: '2027-01-31' },
      { kind: 'final', period: '2027-28', dueOn: '2028-06-30' },
    ],
    acceptBy: new Date('2026-07-15T21:00:00Z'),
    acceptUrl: 'https://grants.example.ca/awards/6f1c2d3e-0000-4000-8000-000000000001',
    ...overrides,
  };
}

function frenchAwardLetter(overrides: Partial<AwardLetterContent> = {}): AwardLetterContent {
  return awardLetter({
    locale: 'fr',
    organization: { legalName: 'Services communautaires Nouvelle Voie', addressLine1: '45, rue Principale', addressCity: 'Sudbury', addressPostalCode: 'P3E 2B7' },
    fundName: 'Fonds de soutien communautaire',
    callTitle: 'Soutien aux personnes survivantes 2026',
    applicationTitle: 'Accueil et accompagnement à Sudbury',
    conditions: 'Transmettre le calendrier des activités avant le premier paiement.',
    ...overrides,
  });
}

function declineLetter(overrides: Partial<DeclineLetterContent> = {}): DeclineLetterContent {
  const { kind: _kind, approvedCents: _cents, conditions: _conditions, payments: _payments, reports: _reports, acceptBy: _by, acceptUrl: _url, ...base } = awardLetter();
  return { ...base, kind: 'decline', feedback: 'The budget did not show how volunteers would be trained.', ...overrides };
}

function run(command: string, args: string[], pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString()}`))));
    child.stdin.end(pdf);
  });
}

/** Intl separates French thousands with no-break spaces and pdftotext lays lines out with runs of spaces. */
const normalised = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
const textOf = async (pdf: Buffer) => normalised(await run('pdftotext', ['-layout', '-', '-'], pdf));
const rawTextOf = (pdf: Buffer) => run('pdftotext', ['-', '-'], pdf);

/**
 * Glyph ids the page content draws: pdfkit writes text as `[<hex glyph ids> kerning …] TJ` in its
 * embedded subsets, where glyph 0 is .notdef, the box a font draws for a character it lacks.
 */
function drawnGlyphIds(pdf: Buffer): number[] {
  return drawnGlyphs(pdf).map((glyph) => glyph.id);
}

/** Each glyph drawn, with the font resource it is drawn in (`/F3`), in content order. */
function drawnGlyphs(pdf: Buffer): { font: string; id: number }[] {
  const glyphs: { font: string; id: number }[] = [];
  const bytes = pdf.toString('latin1');
  for (const match of bytes.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, bytes.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue;
    }
    let font = '';
    for (const [, fontName, array] of content.matchAll(/\/(\S+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (fontName) font = fontName;
      for (const [, hex] of (array ?? '').matchAll(/<([0-9a-f]*)>/gi)) glyphs.push(...hex!.match(/.{4}/g)!.map((id) => ({ font, id: parseInt(id, 16) })));
    }
  }
  return glyphs;
}

/** Glyphs of different ids (or fonts) the letter draws, with this legal name. */
async function distinctGlyphs(legalName: string): Promise<number> {
  const glyphs = drawnGlyphs(await renderer.render(awardLetter({ organization: { ...awardLetter().organization, legalName } })));
  return new Set(glyphs.map(({ font, id }) => `${font}:${id}`)).size;
}

const NAMES_IN_EVERY_SCRIPT = {
  Arabic: 'جمعية الأمل للنساء',
  Chinese: '多伦多华人社区服务中心',
  'Cree syllabics': 'ᓀᐦᐃᔭᐍᐏᐣ',
  'an emoji': 'Maison 🌱 Horizon',
  Hebrew: 'עמותת שלום לנשים',
  Persian: 'انجمن زنان ایرانی تورنتو',
  // Ontario's most spoken languages after English and French (Census 2021), in the scripts they are written in.
  'traditional Chinese': '多倫多華人社區服務中心',
  'Punjabi (Gurmukhi)': 'ਪੰਜਾਬੀ ਸਭਿਆਚਾਰਕ ਸੁਸਾਇਟੀ',
  Urdu: 'پاکستانی خواتین کی تنظیم',
  Tamil: 'தமிழ் பெண்கள் அமைப்பு',
  Gujarati: 'ગુજરાતી મહિલા મંડળ',
  Korean: '토론토 한인 여성회',
  Bengali: 'বাংলাদেশি নারী সংঘ',
  'Hindi (Devanagari)': 'हिंदी महिला संघ',
  'Amharic (Ethiopic)': 'የኢትዮጵያ ሴቶች ማህበር',
  Vietnamese: 'Hội Phụ nữ Việt Nam Nguyễn Thị Hương',
};

describe('LetterRenderer', () => {
  beforeAll(async () => {
    const started = performance.now();
    await renderer.render(awardLetter());
    console.log(`rendered the first letter, which reads and unpacks the fonts, in ${(performance.now() - started).toFixed(1)} ms`);
  });

  it('renders an English award letter with the legal name, amount, reference and schedule', async () => {
    const pdf = await renderer.render(awardLetter());
    const text = await textOf(pdf);

    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    for (const expected of [
      'Harbour Light Community Services',
      '120 Water Street',
      'Thunder Bay P7B 1A1',
      'CBSF-2026-00042',
      'Ontario’s Strategy to End Human Trafficking',
      'Community-Based Supports Fund',
      'Survivor supports 2026',
      'Safe Harbour drop-in and outreach',
      'June 15, 2026',
      'Approved amount: $85,000.00',
      'Your funding is approved',
      'Conditions of the funding',
      'Share the outreach schedule with the fund officer before the first payment.',
      'Acknowledge Ontario’s support in public materials.',
      'Payment schedule',
      '2026-27 July 15, 2026 $51,000.00',
      '2027-28 April 1, 2027 $34,000.00',
      'Total $85,000.00',
      'Interim report 2026-27 January 31, 2027',
      'Final report 2027-28 June 30, 2028',
      'an owner of your organization’s account',
      'https://grants.example.ca/awards/6f1c2d3e-0000-4000-8000-000000000001',
      'Please accept by July 15, 2026 at 5:00 p.m. EDT (Ontario time).',
      'Sincerely, Amira Haddad Fund officer',
      'CBSF-2026-00042 – page 1 of 2',
    ]) {
      expect(text).toContain(normalised(expected));
    }
  });

  it('renders a French award letter with French amounts, dates and typography', async () => {
    const text = await textOf(await renderer.render(frenchAwardLetter()));

    for (const expected of [
      'Services communautaires Nouvelle Voie',
      'Stratégie de l’Ontario pour mettre fin à la traite des personnes',
      'Votre financement est approuvé',
      'Montant approuvé : 85 000,00 $',
      'Numéro de référence : CBSF-2026-00042',
      '15 juin 2026',
      '« Accueil et accompagnement à Sudbury »',
      'Calendrier des paiements',
      '2026-27 15 juillet 2026 51 000,00 $',
      'Total 85 000,00 $',
      'Rapport provisoire 2026-27 31 janvier 2027',
      'Veuillez l’accepter au plus tard le 15 juillet 2026 à 17 h 00 HAE (heure de l’Ontario).',
      'Agente ou agent du fonds',
    ]) {
      expect(text).toContain(normalised(expected));
    }
    expect(text).not.toContain('Payment schedule');
  });

  it.each([
    ['syllabics', 'ᐊᓂᔑᓈᐯᒧᐎᓐ ᑭᓇᑐᐃᓇᐣ'],
    ['a Latin-script Indigenous language', 'Wiikwemkoong Anishinaabe Kwewag'],
    ['syllabics beside French', 'Nouvelle Voie ᓄᓇᕗᑦ'],
    ['a decomposed accent', 'Re\u0301seau des femmes autochtones'],
  ])('writes a legal name in %s exactly as typed', async (_script, legalName) => {
    const pdf = await renderer.render(awardLetter({ organization: { ...awardLetter().organization, legalName }, applicationTitle: `${legalName} — ᒥᓂᐊᐸᐃᐧᓐ` }));
    const lines = (await rawTextOf(pdf)).split('\n');

    expect(lines).toContain(legalName);
    expect(lines).toContain(`Dear team at ${legalName},`);
  });

  it.each(Object.entries(NAMES_IN_EVERY_SCRIPT))('writes a legal name and signer in %s as typed, in reading order, with no missing glyph', async (_script, name) => {
    const pdf = await renderer.render(awardLetter({ organization: { ...awardLetter().organization, legalName: name }, officerName: name, applicationTitle: name }));
    // pdftotext marks right-to-left text with U+202B … U+202C (embedding) around it; the letters are as typed.
    const lines = (await rawTextOf(pdf)).replace(/[\u202a-\u202c]/g, '').split('\n');

    expect(lines).toContain(name);
    expect(lines).toContain(`Dear team at ${name},`);
    expect(lines).toContain(`Project: ${name}`);
    expect(drawnGlyphIds(pdf).length).toBeGreaterThan(100);
    expect(drawnGlyphIds(pdf)).not.toContain(0);
  });

  it('writes Arabic, Chinese, syllabics and emoji together in one letter, each in reading order', async () => {
    const { Arabic, Chinese, 'Cree syllabics': cree, 'an emoji': emoji } = NAMES_IN_EVERY_SCRIPT;
    const pdf = await renderer.render(
      awardLetter({
        organization: { legalName: Arabic, addressLine1: `${cree} 120 Water Street`, addressCity: 'Toronto', addressPostalCode: 'M5V 1A1' },
        officerName: Chinese,
        applicationTitle: emoji,
        conditions: `Meet ${Arabic}, ${Chinese} and ${cree} each season at ${emoji}.`,
      }),
    );
    const text = normalised((await rawTextOf(pdf)).replace(/[\u202a-\u202c]/g, ''));

    for (const expected of [Arabic, `${cree} 120 Water Street`, `Dear team at ${Arabic},`, `application “${emoji}”`, `Sincerely, ${Chinese} Fund officer`, `Meet ${Arabic}, ${Chinese} and ${cree} each season at ${emoji}.`]) {
      expect(text).toContain(expected);
    }
    expect(drawnGlyphIds(pdf)).not.toContain(0);
    const fonts = await run('pdffonts', ['-'], pdf);
    for (const family of ['NotoSansArabic', 'NotoSansSC', 'NotoSansCanadianAboriginal', 'NotoEmoji']) expect(fonts).toContain(family);
  });

  it('sets a right-to-left name from right to left, its letters joined', async () => {
    /** pdftotext's words on the first line with Arabic, in logical order (-bbox gives a word's letters as drawn, left to right). */
    const arabicWords = async (legalName: string) => {
      const pdf = await renderer.render(awardLetter({ organization: { ...awardLetter().organization, legalName } }));
      const words = [...(await run('pdftotext', ['-bbox', '-', '-'], pdf)).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
        .map(([, xMin, yMin, xMax, word]) => ({ word: [...word!].reverse().join(''), xMin: Number(xMin), yMin: yMin!, xMax: Number(xMax) }))
        .filter(({ word }) => /[\u0600-\u06ff]/.test(word));
      return words.filter(({ yMin }) => yMin === words[0]!.yMin);
    };

    const [last, middle, first] = await arabicWords('جمعية الأمل للنساء');
    expect([first!.word, middle!.word, last!.word]).toEqual(['جمعية', 'الأمل', 'للنساء']);
    expect(first!.xMin).toBeGreaterThan(middle!.xMax);
    expect(middle!.xMin).toBeGreaterThan(last!.xMax);
    // Joined, three lams take three forms (initial, medial, final); kept apart by zero-width
    // non-joiners, they are one isolated form drawn three times (and the joiners, invisible).
    expect((await distinctGlyphs('للل')) - (await distinctGlyphs('ل\u200cل\u200cل'))).toBe(1);
  });

  it.each([
    ['Gurmukhi', 'ਕ੍ਰ', 'ਕ'],
    ['Gujarati', 'ક્ષ', 'ક'],
    ['Bengali', 'ক্ষ', 'ক'],
    ['Tamil', 'ஸ்ரீ', 'ஸ'],
    ['Devanagari', 'क्ष', 'क'],
  ])('shapes %s: a conjunct of consonants is drawn as one glyph, as a single letter is', async (_script, conjunct, letter) => {
    expect(await distinctGlyphs(conjunct)).toBe(await distinctGlyphs(letter));
  });

  it('includes the feedback in a decline letter when the officer wrote some', async () => {
    const text = await textOf(await renderer.render(declineLetter()));

    expect(text).toContain('Decision on your application');
    expect(text).toContain('we are not able to fund this application');
    expect(text).toContain('Feedback on your application');
    expect(text).toContain('The budget did not show how volunteers would be trained.');
    expect(text).toContain('Sincerely, Amira Haddad');
    expect(text).not.toContain('$');
  });

  it.each([null, '', '  \n '])('leaves out the feedback section when the feedback is %p', async (feedback) => {
    const text = await textOf(await renderer.render(declineLetter({ feedback })));

    expect(text).toContain('we are not able to fund this application');
    expect(text).not.toContain('Feedback on your application');
  });

  it('writes French feedback in a French decline letter', async () => {
    const { organization, fundName, callTitle, applicationTitle } = frenchAwardLetter();
    const text = await textOf(await renderer.render(declineLetter({ locale: 'fr', organization, fundName, callTitle, applicationTitle, feedback: 'Le budget ne précisait pas la formation des bénévoles.' })));

    expect(text).toContain('Décision concernant votre demande');
    expect(text).toContain('Commentaires sur votre demande');
    expect(text).toContain('Le budget ne précisait pas la formation des bénévoles.');
  });

  it('leaves out the conditions section when there are none', async () => {
    const text = await textOf(await renderer.render(awardLetter({ conditions: '' })));

    expect(text).not.toContain('Conditions of the funding');
    expect(text).toContain('Payment schedule');
  });

  it('flows long conditions over several pages', async () => {
    const paragraph = 'Hold a community gathering each season and share what you learn with the fund officer. '.repeat(6).trim();
    const pdf = await renderer.render(awardLetter({ conditions: Array.from({ length: 12 }, (_, index) => `${index + 1}. ${paragraph}`).join('\n\n') }));
    const text = await textOf(pdf);

    expect(await run('pdfinfo', ['-'], pdf)).toMatch(/^Pages:\s+[3-9]$/m);
    expect(text).toContain('12. Hold a community gathering');
    expect(text).toContain('Sincerely, Amira Haddad');
  });

  it('is a tagged PDF with its title and language', async () => {
    const pdf = await renderer.render(frenchAwardLetter());
    const info = await run('pdfinfo', ['-'], pdf);

    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Lettre d’octroi\u00a0: CBSF-2026-00042$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(pdf.toString('latin1')).toContain('/Lang (fr-CA)');
    expect(pdf.toString('latin1')).toContain('/DisplayDocTitle true');
    for (const type of ['/S /Document', '/S /H1', '/S /H2', '/S /P', '/S /Table', '/S /TR', '/S /TH', '/S /TD', '/S /Link']) {
      expect(pdf.toString('latin1')).toContain(type);
    }
  });

  it('gives an English letter its title and language', async () => {
    const pdf = await renderer.render(declineLetter());

    expect(await run('pdfinfo', ['-'], pdf)).toMatch(/^Title:\s+Decision letter: CBSF-2026-00042$/m);
    expect(pdf.toString('latin1')).toContain('/Lang (en-CA)');
  });

  it('embeds every font it uses', async () => {
    const pdf = await renderer.render(awardLetter({ organization: { ...awardLetter().organization, legalName: 'ᐊᓂᔑᓈᐯᒧᐎᓐ ᑭᓇᑐᐃᓇᐣ' } }));
    const fonts = (await run('pdffonts', ['-'], pdf)).trim().split('\n').slice(2);

    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of fonts) expect(font).toMatch(/ CID TrueType\s+Identity-H\s+yes yes yes /);
    expect(fonts.some((font) => font.includes('NotoSansCanadianAboriginal'))).toBe(true);
  });

  it('logs how long a letter takes once the fonts are loaded', async () => {
    const count = 10;
    const started = performance.now();
    for (let i = 0; i < count; i++) await renderer.render(awardLetter({ referenceNumber: `CBSF-2026-${i}` }));
    const perLetter = (performance.now() - started) / count;
    console.log(`rendered ${count} award letters in ${perLetter.toFixed(1)} ms each, fonts already loaded`);
  });
});
