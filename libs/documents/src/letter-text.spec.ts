import { AwardLetterContent, DeclineLetterContent, LetterContent } from './letter-content';
import { LetterBlock, letterText } from './letter-text';
import { pageFooterLine } from './page-footer';

const award: AwardLetterContent = {
  kind: 'award',
  locale: 'en',
  // Already July 1 in UTC, still 10:30 p.m. on June 30 in Ontario.
  issuedAt: new Date('2026-07-01T02:30:00Z'),
  organization: { legalName: 'Harbour Light Community Services', addressLine1: '120 Water Street', addressCity: 'Thunder Bay', addressPostalCode: 'P7B 1A1' },
  referenceNumber: 'CBSF-2026-00042',
  fundName: 'Community-Based Supports Fund',
  callTitle: 'Survivor supports 2026',
  applicationTitle: 'Safe Harbour',
  officerName: 'Amira Haddad',
  contact: { email: 'office@grants.example.ca', phone: '1-800-555-0199' },
  approvedCents: 8_500_000,
  conditions: '',
  payments: [{ fiscalYear: '2026-27', amountCents: 8_500_000, dueOn: '2026-07-15' }],
  reports: [{ kind: 'final', period: '2026-27', dueOn: '2027-06-30' }],
  acceptBy: new Date('2026-07-15T21:00:00Z'),
  acceptUrl: 'https://grants.example.ca/awards/1',
};
const { kind: _kind, approvedCents: _cents, conditions: _conditions, payments: _payments, reports: _reports, acceptBy: _by, acceptUrl: _url, ...base } = award;
const decline: DeclineLetterContent = { ...base, kind: 'decline', feedback: null };

/** Every string a reader sees, block by block. */
function texts(content: LetterContent): string[] {
  const letter = letterText(content);
  return [letter.title, ...letter.blocks.flatMap(blockTexts)];
}

function blockTexts(block: LetterBlock): string[] {
  switch (block.kind) {
    case 'masthead':
      return block.lines;
    case 'heading':
      return [block.text];
    case 'paragraph':
      return block.lines.map((spans) => spans.map((span) => span.text).join(''));
    case 'link':
      return [block.url];
    case 'table':
      return [...block.columns.map((column) => column.header), ...block.rows.flat(), ...(block.total ?? [])];
    case 'signature':
      return [block.signOff, block.name, block.role];
  }
}

describe('letterText', () => {
  it('dates the letter by the Ontario calendar', () => {
    expect(texts(award)).toContain('June 30, 2026');
    expect(texts({ ...award, locale: 'fr' })).toContain('30 juin 2026');
  });

  it('follows French typography: no-break space before a colon and inside guillemets, curly apostrophes', () => {
    for (const content of [{ ...award, locale: 'fr' as const, conditions: 'Condition.' }, { ...decline, locale: 'fr' as const, feedback: 'Commentaire.' }]) {
      const french = texts(content).filter((text) => !text.startsWith('https://'));
      for (const text of french) {
        expect(text).not.toMatch(/[^\u00a0]:/);
        expect(text).not.toMatch(/'/);
        expect(text).not.toMatch(/«[^\u00a0]|[^\u00a0]»/);
      }
      expect(french.join('\n')).toContain('«\u00a0Safe Harbour\u00a0»');
    }
  });

  it('tells the organization how to reach the program office, in the letter’s language', () => {
    for (const content of [award, decline]) {
      expect(texts(content).join('\n')).toContain('please get in touch: write to office@grants.example.ca or call 1-800-555-0199.');
      expect(texts({ ...content, locale: 'fr' }).join('\n')).toContain('communiquer avec nous\u00a0: écrivez à office@grants.example.ca ou composez le 1-800-555-0199.');
    }
  });

  it('uses curly quotes and apostrophes in English', () => {
    const english = texts({ ...award, conditions: 'Condition.' }).join('\n');
    expect(english).not.toMatch(/['"]/);
    expect(english).toContain('“Safe Harbour”');
  });

  it('gives the conditions one paragraph per blank-line-separated part, keeping single line breaks', () => {
    const letter = letterText({ ...award, conditions: '\r\nFirst line\r\nsecond line\r\n\r\n \r\nSecond paragraph  \n\n' });
    const paragraphs = letter.blocks.filter((block) => block.kind === 'paragraph').map((block) => block.lines.map((spans) => spans.map((span) => span.text).join('')));

    expect(paragraphs).toContainEqual(['First line', 'second line']);
    expect(paragraphs).toContainEqual(['Second paragraph']);
  });

  it.each([null, '', ' \n\t '])('has no feedback section when the feedback is %p', (feedback) => {
    expect(texts({ ...decline, feedback })).not.toContain('Feedback on your application');
  });

  it('totals the payment schedule', () => {
    const letter = letterText({ ...award, payments: [{ fiscalYear: '2026-27', amountCents: 5_100_000, dueOn: '2026-07-15' }, { fiscalYear: '2027-28', amountCents: 3_400_000, dueOn: '2027-04-01' }] });
    const table = letter.blocks.find((block) => block.kind === 'table');

    expect(table?.kind === 'table' && table.total).toEqual(['Total', '', '$85,000.00']);
  });

  it('leaves out the schedule and reports sections when there is nothing to list', () => {
    const english = texts({ ...award, payments: [], reports: [] });
    expect(english).not.toContain('Payment schedule');
    expect(english).not.toContain('Reports');
  });

  it('names each page with the reference number', () => {
    expect(pageFooterLine(letterText(award).pageFooter, 1, 2)).toBe('CBSF-2026-00042 – page 1 of 2');
    expect(pageFooterLine(letterText({ ...decline, locale: 'fr' }).pageFooter, 2, 2)).toBe('CBSF-2026-00042 – page 2 de 2');
  });
});
