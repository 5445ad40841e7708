import { execFileSync } from 'node:child_process';
import { RenderPool } from './render-pool';
import { SubmissionContent } from './submission-content';
import { SubmissionRenderer } from './submission-renderer';

// Through a render thread, as in the worker: one is enough here, and the file's tests end it.
const pool = new RenderPool(1);
const renderer = new SubmissionRenderer(pool);
afterAll(() => pool.close());

function submission(overrides: Partial<SubmissionContent> = {}): SubmissionContent {
  return {
    locale: 'en',
    fundName: 'Community-Based Supports Fund',
    callTitle: 'Survivor supports 2027',
    organizationName: 'Harbour Light Community Services',
    referenceNumber: 'CBSF-2027-0042',
    version: 2,
    // 9:05 a.m. in Toronto, already 2 p.m. in UTC.
    submittedAt: new Date('2027-03-01T14:05:00Z'),
    title: 'Safe Harbour drop-in',
    summary: 'Outreach and a drop-in.\n\nOpen every evening.',
    sections: [
      {
        title: 'About the project',
        questions: [
          { label: 'What need does it meet?', answer: { kind: 'text', text: 'Housing first' } },
          { label: 'People served', answer: { kind: 'number', value: 12500 } },
          { label: 'Delivery', answer: { kind: 'choices', labels: ['In person', 'Virtual'] } },
          { label: 'Partners confirmed?', answer: { kind: 'yesno', value: true } },
          { label: 'Start date', answer: { kind: 'date', isoDate: '2027-04-01' } },
          { label: 'Anything else?', answer: { kind: 'none' } },
        ],
      },
    ],
    budget: [
      { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
      { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe nights', amountCents: 3_500_000 },
    ],
    requestedCents: 8_500_000,
    attachments: [{ label: 'Financial statements', filename: 'statements-2026.pdf', sizeBytes: 2_516_582 }],
    ...overrides,
  };
}

const run = (command: string, args: string[], pdf: Buffer) => execFileSync(command, args, { input: pdf }).toString('utf8');
/** pdftotext's lines, with right-to-left marks taken out (the letters are as typed) and every space one space. */
const textLines = (pdf: Buffer) =>
  run('pdftotext', ['-enc', 'UTF-8', '-', '-'], pdf)
    .replace(/[\u202a-\u202c]/g, '')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u202f]+/g, ' ').trim())
    .filter((line) => line !== '');

describe('SubmissionRenderer', () => {
  it('sets out what was sent: the details, each answer in words, the budget with its total and the documents', async () => {
    const text = textLines(await renderer.render(submission())).join('\n');

    for (const expected of [
      'Application as submitted',
      'Reference number: CBSF-2027-0042',
      'Version: 2',
      'Submitted on: March 1, 2027 at 9:05 a.m. EST',
      'Organization: Harbour Light Community Services',
      'Call for proposals: Survivor supports 2027',
      'Project\nTitle\nSafe Harbour drop-in\nSummary\nOutreach and a drop-in.\nOpen every evening.',
      'What need does it meet?\nHousing first\nPeople served\n12,500\nDelivery\nIn person, Virtual\nPartners confirmed?\nYes\nStart date\nApril 1, 2027\nAnything else?\nNo answer',
      'Outreach worker',
      '$50,000.00',
      'Total requested',
      '$85,000.00',
      'Financial statements',
      'statements-2026.pdf',
      '2.4 MB',
      'CBSF-2027-0042, version 2 – page 1 of',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('writes a French organization’s version in French, its date with “1er”', async () => {
    const text = textLines(
      await renderer.render(
        submission({
          locale: 'fr',
          sections: [{ title: 'Le projet', questions: [{ label: 'Partenaires confirmés?', answer: { kind: 'yesno', value: false } }] }],
          budget: [{ fiscalYear: '2027-28', category: 'training', description: 'Ateliers', amountCents: 8_500_000 }],
          attachments: [],
        }),
      ),
    ).join('\n');

    for (const expected of ['Demande telle que soumise', 'Numéro de référence : CBSF-2027-0042', 'Date de soumission : 1er mars 2027 à 9 h 05 HNE', 'Projet\nTitre', 'Non', 'Total demandé', '85 000,00 $', 'Formation', 'Aucune pièce jointe.']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Application as submitted');
  });

  it('writes Arabic, Chinese, Cree syllabics and emoji as typed, in reading order', async () => {
    const pdf = await renderer.render(
      submission({
        organizationName: 'مركز الأمل',
        title: '希望中心',
        sections: [{ title: 'ᓀᐦᐃᔭᐍᐏᐣ', questions: [{ label: 'Name 🌱', answer: { kind: 'text', text: 'With مركز الأمل, 希望中心 and ᓀᐦᐃᔭᐍᐏᐣ 🌱' } }] }],
      }),
    );
    const lines = textLines(pdf);

    expect(lines).toContain('Organization: مركز الأمل');
    expect(lines).toContain('希望中心');
    expect(lines).toContain('ᓀᐦᐃᔭᐍᐏᐣ');
    expect(lines).toContain('Name 🌱');
    expect(lines).toContain('With مركز الأمل, 希望中心 and ᓀᐦᐃᔭᐍᐏᐣ 🌱');
    const fonts = run('pdffonts', ['-'], pdf);
    for (const family of ['NotoSansArabic', 'NotoSansSC', 'NotoSansCanadianAboriginal', 'NotoEmoji']) expect(fonts).toContain(family);
  });

  it('is a tagged PDF with its title and language', async () => {
    const pdf = await renderer.render(submission({ locale: 'fr' }));
    const info = run('pdfinfo', ['-'], pdf);

    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Demande CBSF-2027-0042, version 2$/m);
    expect(pdf.toString('latin1')).toContain('/Lang (fr-CA)');
    for (const type of ['/S /H1', '/S /H2', '/S /P', '/S /Table', '/S /TH', '/S /TD']) expect(pdf.toString('latin1')).toContain(type);
  });
});
