import { spawn } from 'node:child_process';
import { AwardLetterContent, DeclineLetterContent } from './letter-content';
import { LetterRenderer } from './letter-renderer';

const renderer = new LetterRenderer();

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
