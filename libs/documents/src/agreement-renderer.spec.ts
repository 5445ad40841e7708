import { spawn } from 'node:child_process';
import { AgreementContent } from './agreement-content';
import { AgreementRenderer } from './agreement-renderer';
import { agreementText } from './agreement-text';
import { RenderPool } from './render-pool';

// Through a render thread, as in the worker: one is enough here, and the file's tests end it.
const pool = new RenderPool(1);
const renderer = new AgreementRenderer(pool);
afterAll(() => pool.close());

// Clauses written here rather than taken from the awards library, which depends on this one.
function agreement(overrides: Partial<AgreementContent> = {}): AgreementContent {
  return {
    locale: 'en',
    version: 2,
    amendmentReason: 'The second year’s outreach moves to the spring.',
    // Already June 16 in UTC, still June 15 in Ontario.
    preparedAt: new Date('2026-06-16T02:30:00Z'),
    referenceNumber: 'CBSF-2026-00042',
    fundName: 'Community-Based Supports Fund',
    callTitle: 'Survivor supports 2026',
    recipient: {
      legalName: 'Harbour Light Community Services',
      operatingName: 'Harbour Light',
      businessNumber: '123456782RR0001',
      addressLine1: '120 Water Street',
      addressCity: 'Thunder Bay',
      addressPostalCode: 'P7B 1A1',
    },
    signingAuthorities: [{ name: 'Grace Okafor', title: 'Executive Director' }],
    schedules: {
      a: {
        termsVersion: 'CBSF-2026.1',
        clauses: [
          {
            heading: { en: 'Records, inspection and audit', fr: 'Dossiers, inspection et vérification' },
            text: { en: 'The Recipient keeps records for at least seven years.', fr: 'Le bénéficiaire conserve ses dossiers pendant au moins sept ans.' },
          },
          {
            heading: { en: 'Amendments', fr: 'Modifications' },
            text: { en: 'This agreement may be amended only in writing, executed by both parties.', fr: 'L’entente ne peut être modifiée que par écrit, signé par les deux parties.' },
          },
        ],
      },
      b: { conditions: 'Share the outreach schedule before the first payment.\n\nAcknowledge Ontario’s support in public materials.' },
      c: {
        title: 'Safe Harbour drop-in and outreach',
        description: 'Evening drop-in and street outreach.',
        startsOn: '2026-07-01',
        endsOn: '2028-03-31',
        outcomeMeasures: [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }],
      },
      d: {
        lines: [
          { fiscalYear: '2026-27', category: 'personnel', amountCents: 5_100_000 },
          { fiscalYear: '2027-28', category: 'program_delivery', amountCents: 3_400_000 },
        ],
        totalCents: 8_500_000,
      },
      e: {
        instalments: [
          { position: 1, fiscalYear: '2026-27', dueOn: '2026-07-15', amountCents: 5_100_000, condition: 'execution' },
          { position: 2, fiscalYear: '2027-28', dueOn: '2027-04-01', amountCents: 3_400_000, condition: 'prior_report' },
        ],
        holdbackPercent: 10,
        holdbackCents: 850_000,
      },
      f: {
        reports: [
          { kind: 'interim', period: '2026-27', dueOn: '2027-04-30' },
          { kind: 'final', period: '2027-28', dueOn: '2028-06-30' },
        ],
      },
    },
    ...overrides,
  };
}

function frenchAgreement(): AgreementContent {
  const english = agreement();
  return agreement({
    locale: 'fr',
    amendmentReason: 'L’accompagnement de la deuxième année est reporté au printemps.',
    fundName: 'Fonds de soutien communautaire',
    callTitle: 'Soutien aux personnes survivantes 2026',
    recipient: { ...english.recipient, businessNumber: null, operatingName: null },
    signingAuthorities: [{ name: 'Chantal Lévesque', title: 'Directrice générale' }],
  });
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

describe('AgreementRenderer', () => {
  it('sets out an English amendment: the parties, each schedule, the amounts, the holdback and who may sign', async () => {
    const pdf = await renderer.render(agreement());
    const text = await textOf(pdf);

    for (const expected of [
      'Ontario’s Strategy to End Human Trafficking',
      'Transfer Payment Agreement',
      'Version 2 – amendment',
      'Reason for this amendment: The second year’s outreach moves to the spring.',
      'His Majesty the King in right of Ontario, as represented by the Minister of Children, Community and Social Services',
      'Harbour Light Community Services',
      'Operating as: Harbour Light',
      'Business Number: 123456782RR0001',
      'Thunder Bay P7B 1A1',
      'Reference number: CBSF-2026-00042',
      'Prepared on: June 15, 2026',
      'Schedule A – General terms and conditions',
      'version CBSF-2026.1',
      'A1. Records, inspection and audit',
      'The Recipient keeps records for at least seven years.',
      'Schedule B – Project-specific provisions',
      'Share the outreach schedule before the first payment.',
      'Schedule C – The project',
      'Start date: July 1, 2026',
      'End date: March 31, 2028',
      '• People served',
      'Schedule D – Budget',
      '2026-27 Personnel $51,000.00',
      '2027-28 Program delivery $34,000.00',
      'Total $85,000.00',
      'no line drops by more than 10% or rises by more than 20%',
      'Schedule E – Payment plan',
      // The condition wraps in its column, under the row's other cells.
      '2026-27 July 15, 2026 On execution of this $51,000.00 agreement',
      '2027-28 April 1, 2027 After the report for $34,000.00 the previous fiscal year is accepted',
      '10% ($8,500.00) of the last instalment is held back until the Province accepts the final report.',
      'Schedule F – Reports',
      'Interim report 2026-27 April 30, 2027',
      'Final report 2027-28 June 30, 2028',
      'SHA-256 fingerprint of this PDF',
      'Grace Okafor, Executive Director',
    ]) {
      expect(text).toContain(normalised(expected));
    }
    expect(text).toMatch(/CBSF-2026-00042, agreement v2 – page 1 of \d/);
  });

  it('writes a French agreement in French, with French amounts, dates and typography', async () => {
    const text = await textOf(await renderer.render(frenchAgreement()));

    for (const expected of [
      'Entente de paiement de transfert',
      'Version 2 – modification',
      'Motif de la modification : L’accompagnement de la deuxième année est reporté au printemps.',
      'Sa Majesté le Roi du chef de l’Ontario, représenté par le ministre des Services à l’enfance et des Services sociaux et communautaires',
      '(le « bénéficiaire »)',
      'Aucun numéro d’entreprise',
      'Date de préparation : 15 juin 2026',
      'Annexe A – Conditions générales',
      'A2. Modifications',
      'Le bénéficiaire conserve ses dossiers pendant au moins sept ans.',
      'Annexe B – Dispositions propres au projet',
      'Annexe C – Le projet',
      'Date de début : 1er juillet 2026',
      '• Personnes servies',
      'Annexe D – Budget',
      '2027-28 Prestation du programme 34 000,00 $',
      'Total 85 000,00 $',
      'ne diminue de plus de 10 % ni n’augmente de plus de 20 %',
      'Annexe E – Calendrier des paiements',
      '2027-28 1er avril 2027 Après l’acceptation du 34 000,00 $ rapport de l’exercice précédent',
      'La province retient 10 % (8 500,00 $) du dernier versement jusqu’à ce qu’elle accepte le rapport final.',
      'Annexe F – Rapports',
      'Rapport provisoire 2026-27 30 avril 2027',
      'empreinte SHA-256 du présent PDF',
      'Chantal Lévesque, Directrice générale',
    ]) {
      expect(text).toContain(normalised(expected));
    }
    expect(text).toMatch(/CBSF-2026-00042, entente v2 – page 1 de \d/);
    expect(text).not.toContain('Schedule A');
    expect(text).not.toContain('Operating as');
  });

  it('states a first version without an amendment, and says so when there are no project-specific provisions', async () => {
    const english = agreement();
    const text = await textOf(await renderer.render(agreement({ version: 1, amendmentReason: null, schedules: { ...english.schedules, b: { conditions: ' \n ' } } })));

    expect(text).toContain('Version 1');
    expect(text).not.toContain('amendment Reason');
    expect(text).not.toContain('Reason for this amendment');
    expect(text).toContain('There are no project-specific provisions');
    expect(text).toMatch(/CBSF-2026-00042, agreement v1 – page 1 of \d/);
  });

  it('keeps the paragraphs of the conditions as the officer typed them', () => {
    const { blocks } = agreementText(agreement());
    const start = blocks.findIndex((block) => block.kind === 'heading' && block.text.startsWith('Schedule B'));
    const end = blocks.findIndex((block) => block.kind === 'heading' && block.text.startsWith('Schedule C'));

    // The introduction, then one paragraph each.
    expect(blocks.slice(start + 1, end)).toHaveLength(3);
  });

  it('is a tagged PDF with its title and language', async () => {
    const french = await renderer.render(frenchAgreement());
    const english = await renderer.render(agreement());

    expect(await run('pdfinfo', ['-'], french)).toMatch(/^Tagged:\s+yes$/m);
    expect(await run('pdfinfo', ['-'], french)).toMatch(/^Title:\s+Entente de paiement de transfert CBSF-2026-00042, version\u00a02$/m);
    expect(french.toString('latin1')).toContain('/Lang (fr-CA)');
    expect(await run('pdfinfo', ['-'], english)).toMatch(/^Title:\s+Transfer Payment Agreement CBSF-2026-00042, version 2$/m);
    expect(await run('pdfinfo', ['-'], english)).toMatch(/^Subject:\s+Community-Based Supports Fund – Survivor supports 2026$/m);
    expect(english.toString('latin1')).toContain('/Lang (en-CA)');
    for (const type of ['/S /H1', '/S /H2', '/S /P', '/S /Table', '/S /TH', '/S /TD']) expect(english.toString('latin1')).toContain(type);
  });
});
